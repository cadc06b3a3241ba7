// A longlist file (CSV or an .xlsx workbook) into rows of the four columns a draw needs. The
// limits are checked before anything is parsed; only the mapped columns' cells are ever read.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { inflatePaced, storedZip, zipEntries, type Unzipped } from '../http/zip';
import { checkHeader, CSV_DELIMITERS, LONGLIST_LIMITS, parseCsv, resolveColumns, type Columns, type LonglistField, type LonglistProblem, type LonglistRow } from '../../sampling/index';

/** An unzipped workbook larger than this is refused unread (a zip can expand a thousandfold). */
const MAX_UNZIPPED = 50 * 1024 * 1024;
/** Far more files than any workbook of one sheet holds. */
const MAX_ENTRIES = 10_000;
/**
 * Cells read at most, empty ones included, however many worksheets are read (an empty first
 * sheet and the one after it): exceljs makes an object of each, and 20,000 cases of 100 columns
 * each (the rows limit) is already more than a draw needs.
 */
export const MAX_CELLS = 2_000_000;
/** Excel's most columns: a row of more cells than this is not a spreadsheet's. */
const MAX_ROW_CELLS = 16_384;

/**
 * With the heading row and the columns found, to show and to map; a failure to find the columns
 * carries the headings and those it found. `from`: where in the file it was read from, as a
 * sentence to show (the CSV's delimiter, the workbook's sheet).
 */
export type LonglistRead =
	| { ok: true; rows: LonglistRow[]; header: string[]; columns: Columns; from: string }
	| { ok: false; problem: LonglistProblem; header?: string[]; columns?: Columns; from?: string };

const problem = (message: string, row: number | null = null): LonglistRead => ({ ok: false, problem: { row, message } });

function project(cells: (i: number) => string, columns: Columns): LonglistRow['cells'] {
	const out: LonglistRow['cells'] = {};
	for (const [field, i] of Object.entries(columns) as [LonglistField, number][]) out[field] = cells(i);
	return out;
}

/**
 * The workbook unzipped within the limit, counting what inflates rather than what the zip declares:
 * exceljs then reads exactly the bytes that were counted (see storedZip). Or why not.
 */
async function unzipWithin(bytes: Uint8Array): Promise<Unzipped | string> {
	const unreadable = 'not a readable .xlsx workbook';
	const tooLarge = (what: string) => `the workbook unzips to ${what} bytes; a longlist may unzip to at most ${MAX_UNZIPPED} bytes`;
	const entries = zipEntries(bytes, MAX_ENTRIES, (count) => `the workbook holds ${count} files; a longlist's workbook holds at most ${MAX_ENTRIES}`);
	if (typeof entries === 'string') return entries.startsWith('the workbook') ? entries : unreadable;
	// what it declares first: an honest zip too large is refused with its size, unread
	const declared = entries.reduce((sum, e) => sum + e.size, 0);
	if (declared > MAX_UNZIPPED) return tooLarge(String(declared));
	// counted first, keeping nothing: a zip that lies about its sizes costs no memory to refuse
	const files = entries.filter((e) => !e.name.endsWith('/'));
	let inflated = 0;
	for (const entry of files) {
		const counted = await inflatePaced(bytes, entry, MAX_UNZIPPED - inflated, false);
		if (typeof counted === 'string') return counted.startsWith('inflates to more than') || counted.startsWith('is larger than') ? tooLarge(`more than ${MAX_UNZIPPED}`) : unreadable;
		inflated += counted.size;
	}
	const kept: Unzipped = [];
	// worksheets last: exceljs's streaming reader then has the shared strings and the workbook's
	// order of sheets before any sheet (otherwise it copies each sheet to a temporary file first)
	const sheet = (name: string) => /^xl\/worksheets\/[^/]+\.xml$/.test(name);
	for (const entry of [...files.filter((e) => !sheet(e.name)), ...files.filter((e) => sheet(e.name))]) {
		const content = await inflatePaced(bytes, entry, MAX_UNZIPPED, true);
		if (typeof content === 'string') return unreadable;
		kept.push({ name: entry.name, data: content.data });
	}
	return kept;
}

/** name: the file's name, for its kind (.csv or .xlsx). */
export async function readLonglist(bytes: Uint8Array, name: string, map: Record<string, LonglistField> = {}): Promise<LonglistRead> {
	if (bytes.byteLength > LONGLIST_LIMITS.bytes) return problem(`the file is ${bytes.byteLength} bytes; a longlist may be at most ${LONGLIST_LIMITS.bytes} bytes`);
	const kind = name.toLowerCase().match(/\.(csv|xlsx)$/)?.[1];
	if (kind === 'csv') return readCsv(bytes, map);
	if (kind === 'xlsx') return readXlsx(bytes, map);
	return problem('a longlist is a .csv file or an .xlsx workbook');
}

