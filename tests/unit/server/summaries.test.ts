import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cpSync, existsSync, mkdtempSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInspection, inspectionNames, inspectionPage, inspections, listInspections, pinnedRecord, saveEdits, summaryIndex, type InspectionRecord } from '../../../src/lib/server/inspections/inspections';
import { serialise } from '../../../src/lib/server/storage/durable-file';
import type { Stored } from '../../../src/lib/server/storage/store';
import { RECHECK_MS } from '../../../src/lib/server/frameworks/frameworks';

/** Each test on its own data folder, as the app would see it. */
const freshData = () => {
	process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), 'yardstick-summaries-'));
	return process.env.DATA_DIR;
};

/**
 * What a restart leaves: the documents and the index file, nothing in memory. The store (and
 * its index) is made again when DATA_DIR names another folder, so point it away and back.
 */
const restart = async () => {
	await summaryIndex().flush();
	const dir = process.env.DATA_DIR!;
	process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), 'yardstick-elsewhere-'));
	inspections();
	process.env.DATA_DIR = dir;
};

const record = (serviceName: string, relevant = 25, yes = 18): InspectionRecord =>
	pinnedRecord({
		serviceName,
		framework: 'hmip-youth@2025',
		evidence: {
			context: { inspectionType: 'iyjwcv' },
			tallies: { '2.1.1': { relevant, yes }, '2.2.1': { relevant, yes }, '2.3.1': { relevant, yes }, 'V1.1': { relevant: 20, yes: 11 } },
			judgements: { V1: { keyQuestions: { 'V1.2': 'yes' } } }
		}
	});

/** A document written as the store writes it, but by no store: as after a crash before the index heard of it, or by another process. */
function writeBehindTheIndex(doc: Stored<InspectionRecord>) {
	writeFileSync(path.join(process.env.DATA_DIR!, 'inspections', `${doc.id}.json`), serialise(doc));
}

const row = async (id: string) => (await listInspections()).find((s) => s.id === id);

const Index = suite('inspection summaries: kept, checked against each document, never trusted stale');

Index('a write updates the summary; a change that leaves the evidence alone is not rated again', async () => {
	freshData();
	const doc = await createInspection(record('Northshire YJS'), 'ann');
	assert.equal((await row(doc.id))?.overall, 'good');
	const rated = summaryIndex().ratings;
	await saveEdits(doc.id, 1, [{ type: 'status', status: 'complete' }], 'ann');
	assert.equal([(await row(doc.id))?.status, (await row(doc.id))?.revision], ['complete', 2]);
	assert.is(summaryIndex().ratings, rated, 'a status change keeps the rating');
	await saveEdits(doc.id, 2, [{ type: 'decide', standard: 'V1', decision: { rating: 'good', reason: 'r' } }], 'panel');
	const summary = await row(doc.id);
	assert.equal([summary?.overall, summary?.score, summary?.revision], ['good', 8, 3]);
	assert.is(summaryIndex().ratings, rated + 1);
});

Index('a document written without the index hearing of it (a crash between the two) is caught and worked out again', async () => {
	freshData();
	const doc = await createInspection(record('Northshire YJS'), 'ann');
	await listInspections();
	// the document moves on (worse evidence, a new name) and the index is not told
	writeBehindTheIndex({ ...doc, revision: 2, updatedAt: new Date().toISOString(), value: { ...record('Renamed YJS', 25, 5), team: ['ann'] } });
	const summary = await row(doc.id);
	assert.equal([summary?.serviceName, summary?.revision, summary?.overall], ['Renamed YJS', 2, 'inadequate']);
});

Index('an index file that lags behind the documents after a restart is caught, and only what it has wrong is rated again', async () => {
	const dir = freshData();
	const docs = [];
	for (const name of ['A YJS', 'B YJS', 'C YJS']) docs.push(await createInspection(record(name), 'ann'));
	await listInspections();
	await restart();
	// the server dies after writing B's document, before writing the index file
	writeBehindTheIndex({ ...docs[1], revision: 2, value: { ...record('B YJS', 25, 5), team: ['ann'] } });
	await restart();
	const before = summaryIndex().ratings;
	const rows = await listInspections();
	assert.equal(rows.map((s) => [s.serviceName, s.revision, s.overall]).sort(), [['A YJS', 1, 'good'], ['B YJS', 2, 'inadequate'], ['C YJS', 1, 'good']]);
	assert.is(summaryIndex().ratings - before, 1, 'only B is rated again');
	assert.ok(existsSync(path.join(dir, 'indexes', 'inspection-summaries.json')));
});

Index('a restart rates nothing it rated before', async () => {
	freshData();
	for (let i = 0; i < 5; i++) await createInspection(record(`YJS ${i}`), 'ann');
	const first = await listInspections();
	assert.is(summaryIndex().ratings, 5);
	await restart();
	assert.is(summaryIndex().ratings, 0, 'a new index');
	const again = await listInspections();
	assert.equal(again, first);
	assert.is(summaryIndex().ratings, 0, 'nothing rated after the restart');
});

