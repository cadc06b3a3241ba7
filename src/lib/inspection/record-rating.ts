// A stored inspection's rating: the engine's answer for its evidence against its version, with
// the key questions the rules make relevant to each case. It is not page data: the server renders
// the workspace with the rating it keeps for the revision (found here by the key the page carries,
// so it is never serialised into the page), and the browser works the same answer out for itself
// with the engine and the version it already has, before the page comes alive. Serialising the
// rating was the largest single cost of answering a workspace.
import { evaluate } from '../engine/evaluate';
import { relevantKeyQuestions } from '../engine/evidence';
import type { EvaluationResult, FrameworkVersion, Inspection } from '../engine/types';

export interface RecordRating {
	result: EvaluationResult;
	/** case id → the key questions the rules make relevant to it (a Map: case ids are the service's own references, "__proto__" too) */
	relevance: Map<string, string[]>;
}

/** Rate the evidence: the one way a stored record's rating is worked out, on the server and in the browser. */
export async function rateRecord(framework: FrameworkVersion, evidence: Inspection): Promise<RecordRating> {
	const relevance = new Map<string, string[]>();
	for (const c of evidence.cases ?? []) relevance.set(c.id, [...(await relevantKeyQuestions(framework, evidence.context, c))]);
	return { result: await evaluate(framework, evidence), relevance };
}

// On the server, the ratings it keeps (set once, by the module that keeps them); never in the browser.
let kept: ((key: string) => RecordRating | undefined) | null = null;

/** Called by the server's store of ratings: where `ratingFor` looks first. */
export function keepRatingsIn(lookup: (key: string) => RecordRating | undefined): void {
	kept = lookup;
}

/** The rating a page's key names: the server's own if it has it, else worked out from the evidence (as the browser always does). */
export function ratingFor(key: string, framework: FrameworkVersion, evidence: Inspection): Promise<RecordRating> {
	const known = kept?.(key);
	return known ? Promise.resolve(known) : rateRecord(framework, evidence);
}
