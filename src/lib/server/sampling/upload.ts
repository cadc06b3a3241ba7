// An uploaded longlist into the cases a draw needs, or the reason it cannot be, or the step
// where the lead inspector says which column is which.
import { describeColumn, LONGLIST_FIELDS, readCases, usualHeadings, type Columns, type LonglistField, type SamplingRules } from '../../sampling/index';
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
	const headings = (header: string[], found: Columns) => {
		const columns: Partial<Record<LonglistField, string>> = {};
		for (const field of LONGLIST_FIELDS) if (found[field] !== undefined) columns[field] = header[found[field]!];
		return columns;
	};
	if (!read.ok) {
		const where = read.problem.row === null ? '' : `Row ${read.problem.row}: `;
		// the headings it did recognise are chosen already: only the others are left to say
		if (read.header && !map) {
			const columns = headings(read.header, read.columns ?? {});
			return { kind: 'columns', header: read.header, columns, ...(read.from ? { from: read.from } : {}), why: whyColumns(columns, read.problem.message) };
		}
		return { kind: 'problem', message: `${where}${read.problem.message}`, ...(read.problem.field ? { field: read.problem.field } : {}) };
	}
	const columns = headings(read.header, read.columns);
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

const FIELD_WORDS: Record<'reference' | 'stratum', string> = { reference: 'case reference', stratum: 'stratum' };

/**
 * Why the columns are asked for, in the page's words (the problem's are the command line's,
 * --map): which required column has no heading Yardstick recognises, and which it found.
 */
function whyColumns(columns: Partial<Record<LonglistField, string>>, problem: string): string {
	const missing = (['reference', 'stratum'] as const).filter((f) => columns[f] === undefined);
	if (missing.length === 2) return 'The file has no headings Yardstick recognises for the case reference and the stratum ("Case reference" and "Stratum"): say which column holds what.';
	if (missing.length === 1) {
		const found = (['reference', 'stratum', 'excluded', 'reason'] as const).filter((f) => columns[f] !== undefined).map((f) => `"${columns[f]}"`);
		return `The file has no heading Yardstick recognises for the ${FIELD_WORDS[missing[0]]} (${usualHeadings(missing[0])}, in any case): say which column holds it. The headings it did recognise (${found.join(', ')}) are chosen already.`;
	}
	// both found, yet not read: two columns claim one field
	return `${problem.charAt(0).toUpperCase()}${problem.slice(1)}: say which column holds what.`;
}