function readCsv(bytes: Uint8Array, map: Record<string, LonglistField>): LonglistRead {
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return problem('not UTF-8 text: save the CSV as UTF-8');
	}
	const parsed = parseCsv(text);
	if (!parsed.ok) return parsed;
	const [header, ...records] = parsed.records;
	if (!header) return problem('the file is empty: a longlist has a heading row, then one row per case', 1);
	// one heading is a line no delimiter Yardstick knows splits: say so, not offer one column to map
	if (header.cells.length === 1) {
		const line = header.cells[0].length > 80 ? `${header.cells[0].slice(0, 80)}…` : header.cells[0];
		return problem(`the heading row is one column, "${line}": a longlist's columns are separated by commas, semicolons or tabs, and it has at least a case reference column and a stratum column`, header.row);
	}
	const unfit = checkHeader(header.cells);
	if (unfit) return { ok: false, problem: { ...unfit, row: header.row } };
	const from = `Read as a CSV file with its columns separated by ${CSV_DELIMITERS[parsed.delimiter]}.`;
	const resolved = resolveColumns(header.cells, map);
	if (!resolved.ok) return { ...resolved, header: header.cells, from };
	return { ok: true, header: header.cells, columns: resolved.columns, from, rows: records.map((r) => ({ row: r.row, cells: project((i) => r.cells[i] ?? '', resolved.columns) })) };
}

async function readXlsx(bytes: Uint8Array, map: Record<string, LonglistField>): Promise<LonglistRead> {
	const checked = await unzipWithin(bytes);
	if (typeof checked === 'string') return problem(checked);
	const input = storedZip(checked);
	try {
		return await readSheets(input, map);
	} catch (e) {
		if (e instanceof TooManyCells) return problem(e.message);
		return problem('not a readable .xlsx workbook');
	} finally {
		input.destroy();
	}
}

/** Why the reading stopped: the sheets read, or one row, have more cells than they may. */
class TooManyCells extends Error {}

/** What separates an element's name from the rest of its tag. */
const AFTER_NAME = ' \t\r\n/>';

/**
 * The sheet's XML as it arrives, counting its cells (`<c>` elements) before exceljs makes anything
 * of them: past the limit (`counted`: the cells of the sheets read before it too), or past a
 * row's (Excel's most columns, which exceljs makes into one object before handing it over), it
 * stops there. `what`: the sheets read, and this sheet, as the refusals name them.
 */
async function* countingCells(chunks: AsyncIterable<Uint8Array>, counted: { cells: number }, what: { cells: string; sheet: string }): AsyncGenerator<Uint8Array> {
	let inRow = 0;
	// a tag may begin in one chunk and end in the next: its start is looked at with the next chunk
	let carried = '';
	for await (const chunk of chunks) {
		const text = carried + Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
		let at = text.indexOf('<');
		for (; at !== -1 && at + 4 < text.length; at = text.indexOf('<', at + 1)) {
			if (text[at + 1] === 'c' && AFTER_NAME.includes(text[at + 2])) {
				if (++counted.cells > MAX_CELLS) throw new TooManyCells(`${what.cells} more than ${MAX_CELLS} cells; a longlist's worksheet may have at most ${MAX_CELLS}: delete the columns a draw does not need`);
				if (++inRow > MAX_ROW_CELLS) throw new TooManyCells(`a row of ${what.sheet} has more than ${MAX_ROW_CELLS} cells, the most a row in Excel has`);
			} else if (text.startsWith('row', at + 1) && AFTER_NAME.includes(text[at + 4])) inRow = 0;
		}
		carried = at === -1 ? '' : text.slice(at);
		yield chunk;
	}
}

