// A longlist file (CSV or an .xlsx workbook) into rows of the four columns a draw needs. The
// limits are checked before anything is parsed; only the mapped columns' cells are ever read.
import ExcelJS from 'exceljs';
import { zipSync, type Zippable } from 'fflate';
import { inflatedSize, inflateEntry, zipEntries } from '../http/unzip';
import { checkHeader, LONGLIST_LIMITS, parseCsv, resolveColumns, type Columns, type LonglistField, type LonglistProblem, type LonglistRow } from '../../sampling/index';

/** An unzipped workbook larger than this is refused unread (a zip can expand a thousandfold). */
const MAX_UNZIPPED = 50 * 1024 * 1024;
/** Far more files than any workbook of one sheet holds. */
const MAX_ENTRIES = 10_000;

/** With the heading row and the columns found, to show and to map; a failure to find the columns carries the headings. */
export type LonglistRead = { ok: true; rows: LonglistRow[]; header: string[]; columns: Columns } | { ok: false; problem: LonglistProblem; header?: string[] };

const problem = (message: string, row: number | null = null): LonglistRead => ({ ok: false, problem: { row, message } });

function project(cells: (i: number) => string, columns: Columns): LonglistRow['cells'] {
	const out: LonglistRow['cells'] = {};
	for (const [field, i] of Object.entries(columns) as [LonglistField, number][]) out[field] = cells(i);
	return out;
}

/**
 * The workbook unzipped within the limit, counting what inflates rather than what the zip declares,
 * and zipped again unpacked: exceljs then reads exactly the bytes that were counted. Or why not.
 */
function unzipWithin(bytes: Uint8Array): Uint8Array | string {
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
		const size = inflatedSize(bytes, entry, MAX_UNZIPPED - inflated);
		if (typeof size === 'string') return size.startsWith('inflates to more than') || size.startsWith('is larger than') ? tooLarge(`more than ${MAX_UNZIPPED}`) : unreadable;
		inflated += size;
	}
	const kept: Zippable = {};
	for (const entry of files) {
		const content = inflateEntry(bytes, entry, MAX_UNZIPPED);
		if (typeof content === 'string') return unreadable;
		kept[entry.name] = [content, { level: 0 }];
	}
	return zipSync(kept);
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
	const unfit = checkHeader(header.cells);
	if (unfit) return { ok: false, problem: { ...unfit, row: header.row } };
	const resolved = resolveColumns(header.cells, map);
	if (!resolved.ok) return { ...resolved, header: header.cells };
	return { ok: true, header: header.cells, columns: resolved.columns, rows: records.map((r) => ({ row: r.row, cells: project((i) => r.cells[i] ?? '', resolved.columns) })) };
}

async function readXlsx(bytes: Uint8Array, map: Record<string, LonglistField>): Promise<LonglistRead> {
	const checked = unzipWithin(bytes);
	if (typeof checked === 'string') return problem(checked);
	const workbook = new ExcelJS.Workbook();
	try {
		await workbook.xlsx.load(checked.buffer as ArrayBuffer);
	} catch {
		return problem('not a readable .xlsx workbook');
	}
	const sheet = workbook.worksheets[0];
	if (!sheet) return problem('the workbook has no worksheet');
	const text = (row: ExcelJS.Row, i: number) => row.getCell(i + 1).text ?? '';
	const first = sheet.getRow(1);
	const header = Array.from({ length: Math.max(0, first.cellCount) }, (_, i) => text(first, i));
	if (!header.some((h) => h.trim())) return problem('the first row is empty: a longlist has a heading row, then one row per case', 1);
	const unfit = checkHeader(header);
	if (unfit) return { ok: false, problem: unfit };
	const resolved = resolveColumns(header, map);
	if (!resolved.ok) return { ...resolved, header };
	const rows: LonglistRow[] = [];
	let over: number | null = null;
	sheet.eachRow({ includeEmpty: false }, (row, number) => {
		if (number === 1 || over !== null) return;
		const cells = project((i) => text(row, i), resolved.columns);
		if (!Object.values(cells).some((c) => c?.trim())) return;
		if (rows.length >= LONGLIST_LIMITS.rows) over = number;
		else rows.push({ row: number, cells });
	});
	if (over !== null) return problem(`more than ${LONGLIST_LIMITS.rows} rows: a longlist holds at most ${LONGLIST_LIMITS.rows} cases`, over);
	return { ok: true, rows, header, columns: resolved.columns };
}
