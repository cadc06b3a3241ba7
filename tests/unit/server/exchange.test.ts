import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { csvCell, toCsv, toGolden } from '../../../src/lib/server/inspections/export';
import { readImport } from '../../../src/lib/server/inspections/import';
import { runGolden } from '../../../src/lib/server/regression/golden';
import { evaluate } from '../../../src/lib/engine/index';
import { pinnedRecord, pinnedVersion, type InspectionRecord } from '../../../src/lib/server/inspections/inspections';
import { cli } from '../../support/cli';

/** A record's ratings under the version it is pinned to (these records are not stored). */
const rate = (record: InspectionRecord) => evaluate(pinnedVersion(record), record.evidence);

const temp = () => mkdtempSync(path.join(tmpdir(), 'yardstick-exchange-'));

const inspection2018 = (): InspectionRecord =>
	pinnedRecord({
		serviceName: 'Eastshire YOS',
		framework: 'hmip-youth@2018',
		evidence: {
			tallies: { '2.1.1': { relevant: 25, yes: 18 }, '3.4.1': { relevant: 4, yes: 2 } },
			cases: [
				{ id: 'C-1', sample: 'court', facts: { childSafetyFactors: true }, answers: { '2.2.1': 'yes', '2.2.1.a': 'no', '2.2.2': 'no' } },
				{ id: '=SUM(A1)', sample: 'court', facts: { childSafetyFactors: false }, answers: { '2.2.1': 'no' } }
			],
			judgements: { '1.1': { rating: 'good' } },
			decisions: { '3.4': { rating: 'inadequate', reason: 'four cases, all weak' } }
		}
	});

const Export = suite('export: a golden file that reproduces itself');
Export('npm run golden passes on an exported file', async () => {
	const record = inspection2018();
	const golden = toGolden(record, await rate(record), { revision: 3, exportedAt: '2026-01-02T00:00:00Z' });
	const file = path.join(temp(), 'export.json');
	writeFileSync(file, JSON.stringify(golden, null, 2));
	const outcome = await runGolden(file);
	assert.is(outcome.status, 'pass', JSON.stringify(outcome));
	const run = cli('golden', [file]);
	assert.is(run.status, 0, run.stdout + run.stderr);
	assert.match(run.stdout, 'PASS Eastshire YOS');
	assert.match(run.stdout, '1 passed, 0 failed');
});
Export('expected lists every standard, the composite and the flags', async () => {
	const record = inspection2018();
	const result = await rate(record);
	const golden = toGolden(record, result, { revision: 3, exportedAt: '2026-01-02T00:00:00Z' });
	assert.is(Object.keys(golden.expected.standards!).length, 12);
	assert.is(golden.expected.standards!['3.4'], 'inadequate');
	assert.is(golden.expected.standards!['2.3'], 'needs-decision');
	assert.equal(golden.expected.allowed!['2.3'], ['outstanding', 'good', 'requires-improvement', 'inadequate']);
	assert.ok(golden.expected.flagged!.includes('3.4'), 'four cases is a small sample');
	assert.equal(golden.expected.composite, { score: null, max: 36, rating: 'needs-decision', scoreRange: result.composite.scoreRange, limiter: null, challenges: [] });
	assert.match(golden.description!, 'Exported from Yardstick at revision 3 on 2026-01-02');
});
Export('an exported file that is then changed by hand fails', async () => {
	const record = inspection2018();
	const golden = toGolden(record, await rate(record), { revision: 1, exportedAt: '2026-01-02T00:00:00Z' });
	golden.inspection.tallies!['2.1.1'].yes = 5;
	const file = path.join(temp(), 'changed.json');
	writeFileSync(file, JSON.stringify(golden));
	const outcome = await runGolden(file);
	assert.is(outcome.status, 'fail');
});
Export.run();

