// An uploaded longlist into the cases a draw needs, or the reason it cannot be, or the step
// where the lead inspector says which column is which.
import { describeColumn, LONGLIST_FIELDS, readCases, type LonglistField, type SamplingRules } from '../../sampling/index';
import type { LonglistEntry } from '../../sampling/draw-edit';
import { readLonglist } from './longlist-file';

export type Upload =
	| { kind: 'cases'; header: string[]; columns: Partial<Record<LonglistField, string>>; from: string; cases: (LonglistEntry & { row: number })[] }
	/** the columns are to be mapped: the headings, what was found, where in the file, and why it is asked */
	| { kind: 'columns'; header: string[]; columns: Partial<Record<LonglistField, string>>; from?: string; why: string }
	/** `field`: the column it is about, when it is about one (the column step shows it there) */
	| { kind: 'problem'; message: string; field?: LonglistField };

/**
 * `map` (heading → field) once the inspector has mapped the columns. Without one, the columns
 * are asked for when the reference or stratum is not found, or when the file has headings that
 * might be the exclusion or its reason and neither was found by its usual heading.
 */
export async function readUpload(bytes: Uint8Array, name: string, rules: SamplingRules, map?: Record<string, LonglistField>): Promise<Upload> {
	const read = await readLonglist(bytes, name, map);
	if (!read.ok) {
		const where = read.problem.row === null ? '' : `Row ${read.problem.row}: `;
		// the problem's wording is the command line's (--map): the page says it its own way
		if (read.header && !map) return { kind: 'columns', header: read.header, columns: {}, ...(read.from ? { from: read.from } : {}), why: 'The file has no headings Yardstick recognises for the case reference and the stratum ("Case reference" and "Stratum"): say which column holds what.' };
		return { kind: 'problem', message: `${where}${read.problem.message}` };
	}
	const columns: Partial<Record<LonglistField, string>> = {};
	for (const field of LONGLIST_FIELDS) if (read.columns[field] !== undefined) columns[field] = read.header[read.columns[field]!];
	const unread = read.header.filter((h, i) => h.trim() && !Object.values(read.columns).includes(i));
	if (!map && (columns.excluded === undefined || columns.reason === undefined) && unread.length) {
		return { kind: 'columns', header: read.header, columns, from: read.from, why: 'Some headings are not the usual ones: say which column holds what.' };
	}
	const cases = readCases(read.rows, rules, describeColumn('stratum', read.header, read.columns.stratum));
	if (!cases.ok) {
		const { row, message, field } = cases.problem;
		return { kind: 'problem', message: `${row === null ? '' : `Row ${row}: `}${message}`, ...(field ? { field } : {}) };
	}
	if (!cases.cases.length) return { kind: 'problem', message: 'The longlist has no cases: it has a heading row, then one row per case.' };
	return {
		kind: 'cases',
		header: read.header,
		columns,
		from: read.from,
		cases: cases.cases.map((c) => ({ row: c.row, reference: c.reference, group: c.group, ...(c.excluded ? { excluded: true, reason: c.reason } : {}) }))
	};
}
