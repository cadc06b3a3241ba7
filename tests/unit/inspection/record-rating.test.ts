import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { evaluate } from '../../../src/lib/engine/evaluate';
import type { FrameworkVersion, Inspection } from '../../../src/lib/engine/types';
import { rateRecord, ratingFor } from '../../../src/lib/inspection/record-rating';
import type { InspectionRecord } from '../../../src/lib/inspection/record';
import type { Stored } from '../../../src/lib/server/storage/store';
import { loadFramework } from '../../../src/lib/server/frameworks/frameworks';
import { storedRating, ratingKey } from '../../../src/lib/server/rating/stored-rating';

const Rating = suite("a stored record's rating: the server's own when kept, else worked out as the browser does");

const golden = JSON.parse(readFileSync('tests/golden/2018/cases-mixed-with-tallies.json', 'utf8')) as { framework: string; inspection: Inspection };
const loaded = loadFramework(golden.framework, 'rules');
if (!loaded.ok) throw new Error(loaded.errors[0].message);
const framework: FrameworkVersion = loaded.value;

Rating('worked out from the evidence, it is the engine’s answer, with each case’s relevant key questions', async () => {
	const rating = await rateRecord(framework, golden.inspection);
	assert.equal(rating.result, await evaluate(framework, golden.inspection));
	assert.equal([...rating.relevance.keys()], (golden.inspection.cases ?? []).map((c) => c.id));
	assert.ok([...rating.relevance.values()].every((kqs) => kqs.length > 0));
});

Rating('the key of a revision the server rated finds the very rating it rendered with; an unknown key is worked out, equal', async () => {
	const doc: Stored<InspectionRecord> = { id: 'r1', revision: 3, createdAt: '', updatedAt: '2026-12-02T10:00:00.000Z', updatedBy: 'ann', change: '', value: { serviceName: 'x', framework: golden.framework, frameworkHash: framework.hash, evidence: golden.inspection } as InspectionRecord };
	const kept = await storedRating(doc, framework);
	assert.is(await ratingFor(ratingKey(doc, framework), framework, golden.inspection), kept);
	const worked = await ratingFor('not a key the server kept', framework, golden.inspection);
	assert.is.not(worked, kept);
	assert.equal(worked, kept);
});

Rating.run();
