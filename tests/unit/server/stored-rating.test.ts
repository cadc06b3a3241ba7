import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInspection, listInspections, pinnedRecord, pinnedVersion, summaryIndex } from '../../../src/lib/server/inspections/inspections';
import { storedRating, storedResult } from '../../../src/lib/server/rating/stored-rating';

process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), 'yardstick-stored-rating-'));

const record = (serviceName: string, yes = 18) =>
	pinnedRecord({
		serviceName,
		framework: 'hmip-youth@2025',
		evidence: { context: { inspectionType: 'iyjwcv' }, tallies: { '2.1.1': { relevant: 25, yes }, '2.2.1': { relevant: 25, yes }, '2.3.1': { relevant: 25, yes } } }
	});

const One = suite('one rating of a stored inspection: the workspace, the report and the list');

One('the list and the report take the rating a workspace opening kept, and keep none of their own', async () => {
	const doc = await createInspection(record('Northshire YJS'), 'ann');
	const framework = pinnedVersion(doc.value);
	const opened = await storedRating(doc, framework);
	assert.is(await storedResult(doc, framework), opened.result, 'the kept rating itself, not rated again');
	const other = await createInspection(record('Southshire YJS', 5), 'ann');
	const first = await storedResult(other, framework);
	assert.is.not(await storedResult(other, framework), first, 'nothing kept for a record no page opened');
	assert.is.not((await storedRating(other, framework)).result, first);
	assert.is(first.composite.rating, (await storedRating(other, framework)).result.composite.rating);
});

One('a cold list of more inspections than the workspaces keep pushes no workspace rating out', async () => {
	const doc = await createInspection(record('Kept YJS'), 'ann');
	const framework = pinnedVersion(doc.value);
	const opened = await storedRating(doc, framework);
	// more than the 500 kept: each read once, as a cold list reads them
	for (let n = 0; n < 600; n++) await storedResult({ ...doc, id: `listed-${n}` }, framework);
	assert.is((await storedRating(doc, framework)).result, opened.result);
});

One('the list rates by the same path: its overall is the workspace\'s', async () => {
	const doc = await createInspection(record('Listed YJS', 5), 'ann');
	const before = summaryIndex().ratings;
	const row = (await listInspections()).find((s) => s.id === doc.id);
	const opened = await storedRating(doc, pinnedVersion(doc.value));
	assert.equal([row?.overall, row?.score], [opened.result.composite.rating, opened.result.composite.score]);
	assert.ok(summaryIndex().ratings > before);
});

One.run();
