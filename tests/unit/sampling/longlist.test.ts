// Reading a longlist: CSV as spreadsheets write it, which heading is which field, and every
// problem one line with its row.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { checkHeader, columnName, csvDelimiter, LONGLIST_LIMITS, parseCsv, readCases, resolveColumns, type LonglistRow } from '../../../src/lib/sampling/index';
import { rules2025 } from '../../support/sampling';

const Csv = suite('CSV');
Csv('quotes, doubled quotes, commas and line breaks inside quotes, CRLF, a byte-order mark, blank rows', () => {
	const text = '\ufeffCase reference,Stratum\r\n"A,1","Out-of-court ""cases"""\r\n\r\n"B\n2",bail-remand\nC3,resettlement';
	const parsed = parseCsv(text);
	assert.ok(parsed.ok);
	if (!parsed.ok) return;
	assert.is(parsed.delimiter, ',');
	assert.equal(parsed.records, [
		{ row: 1, cells: ['Case reference', 'Stratum'] },
		{ row: 2, cells: ['A,1', 'Out-of-court "cases"'] },
		{ row: 4, cells: ['B\n2', 'bail-remand'] },
		{ row: 5, cells: ['C3', 'resettlement'] }
	]);
});
Csv('semicolons or tabs between the heading line\'s columns are the delimiter; a comma or semicolon in quotes is not counted', () => {
	const semicolons = parseCsv('"Ref; no";Stratum,kind;Notes\r\nA1;"resettlement; custody";x, y\n');
	assert.equal(semicolons, { ok: true, delimiter: ';', records: [{ row: 1, cells: ['Ref; no', 'Stratum,kind', 'Notes'] }, { row: 2, cells: ['A1', 'resettlement; custody', 'x, y'] }] });
	const tabs = parseCsv('Case reference\tStratum\nA1\tOut-of-court cases, youth caution\n');
	assert.equal(tabs, { ok: true, delimiter: '\t', records: [{ row: 1, cells: ['Case reference', 'Stratum'] }, { row: 2, cells: ['A1', 'Out-of-court cases, youth caution'] }] });
	assert.equal(csvDelimiter('\ufeffa;b;c\n1,2,3,4,5'), { ok: true, delimiter: ';' }, 'the heading line only');
	assert.equal(csvDelimiter('one heading\n'), { ok: true, delimiter: ',' });
});
Csv('a heading line with as many of two delimiters cannot be told: what was found and what is expected', () => {
	assert.equal(parseCsv('Case reference;Stratum,Notes\nA1;x,y\n'), {
		ok: false,
		problem: { row: 1, message: 'the heading row has 1 comma and 1 semicolon, so which of them separates the columns cannot be told: save the CSV with one of commas, semicolons or tabs between the columns, and put any heading that holds one in quotes' }
	});
});
Csv('a quote never closed names the row it opens on', () => {
	assert.equal(parseCsv('reference,stratum\nA,"resettlement\nB,bail'), { ok: false, problem: { row: 2, message: 'a quoted cell is never closed' } });
});
Csv('a stray quote in an unquoted cell, and text after a closing quote', () => {
	assert.equal(parseCsv('reference,stratum\nA"1,x'), { ok: false, problem: { row: 2, message: 'a quote inside an unquoted cell' } });
	assert.equal(parseCsv('reference,stratum\n"A"1,x'), { ok: false, problem: { row: 2, message: 'text after a closing quote' } });
});
Csv('more rows than the limit stop at the first row over it', () => {
	assert.equal(parseCsv('h\na\nb\nc', 3), { ok: false, problem: { row: 4, message: 'more than 2 rows: a longlist holds at most 2 cases' } });
});
Csv('a row with more cells than the column limit stops where it goes over, naming the row', () => {
	assert.equal(parseCsv('a,b,c\n1,2,3,4\n', 10, 3), { ok: false, problem: { row: 2, message: 'more than 3 columns; a longlist has at most 3 (only the case reference, stratum, exclusion and reason are read: delete the others)' } });
	assert.ok(parseCsv('a,b,c\n1,2,3\n', 10, 3).ok, 'the limit itself is allowed');
	const wide = `${Array.from({ length: LONGLIST_LIMITS.columns + 1 }, (_, i) => `h${i}`).join(',')}\n`;
	const parsed = parseCsv(wide);
	assert.equal(parsed.ok ? parsed : parsed.problem.row, 1);
	assert.match(parsed.ok ? '' : parsed.problem.message, `more than ${LONGLIST_LIMITS.columns} columns`);
});
Csv.run();

