// A service's longlist, read as rows of cells: which heading is which field, and each row's case
// reference, stratum, exclusion and reason. Longlists hold personal data, so only those four
// columns are ever kept. Every problem is one line naming the row.
import type { SamplingRules } from './types';
import { groupsOf } from './size';

export const LONGLIST_FIELDS = ['reference', 'stratum', 'excluded', 'reason'] as const;
export type LonglistField = (typeof LONGLIST_FIELDS)[number];

/**
 * Limits where the bytes arrive: a longlist is a two-month caseload, not a database. `columns`
 * and `heading` bound what the column step shows and keeps (every heading, to choose from).
 */
export const LONGLIST_LIMITS = { bytes: 5 * 1024 * 1024, rows: 20000, cell: 200, columns: 500, heading: 200 } as const;

/** A column as a spreadsheet names it (1 → A, 28 → AB), with its number for a CSV's reader. */
export function columnName(index: number): string {
	let letters = '';
	for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
	return `column ${letters} (${index + 1})`;
}

/** The heading row within the limits (how many columns, how long a heading), or the first problem. */
export function checkHeader(header: string[]): LonglistProblem | null {
	if (header.length > LONGLIST_LIMITS.columns) return tooManyColumns(1, header.length);
	const long = header.findIndex((h) => h.length > LONGLIST_LIMITS.heading);
	if (long >= 0) return { row: 1, message: `the heading in ${columnName(long)} is ${header[long].length} characters; a heading may be at most ${LONGLIST_LIMITS.heading}` };
	return null;
}

/** `count`: how many, when known (a CSV row is read no further than the limit). */
const tooManyColumns = (row: number, count: string | number, limit: number = LONGLIST_LIMITS.columns): LonglistProblem => ({
	row,
	message: `${count} columns; a longlist has at most ${limit} (only the case reference, stratum, exclusion and reason are read: delete the others)`
});

const HEADINGS: Record<LonglistField, string[]> = {
	reference: ['case reference', 'reference'],
	stratum: ['stratum'],
	excluded: ['excluded'],
	reason: ['reason']
};

export interface LonglistProblem {
	/** 1 is the heading row */
	row: number | null;
	message: string;
	/** the column it is about, when it is about one */
	field?: LonglistField;
}

export type Columns = Partial<Record<LonglistField, number>>;

/** The usual headings of a field, as a problem quotes them. */
export const usualHeadings = (field: LonglistField): string => HEADINGS[field].map((h) => `"${h}"`).join(' or ');

/**
 * The column of each field: a --map HEADING=field names it, else the usual heading (ignoring
 * case and surrounding spaces). The reference and stratum are required. A failure carries the
 * columns found before it, for the column step to start from.
 */
export function resolveColumns(header: string[], map: Record<string, LonglistField> = {}): { ok: true; columns: Columns } | { ok: false; problem: LonglistProblem; columns: Columns } {
	const norm = (s: string) => s.trim().toLowerCase();
	const columns: Columns = {};
	const mapped = new Map(Object.entries(map).map(([heading, field]) => [norm(heading), field]));
	for (const [heading] of mapped) {
		if (!header.some((h) => norm(h) === heading)) return { ok: false, columns, problem: { row: 1, message: `no heading "${heading}" to map (headings: ${header.map((h) => `"${h}"`).join(', ')})` } };
	}
	for (const [i, h] of header.entries()) {
		const key = norm(h);
		const field = mapped.get(key) ?? LONGLIST_FIELDS.find((f) => HEADINGS[f].includes(key) && ![...mapped.values()].includes(f));
		if (!field) continue;
		if (columns[field] !== undefined) return { ok: false, columns, problem: { row: 1, field, message: `two columns are the ${field}: "${header[columns[field]!]}" and "${h}"` } };
		columns[field] = i;
	}
	for (const field of ['reference', 'stratum'] as const) {
		if (columns[field] === undefined)
			return { ok: false, columns, problem: { row: 1, field, message: `no ${field} column: expected a heading ${usualHeadings(field)} (any case), or --map HEADING=${field}` } };
	}
	return { ok: true, columns };
}

export interface LonglistRow {
	row: number;
	/** the cells of the mapped columns only */
	cells: Partial<Record<LonglistField, string>>;
}

export interface LonglistCase {
	row: number;
	reference: string;
	/** the case sample and the group (stratum, or the sample when it has no strata) */
	sample: string;
	group: string;
	excluded: boolean;
	reason?: string;
}

const YES = new Set(['yes', 'y', 'true', '1', 'x', 'excluded']);
const NO = new Set(['', 'no', 'n', 'false', '0']);

