// A stored inspection's ratings at one revision, by the version content it was rated with: the
// one path by which a stored record is rated (the workspace, the report, the inspections list).
// The workspace opened again (by anyone, any number of times) is not rated again until it changes.
import { evaluate, type EvaluationResult, type FrameworkVersion } from '../../engine/index';
import type { InspectionRecord } from '../../inspection/record';
import { keepRatingsIn, rateRecord, type RecordRating } from '../../inspection/record-rating';
import type { Stored } from '../storage/store';
import { Memo } from './memo';

export type StoredRating = RecordRating;

// Entries are shared by every request that opens the same revision: nobody changes them. Only
// pages that show one inspection put entries in: a cold list of 2,000 reads what is here but
// keeps nothing (its own index keeps what it needs), so it never pushes the workspaces' out.
const ratings = new Memo<StoredRating>(500);
// the workspace's page finds its rating here on the server by the key its data carries
keepRatingsIn((key) => ratings.get(key));

/** The key a stored revision's rating is kept under (what the workspace's page data carries instead of it). */
export const ratingKey = (doc: Stored<InspectionRecord>, framework: FrameworkVersion) => `${doc.id}\u0000${doc.revision}\u0000${doc.updatedAt}\u0000${framework.hash}`;

/** The rating and each case's relevant key questions, kept for the next opening of this revision. */
export async function storedRating(doc: Stored<InspectionRecord>, framework: FrameworkVersion): Promise<StoredRating> {
	const key = ratingKey(doc, framework);
	const known = ratings.get(key);
	if (known) return known;
	const rating = await rateRecord(framework, doc.value.evidence);
	ratings.set(key, rating);
	return rating;
}

/**
 * The rating alone: the one kept for this revision if a page has opened it, else worked out and
 * not kept. For callers that rate many records once each (the inspections list) or keep the
 * answer themselves.
 */
export async function storedResult(doc: Stored<InspectionRecord>, framework: FrameworkVersion): Promise<EvaluationResult> {
	return ratings.get(ratingKey(doc, framework))?.result ?? rated(doc, framework);
}

const rated = (doc: Stored<InspectionRecord>, framework: FrameworkVersion): Promise<EvaluationResult> => evaluate(framework, doc.value.evidence);