const Header = suite('the heading row: how many columns, how long a heading');
Header('columns as a spreadsheet names them, with their number', () => {
	assert.equal([0, 25, 26, 27, 51, 52, 701, 702].map(columnName), ['column A (1)', 'column Z (26)', 'column AA (27)', 'column AB (28)', 'column AZ (52)', 'column BA (53)', 'column ZZ (702)', 'column AAA (703)']);
});
Header('up to the limits: no problem', () => {
	assert.is(checkHeader(Array.from({ length: LONGLIST_LIMITS.columns }, () => 'x'.repeat(LONGLIST_LIMITS.heading))), null);
});
Header('one column too many: the count and the limit', () => {
	const problem = checkHeader(Array.from({ length: LONGLIST_LIMITS.columns + 1 }, (_, i) => `h${i}`));
	assert.equal(problem, { row: 1, message: `${LONGLIST_LIMITS.columns + 1} columns; a longlist has at most ${LONGLIST_LIMITS.columns} (only the case reference, stratum, exclusion and reason are read: delete the others)` });
});
Header('a heading too long: its column, its length and the limit', () => {
	const header = ['Case reference', 'Stratum', ...Array.from({ length: 25 }, () => ''), 'y'.repeat(LONGLIST_LIMITS.heading + 1)];
	assert.equal(checkHeader(header), { row: 1, message: `the heading in column AB (28) is ${LONGLIST_LIMITS.heading + 1} characters; a heading may be at most ${LONGLIST_LIMITS.heading}` });
});
Header.run();

const Columns = suite('headings');
Columns('the usual headings, in any case and order; other columns are not read', () => {
	assert.equal(resolveColumns(['Name', 'REASON', 'stratum', 'Date of birth', 'Excluded', 'Case Reference']), { ok: true, columns: { reason: 1, stratum: 2, excluded: 4, reference: 5 } });
	assert.equal(resolveColumns(['reference', 'Stratum']), { ok: true, columns: { reference: 0, stratum: 1 } });
});
Columns('--map names other headings', () => {
	assert.equal(resolveColumns(['ID', 'Sub-group', 'Notes'], { id: 'reference', 'Sub-group': 'stratum', notes: 'reason' }), { ok: true, columns: { reference: 0, stratum: 1, reason: 2 } });
});
Columns('a missing reference or stratum heading, a map to no heading, and two columns for one field', () => {
	assert.equal(resolveColumns(['ID', 'Stratum']), {
		ok: false,
		columns: { stratum: 1 },
		problem: { row: 1, field: 'reference', message: 'no reference column: expected a heading "case reference" or "reference" (any case), or --map HEADING=reference' }
	});
	assert.equal(resolveColumns(['reference', 'Stratum'], { Group: 'stratum' }), { ok: false, columns: {}, problem: { row: 1, message: 'no heading "group" to map (headings: "reference", "Stratum")' } });
	assert.equal(resolveColumns(['reference', 'Case reference', 'stratum']), { ok: false, columns: { reference: 0 }, problem: { row: 1, field: 'reference', message: 'two columns are the reference: "reference" and "Case reference"' } });
});
Columns('the headings found are carried when another is missing, for the column step to start from', () => {
	const resolved = resolveColumns(['Case reference', 'Disposal', 'Excluded', 'Reason', 'Name']);
	assert.equal(resolved.columns, { reference: 0, excluded: 2, reason: 3 });
	assert.is(resolved.ok ? null : resolved.problem.field, 'stratum');
});
Columns.run();

const Cases = suite('rows to cases');
const rows = (...cells: [string, string, string?, string?][]): LonglistRow[] =>
	cells.map(([reference, stratum, excluded, reason], i) => ({ row: i + 2, cells: { reference, stratum, ...(excluded !== undefined ? { excluded } : {}), ...(reason !== undefined ? { reason } : {}) } }));