/** What exceljs's streaming reader keeps of a worksheet until it is read (exceljs 4.4.0, pinned). */
type SheetReader = ExcelJS.stream.xlsx.WorksheetReader & { id?: number | string; name?: string; iterator?: AsyncIterable<Uint8Array> };

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];
const ordinal = (place: number) => ORDINALS[place] ?? `number ${place + 1}`;
/** A sheet's name as the pages quote it: the workbook's own words, cut short. */
const quoted = (name: string) => `'${name.length > 100 ? `${name.slice(0, 100)}…` : name}'`;
const list = (names: string[]) => (names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`);

/** A sheet without a single cell of text: passed over for the next, and said to be. */
const EMPTY = Symbol('empty sheet');

/**
 * The first worksheet in the workbook's own order (its workbook.xml, read before any sheet: see
 * unzipWithin); if it is empty, the first after it that is not, saying so. Which sheet was read
 * is in `from`. Sheets arrive in the zip's order: one after a sheet already read is not read.
 */
async function readSheets(input: Readable, map: Record<string, LonglistField>): Promise<LonglistRead> {
	// styles: a date's text is a date's, as when the workbook is opened whole
	const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
	const counted = { cells: 0 };
	let order: { names: string[]; places: Map<string, number> } | null = null;
	const empty = new Map<number, string>();
	/** the first place not known to be empty: the sheet there is the one to read */
	let lowest = 0;
	let best: { place: number; name: string; read: LonglistRead } | null = null;
	for await (const found of reader) {
		const sheet = found as SheetReader;
		// the workbook's sheets, once (a workbook may list many: each arriving sheet is looked up, not searched for)
		order ??= (() => {
			const sheets = (reader as unknown as { model?: { sheets?: { id: number | string; name?: string }[] } }).model?.sheets ?? [];
			return { names: sheets.map((s) => String(s.name ?? '')), places: new Map(sheets.map((s, i) => [String(s.id), i])) };
		})();
		// a workbook that lists no sheets: the first to arrive is read, as its only one
		const place = order.names.length ? order.places.get(String(sheet.id)) : 0;
		if (place === undefined || empty.has(place) || (best && place >= best.place)) continue;
		const name = order.names[place] ?? String(sheet.name ?? '');
		const source = sheet.iterator;
		if (!source || !(Symbol.asyncIterator in source)) throw new Error('exceljs no longer reads a worksheet from `iterator`: its cells cannot be counted');
		const first = place === 0 && !empty.size && !best;
		const what = first ? { cells: 'the first worksheet has', sheet: 'the first worksheet' } : { cells: `the sheets read, up to sheet ${quoted(name)}, have`, sheet: `sheet ${quoted(name)}` };
		sheet.iterator = countingCells(source, counted, what);
		const read = await readRows(sheet, map);
		if (read === EMPTY) {
			empty.set(place, name);
			while (empty.has(lowest)) lowest++;
			continue;
		}
		best = { place, name, read };
		if (place === lowest) break;
	}
	const count = order?.names.length ?? 0;
	if (!best) {
		if (!empty.size) return problem('the workbook has no worksheet');
		if (count < 2) return problem('the first row is empty: a longlist has a heading row, then one row per case', 1);
		return problem(`every sheet of the workbook is empty (${list(order!.names.map(quoted))}): a longlist has a heading row, then one row per case`);
	}
	const before = [...empty].filter(([p]) => p < best!.place).sort(([a], [b]) => a - b).map(([, n]) => quoted(n));
	const skipped = before.length === 1 ? `: the sheet before it, ${before[0]}, is empty` : before.length ? `: the sheets before it, ${list(before)}, are empty` : '';
	const from = !count ? "Read from the workbook's first sheet." : `Read from sheet ${quoted(best.name)} (${count === 1 ? 'the only one' : `the ${ordinal(best.place)} of ${count}`})${skipped}.`;
	const { read } = best;
	if (read.ok) return { ...read, from };
	if (read.header) return { ...read, from };
	// a problem in a sheet other than the first says which sheet it is in
	return best.place === 0 ? read : { ...read, problem: { ...read.problem, message: `${from.slice(0, -1)}; ${read.problem.message}` } };
}

async function readRows(sheet: SheetReader, map: Record<string, LonglistField>): Promise<LonglistRead | typeof EMPTY> {
	const text = (row: ExcelJS.Row, i: number) => row.getCell(i + 1).text ?? '';
	// the cells the row has, not every column up to its last (one cell far to the right is one cell)
	const hasText = (row: ExcelJS.Row) => {
		let any = false;
		row.eachCell((cell) => void (any ||= !!cell.text?.trim()));
		return any;
	};
	let found: { header: string[]; columns: Columns } | null = null;
	const rows: LonglistRow[] = [];
	for await (const row of sheet) {
		if (!found) {
			// a sheet whose first row is missing has an empty heading row, as when opened whole;
			// read on only to tell an empty sheet (passed over) from one whose heading is lower down
			if (row.number !== 1) {
				if (hasText(row)) return problem('the first row is empty: a longlist has a heading row, then one row per case', 1);
				continue;
			}
			if (!hasText(row)) continue;
			const header = Array.from({ length: Math.max(0, row.cellCount) }, (_, i) => text(row, i));
			const unfit = checkHeader(header);
			if (unfit) return { ok: false, problem: unfit };
			const resolved = resolveColumns(header, map);
			if (!resolved.ok) return { ...resolved, header };
			found = { header, columns: resolved.columns };
			continue;
		}
		const cells = project((i) => text(row, i), found.columns);
		if (!Object.values(cells).some((c) => c?.trim())) continue;
		// the row past the limit ends the reading: the rest of the sheet is never parsed
		if (rows.length >= LONGLIST_LIMITS.rows) return problem(`more than ${LONGLIST_LIMITS.rows} rows: a longlist holds at most ${LONGLIST_LIMITS.rows} cases`, row.number);
		rows.push({ row: row.number, cells });
	}
	if (!found) return EMPTY;
	return { ok: true, rows, header: found.header, columns: found.columns, from: '' };
}
