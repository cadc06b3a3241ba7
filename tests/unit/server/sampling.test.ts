// The server's side of a draw, on real files in a temp data folder: an uploaded longlist read
// into cases or sent to the column step, the pending store (its owner, its day, the memory-only
// file), and a draw saved through saveEdits (stamped, valid by the record schema, refused whole).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { readUpload } from '../../../src/lib/server/sampling/upload';
import { discard, HELD_BYTES, HELD_PER_PERSON, hold, heldFile, lostFile, lostFiles, pendingFor, pendingList, pendingLonglists, release } from '../../../src/lib/server/sampling/pending';
import { createInspection, inspections, pinnedRecord, saveEdits, validateRecord } from '../../../src/lib/server/inspections/inspections';
import { InvalidDocumentError } from '../../../src/lib/server/storage/store';
import { auditSave } from '../../../src/lib/server/audit/inspection-audit';
import { readAudit } from '../../../src/lib/server/audit/audit';
import { selectedCsv, selectedName, selectedXlsx } from '../../../src/lib/server/sampling/selected';
import { loadFramework } from '../../../src/lib/server/frameworks/frameworks';
import { bodyLimit } from '../../../src/lib/server/http/body-limits';
import { LONGLIST_LIMITS } from '../../../src/lib/sampling/index';
import type { Edit } from '../../../src/lib/inspection/edits';
import { rules2025 } from '../../support/sampling';
import { longlistFingerprint } from '../../../src/lib/server/sampling/fingerprint';

const freshData = () => (process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), 'yardstick-sampling-')));
const csv = (text: string) => new TextEncoder().encode(text);