Cases('a stratum cell matches an id or the source wording, ignoring case; a victims row names the sample', () => {
	const read = readCases(rows(['A', 'Resettlement cases'], ['B', 'COMMUNITY-SENTENCES'], ['C', ' bail and remand '], ['D', 'victims'], ['E', 'Out-of-court cases', 'yes', 'hosted']), rules2025());
	assert.ok(read.ok);
	if (!read.ok) return;
	assert.equal(
		read.cases.map((c) => [c.reference, c.sample, c.group, c.excluded, c.reason]),
		[
			['A', 'children', 'resettlement', false, undefined],
			['B', 'children', 'community-sentences', false, undefined],
			['C', 'children', 'bail-remand', false, undefined],
			['D', 'victims', 'victims', false, undefined],
			['E', 'children', 'out-of-court', true, 'hosted']
		]
	);
});
Cases('a stratum cell matches in any spacing, a hyphen or underscore being spacing', () => {
	const read = readCases(rows(['A', 'Out of court  cases'], ['B', 'community_sentences'], ['C', 'Bail and\u00a0Remand'], ['D', 'OUT-OF-COURT']), rules2025());
	assert.ok(read.ok, JSON.stringify(read));
	if (read.ok) assert.equal(read.cases.map((c) => c.group), ['out-of-court', 'community-sentences', 'bail-remand', 'out-of-court']);
});
const KNOWN = 'Resettlement cases (resettlement), Community sentences (community-sentences), Out-of-court cases (out-of-court), Bail and remand (bail-remand), Victims (victims)';
Cases('strata the version does not name are one problem on the stratum column: each value with its rows, and what is accepted', () => {
	const given = rows(['A', 'Referral Order'], ['B', 'resettlement'], ['C', 'referral  order'], ['D', ''], ['E', 'YRO'], ['F', 'Referral order'], ['G', 'Referral Order']);
	assert.equal(readCases(given, rules2025(), 'the stratum column ("Disposal", column B (2))'), {
		ok: false,
		problem: {
			row: null,
			field: 'stratum',
			message: `the stratum column ("Disposal", column B (2)) has 3 values that are not one of this version's strata: "Referral Order" (4 rows: rows 2, 4, 7, …), an empty cell (1 row: row 5) and "YRO" (1 row: row 6). Accepted, in any case or spacing: ${KNOWN}`
		}
	});
	assert.equal(readCases(rows(['A', 'resettlement'], ['B', 'custody']), rules2025()), {
		ok: false,
		problem: { row: null, field: 'stratum', message: `the stratum column has a value that is not one of this version's strata: "custody" (1 row: row 3). Accepted, in any case or spacing: ${KNOWN}` }
	});
	// many values: the first few, and how many more
	const many = readCases(rows(...Array.from({ length: 8 }, (_, i): [string, string] => [`R${i}`, `Kind ${i}`])), rules2025());
	assert.match(many.ok ? '' : many.problem.message, /has 8 values that are not one of this version's strata: "Kind 0" \(1 row: row 2\), .*"Kind 4" \(1 row: row 6\) and 3 more values \(3 rows\)\. Accepted/);
});
const problems: [string, LonglistRow[], string, number][] = [
	['a duplicate reference', rows(['A', 'resettlement'], ['B', 'resettlement'], ['A', 'bail-remand']), 'case reference "A" is also on row 2', 4],
	['an empty reference', rows(['', 'resettlement']), 'no case reference', 2],
	['an exclusion without a reason', rows(['A', 'resettlement', 'Yes', ' ']), 'case "A" is excluded without a reason', 2],
	['an excluded cell that is neither yes nor no', rows(['A', 'resettlement', 'maybe', 'r']), 'excluded is "maybe": write yes or no (or leave it empty)', 2],
	['an over-long cell', rows(['A'.repeat(201), 'resettlement']), 'the reference is longer than 200 characters', 2]
];
for (const [name, given, message, row] of problems) {
	Cases(`${name}: row ${row}`, () => {
		const read = readCases(given, rules2025());
		assert.equal(read.ok ? read : { ok: false, problem: { row: read.problem.row, message: read.problem.message } }, { ok: false, problem: { row, message } });
	});
}
Cases('a reason on a row that is not excluded is not kept', () => {
	const read = readCases(rows(['A', 'resettlement', 'no', 'a note with a name in it']), rules2025());
	assert.ok(read.ok && read.cases[0].reason === undefined && !read.cases[0].excluded);
});
Cases.run();
