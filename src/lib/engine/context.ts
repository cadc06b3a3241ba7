// Which standards an inspection rates, from its context facts, and what it means that one is
// not recorded (rules/README.md: context facts). An unknown fact is never read as false.
import type { Inspection, Standard, Warning } from './types';
import type { Model } from './model';

export interface Coverage {
	/** standards the inspection does not rate */
	notRated: Set<string>;
	/** standard → what was assumed because a fact `ratedWhen` reads is unknown */
	assumed: Map<string, { facts: string[]; assumed: string }>;
	/** standard → the evidence it holds that takes no part, because the context makes it not rated */
	unused: Map<string, string[]>;
}

/** What the inspection holds for a standard, in words ("a judgement", "case answers"); empty if nothing. */
export function evidenceFor(model: Model, standard: Standard, inspection: Inspection): string[] {
	const held: string[] = [];
	const kqIds = new Set(standard.keyQuestions.map((kq) => kq.id));
	const promptIds = new Set(standard.keyQuestions.flatMap((kq) => kq.prompts.map((p) => p.id)));
	const tallies = inspection.tallies ?? {};
	if (Object.keys(tallies).some((id) => kqIds.has(id) && Object.hasOwn(tallies, id))) held.push('tallies');
	const answered = (inspection.cases ?? []).some((c) =>
		Object.entries(c.answers ?? {}).some(([id, answer]) => (kqIds.has(id) || promptIds.has(id)) && answer !== 'n/a')
	);
	if (answered) held.push('case answers');
	const judgement = Object.hasOwn(inspection.judgements ?? {}, standard.id) ? inspection.judgements![standard.id] : undefined;
	if (judgement && (Object.keys(judgement.keyQuestions ?? {}).length || Object.keys(judgement.prompts ?? {}).length)) held.push('a judgement');
	if (judgement?.rating) held.push('a proposed rating');
	if (Object.hasOwn(inspection.decisions ?? {}, standard.id)) held.push('a panel decision');
	return held;
}

export async function coverage(model: Model, inspection: Inspection, context: Record<string, unknown>, warnings: Warning[]): Promise<Coverage> {
	const { fired, undecided } = await model.rules.rated.run(context);
	const result: Coverage = { notRated: new Set(), assumed: new Map(), unused: new Map() };
	const missingFacts = new Map<string, string[]>(); // fact → what was assumed, per standard

	for (const domain of model.framework.domains) {
		for (const standard of domain.standards) {
			// The domain's condition and the standard's own must both allow rating it.
			const gates = [domain.ratedWhen && domain.id, standard.ratedWhen && standard.id].filter((k): k is string => !!k);
			if (!gates.length) continue;
			const ruledOut = gates.some((k) => !fired.has(k) && !undecided.has(k));
			const unknown = [...new Set(gates.flatMap((k) => undecided.get(k) ?? []))];
			if (!ruledOut && !unknown.length) continue; // rated, as the context says
			const held = evidenceFor(model, standard, inspection);
			if (ruledOut) {
				result.notRated.add(standard.id);
				if (held.length) {
					result.unused.set(standard.id, held);
					const note = (standard.ratedWhen ?? domain.ratedWhen)?.note?.replace(/\.$/, '');
					warnings.push({
						code: 'evidence-not-rated',
						subject: standard.id,
						message: `${standard.id} is not rated in this inspection${note ? ` (${note})` : ''}, but the inspection holds ${list(held)} for it: kept, and taking no part in the ratings`
					});
				}
			} else {
				const assumed = held.length
					? `rated, because the inspection holds ${list(held)} for it`
					: 'not rated, because the inspection holds no evidence for it';
				if (!held.length) result.notRated.add(standard.id);
				result.assumed.set(standard.id, { facts: unknown, assumed });
				for (const fact of unknown) missingFacts.set(fact, [...(missingFacts.get(fact) ?? []), `${standard.id} is ${assumed}`]);
			}
		}
	}
	for (const [fact, assumptions] of missingFacts) {
		warnings.push({ code: 'context-fact-missing', subject: fact, message: `${unknownFactText(model, fact)}: ${assumptions.join('; ')}` });
	}
	return result;
}

/** What it means that a context fact is not recorded, from its declaration's `whenUnknown`. */
export function whenUnknown(model: Model, fact: string): string {
	if (fact === 'inspectionType') return 'the inspection type is not recorded';
	return declaration(model, fact)?.whenUnknown ?? `${fact} is not recorded`;
}

/** "Resettlement cases … is not recorded (what that means)", for a warning. */
export function unknownFactText(model: Model, fact: string): string {
	const declared = declaration(model, fact);
	return declared ? `${declared.label} is not recorded (${declared.whenUnknown})` : whenUnknown(model, fact);
}

const declaration = (model: Model, fact: string) => (model.framework.meta.contextFacts ?? []).find((f) => f.id === fact);

function list(items: string[]): string {
	return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
