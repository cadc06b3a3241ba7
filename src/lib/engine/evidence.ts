// Evidence to counts: which cases each key question applies to, and how many were answered yes.
import type { FrameworkVersion, Inspection, Warning } from './types';
import { unknownFactText } from './context';
import { modelOf, type Model } from './model';

export interface Tally {
	relevant: number;
	yes: number;
}

/** Per case-based key question, tallies and per-case answers added together. */
export async function tallyEvidence(
	model: Model,
	inspection: Inspection,
	contextFacts: Record<string, unknown>,
	warnings: Warning[]
): Promise<Map<string, Tally>> {
	const tallies = new Map<string, Tally>();
	for (const [id, entry] of model.keyQuestions) {
		if (entry.keyQuestion.kind === 'case') tallies.set(id, { relevant: 0, yes: 0 });
	}
	for (const [id, tally] of Object.entries(inspection.tallies ?? {})) {
		const total = tallies.get(id);
		if (!total) continue;
		total.relevant += tally.relevant;
		total.yes += tally.yes;
	}

	// Cases with the same sample and facts have the same relevant key questions: ask the rules once.
	const relevantBySignature = new Map<string, { fired: ReadonlySet<string>; undecided: ReadonlyMap<string, readonly string[]> }>();
	const unknownFacts = new Map<string, Set<string>>(); // fact → key questions it left undecided
	const unanswered = new Map<string, number>();
	const declared = (model.framework.meta.caseFacts ?? []).map((f) => f.id);
	for (const c of inspection.cases ?? []) {
		const facts = c.facts ?? {};
		let signature = c.sample;
		for (const id of declared) signature += '\u0000' + String(facts[id]);
		let rules = relevantBySignature.get(signature);
		if (!rules) {
			rules = await relevance(model, { ...contextFacts, ...facts, sample: c.sample });
			relevantBySignature.set(signature, rules);
		}
		const answers = c.answers ?? {};
		// Relevance that reads an unknown context fact is undecided: an answer of yes or no is the evidence.
		let relevant = rules.fired;
		if (rules.undecided.size) {
			const widened = new Set(rules.fired);
			for (const [id, unknown] of rules.undecided) {
				if (answers[id] === 'yes' || answers[id] === 'no') widened.add(id);
				for (const fact of unknown) unknownFacts.set(fact, (unknownFacts.get(fact) ?? new Set()).add(id));
			}
			relevant = widened;
		}
		for (const id in answers) {
			const total = tallies.get(id);
			if (!total) continue; // a prompt: recorded, not counted
			const answer = answers[id];
			if (!relevant.has(id)) {
				if (answer !== 'n/a' && !rules.undecided.has(id)) {
					warnings.push({ code: 'answer-not-relevant', subject: id, message: `case ${c.id}: ${id} is answered ${answer}, but it is not relevant to this case (${why(model, id)}); not counted` });
				}
			} else if (answer === 'n/a') {
				warnings.push({ code: 'answer-na-relevant', subject: id, message: `case ${c.id}: ${id} is answered n/a, but the rules make it relevant to this case; not counted` });
			} else {
				total.relevant += 1;
				if (answer === 'yes') total.yes += 1;
			}
		}
		for (const id of relevant) if (!(id in answers)) unanswered.set(id, (unanswered.get(id) ?? 0) + 1);
	}
	for (const [id, count] of unanswered) {
		warnings.push({ code: 'cases-unanswered', subject: id, message: `${id}: ${count} relevant ${count === 1 ? 'case is' : 'cases are'} not answered yet` });
	}
	for (const [fact, ids] of unknownFacts) {
		warnings.push({
			code: 'context-fact-missing',
			subject: fact,
			message: `${unknownFactText(model, fact)}: cases answered yes or no to ${[...ids].join(', ')} are counted as relevant, the others are not`
		});
	}
	return tallies;
}

const NONE: ReadonlyMap<string, readonly string[]> = new Map();

/** The case-based key questions relevant to a case of this sample with these facts, and those left undecided. */
async function relevance(model: Model, facts: Record<string, unknown> & { sample: string }): Promise<{ fired: ReadonlySet<string>; undecided: ReadonlyMap<string, readonly string[]> }> {
	const drawn = model.bySample.get(facts.sample);
	if (!drawn) return { fired: new Set(), undecided: NONE };
	if (!drawn.conditional.length) return { fired: new Set(drawn.always), undecided: NONE };
	const { fired, undecided } = await model.rules.relevance.run(facts);
	const undecidedHere = new Map(drawn.conditional.filter((id) => undecided.has(id)).map((id) => [id, undecided.get(id)!]));
	return { fired: new Set([...drawn.always, ...drawn.conditional.filter((id) => fired.has(id))]), undecided: undecidedHere };
}

function why(model: Model, keyQuestionId: string): string {
	const kq = model.keyQuestions.get(keyQuestionId)!.keyQuestion;
	return kq.relevantWhen?.note ?? `it draws on the ${(kq.samples ?? []).join(' and ')} sample`;
}

/** The case-based key questions relevant to one case, by its sample, its facts and the inspection's context. */
export async function relevantKeyQuestions(
	framework: FrameworkVersion,
	context: Inspection['context'],
	c: { sample: string; facts?: Record<string, string | number | boolean> }
): Promise<Set<string>> {
	const { fired, undecided } = await relevance(modelOf(framework), { ...(context ?? {}), ...(c.facts ?? {}), sample: c.sample });
	return new Set([...fired, ...undecided.keys()]); // a copy: the rule set remembers its answer
}
