// An .xlsx longlist read a piece at a time (probe finding H3): the first worksheet in the
// workbook's own order, its cells' text as exceljs gives it, stopped at the row past the rows
// limit and at the cell past the cells limit without reading the rest.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import ExcelJS from 'exceljs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { MAX_CELLS, readLonglist } from '../../../src/lib/server/sampling/longlist-file';
import { LONGLIST_LIMITS } from '../../../src/lib/sampling/index';

const Xlsx = suite('readLonglist: an .xlsx workbook');

async function workbook(fill: (book: ExcelJS.Workbook) => void): Promise<Uint8Array> {
	const book = new ExcelJS.Workbook();
	fill(book);
	return new Uint8Array(await book.xlsx.writeBuffer());
}

/** A column's letters: 0 is A, 26 is AA. */
function letters(i: number): string {
	let out = '';
	for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
	return out;
}

/** The same workbook with its sheet's XML replaced (rows of hand-written cells). */
function withSheetXml(bytes: Uint8Array, rowsXml: string): Uint8Array {
	const files = unzipSync(bytes);
	files['xl/worksheets/sheet1.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rowsXml}</sheetData></worksheet>`);
	return zipSync(files);
}

Xlsx('the first worksheet in the workbook\'s order is read, whatever order its files are zipped in', async () => {
	const bytes = await workbook((book) => {
		book.addWorksheet('Longlist').addRows([['Case reference', 'Stratum'], ['A1', 'court'], [new Date(Date.UTC(2024, 0, 2)), 'court']]);
		book.addWorksheet('Notes').addRows([['Case reference', 'Stratum'], ['NOT', 'this']]);
	});
	// the sheets and the shared strings first: some writers zip them in this order
	const files = unzipSync(bytes);
	const names = Object.keys(files).sort((a, b) => Number(b.startsWith('xl/worksheets/')) - Number(a.startsWith('xl/worksheets/')) || b.localeCompare(a));
	const reordered = zipSync(Object.fromEntries(names.map((n) => [n, files[n]])));
	const read = await readLonglist(reordered, 'list.xlsx');
	assert.ok(read.ok, JSON.stringify(read));
	if (!read.ok) return;
	assert.equal(read.header, ['Case reference', 'Stratum']);
	// a date's text is what exceljs makes of a date cell when it opens the workbook whole
	const whole = new ExcelJS.Workbook();
	await whole.xlsx.load(bytes.buffer as ArrayBuffer);
	assert.equal(
		read.rows.map((r) => r.cells.reference),
		['A1', whole.worksheets[0].getCell('A3').text]
	);
});

Xlsx('which sheet was read is said: its name and its place among the sheets', async () => {
	const bytes = await workbook((book) => {
		book.addWorksheet('Longlist').addRows([['Case reference', 'Stratum'], ['A1', 'court']]);
		book.addWorksheet('Notes').addRows([['Case reference', 'Stratum'], ['NOT', 'this']]);
		book.addWorksheet('Lookups').addRow(['x']);
	});
	const read = await readLonglist(bytes, 'list.xlsx');
	assert.ok(read.ok && read.from === "Read from sheet 'Longlist' (the first of 3).", JSON.stringify(read));
	const only = await readLonglist(await workbook((book) => book.addWorksheet('Cases').addRows([['Case reference', 'Stratum'], ['A1', 'court']])), 'list.xlsx');
	assert.ok(only.ok && only.from === "Read from sheet 'Cases' (the only one).", JSON.stringify(only));
});

Xlsx('an empty first sheet is passed over for the first that is not, saying so; the columns step is told too', async () => {
	const bytes = await workbook((book) => {
		book.addWorksheet('Cover');
		// formatting without text is still empty
		book.addWorksheet('Blank').getCell('C3').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFF0000' } };
		book.addWorksheet('Cases').addRows([['Case reference', 'Stratum'], ['A1', 'court'], ['A2', 'court']]);
		book.addWorksheet('Later').addRows([['Case reference', 'Stratum'], ['NOT', 'this']]);
	});
	const read = await readLonglist(bytes, 'list.xlsx');
	assert.ok(read.ok, JSON.stringify(read));
	if (!read.ok) return;
	assert.is(read.from, "Read from sheet 'Cases' (the third of 4): the sheets before it, 'Cover' and 'Blank', are empty.");
	assert.equal(read.rows.map((r) => r.cells.reference), ['A1', 'A2']);
	const unusual = await readLonglist(await workbook((book) => {
		book.addWorksheet('Cover');
		book.addWorksheet('Cases').addRows([['Ref', 'Disposal'], ['A1', 'court']]);
	}), 'list.xlsx');
	assert.ok(!unusual.ok && unusual.from === "Read from sheet 'Cases' (the second of 2): the sheet before it, 'Cover', is empty.", JSON.stringify(unusual));
});

Xlsx('every sheet empty: said, naming them; a heading lower down than row 1 is still the first row empty', async () => {
	const read = await readLonglist(await workbook((book) => (book.addWorksheet('One'), book.addWorksheet('Two'))), 'list.xlsx');
	assert.equal(read, { ok: false, problem: { row: null, message: "every sheet of the workbook is empty ('One' and 'Two'): a longlist has a heading row, then one row per case" } });
	const lower = await readLonglist(await workbook((book) => {
		book.addWorksheet('Cover');
		const sheet = book.addWorksheet('Cases');
		sheet.getCell('A3').value = 'Case reference';
	}), 'list.xlsx');
	assert.equal(lower, { ok: false, problem: { row: 1, message: "Read from sheet 'Cases' (the second of 2): the sheet before it, 'Cover', is empty; the first row is empty: a longlist has a heading row, then one row per case" } });
});

const HEADING = '<row r="1"><c r="A1" t="inlineStr"><is><t>Case reference</t></is></c><c r="B1" t="inlineStr"><is><t>Stratum</t></is></c></row>';

Xlsx('a sheet of more than the cells limit is refused as it is read, naming the limit', async () => {
	const base = await workbook((book) => book.addWorksheet('Longlist').addRow(['Case reference', 'Stratum']));
	// rows of 10,000 empty cells, past the limit: tiny zipped
	const columns = Array.from({ length: 10_000 }, (_, i) => letters(i));
	const rows = Array.from({ length: Math.ceil(MAX_CELLS / columns.length) + 1 }, (_, i) => `<row r="${i + 2}">${columns.map((c) => `<c r="${c}${i + 2}"/>`).join('')}</row>`);
	const bytes = withSheetXml(base, HEADING + rows.join(''));
	assert.ok(bytes.length < LONGLIST_LIMITS.bytes);
	const read = await readLonglist(bytes, 'list.xlsx');
	assert.not.ok(read.ok);
	if (!read.ok) assert.match(read.problem.message, new RegExp(`the first worksheet has more than ${MAX_CELLS} cells`));
});

Xlsx('the cells limit counts every sheet read: an empty first sheet and the one after it', async () => {
	const base = await workbook((book) => {
		book.addWorksheet('Cover').getCell('A1').value = null;
		book.addWorksheet('Cases').addRow(['Case reference', 'Stratum']);
	});
	// the empty first sheet's own cells count too: blank cells, as a formatted but empty sheet has
	const blank = Array.from({ length: 1000 }, (_, i) => `<row r="${i + 1}">${'<c r="A1"/>'.repeat(1000)}</row>`).join('');
	const columns = Array.from({ length: 10_000 }, (_, i) => letters(i));
	const rows = Array.from({ length: Math.ceil((MAX_CELLS - 1_000_000) / columns.length) + 1 }, (_, i) => `<row r="${i + 2}">${columns.map((c) => `<c r="${c}${i + 2}"/>`).join('')}</row>`);
	const files = unzipSync(withSheetXml(base, blank));
	files['xl/worksheets/sheet2.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${HEADING}${rows.join('')}</sheetData></worksheet>`);
	const read = await readLonglist(zipSync(files), 'list.xlsx');
	assert.not.ok(read.ok);
	if (!read.ok) assert.match(read.problem.message, `the sheets read, up to sheet 'Cases', have more than ${MAX_CELLS} cells`);
});

Xlsx('a row of more cells than Excel allows is refused before exceljs makes it', async () => {
	const base = await workbook((book) => book.addWorksheet('Longlist').addRow(['Case reference', 'Stratum']));
	// a single row of a million empty cells, whose cells are counted in the XML, not made into objects first
	const bytes = withSheetXml(base, `${HEADING}<row r="2">${'<c r="A2"/>'.repeat(1_000_000)}</row>`);
	const before = process.memoryUsage().rss;
	const read = await readLonglist(bytes, 'list.xlsx');
	const grew = (process.memoryUsage().rss - before) / 1024 / 1024;
	assert.not.ok(read.ok);
	if (!read.ok) assert.match(read.problem.message, /a row of the first worksheet has more than 16384 cells/);
	assert.ok(grew < 100, `memory grew ${grew.toFixed(0)} MB`);
});

Xlsx('just under the cells limit, the sheet is read', async () => {
	const base = await workbook((book) => book.addWorksheet('Longlist').addRow(['Case reference', 'Stratum']));
	const rows = 1000;
	const width = Math.floor((MAX_CELLS - 2) / rows);
	const columns = Array.from({ length: width }, (_, i) => letters(i));
	const filler = (r: number) => columns.slice(2).map((c) => `<c r="${c}${r}"/>`).join('');
	const body = Array.from({ length: rows }, (_, i) => `<row r="${i + 2}"><c r="A${i + 2}" t="inlineStr"><is><t>R${i}</t></is></c><c r="B${i + 2}" t="inlineStr"><is><t>court</t></is></c>${filler(i + 2)}</row>`).join('');
	const read = await readLonglist(withSheetXml(base, HEADING + body), 'list.xlsx');
	assert.ok(read.ok, JSON.stringify(read).slice(0, 300));
	if (read.ok) assert.is(read.rows.length, rows);
});

Xlsx('the row past the rows limit ends the reading, and is the row named', async () => {
	const base = await workbook((book) => book.addWorksheet('Longlist').addRow(['Case reference', 'Stratum']));
	// the limit's row, then a megabyte more of rows: past what is read at a time
	const body = Array.from({ length: LONGLIST_LIMITS.rows + 20_000 }, (_, i) => `<row r="${i + 2}"><c r="A${i + 2}" t="inlineStr"><is><t>R${i}</t></is></c><c r="B${i + 2}" t="inlineStr"><is><t>court</t></is></c></row>`).join('');
	// after the row past the limit, XML that cannot be read: never reached
	const read = await readLonglist(withSheetXml(base, HEADING + body + '<row r="x"><c r="!!"><v>oops</row>'), 'list.xlsx');
	assert.not.ok(read.ok);
	if (!read.ok) {
		assert.is(read.problem.row, LONGLIST_LIMITS.rows + 2);
		assert.match(read.problem.message, new RegExp(`more than ${LONGLIST_LIMITS.rows} rows`));
	}
});

Xlsx('a workbook with no rows at all: the first row is empty', async () => {
	const bytes = await workbook((book) => book.addWorksheet('Longlist'));
	const read = await readLonglist(bytes, 'list.xlsx');
	assert.not.ok(read.ok);
	if (!read.ok) assert.equal(read.problem, { row: 1, message: 'the first row is empty: a longlist has a heading row, then one row per case' });
});

Xlsx('a sheet whose XML is broken is not a readable workbook', async () => {
	const base = await workbook((book) => book.addWorksheet('Longlist').addRow(['Case reference', 'Stratum']));
	const read = await readLonglist(withSheetXml(base, '<row r="1"><c r="A1" t="inlineStr"><is><t>Case reference</t></is></c></row><row r="2"><c r="A2"><v>1</c></row>'), 'list.xlsx');
	assert.not.ok(read.ok);
	if (!read.ok) assert.is(read.problem.message, 'not a readable .xlsx workbook');
});

Xlsx.run();