/**
 * A stratum cell as it is matched against the version's ids and labels: in any case, with any
 * spacing, a hyphen or underscore being spacing ("Out of court  cases" is "out-of-court cases").
 */
export const stratumKey = (name: string): string => name.normalize('NFKC').toLowerCase().replace(/[\s_-]+/g, ' ').trim();

/** A column as a problem names it: its field, and its heading and place when known. */
export function describeColumn(field: LonglistField, header?: string[], index?: number): string {
	return header && index !== undefined && index < header.length ? `the ${field} column ("${header[index]}", ${columnName(index)})` : `the ${field} column`;
}

/** Distinct values listed in one problem at most, and rows listed for each. */
const VALUES_SHOWN = 5;
const ROWS_SHOWN = 3;

/**
 * The cases of a longlist, matched to the version's case samples, or the first problem. Stratum
 * cells the version does not name are one problem, after every row is read: each distinct value
 * with its rows, and what is accepted. `column`: the stratum column as the problem names it.
 */
export function readCases(rows: LonglistRow[], rules: SamplingRules, column = describeColumn('stratum')): { ok: true; cases: LonglistCase[] } | { ok: false; problem: LonglistProblem } {
	const names = new Map<string, { sample: string; group: string }>();
	for (const sample of rules.samples) {
		for (const g of groupsOf(sample)) for (const name of [g.id, g.label]) names.set(stratumKey(name), { sample: sample.id, group: g.id });
	}
	const known = rules.samples.flatMap((s) => groupsOf(s).map((g) => `${g.label} (${g.id})`)).join(', ');
	const seen = new Map<string, number>();
	const cases: LonglistCase[] = [];
	/** unmatched stratum cells by their key: the first spelling, how many rows, the first rows */
	const unmatched = new Map<string, { value: string; count: number; rows: number[] }>();
	for (const { row, cells } of rows) {
		const fail = (message: string, field: LonglistField) => ({ ok: false as const, problem: { row, message, field } });
		for (const [field, value] of Object.entries(cells) as [LonglistField, string | undefined][]) {
			if (value !== undefined && value.length > LONGLIST_LIMITS.cell) return fail(`the ${field} is longer than ${LONGLIST_LIMITS.cell} characters`, field);
		}
		const reference = (cells.reference ?? '').trim();
		const stratum = (cells.stratum ?? '').trim();
		const excludedCell = (cells.excluded ?? '').trim().toLowerCase();
		const reason = (cells.reason ?? '').trim();
		if (!reference) return fail('no case reference', 'reference');
		const before = seen.get(reference);
		if (before !== undefined) return fail(`case reference "${reference}" is also on row ${before}`, 'reference');
		seen.set(reference, row);
		if (!YES.has(excludedCell) && !NO.has(excludedCell)) return fail(`excluded is "${cells.excluded!.trim()}": write yes or no (or leave it empty)`, 'excluded');
		const excluded = YES.has(excludedCell);
		if (excluded && !reason) return fail(`case "${reference}" is excluded without a reason`, 'reason');
		const key = stratumKey(stratum);
		const match = names.get(key);
		if (!match) {
			// a Map keyed by the service's words: no object's prototype to reach
			const entry = unmatched.get(key) ?? unmatched.set(key, { value: stratum, count: 0, rows: [] }).get(key)!;
			entry.count++;
			if (entry.rows.length < ROWS_SHOWN) entry.rows.push(row);
			continue;
		}
		cases.push({ row, reference, sample: match.sample, group: match.group, excluded, ...(excluded ? { reason } : {}) });
	}
	if (unmatched.size) return { ok: false, problem: { row: null, field: 'stratum', message: unmatchedStrata(column, [...unmatched.values()], known) } };
	return { ok: true, cases };
}

function unmatchedStrata(column: string, values: { value: string; count: number; rows: number[] }[], known: string): string {
	const described = values.slice(0, VALUES_SHOWN).map(({ value, count, rows }) => {
		const where = `${count} ${count === 1 ? 'row' : 'rows'}: ${count === 1 ? 'row' : 'rows'} ${rows.join(', ')}${count > rows.length ? ', …' : ''}`;
		return `${value ? `"${value}"` : 'an empty cell'} (${where})`;
	});
	const rest = values.slice(VALUES_SHOWN);
	if (rest.length) {
		const more = rest.reduce((sum, v) => sum + v.count, 0);
		described.push(`${rest.length} more ${rest.length === 1 ? 'value' : 'values'} (${more} ${more === 1 ? 'row' : 'rows'})`);
	}
	const list = described.length < 2 ? described.join('') : `${described.slice(0, -1).join(', ')} and ${described.at(-1)}`;
	const are = values.length === 1 ? 'a value that is' : `${values.length} values that are`;
	return `${column} has ${are} not one of this version's strata: ${list}. Accepted, in any case or spacing: ${known}`;
}