const Upload = suite('readUpload: a longlist file into cases, or the column step');
const uploads: { name: string; text: string; expect: string | RegExp; map?: Record<string, 'reference' | 'stratum' | 'excluded' | 'reason'> }[] = [
	{ name: 'the usual four headings: straight to the cases', text: 'Case reference,Stratum,Excluded,Reason\nA1,out-of-court,,\nA2,Resettlement cases,yes,hosted\n', expect: 'cases' },
	{ name: 'the usual two, and nothing else: the cases', text: 'reference,stratum\nA1,out-of-court\n', expect: 'cases' },
	{ name: 'the usual two and a column that might be the exclusion: the column step', text: 'Case reference,Stratum,Name\nA1,out-of-court,Ann\n', expect: 'columns' },
	{ name: 'no reference heading: the column step, saying why', text: 'Ref,Stratum\nA1,out-of-court\n', expect: /^columns: The file has no heading Yardstick recognises for the case reference \("case reference" or "reference", in any case\)/ },
	{ name: 'neither heading: the column step, saying why', text: 'Ref,Group\nA1,out-of-court\n', expect: /^columns: The file has no headings Yardstick recognises for the case reference and the stratum/ },
	{
		name: 'the reference found, the stratum not: the column step, saying which is missing and that the others are chosen',
		text: 'Case reference,Disposal,Excluded\nA1,out-of-court,\n',
		expect: /^columns: The file has no heading Yardstick recognises for the stratum \("stratum", in any case\): say which column holds it\. The headings it did recognise \("Case reference", "Excluded"\) are chosen already\.$/
	},
	{ name: 'mapped: the cases', text: 'Ref,Type,Name\nA1,out-of-court,Ann\n', map: { Ref: 'reference', Type: 'stratum' }, expect: 'cases' },
	{ name: 'mapped, and a stratum the version does not have: its column and its rows', text: 'Ref,Type\nA1,out-of-court\nA2,custody\n', map: { Ref: 'reference', Type: 'stratum' }, expect: /^problem: the stratum column \("Type", column B \(2\)\) has a value that is not one of this version's strata: "custody" \(1 row: row 3\)\. Accepted/ },
	{ name: 'no rows: a problem', text: 'Case reference,Stratum\n', expect: /^problem: The longlist has no cases/ },
	{ name: 'semicolons between the columns, as Excel saves a CSV in many locales: the cases', text: 'Case reference;Stratum\nA1;out-of-court\n', expect: 'cases' },
	{ name: 'tabs between the columns: the cases', text: 'Case reference\tStratum\nA1\tout-of-court\n', expect: 'cases' },
	{ name: 'one heading holding the whole line: what was found and what is expected', text: 'Case reference|Stratum\nA1|out-of-court\n', expect: /^problem: Row 1: the heading row is one column, "Case reference\|Stratum": a longlist's columns are separated by commas, semicolons or tabs/ },
	{ name: 'an unclosed quote: a problem with its row', text: 'Case reference,Stratum\n"A1,out-of-court\n', expect: /^problem: Row 2: a quoted cell is never closed/ }
];
for (const row of uploads) {
	Upload(row.name, async () => {
		const read = await readUpload(csv(row.text), 'longlist.csv', rules2025(), row.map);
		const said = read.kind === 'problem' ? `problem: ${read.message}` : read.kind === 'columns' ? `columns: ${read.why}` : 'cases';
		if (typeof row.expect === 'string') assert.is(said.split(':')[0], row.expect, said);
		else assert.match(said, row.expect);
	});
}
Upload('only the four columns are read: a name never reaches the cases', async () => {
	const read = await readUpload(csv('Ref,Type,Name,Born\nA1,out-of-court,Ann Smith,2010-01-01\n'), 'longlist.csv', rules2025(), { Ref: 'reference', Type: 'stratum' });
	assert.is(read.kind, 'cases');
	assert.not.match(JSON.stringify(read), /Ann Smith|2010-01-01/);
	if (read.kind === 'cases') assert.equal(read.cases, [{ row: 2, reference: 'A1', group: 'out-of-court' }]);
});
Upload('an .xlsx workbook whose headings need mapping', async () => {
	const book = new ExcelJS.Workbook();
	const sheet = book.addWorksheet('Longlist');
	sheet.addRow(['Ref no', 'Disposal']);
	sheet.addRow(['YJ1', 'Bail and remand']);
	const bytes = new Uint8Array(await book.xlsx.writeBuffer());
	const first = await readUpload(bytes, 'list.xlsx', rules2025());
	assert.is(first.kind, 'columns');
	if (first.kind === 'columns') assert.equal([first.header, first.columns], [['Ref no', 'Disposal'], {}]);
	const mapped = await readUpload(bytes, 'list.xlsx', rules2025(), { 'Ref no': 'reference', Disposal: 'stratum' });
	assert.equal(mapped.kind === 'cases' ? mapped.cases : mapped, [{ row: 2, reference: 'YJ1', group: 'bail-remand' }]);
});
Upload('a CSV with more headings than the limit is refused at once, saying how many are allowed', async () => {
	const headings = Array.from({ length: 400_000 }, (_, i) => `h${i}`).join(',');
	const started = performance.now();
	const read = await readUpload(csv(`${headings}\nA1,court\n`), 'longlist.csv', rules2025());
	assert.equal(read, { kind: 'problem', message: `Row 1: more than ${LONGLIST_LIMITS.columns} columns; a longlist has at most ${LONGLIST_LIMITS.columns} (only the case reference, stratum, exclusion and reason are read: delete the others)` });
	assert.ok(performance.now() - started < 1000, 'refused without reading the rest of the row');
});
Upload('a CSV heading longer than the limit is refused, naming its column', async () => {
	const read = await readUpload(csv(`Ref,${'x'.repeat(LONGLIST_LIMITS.heading + 1)}\nA1,court\n`), 'longlist.csv', rules2025());
	assert.equal(read, { kind: 'problem', message: `Row 1: the heading in column B (2) is ${LONGLIST_LIMITS.heading + 1} characters; a heading may be at most ${LONGLIST_LIMITS.heading}` });
});
Upload('a data row wider than the limit is refused with its row', async () => {
	const read = await readUpload(csv(`Case reference,Stratum\nA1,out-of-court\nA2,out-of-court${','.repeat(LONGLIST_LIMITS.columns)}\n`), 'longlist.csv', rules2025());
	assert.is(read.kind === 'problem' ? read.message : read.kind, `Row 3: more than ${LONGLIST_LIMITS.columns} columns; a longlist has at most ${LONGLIST_LIMITS.columns} (only the case reference, stratum, exclusion and reason are read: delete the others)`);
});
Upload('headings up to the limit go to the column step, and the last column can be mapped', async () => {
	const headings = Array.from({ length: LONGLIST_LIMITS.columns }, (_, i) => `Column ${i + 1}`);
	const row = Array.from({ length: LONGLIST_LIMITS.columns }, () => '');
	row[LONGLIST_LIMITS.columns - 2] = 'A1';
	row[LONGLIST_LIMITS.columns - 1] = 'out-of-court';
	const bytes = csv(`${headings.join(',')}\n${row.join(',')}\n`);
	const first = await readUpload(bytes, 'longlist.csv', rules2025());
	assert.is(first.kind, 'columns');
	if (first.kind === 'columns') assert.is(first.header.length, LONGLIST_LIMITS.columns);
	const mapped = await readUpload(bytes, 'longlist.csv', rules2025(), { [headings.at(-2)!]: 'reference', [headings.at(-1)!]: 'stratum' });
	assert.equal(mapped.kind === 'cases' ? mapped.cases : mapped, [{ row: 2, reference: 'A1', group: 'out-of-court' }]);
});
Upload('an .xlsx workbook with a heading past the column limit, or too long, is refused, naming the column', async () => {
	const book = new ExcelJS.Workbook();
	const sheet = book.addWorksheet('Longlist');
	sheet.getCell(1, 1).value = 'Case reference';
	sheet.getCell(1, LONGLIST_LIMITS.columns + 1).value = 'Far away';
	sheet.getCell(2, 1).value = 'A1';
	const wide = await readUpload(new Uint8Array(await book.xlsx.writeBuffer()), 'list.xlsx', rules2025());
	assert.equal(wide, { kind: 'problem', message: `Row 1: ${LONGLIST_LIMITS.columns + 1} columns; a longlist has at most ${LONGLIST_LIMITS.columns} (only the case reference, stratum, exclusion and reason are read: delete the others)` });
	const narrow = new ExcelJS.Workbook();
	narrow.addWorksheet('Longlist').addRow(['Case reference', 'Stratum', 'z'.repeat(LONGLIST_LIMITS.heading + 1)]);
	const long = await readUpload(new Uint8Array(await narrow.xlsx.writeBuffer()), 'list.xlsx', rules2025());
	assert.equal(long, { kind: 'problem', message: `Row 1: the heading in column C (3) is ${LONGLIST_LIMITS.heading + 1} characters; a heading may be at most ${LONGLIST_LIMITS.heading}` });
});
Upload('the upload route takes a longlist up to its limit', () => {
	assert.ok(bodyLimit('/inspections/abc/sample').bytes > LONGLIST_LIMITS.bytes);
	assert.ok(bodyLimit('/inspections/abc/sample/xyz').bytes < LONGLIST_LIMITS.bytes, 'the review and column steps are small forms');
});
Upload.run();

const Pending = suite('pending longlists: their owner, their day, the file held in memory');
const value = (inspection = 'i1', by = 'ann') => ({ inspection, by, file: 'l.csv', header: ['reference', 'stratum'], columns: {}, cases: [{ row: 2, reference: 'A1', group: 'out-of-court' }], marked: [] });
Pending('found only for its own inspection and the person who uploaded it', async () => {
	freshData();
	const doc = await pendingLonglists().create(value(), 'ann');
	assert.ok(await pendingFor(doc.id, 'i1', 'ann'));
	assert.is(await pendingFor(doc.id, 'i2', 'ann'), null);
	assert.is(await pendingFor(doc.id, 'i1', 'bob'), null);
	assert.is(await pendingFor('../../etc/passwd', 'i1', 'ann'), null);
	assert.equal((await pendingList('i1', 'ann')).map((d) => d.id), [doc.id]);
	assert.equal(await pendingList('i1', 'bob'), []);
});
Pending('after a day it is deleted, whoever looks', async () => {
	const dir = path.join(freshData(), 'sampling-pending');
	const old = await pendingLonglists().create(value('i1', 'ann'), 'ann');
	await pendingLonglists().create(value('i1', 'ann'), 'ann');
	const file = path.join(dir, `${old.id}.json`);
	const stored = JSON.parse(readFileSync(file, 'utf8'));
	writeFileSync(file, JSON.stringify({ ...stored, createdAt: new Date(Date.now() - 25 * 3600 * 1000).toISOString() }));
	assert.is((await pendingList('i1', 'bob')).length, 0);
	assert.is(readdirSync(dir).filter((f) => f.endsWith('.json')).length, 1);
});
Pending('discarded: the file goes, and a second discard is no error', async () => {
	const dir = path.join(freshData(), 'sampling-pending');
	const doc = await pendingLonglists().create(value(), 'ann');
	await discard(doc);
	await discard(doc);
	assert.equal(readdirSync(dir).filter((f) => f.endsWith('.json')), []);
});
Pending('discarded after another tab changed it: still discarded, at the revision it has now', async () => {
	const dir = path.join(freshData(), 'sampling-pending');
	const doc = await pendingLonglists().create(value(), 'ann');
	await pendingLonglists().update(doc.id, doc.revision, { ...doc.value, marked: [] }, 'ann', 'marked in another tab');
	await discard(doc);
	assert.equal(readdirSync(dir).filter((f) => f.endsWith('.json')), []);
});
const owner = (by: string, inspection = 'i1') => ({ by, inspection, file: `${by}.csv` });
Pending('a file awaiting its columns is held in memory until released', () => {
	assert.is(hold('p1', owner('ann'), new Uint8Array([1, 2, 3])), null);
	assert.equal(heldFile('p1'), new Uint8Array([1, 2, 3]));
	release('p1');
	assert.is(heldFile('p1'), null);
});
Pending("a person's own oldest files go first, saying why; nobody else's uploads let go of theirs", () => {
	assert.is(hold('cleo-file', owner('cleo'), new Uint8Array([1])), null);
	for (let i = 0; i < 20; i++) assert.is(hold(`dan-${i}`, owner('dan', 'i2'), new Uint8Array([i])), null);
	assert.ok(heldFile('cleo-file'), "twenty uploads by someone else did not let go of cleo's");
	assert.equal(
		Array.from({ length: 20 }, (_, i) => heldFile(`dan-${i}`) !== null).lastIndexOf(false),
		19 - HELD_PER_PERSON,
		`only dan's latest ${HELD_PER_PERSON} are held`
	);
	assert.equal(lostFile('dan-0', 'i2', 'dan'), { file: 'dan.csv', reason: `you uploaded ${HELD_PER_PERSON} more files with columns to map after it, and only each person's latest ${HELD_PER_PERSON} are held` });
	assert.is(lostFile('dan-0', 'i2', 'cleo'), null, 'said to its owner only');
	assert.is(lostFile('dan-0', 'i1', 'dan'), null, 'and on its own inspection');
	for (const id of ['cleo-file', ...Array.from({ length: 20 }, (_, i) => `dan-${i}`)]) release(id);
});
Pending('everyone\'s files within a budget of bytes: over it, an upload is refused, and nobody\'s file is let go', () => {
	const quarter = new Uint8Array(HELD_BYTES / 4);
	for (const by of ['e1', 'e2', 'e3', 'e4']) assert.is(hold(`budget-${by}`, owner(by), quarter), null);
	const refused = hold('budget-e5', owner('e5'), new Uint8Array(1));
	assert.match(refused ?? '', /^Yardstick is holding as many files waiting for their columns as it can \(64 MB, for everyone\)/);
	assert.is(heldFile('budget-e5'), null);
	assert.ok(['e1', 'e2', 'e3', 'e4'].every((by) => heldFile(`budget-${by}`)), 'nobody\'s file was let go to make room');
	for (const by of ['e1', 'e2', 'e3', 'e4']) release(`budget-${by}`);
	assert.is(hold('budget-e5', owner('e5'), new Uint8Array(1)), null, 'room again once released');
	release('budget-e5');
});
Pending('a longlist whose file is no longer held is never listed to be continued: it is deleted, and its owner told why, once', async () => {
	const dir = path.join(freshData(), 'sampling-pending');
	const columns = { ...value('i1', 'fay'), cases: null };
	// uploaded before a restart: its file was held by the process before
	const before = await pendingLonglists().create({ ...columns, file: 'before.csv' }, 'fay');
	const file = path.join(dir, `${before.id}.json`);
	writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), createdAt: new Date(Date.now() - 10 * 60 * 1000).toISOString() }));
	// one let go for fay's newer uploads (on another inspection too), and one still held
	const evicted = await pendingLonglists().create({ ...columns, file: 'evicted.csv' }, 'fay', 'uploaded', 'evicted-file');
	assert.is(hold(evicted.id, { ...owner('fay'), file: 'evicted.csv' }, new Uint8Array([2])), null);
	const kept = await pendingLonglists().create(columns, 'fay', 'uploaded', 'kept-file');
	assert.is(hold(kept.id, owner('fay'), new Uint8Array([1])), null);
	for (let i = 0; i < HELD_PER_PERSON - 1; i++) assert.is(hold(`fay-newer-${i}`, owner('fay', 'i9'), new Uint8Array([3])), null);
	assert.is(heldFile(evicted.id), null);
	assert.equal((await pendingList('i1', 'fay')).map((d) => d.id), [kept.id]);
	assert.equal(readdirSync(dir).filter((f) => f.endsWith('.json')), [`${kept.id}.json`]);
	assert.equal(lostFiles('i1', 'fay').sort((a, b) => a.file.localeCompare(b.file)), [
		{ file: 'before.csv', reason: 'Yardstick was restarted after it was uploaded, and a file waiting for its columns is held in memory only' },
		{ file: 'evicted.csv', reason: `you uploaded ${HELD_PER_PERSON} more files with columns to map after it, and only each person's latest ${HELD_PER_PERSON} are held` }
	]);
	assert.equal(lostFiles('i1', 'fay'), [], 'told once');
	assert.is(await pendingFor(evicted.id, 'i1', 'fay'), null);
	assert.match(lostFile(evicted.id, 'i1', 'fay')?.reason ?? '', /latest/, 'its own page still says why');
	for (const id of [kept.id, 'fay-newer-0', 'fay-newer-1']) release(id);
});
Pending.run();

