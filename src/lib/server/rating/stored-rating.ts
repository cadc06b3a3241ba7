// A stored inspection's ratings at one revision, by the version content it was rated with: the
// workspace opened again (by anyone, any number of times) is not rated again until it changes.
import { evaluate, relevantKeyQuestions, type EvaluationResult, type FrameworkVersion } from '../../engine/index';
import type { InspectionRecord } from '../../inspection/record';
import type { Stored } from '../storage/store';
import { Memo } from './memo';

export interface StoredRating {
	result: EvaluationResult;
	/** case id → the key questions the rules make relevant to it (a Map: case ids are the service's own references, "__proto__" too) */
	relevance: Map<string, string[]>;
}

// Entries are shared by every request that opens the same revision: nobody changes them.
const ratings = new Memo<StoredRating>(500);

export async function storedRating(doc: Stored<InspectionRecord>, framework: FrameworkVersion): Promise<StoredRating> {
	const key = `${doc.id}\u0000${doc.revision}\u0000${doc.updatedAt}\u0000${framework.hash}`;
	const known = ratings.get(key);
	if (known) return known;
	const evidence = doc.value.evidence;
	const relevance = new Map<string, string[]>();
	for (const c of evidence.cases ?? []) relevance.set(c.id, [...(await relevantKeyQuestions(framework, evidence.context, c))]);
	const rating = { result: await evaluate(framework, evidence), relevance };
	ratings.set(key, rating);
	return rating;
}