/** What may separate a CSV's columns: Excel writes semicolons or tabs in many locales. */
export const CSV_DELIMITERS = { ',': 'commas', ';': 'semicolons', '\t': 'tabs' } as const;
export type CsvDelimiter = keyof typeof CSV_DELIMITERS;

/**
 * The delimiter the heading line uses: the one of comma, semicolon and tab it has most of outside
 * quotes, or why it cannot be told (two as many times). A line with none is one column: comma.
 */
export function csvDelimiter(text: string): { ok: true; delimiter: CsvDelimiter } | { ok: false; problem: LonglistProblem } {
	const counts: Record<CsvDelimiter, number> = { ',': 0, ';': 0, '\t': 0 };
	let quoted = false;
	for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
		const c = text[i];
		if (c === '"') quoted = !quoted;
		else if (!quoted && (c === '\n' || c === '\r')) break;
		else if (!quoted && Object.hasOwn(counts, c)) counts[c as CsvDelimiter]++;
	}
	const ranked = (Object.entries(counts) as [CsvDelimiter, number][]).sort((a, b) => b[1] - a[1]);
	if (ranked[0][1] === 0) return { ok: true, delimiter: ',' };
	const tied = ranked.filter(([, n]) => n === ranked[0][1]);
	if (tied.length > 1) {
		const found = tied.map(([d, n]) => `${n} ${n === 1 ? CSV_DELIMITERS[d].slice(0, -1) : CSV_DELIMITERS[d]}`).join(' and ');
		return {
			ok: false,
			problem: { row: 1, message: `the heading row has ${found}, so which of them separates the columns cannot be told: save the CSV with one of commas, semicolons or tabs between the columns, and put any heading that holds one in quotes` }
		};
	}
	return { ok: true, delimiter: ranked[0][0] };
}

/**
 * RFC 4180 CSV (quotes, doubled quotes, CRLF or LF, a leading byte-order mark) into records,
 * each with its row as a spreadsheet shows it (the heading is row 1). Blank rows are skipped.
 * The delimiter is the heading line's (see csvDelimiter).
 */
export function parseCsv(
	text: string,
	maxRecords = LONGLIST_LIMITS.rows + 1,
	maxColumns: number = LONGLIST_LIMITS.columns
): { ok: true; records: { row: number; cells: string[] }[]; delimiter: CsvDelimiter } | { ok: false; problem: LonglistProblem } {
	const detected = csvDelimiter(text);
	if (!detected.ok) return detected;
	const { delimiter } = detected;
	const records: { row: number; cells: string[] }[] = [];
	let row = 0;
	let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
	while (i < text.length) {
		const start = ++row;
		const cells: string[] = [];
		let cell = '';
		for (;;) {
			if (text[i] === '"' && cell === '') {
				i++;
				for (;;) {
					if (i >= text.length) return { ok: false, problem: { row: start, message: 'a quoted cell is never closed' } };
					if (text[i] === '"') {
						if (text[i + 1] === '"') {
							cell += '"';
							i += 2;
							continue;
						}
						i++;
						break;
					}
					cell += text[i++];
				}
				if (i < text.length && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') return { ok: false, problem: { row: start, message: 'text after a closing quote' } };
			} else {
				while (i < text.length && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') {
					if (text[i] === '"') return { ok: false, problem: { row: start, message: 'a quote inside an unquoted cell' } };
					cell += text[i++];
				}
			}
			cells.push(cell);
			cell = '';
			// refused as soon as it is over, not once a row of thousands of cells is built
			if (cells.length > maxColumns) return { ok: false, problem: tooManyColumns(start, `more than ${maxColumns}`, maxColumns) };
			if (text[i] === delimiter) {
				i++;
				continue;
			}
			if (text[i] === '\r') i++;
			if (text[i] === '\n') i++;
			break;
		}
		if (cells.some((c) => c.trim() !== '')) {
			if (records.length >= maxRecords) return { ok: false, problem: { row: start, message: `more than ${maxRecords - 1} rows: a longlist holds at most ${maxRecords - 1} cases` } };
			records.push({ row: start, cells });
		}
	}
	return { ok: true, records, delimiter };
}
