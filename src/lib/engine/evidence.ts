// Evidence to counts: which cases each key question applies to, and how many were answered yes.
import type { FrameworkVersion, Inspection } from './types';
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
	warnings: string[]
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
	const relevantBySignature = new Map<string, Set<string>>();
	const unanswered = new Map<string, number>();
	const declared = (model.framework.meta.caseFacts ?? []).map((f) => f.id);
	for (const c of inspection.cases ?? []) {
		const facts = c.facts ?? {};
		let signature = c.sample;
		for (const id of declared) signature += '\u0000' + String(facts[id]);
		let relevant = relevantBySignature.get(signature);
		if (!relevant) {
			relevant = await model.rules.relevance.fired({ ...contextFacts, ...facts, sample: c.sample });
			relevantBySignature.set(signature, relevant);
		}
		const answers = c.answers ?? {};
		for (const id in answers) {
			const total = tallies.get(id);
			if (!total) continue; // a prompt: recorded, not counted
			const answer = answers[id];
			if (!relevant.has(id)) {
				if (answer !== 'n/a') warnings.push(`case ${c.id}: ${id} is answered ${answer}, but it is not relevant to this case (${why(model, id)}); not counted`);
			} else if (answer === 'n/a') {
				warnings.push(`case ${c.id}: ${id} is answered n/a, but the rules make it relevant to this case; not counted`);
			} else {
				total.relevant += 1;
				if (answer === 'yes') total.yes += 1;
			}
		}
		for (const id of relevant) if (!(id in answers)) unanswered.set(id, (unanswered.get(id) ?? 0) + 1);
	}
	for (const [id, count] of unanswered) {
		warnings.push(`${id}: ${count} relevant ${count === 1 ? 'case is' : 'cases are'} not answered yet`);
	}
	return tallies;
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
	const fired = await modelOf(framework).rules.relevance.fired({ ...(context ?? {}), ...(c.facts ?? {}), sample: c.sample });
	return new Set(fired); // a copy: the rule set remembers its answer
}