const Save = suite('a draw saved through saveEdits');
const longlist = Array.from({ length: 40 }, (_, i) => ({ reference: `YJ${i}`, group: ['community-sentences', 'out-of-court', 'resettlement', 'bail-remand'][i % 4] }));
Save('one revision: the cases, the caseload and the draw stamped with who and when, valid by the record schema', async () => {
	freshData();
	const created = await createInspection(pinnedRecord({ serviceName: 'Drawshire YJS', framework: 'hmip-youth@2025', evidence: { context: { inspectionType: 'iyjs' } } }), 'ann');
	const edit: Edit = { type: 'draw', seed: 9, longlist, file: 'longlist.csv' };
	const saved = await saveEdits(created.id, created.revision, [edit], 'ann');
	assert.is(saved.revision, 2);
	assert.is(saved.change, 'drew the case sample (seed 9)');
	const draw = saved.value.draws![0];
	assert.is(draw.by, 'ann');
	assert.match(draw.at, /^\d{4}-\d{2}-\d{2}T/);
	assert.equal(saved.value.evidence.caseload, { court: 30, 'out-of-court': 10 });
	assert.is(saved.value.evidence.cases!.length, draw.selected.length);
	assert.equal(validateRecord(saved.value), []);
	const framework = loadFramework('hmip-youth@2025');
	assert.ok(framework.ok);
	if (!framework.ok) return;
	// the list sent back to the service: a heading row, then every selected case
	const lines = selectedCsv(saved.value.draws!, framework.value).trim().split('\r\n');
	assert.is(lines[0], 'Case reference,Stratum,Sample');
	assert.is(lines.length, draw.selected.length + 1);
	assert.match(selectedName(saved.value, 'xlsx'), /^case-sample-drawshire-yjs-\d{4}-\d{2}-\d{2}\.xlsx$/);
	const book = new ExcelJS.Workbook();
	await book.xlsx.load((await selectedXlsx(saved.value, framework.value)).buffer as ArrayBuffer);
	assert.equal(book.worksheets.map((w) => w.name), ['Selected cases', 'About the draw']);
	assert.is(book.getWorksheet('Selected cases')!.rowCount, draw.selected.length + 1);
});
Save('a refused draw changes nothing on disk', async () => {
	freshData();
	const created = await createInspection(pinnedRecord({ serviceName: 'Drawshire YJS', framework: 'hmip-youth@2025', evidence: { context: { inspectionType: 'iyjs' } } }), 'ann');
	try {
		await saveEdits(created.id, created.revision, [{ type: 'draw', seed: 9, longlist: [{ reference: 'A', group: 'nowhere' }] }], 'ann');
		assert.unreachable('refused');
	} catch (e) {
		assert.instance(e, InvalidDocumentError);
		assert.match((e as InvalidDocumentError).message, /"nowhere" is not a stratum/);
	}
	assert.is((await inspections().get(created.id))!.revision, 1);
});
Save('two draws in one save are refused in a sentence, and nothing changes', async () => {
	freshData();
	const created = await createInspection(pinnedRecord({ serviceName: 'Drawshire YJS', framework: 'hmip-youth@2025', evidence: { context: { inspectionType: 'iyjs' } } }), 'ann');
	try {
		await saveEdits(created.id, created.revision, [{ type: 'draw', seed: 9, longlist }, { type: 'draw', seed: 10, longlist, reason: 'again' }], 'ann');
		assert.unreachable('refused');
	} catch (e) {
		assert.instance(e, InvalidDocumentError);
		assert.equal((e as InvalidDocumentError).issues.map((i) => i.message), ['One draw is allowed per request, and this one has 2: send each draw in a request of its own.']);
	}
	assert.is((await inspections().get(created.id))!.revision, 1);
});
Save('a draw record the server did not stamp is refused by the schema', async () => {
	freshData();
	const record = pinnedRecord({ serviceName: 'Drawshire YJS', framework: 'hmip-youth@2025', evidence: {} });
	record.draws = [{ seed: 1, at: '', by: '', longlist: { cases: 1, excluded: 0 }, samples: [], selected: [], excluded: [], warnings: [], replaced: 0 }];
	assert.match(validateRecord(record).map((i) => i.pointer).join(), /\/draws\/0\/at/);
});
Save('audited by the save itself, whoever sends it: the seed, the sizes, the exclusions with reasons, and a redraw as one', async () => {
	freshData();
	const created = await createInspection(pinnedRecord({ serviceName: 'Drawshire YJS', framework: 'hmip-youth@2025', evidence: { context: { inspectionType: 'iyjs' } } }), 'ann');
	const excluded = [...longlist, { reference: 'X1', group: 'out-of-court', excluded: true, reason: 'Hosted for another area' }];
	const first = await saveEdits(created.id, 1, [{ type: 'draw', seed: 9, longlist: excluded }], 'ann', (b, a) => auditSave(b, a, 'ann'));
	await saveEdits(created.id, first.revision, [{ type: 'draw', seed: 10, longlist, reason: 'a corrected longlist' }], 'ann', (b, a) => auditSave(b, a, 'ann'));
	const trail = readAudit({ kind: 'inspection', id: created.id }).filter((r) => r.action.startsWith('inspection.sample'));
	assert.equal(trail.map((r) => r.action), ['inspection.sample-draw', 'inspection.sample-redraw']);
	const after = trail[0].after as { seed: number; sizes: { sample: string; size: number }[]; excluded: { reference: string; reason: string }[] };
	assert.is(after.seed, 9);
	assert.equal(after.excluded, [{ reference: 'X1', reason: 'Hosted for another area' }]);
	assert.equal(after.sizes.map((s) => s.sample), ['children']);
	assert.match(trail[0].summary, /with seed 9: \d+ cases from a longlist of 41, 1 excluded/);
	assert.is(trail[1].reason, 'a corrected longlist');
	assert.is((trail[1].before as { seed: number }).seed, 9);
});
Save('a chosen size is recorded as chosen by whoever drew: in the audit and the workbook sent back, never as another role', async () => {
	freshData();
	// ann made the inspection; bob, on its team, draws and chooses the size
	const created = await createInspection(pinnedRecord({ serviceName: 'Drawshire YJS', framework: 'hmip-youth@2025', evidence: { context: { inspectionType: 'iyjs' } } }), 'ann');
	const victims = Array.from({ length: 20 }, (_, i) => ({ reference: `V${i}`, group: 'victims' }));
	const saved = await saveEdits(created.id, created.revision, [{ type: 'draw', seed: 3, longlist: victims, sizes: { victims: 12 } }], 'bob', (b, a) => auditSave(b, a, 'bob'));
	const draw = saved.value.draws![0];
	assert.is(draw.by, 'bob');
	assert.not.match(draw.warnings.join(), /lead inspector/);
	const trail = readAudit({ kind: 'inspection', id: created.id }).filter((r) => r.action === 'inspection.sample-draw');
	assert.equal((trail[0].after as { sizes: unknown[] }).sizes, [{ sample: 'victims', eligible: 20, size: 12, chosen: true, chosenBy: 'bob', strata: draw.samples[0].groups }]);
	const framework = loadFramework('hmip-youth@2025');
	assert.ok(framework.ok);
	if (!framework.ok) return;
	const book = new ExcelJS.Workbook();
	await book.xlsx.load((await selectedXlsx(saved.value, framework.value)).buffer as ArrayBuffer);
	const about = book.getWorksheet('About the draw')!.getSheetValues().map((r) => (Array.isArray(r) ? r.slice(1).join(' | ') : '')).join('\n');
	assert.match(about, 'Victims | 12 of 20 eligible cases (size chosen by bob)');
	assert.not.match(about, /lead inspector/);
});
Save('the fingerprint and the proposed seed: stamped by the server, in the record and the audit, and older draws still valid', async () => {
	freshData();
	const created = await createInspection(pinnedRecord({ serviceName: 'Drawshire YJS', framework: 'hmip-youth@2025', evidence: { context: { inspectionType: 'iyjs' } } }), 'ann');
	const proposed = await saveEdits(created.id, 1, [{ type: 'draw', seed: 9, longlist }], 'ann', (b, a) => auditSave(b, a, 'ann'), { proposedSeed: 9 });
	assert.equal(proposed.value.draws![0].proposal, { seed: 9, changed: false });
	assert.is(proposed.value.draws![0].longlist.sha256, longlistFingerprint(longlist));
	assert.equal(validateRecord(proposed.value), []);
	const changed = await saveEdits(created.id, proposed.revision, [{ type: 'draw', seed: 10, longlist, reason: 'seed typed' }], 'ann', (b, a) => auditSave(b, a, 'ann'), { proposedSeed: 77 });
	assert.equal(changed.value.draws![1].proposal, { seed: 77, changed: true });
	// the edits API proposes nothing: the request brings its own seed, and no proposal it claims is kept
	const api = await saveEdits(created.id, changed.revision, [{ type: 'draw', seed: 11, longlist, reason: 'again', proposal: { seed: 11, changed: false } } as Edit], 'ann');
	assert.is(api.value.draws![2].proposal, null);
	const trail = readAudit({ kind: 'inspection', id: created.id }).filter((r) => r.action.startsWith('inspection.sample'));
	const after = trail.map((r) => r.after as { proposal: unknown; seedProposal: string; longlistSha256: string });
	assert.equal(after[0].proposal, { seed: 9, changed: false });
	assert.is(after[0].seedProposal, 'the seed was the one proposed');
	assert.is(after[0].longlistSha256, longlistFingerprint(longlist));
	assert.is(after[1].seedProposal, 'the proposed seed 77 was changed to 10');
	assert.match(trail[1].summary, `the proposed seed 77 was changed to 10; longlist SHA-256 ${longlistFingerprint(longlist)}`);
	// a draw recorded before either was kept is still a valid record, and its trail says "not recorded"
	const old = structuredClone(api.value);
	delete old.draws![0].proposal;
	delete old.draws![0].longlist.sha256;
	assert.equal(validateRecord(old), []);
	old.draws![0].longlist.sha256 = 'not a hash';
	assert.match(validateRecord(old).map((i) => i.pointer).join(), /\/draws\/0\/longlist\/sha256/);
});
Save.run();
