// The inspection's data workbook as .xlsx, read back with exceljs: a sheet per section, counts
// and margins as numbers, text that looks like a formula kept as text.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import ExcelJS from 'exceljs';
import { toCsv, toXlsx } from '../../../src/lib/server/inspections/export';
import { evaluate } from '../../../src/lib/engine/index';
import { pinnedRecord, pinnedVersion } from '../../../src/lib/server/inspections/inspections';

const record = () =>
	pinnedRecord({
		serviceName: 'Northshire YJS',
		framework: 'hmip-youth@2025',
		evidence: {
			context: { inspectionType: 'iyjwcv' },
			tallies: { '2.1.1': { relevant: 40, yes: 24 }, '2.1.2': { relevant: 25, yes: 23 } },
			cases: [
				{ id: 'C-1', sample: 'court', answers: { '2.2.1': 'yes', '2.2.2': 'no' } },
				{ id: '=HYPERLINK("x")', sample: 'court', answers: { '2.2.1': 'no' } }
			],
			// 2025's domain two key questions draw on both samples: their caseloads add up to 100
			caseload: { court: 80, 'out-of-court': 20 }
		}
	});

const read = async (bytes: Uint8Array) => {
	const book = new ExcelJS.Workbook();
	await book.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
	return book;
};
/** A sheet as rows of cell values keyed by its header row. */
const rowsOf = (sheet: ExcelJS.Worksheet) => {
	const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
	const out: Record<string, unknown>[] = [];
	sheet.eachRow((row, n) => {
		if (n === 1) return;
		out.push(Object.fromEntries(header.map((h, i) => [h, row.getCell(i + 1).value ?? ''])));
	});
	return out;
};

const Xlsx = suite('export: the .xlsx workbook');
Xlsx('a sheet per section, in the CSV order; the cases and answers, key questions with margins, ratings', async () => {
	const r = record();
	const book = await read(await toXlsx(r, pinnedVersion(r)));
	assert.equal(
		book.worksheets.map((w) => w.name),
		['Inspection', 'Ratings', 'Key questions', 'Judgements', 'Panel decisions', 'Warnings', 'Cases and answers']
	);
	const csvTitles = (await toCsv(r, pinnedVersion(r))).trimEnd().split('\r\n\r\n').map((block) => block.split('\r\n')[0]);
	assert.equal(csvTitles, ['Inspection', 'Ratings', 'Key questions', 'Judgements', 'Panel decisions', 'Warnings', 'Evidence'], 'one set of sections for both files');
});
Xlsx('key questions: counts, share and margin as numbers; the correction from the caseload; a band edge inside the interval', async () => {
	const r = record();
	const kqs = rowsOf((await read(await toXlsx(r, pinnedVersion(r)))).getWorksheet('Key questions')!);
	const first = kqs.find((k) => k['Key question'] === '2.1.1')!;
	// 24 of 40 = 60%: 1.2816 × √(0.24 / 40) × √(60 / 99) = 7.73 points
	assert.equal(
		[first['Relevant cases'], first["Number 'Yes'"], first["% 'Yes'"], first['Confidence level (%)'], first['Margin of error (± points)'], first['Interval from (%)'], first['Interval to (%)']],
		[40, 24, 60, 80, 7.73, 52.27, 67.73]
	);
	assert.is(first['Eligible caseload (finite population correction)'], 100);
	assert.is(first['Band edges inside the interval (%)'], '65');
	const second = kqs.find((k) => k['Key question'] === '2.1.2')!;
	assert.is(second['Band edges inside the interval (%)'], '', '92% ± 6: no edge');
	const none = kqs.find((k) => k['Key question'] === '2.3.1')!;
	assert.equal([none['Relevant cases'], none["% 'Yes'"], none['Margin of error (± points)']], [0, '', ''], 'no relevant cases: no share, no margin');
	assert.not.ok(kqs.some((k) => String(k['Key question']).startsWith('1.')), 'judgement key questions have no share');
});
Xlsx('ratings: every standard with its reason, as the evaluation gives them', async () => {
	const r = record();
	const ratings = rowsOf((await read(await toXlsx(r, pinnedVersion(r)))).getWorksheet('Ratings')!);
	const result = await evaluate(pinnedVersion(r), r.evidence);
	assert.is(ratings[0].Standard, 'Overall');
	const assessing = ratings.find((row) => row.Standard === '2.1')!;
	assert.is(assessing['Rating code'], result.standards['2.1'].final);
	assert.is(assessing.Reason, result.standards['2.1'].trace);
	assert.match(String(assessing.Reason), 'margins at 80% confidence');
});
Xlsx('cases and answers: a row per case and key question, counts as numbers, a formula-like reference kept as text', async () => {
	const r = record();
	const sheet = (await read(await toXlsx(r, pinnedVersion(r)))).getWorksheet('Cases and answers')!;
	const rows = rowsOf(sheet);
	const c1 = rows.find((row) => row['Case reference'] === 'C-1' && row['Key question'] === '2.2.1')!;
	assert.equal([c1.Answer, c1['Counted cases'], c1["Counted 'Yes'"]], ['Yes', 1, 1]);
	const hostile = rows.filter((row) => row['Case reference'] === '=HYPERLINK("x")');
	assert.ok(hostile.length > 0, 'the reference is there, as written');
	let formulas = 0;
	sheet.eachRow((row) => row.eachCell((cell) => void (cell.type === ExcelJS.ValueType.Formula && formulas++)));
	assert.is(formulas, 0, 'no cell is a formula');
	const tally = rows.find((row) => row.Sample === 'Tally' && row['Key question'] === '2.1.1')!;
	assert.equal([tally['Counted cases'], tally["Counted 'Yes'"]], [40, 24]);
});
Xlsx.run();