Index('a new build of the app works every rating out again: the code may rate differently', async () => {
	const dir = freshData();
	for (let i = 0; i < 3; i++) await createInspection(record(`YJS ${i}`), 'ann');
	await listInspections();
	await restart();
	const file = path.join(dir, 'indexes', 'inspection-summaries.json');
	writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), build: 'an older build' }));
	await listInspections();
	assert.is(summaryIndex().ratings, 3);
});

Index('an index file that is not one (garbage, or the wrong shape) is ignored, and everything worked out again', async () => {
	const dir = freshData();
	const doc = await createInspection(record('Northshire YJS'), 'ann');
	await listInspections();
	await restart();
	const file = path.join(dir, 'indexes', 'inspection-summaries.json');
	writeFileSync(file, '{"format":1,"entries":[{"token":1},null,{"__proto__":{"x":1}}]');
	assert.equal((await row(doc.id))?.overall, 'good');
	await restart();
	writeFileSync(file, JSON.stringify({ format: 1, entries: [null, { token: 'forged', digest: 'x', facts: { id: doc.id, team: [], serviceName: 'Forged' }, rating: { ratedWith: 'x', overall: 'outstanding', score: 12 } }] }));
	const summary = await row(doc.id);
	assert.equal([summary?.serviceName, summary?.overall], ['Northshire YJS', 'good']);
});

Index('a deleted inspection leaves the list, deleted through the store or by another process', async () => {
	const dir = freshData();
	const a = await createInspection(record('A YJS'), 'ann');
	const b = await createInspection(record('B YJS'), 'ann');
	assert.is((await listInspections()).length, 2);
	await inspections().remove(a.id, 1);
	assert.equal((await listInspections()).map((s) => s.serviceName), ['B YJS']);
	unlinkSync(path.join(dir, 'inspections', `${b.id}.json`));
	assert.equal(await listInspections(), []);
	assert.equal([...(await inspectionNames()).keys()], []);
});

Index('an inspection another process adds is listed', async () => {
	freshData();
	await createInspection(record('A YJS'), 'ann');
	await listInspections();
	const now = new Date().toISOString();
	writeBehindTheIndex({ id: 'written-elsewhere', revision: 1, createdAt: now, updatedAt: now, updatedBy: 'bob', change: 'created', value: { ...record('Elsewhere YJS'), team: ['bob'] } });
	assert.equal((await listInspections()).map((s) => s.serviceName).sort(), ['A YJS', 'Elsewhere YJS']);
	assert.is((await inspectionNames()).get('written-elsewhere'), 'Elsewhere YJS');
});

Index('the index file holds every summary, and is written after a burst of saves', async () => {
	const dir = freshData();
	const doc = await createInspection(record('A YJS'), 'ann');
	for (let r = 1; r <= 4; r++) await saveEdits(doc.id, r, [{ type: 'status', status: r % 2 ? 'complete' : 'in-progress' }], 'ann');
	await listInspections();
	await summaryIndex().flush();
	const kept = JSON.parse(readFileSync(path.join(dir, 'indexes', 'inspection-summaries.json'), 'utf8'));
	assert.equal(kept.entries.map((e: { facts: { id: string; revision: number } }) => [e.facts.id, e.facts.revision]), [[doc.id, 5]]);
});

Index('pages of the list, newest first', async () => {
	freshData();
	for (let i = 0; i < 5; i++) {
		await createInspection(record(`YJS ${i}`), 'ann');
		await new Promise((resolve) => setTimeout(resolve, 3)); // a later time for each
	}
	const second = await inspectionPage(2, 2);
	assert.equal([second.total, second.pages, second.page], [5, 3, 2]);
	assert.equal(second.inspections.map((s) => s.serviceName), ['YJS 2', 'YJS 1']);
	assert.equal((await inspectionPage(3, 2)).inspections.map((s) => s.serviceName), ['YJS 0']);
	assert.equal((await inspectionPage(4, 2)).inspections, []);
});

Index('a rating is kept only while the rules it was worked out under are unchanged, restarts included', async () => {
	freshData();
	const rules = mkdtempSync(path.join(tmpdir(), 'yardstick-rules-'));
	cpSync('rules', rules, { recursive: true });
	process.env.RULES_DIR = rules;
	try {
		const doc = await createInspection(record('A YJS'), 'ann');
		assert.is((await row(doc.id))?.overall, 'good');
		const rated = summaryIndex().ratings;
		// the folder changes but not what it says (spacing): the same hash, nothing rated again
		const file = path.join(rules, 'hmip-youth', '2025', 'composite.json');
		writeFileSync(file, readFileSync(file, 'utf8') + '\n\n');
		await restart();
		assert.is((await row(doc.id))?.overall, 'good');
		assert.is(summaryIndex().ratings, 0);
		// what it says changes: a published version edited in place no longer loads, and the kept rating is not shown
		writeFileSync(file, readFileSync(file, 'utf8').replace('"title": "Overall YJS rating"', '"title": "Overall YJS rating, edited"'));
		// a version's folder is looked at again RECHECK_MS after it was last looked at
		await new Promise((resolve) => setTimeout(resolve, RECHECK_MS + 20));
		assert.is((await row(doc.id))?.overall, 'not-rated');
		await restart();
		assert.is((await row(doc.id))?.overall, 'not-rated');
		assert.ok(rated >= 1);
	} finally {
		delete process.env.RULES_DIR;
	}
});

Index.run();