const Csv = suite('export: the CSV workbook');
/** The workbook's sections by title: each its header row and rows, as lines. */
const sectionsOf = (csv: string) => {
	assert.ok(csv.endsWith('\r\n') && !csv.endsWith('\r\n\r\n'), 'one line end after the last row');
	return Object.fromEntries(csv.trimEnd().split('\r\n\r\n').map((block) => { const [title, ...lines] = block.split('\r\n'); return [title, lines]; }));
};
Csv('the evidence: one row per case and key question of its sample, then the tallies; counts add up', async () => {
	const record = inspection2018();
	const csv = await toCsv(record, pinnedVersion(record));
	const lines = sectionsOf(csv).Evidence;
	assert.match(lines[0], /^Case reference,Sample,Sample code,.*Key question,Relevant to this case,Answer,Answer code,Counted cases,Counted 'Yes',Prompt answers$/);
	// 12 court key questions per court case, 2 court cases, 2 tallies
	assert.is(lines.length, 1 + 12 * 2 + 2);
	const row = lines.find((l) => l.startsWith('C-1,') && l.includes(',2.2.1,'))!;
	assert.is(row, 'C-1,Court disposals,court,Yes,,,,,,2.2.1,Yes,Yes,yes,1,1,2.2.1.a No');
	const notRelevant = lines.find((l) => l.startsWith('"\'=SUM(A1)"') && l.includes(',2.2.2,'))!;
	assert.match(notRelevant, /,No,,,,,,2\.2\.2,No,,,0,0,$/, 'no safety factors: 2.2.2 is not relevant; the formula-like reference is escaped');
	assert.ok(lines.includes(',Tally,,,,,,,,2.1.1,,,,25,18,'));
});
Csv('the details, context, ratings with reasons, judgements and panel decisions, labels beside codes', async () => {
	const record: InspectionRecord = {
		...pinnedRecord({
			serviceName: 'Westshire YJS',
			framework: 'hmip-youth@2021',
			fieldwork: { from: '2025-05-12', to: '2025-05-16' },
			evidence: {
				context: { resettlementCases: 3, diversityPracticeInsufficient: false },
				tallies: { '2.1.1': { relevant: 25, yes: 23 } },
				judgements: { '4.1': { rating: 'inadequate', reason: 'no plans for release' }, '1.1': { rating: 'good', keyQuestions: { '1.1.1': 'yes' }, prompts: { '1.1.1.a': 'below' } } },
				decisions: { '2.1': { rating: 'good', reason: 'panel view' } }
			}
		}),
		team: ['ada']
	};
	const sections = sectionsOf(await toCsv(record, pinnedVersion(record)));
	assert.equal(Object.keys(sections), ['Inspection', 'Ratings', 'Key questions', 'Judgements', 'Panel decisions', 'Warnings', 'Evidence']);
	// 23 of 25 = 92%, ± 1.2816 × √(0.92 × 0.08 / 25) = 6.95 points at 80% confidence; no caseload, so no correction
	assert.ok(sections['Key questions'].includes('2.1.1,2.1,25,23,92,large majority,outstanding,80,6.95,85.05,98.95,,'), sections['Key questions'].join('\n'));
	assert.equal(sections.Inspection, [
		'Item,Value,Code',
		'Service inspected,Westshire YJS,',
		`Framework version,${csvCell(pinnedVersion(record).meta.title)},hmip-youth@2021`,
		`Content hash of the version,,${record.frameworkHash}`,
		'First day of fieldwork,12 May 2025,2025-05-12',
		'Last day of fieldwork,16 May 2025,2025-05-16',
		'Status,In progress,in-progress',
		'Team,ada,',
		'Resettlement cases in the 12 months before fieldwork,3,3',
		"The panel considers the service's practice on diversity insufficient,No,false"
	]);
	const ratings = sections.Ratings;
	assert.is(ratings[0], 'Standard,Title,Rating,Rating code,Computed by the rules,Computed code,Reason');
	assert.match(ratings[1], /^Overall,/);
	assert.ok(ratings.some((l) => l.startsWith('4.1,Resettlement policy and provision,Inadequate,inadequate,Inadequate,inadequate,') && l.includes('lead inspector proposed inadequate')), ratings.join('\n'));
	assert.ok(ratings.some((l) => l.startsWith('2.1,Assessment,Good,good,')), 'the panel decision is the final rating');
	assert.equal(sections.Judgements, [
		'Standard,Proposed rating,Rating code,Reason,Key questions answered,Prompts judged',
		'1.1,Good,good,,1.1.1 Yes,1.1.1.a Below the line',
		'4.1,Inadequate,inadequate,no plans for release,,'
	]);
	assert.equal(sections['Panel decisions'], ['Standard,Rating,Rating code,Reason', '2.1,Good,good,panel view']);
	assert.is(sections.Warnings[0], 'Code,Subject,Warning');
	assert.is(sections.Warnings.length, 1 + (await rate(record)).warnings.length, 'a row per warning of the evaluation');
	assert.ok(sections.Warnings.some((l) => l.includes('2.2')), sections.Warnings.join('\n'));
});
Csv('a context fact not recorded says so, and an empty section keeps its header', async () => {
	const record = pinnedRecord({ serviceName: 'Empty YJS', framework: 'hmip-youth@2021', evidence: {} });
	const sections = sectionsOf(await toCsv(record, pinnedVersion(record)));
	assert.ok(sections.Inspection.includes('Resettlement cases in the 12 months before fieldwork,Not recorded,'));
	assert.equal(sections['Panel decisions'], ['Standard,Rating,Rating code,Reason']);
	assert.equal(sections.Evidence.length, 1);
});
Csv('cells are quoted as RFC 4180 asks', () => {
	const table: [string, string][] = [
		['plain', 'plain'],
		['a,b', '"a,b"'],
		['say "hi"', '"say ""hi"""'],
		['=1+1', `"'=1+1"`],
		['-5', `"'-5"`]
	];
	for (const [input, output] of table) assert.is(csvCell(input), output, input);
});
Csv.run();

