// Counts a published report prints: for each prompt of a case key question, the cases answered
// yes among those where the key question is relevant and the prompt answered yes or no.
import { relevantKeyQuestions } from '../engine/evidence';
import type { FrameworkVersion, Inspection } from '../engine/types';
import { outlineOf } from './outline';

export type PromptCounts = Record<string, { relevant: number; yes: number }>;

export async function promptCounts(framework: FrameworkVersion, evidence: Inspection): Promise<PromptCounts> {
	const outline = outlineOf(framework);
	const promptOf = new Map(outline.caseKeyQuestions.flatMap((kq) => kq.prompts.map((p) => [p.id, kq.id] as const)));
	const counts: PromptCounts = {};
	for (const c of evidence.cases ?? []) {
		const relevant = await relevantKeyQuestions(framework, evidence.context, c);
		for (const [id, answer] of Object.entries(c.answers ?? {})) {
			const kq = promptOf.get(id);
			if (!kq || !relevant.has(kq) || answer === 'n/a') continue;
			const count = (counts[id] ??= { relevant: 0, yes: 0 });
			count.relevant += 1;
			if (answer === 'yes') count.yes += 1;
		}
	}
	return counts;
}

/**
 * Why a standard is not rated, in the rules' own words: its own ratedWhen note, or its domain's.
 * The engine says only that it is not rated; a standard with a condition of its own is taken to be
 * the one that failed, as the domain's condition held if any other standard of it is rated.
 */
export function notRatedNote(framework: FrameworkVersion, standard: string): string | null {
	for (const domain of framework.domains) {
		const s = domain.standards.find((candidate) => candidate.id === standard);
		if (s) return s.ratedWhen?.note ?? domain.ratedWhen?.note ?? null;
	}
	return null;
}

export interface CountSources {
	/** key question → cases tallied as totals, and cases answered one by one, among its relevant cases */
	byKeyQuestion: Record<string, { tallied: number; oneByOne: number }>;
	/** whether the counts mix the two */
	mixed: boolean;
}

/** Where each case key question's count of relevant cases comes from: tallies, or cases answered one by one. */
export function countSources(keyQuestions: { id: string; relevant: number }[], evidence: Inspection): CountSources {
	const byKeyQuestion: CountSources['byKeyQuestion'] = {};
	for (const kq of keyQuestions) {
		const tallied = Object.hasOwn(evidence.tallies ?? {}, kq.id) ? evidence.tallies![kq.id].relevant : 0;
		byKeyQuestion[kq.id] = { tallied, oneByOne: Math.max(0, kq.relevant - tallied) };
	}
	const counts = Object.values(byKeyQuestion);
	return { byKeyQuestion, mixed: counts.some((c) => c.tallied > 0) && counts.some((c) => c.oneByOne > 0) };
}