const Import = suite('import: a golden or exported file becomes an inspection');
Import('an exported file imports to the same evidence and the same ratings', async () => {
	const record = inspection2018();
	const result = await rate(record);
	const text = JSON.stringify(toGolden(record, result, { revision: 1, exportedAt: '2026-01-02T00:00:00Z' }));
	const imported = readImport(text, 'export.json');
	assert.ok(imported.ok, JSON.stringify(imported));
	if (!imported.ok) return;
	// the same data; its evidence maps come back without a prototype, so compare them as JSON
	assert.equal(JSON.parse(JSON.stringify(imported.record)), { ...record, status: 'in-progress' });
	assert.is(Object.getPrototypeOf(imported.record.evidence.tallies ?? imported.record.evidence.cases?.[0].answers), null);
	const again = await rate(imported.record);
	assert.equal(Object.fromEntries(Object.values(again.standards).map((s) => [s.id, s.final])), Object.fromEntries(Object.values(result.standards).map((s) => [s.id, s.final])));
});
Import('context facts go out in the golden file and come back in', async () => {
	const record = pinnedRecord({ serviceName: 'Westshire YJS', framework: 'hmip-youth@2021', evidence: { context: { resettlementCases: 3, diversityPracticeInsufficient: true }, judgements: { '4.1': { rating: 'inadequate' } } } });
	const result = await rate(record);
	const golden = toGolden(record, result, { revision: 2, exportedAt: '2026-01-02T00:00:00Z' });
	assert.equal({ ...golden.inspection.context }, { resettlementCases: 3, diversityPracticeInsufficient: true });
	assert.is(golden.expected.standards!['4.1'], 'inadequate');
	const imported = readImport(JSON.stringify(golden), 'export.json');
	assert.ok(imported.ok, JSON.stringify(imported));
	if (imported.ok) assert.equal({ ...imported.record.evidence.context }, { resettlementCases: 3, diversityPracticeInsufficient: true });
	const refused = readImport(JSON.stringify({ ...golden, inspection: { context: { resettlementCases: 'three' } } }), 'export.json');
	assert.is(refused.ok, false);
	if (!refused.ok) assert.is(refused.errors[0].pointer, '/inspection/context/resettlementCases');
});
Import('a shipped golden file imports', () => {
	const imported = readImport(readFileSync('tests/golden/2025/victims-matrix-undecided-range.json', 'utf8'), 'x.json');
	assert.ok(imported.ok);
	if (imported.ok) assert.equal([imported.record.serviceName, imported.record.framework], ["2025: victims' standard undecided, composite range spans good and outstanding", 'hmip-youth@2025']);
});
const bad: { name: string; text: string; pointer: string; message: string }[] = [
	{ name: 'not JSON', text: '{"name": ', pointer: '', message: 'not valid JSON: value expected at line 1, column 10' },
	{ name: 'a bare inspection, not a golden file', text: '{"tallies": {}}', pointer: '', message: 'missing required property "name"' },
	{ name: 'an unknown version', text: JSON.stringify({ name: 'x', framework: 'hmip-youth@1999', inspection: {}, expected: {} }), pointer: '/framework', message: 'framework version "hmip-youth@1999" does not exist (known: hmip-youth@2018, hmip-youth@2021, hmip-youth@2025)' },
	{
		name: 'evidence the version refuses',
		text: JSON.stringify({ name: 'x', framework: 'hmip-youth@2018', inspection: { cases: [{ id: 'a', sample: 'court', answers: { '2.1.1': 'maybe' } }] }, expected: {} }),
		pointer: '/inspection/cases/0/answers/2.1.1',
		message: 'must be one of "yes", "no", "n/a"'
	}
];
for (const row of bad) {
	Import(`refused, naming the pointer: ${row.name}`, () => {
		const imported = readImport(row.text, 'upload.json');
		assert.is(imported.ok, false);
		if (!imported.ok) assert.equal([imported.errors[0].file, imported.errors[0].pointer, imported.errors[0].message], ['upload.json', row.pointer, row.message]);
	});
}
Import.run();
