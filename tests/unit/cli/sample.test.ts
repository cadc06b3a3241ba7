// npm run sample as a user runs it: a longlist as CSV or a workbook, the sizes with their
// arithmetic, the selected references, and one clear line (exit 2) for every bad input.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import { cli } from '../../support/cli';
import { loadFramework } from '../../../src/lib/server/frameworks/frameworks';
import { selectedCsv } from '../../../src/lib/server/sampling/selected';
import type { DrawRecord } from '../../../src/lib/sampling/draw-edit';
import { copyVersion, tempRules } from '../../support/versions';

const dir = mkdtempSync(path.join(tmpdir(), 'yardstick-longlist-'));
const STRATA = ['Resettlement cases', 'community-sentences', 'Out-of-court cases', 'BAIL AND REMAND'];
/** 300 children: a stratum for each by a fixed pattern, two excluded with reasons, a name column that must never be read */
const people = Array.from({ length: 300 }, (_, i) => ({
	reference: `YJ${String(i).padStart(4, '0')}`,
	name: `Child Name ${i}`,
	stratum: STRATA[i % 20 === 0 ? 0 : i % 10 === 1 ? 3 : i % 20 < 8 ? 2 : 1],
	excluded: i === 4 || i === 9 ? 'Yes' : '',
	reason: i === 4 ? 'transferred out' : i === 9 ? 'hosted for another area' : ''
}));
const csvLine = (cells: string[]) => cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
function writeCsv(name: string, header: string[], rows: string[][]): string {
	const file = path.join(dir, name);
	writeFileSync(file, [header, ...rows].map(csvLine).join('\r\n') + '\r\n');
	return file;
}
const HEADER = ['Case reference', 'Name', 'Stratum', 'Excluded', 'Reason'];
const cells = (p: (typeof people)[number]) => [p.reference, p.name, p.stratum, p.excluded, p.reason];
const longlistCsv = writeCsv('longlist.csv', HEADER, people.map(cells));

async function writeXlsx(name: string, header: string[], rows: string[][]): Promise<string> {
	const workbook = new ExcelJS.Workbook();
	const sheet = workbook.addWorksheet('Longlist');
	sheet.addRow(header);
	for (const row of rows) sheet.addRow(row);
	const file = path.join(dir, name);
	await workbook.xlsx.writeFile(file);
	return file;
}

const run = (file: string, ...args: string[]) => cli('sample', [file, '--framework', 'hmip-youth@2025', '--seed', '42', ...args]);
const json = (file: string, ...args: string[]) => {
	const r = run(file, '--json', ...args);
	assert.is(r.status, 0, r.stderr);
	return JSON.parse(r.stdout);
};

const Sample = suite('npm run sample');
Sample('a CSV longlist: size per stratum with the arithmetic, then the selected references', () => {
	const r = run(longlistCsv);
	assert.is(r.status, 0, r.stderr);
	assert.match(r.stdout, /^hmip-youth@2025 \(sha256:[0-9a-f]{12}\), seed 42$/m);
	assert.match(r.stdout, 'longlist: 300 cases, 2 excluded');
	// 298 eligible: n = 164.2374 / (1 + 163.2374 / 298) = 106.11 → 107
	assert.match(r.stdout, 'Children (domain two): 107 of 298 eligible cases');
	assert.match(r.stdout, 'n = n0 / (1 + (n0 − 1) / N) = 164.2374 / (1 + 163.2374 / 298) = 106.1118, rounded up to 107');
	assert.match(r.stdout, /Resettlement cases: 107 × 15 \/ 298 = 5\.3859, 5 whole → 5/);
	assert.match(r.stdout, /^ {2}YJ\d{4} {2}out-of-court {2}→ out-of-court$/m);
	assert.match(r.stdout, /Bail and remand: .* → 11\n\nselected \(107\):\n {2}YJ\d{4} {2}resettlement {2}→ court\n/);
	assert.match(r.stdout, 'excluded:\n  YJ0004  out-of-court: transferred out\n  YJ0009  community-sentences: hosted for another area');
	assert.is((r.stdout.match(/^ {2}YJ\d{4} {2}[a-z-]+ {2}→ /gm) ?? []).length, 107);
	assert.not.match(r.stdout, 'Child Name');
	assert.not.match(r.stdout, /^ {2}YJ000[49] {2}[a-z-]+ {2}→/m);
});
Sample('--json: the same as data; the same seed draws the same cases, another seed others with the same counts', () => {
	const a = json(longlistCsv);
	const b = json(longlistCsv);
	assert.equal(a, b);
	assert.is(a.framework, 'hmip-youth@2025');
	assert.is(a.seed, 42);
	const [children] = a.samples;
	assert.is(children.size.size, 107);
	// eligible 15, 164, 89, 30: 107 × each / 298 = 5.386, 58.886, 31.956, 10.772; whole 5 + 58 + 31 + 10 = 104;
	// the 3 left to the largest remainders: out-of-court (.956), community sentences (.886), bail and remand (.772)
	assert.equal(children.size.allocation.map((x: { allocated: number }) => x.allocated), [5, 59, 32, 11]);
	assert.is(children.draw.selected.length, 107);
	assert.not.ok(JSON.stringify(a).includes('Child Name'));
	const other = JSON.parse(cli('sample', [longlistCsv, '--framework', 'hmip-youth@2025', '--seed', '43', '--json']).stdout);
	assert.not.equal(other.samples[0].draw.selected, children.draw.selected);
	assert.equal(other.samples[0].draw.counts, children.draw.counts);
});
Sample('the row order of the longlist makes no difference', () => {
	const reversed = writeCsv('reversed.csv', HEADER, [...people].reverse().map(cells));
	assert.equal(json(reversed).samples, json(longlistCsv).samples);
});
Sample('an .xlsx workbook draws the same cases as the same longlist in CSV', async () => {
	const file = await writeXlsx('longlist.xlsx', HEADER, people.map(cells));
	assert.equal(json(file).samples, json(longlistCsv).samples);
});
Sample('--map HEADING=field for other headings, in CSV and in a workbook', async () => {
	const header = ['ID', 'Name', 'Sub-group', 'Exclude?', 'Why'];
	const maps = ['--map', 'ID=reference', '--map', 'Sub-group=stratum', '--map', 'Exclude?=excluded', '--map', 'why=reason'];
	const csv = writeCsv('mapped.csv', header, people.map(cells));
	const xlsx = await writeXlsx('mapped.xlsx', header, people.map(cells));
	assert.equal(json(csv, ...maps).samples, json(longlistCsv).samples);
	assert.equal(json(xlsx, ...maps).samples, json(longlistCsv).samples);
});
Sample('a heading that is a property name of every object ("__proto__") can be mapped', () => {
	const file = writeCsv('proto.csv', ['__proto__', 'Stratum'], people.map((p) => [p.reference, p.stratum]));
	const r = json(file, '--map', '__proto__=reference');
	assert.equal({ cases: r.longlist.cases, excluded: r.longlist.excluded }, { cases: 300, excluded: 0 });
	assert.match(r.longlist.sha256, /^[0-9a-f]{64}$/);
});
Sample('a victims longlist: the sources give no size above nine, so the command says so and draws none', () => {
	const file = writeCsv('victims.csv', ['Reference', 'Stratum'], Array.from({ length: 20 }, (_, i) => [`V${i}`, 'Victims']));
	const r = run(file);
	assert.is(r.status, 0, r.stderr);
	assert.match(r.stdout, 'Victims: no size');
	assert.match(r.stdout, /warnings:\n {2}Victims: no sample size can be computed .* \[sampling-size-gap\]/);
	assert.match(r.stdout, 'selected (0):');
});
Sample('--size SAMPLE=N: the lead inspector sizes a sample the sources leave open, and the command says it was chosen', () => {
	const file = writeCsv('victims-sized.csv', ['Reference', 'Stratum'], Array.from({ length: 20 }, (_, i) => [`V${String(i).padStart(2, '0')}`, 'Victims']));
	const r = run(file, '--size', 'victims=12');
	assert.is(r.status, 0, r.stderr);
	assert.match(r.stdout, 'Victims: 12 of 20 eligible cases');
	assert.match(r.stdout, '12 chosen by whoever draws the sample, since the version gives no rule for the size');
	assert.match(r.stdout, 'selected (12):');
	assert.match(r.stdout, '[sampling-size-chosen]');
	refuse(run(file, '--size', 'victims=31'), '--size: Victims: the size is a whole number from 9 to 30');
	refuse(run(file, '--size', 'victims'), '--size: "victims" is not SAMPLE=N');
	refuse(run(longlistCsv, '--size', 'children=20'), '--size: Children (domain two): the version sizes this sample itself');
});
Sample('a small service: the rule is flagged with its action', () => {
	const file = writeCsv('small.csv', ['reference', 'stratum'], Array.from({ length: 20 }, (_, i) => [`S${i}`, i < 12 ? 'community-sentences' : 'out-of-court']));
	const r = run(file);
	assert.is(r.status, 0, r.stderr);
	// 164.2374 / (1 + 163.2374 / 20) = 17.93 → 18
	assert.match(r.stdout, 'Children (domain two): 18 of 20 eligible cases');
	assert.match(r.stdout, 'small-service rule: 20 eligible cases, fewer than 25; no eligible cases in Resettlement cases, Bail and remand.');
	assert.match(r.stdout, '[sampling-small-service]');
});
Sample('the longlist\'s fingerprint: the same for the same rows however they are read, another for another order', async () => {
	const sha = json(longlistCsv).longlist.sha256;
	assert.match(sha, /^[0-9a-f]{64}$/);
	assert.match(run(longlistCsv).stdout, `longlist: 300 cases, 2 excluded, SHA-256 ${sha}`);
	// the stratum by label or by id, another column, a workbook: the same rows as read
	const xlsx = await writeXlsx('fingerprint.xlsx', ['Case reference', 'Stratum', 'Excluded', 'Reason'], people.map((p) => [p.reference, p.stratum, p.excluded, p.reason]));
	assert.is(json(xlsx).longlist.sha256, sha);
	const reversed = writeCsv('fingerprint-reversed.csv', HEADER, [...people].reverse().map(cells));
	assert.is.not(json(reversed).longlist.sha256, sha);
});

/** The selected.csv the case sample page exports for a draw of this longlist with this seed. */
function exportedSelection(name: string, seed: string, change?: (lines: string[]) => string[], drawnFrom = longlistCsv): { file: string; sha256: string } {
	const plan = JSON.parse(cli('sample', [drawnFrom, '--framework', 'hmip-youth@2025', '--seed', seed, '--json']).stdout);
	const framework = loadFramework('hmip-youth@2025');
	if (!framework.ok) throw new Error('hmip-youth@2025 does not load');
	const draw: DrawRecord = {
		seed: Number(seed),
		at: '2026-01-01T00:00:00.000Z',
		by: 'ann',
		longlist: plan.longlist,
		samples: plan.samples.map((s: { size: { sample: string; label: string; eligible: number; size: number }; draw: { counts: DrawRecord['samples'][number]['groups'] } }) => ({ sample: s.size.sample, label: s.size.label, eligible: s.size.eligible, size: s.size.size, groups: s.draw.counts })),
		selected: plan.samples.flatMap((s: { draw: { selected: DrawRecord['selected'] } }) => s.draw.selected),
		excluded: [],
		warnings: [],
		replaced: 0
	};
	const [header, ...rows] = selectedCsv([draw], framework.value).trim().split('\r\n');
	const file = path.join(dir, name);
	writeFileSync(file, [header, ...(change ? change(rows) : rows)].join('\r\n') + '\r\n');
	return { file, sha256: plan.longlist.sha256 };
}
const verify = (file: string, seed: string, sha256: string, selected: string) => cli('sample', ['verify', file, '--framework', 'hmip-youth@2025', '--seed', seed, '--sha256', sha256, '--selected', selected]);

Sample('verify: the longlist and seed draw the selection exported from the page, exit 0', () => {
	const { file, sha256 } = exportedSelection('selected-42.csv', '42');
	assert.match(readFileSync(file, 'utf8'), /^Case reference,Stratum,Sample\r\nYJ\d{4},Resettlement cases,/, 'the export names strata and samples by label');
	const r = verify(longlistCsv, '42', sha256, file);
	assert.is(r.status, 0, r.stdout + r.stderr);
	assert.match(r.stdout, 'longlist: the same as the draw recorded');
	assert.match(r.stdout, 'selection: the same 107 cases');
	assert.match(r.stdout, /^verified: this longlist and seed draw the recorded selection$/m);
});
Sample('verify: another seed, a case swapped in the selection, or another longlist is NOT verified, exit 1, saying what differs', () => {
	const { file, sha256 } = exportedSelection('selected-42b.csv', '42');
	const seed = verify(longlistCsv, '43', sha256, file);
	assert.is(seed.status, 1);
	assert.match(seed.stdout, 'longlist: the same as the draw recorded');
	assert.match(seed.stdout, /selection: NOT the same: 107 drawn here; not in .*selected-42b\.csv: YJ\d{4}/);
	assert.match(seed.stdout, /^NOT verified$/m);
	const swapped = exportedSelection('selected-swapped.csv', '42', (lines) => [lines[0].replace(/^YJ\d{4},/, 'YJ0004,'), ...lines.slice(1)]);
	const s = verify(longlistCsv, '42', sha256, swapped.file);
	assert.is(s.status, 1);
	assert.match(s.stdout, /in .*selected-swapped\.csv but not drawn here: YJ0004$/m);
	// the same cases in another order draw the same sample, but it is not the longlist the draw recorded
	const reversed = writeCsv('verify-reversed.csv', HEADER, [...people].reverse().map(cells));
	const o = verify(reversed, '42', sha256, file);
	assert.is(o.status, 1);
	assert.match(o.stdout, 'longlist: NOT the one the draw recorded');
	assert.match(o.stdout, 'selection: the same 107 cases');
});
Sample('verify --exclude: cases excluded on the review page, not in the file, are given by reference and the draw verifies; without them it does not', () => {
	// the draw as the page made it: YJ0010 and YJ0020 excluded on the review page, so the rows it read mark them excluded
	const marked = writeCsv('verify-marked.csv', HEADER, people.map((p) => (['YJ0010', 'YJ0020'].includes(p.reference) ? [p.reference, p.name, p.stratum, 'Yes', 'on the page'] : cells(p))));
	const { file, sha256 } = exportedSelection('selected-page-excluded.csv', '42', undefined, marked);
	const run = (...extra: string[]) => cli('sample', ['verify', longlistCsv, '--framework', 'hmip-youth@2025', '--seed', '42', '--sha256', sha256, '--selected', file, ...extra]);
	// the service's own file, which does not mark them
	const without = run();
	assert.is(without.status, 1, without.stdout + without.stderr);
	assert.match(without.stdout, 'longlist: NOT the one the draw recorded');
	const given = run('--exclude', 'YJ0010,YJ0020');
	assert.is(given.status, 0, given.stdout + given.stderr);
	assert.match(given.stdout, 'longlist: 300 cases, 4 excluded');
	assert.match(given.stdout, /^verified: this longlist and seed draw the recorded selection$/m);
	// one flag per case, spaces after the commas, and a case the file excludes already: the same
	assert.is(run('--exclude', 'YJ0010', '--exclude', ' YJ0020 , YJ0004').status, 0);
	// a reference that is not on the longlist is bad input, never passed over
	const typo = run('--exclude', 'YJ0010,YJ002O');
	assert.is(typo.status, 2);
	assert.is(typo.stderr.trim(), `--exclude: "YJ002O" is not a case reference on ${longlistCsv}`);
	// the same flag draws the same sample without verify
	const drawn = cli('sample', [longlistCsv, '--framework', 'hmip-youth@2025', '--seed', '42', '--exclude', 'YJ0010,YJ0020']);
	assert.is(drawn.status, 0, drawn.stderr);
	assert.match(drawn.stdout, `SHA-256 ${sha256}`);
	assert.match(drawn.stdout, /^ {2}YJ0010 {2}\S+: excluded on the review page \(--exclude\)$/m);
});
Sample('--exclude: a reference holding a comma is one case when given whole', () => {
	const file = writeCsv('comma.csv', ['Case reference', 'Stratum'], [['A,1', 'out-of-court'], ['B2', 'out-of-court'], ['C3', 'out-of-court']]);
	const r = cli('sample', [file, '--framework', 'hmip-youth@2025', '--seed', '1', '--exclude', 'A,1', '--json']);
	assert.is(r.status, 0, r.stderr);
	assert.equal(JSON.parse(r.stdout).excluded.map((e: { reference: string }) => e.reference), ['A,1']);
});
Sample('verify: bad input is one line, exit 2', () => {
	const { file, sha256 } = exportedSelection('selected-bad.csv', '42');
	const cases: [string[], RegExp][] = [
		[['verify', longlistCsv, '--framework', 'hmip-youth@2025', '--seed', '42', '--selected', file], /--sha256 is the longlist's SHA-256/],
		[['verify', longlistCsv, '--framework', 'hmip-youth@2025', '--seed', '42', '--sha256', 'abc', '--selected', file], /64 hexadecimal digits/],
		[['verify', longlistCsv, '--framework', 'hmip-youth@2025', '--seed', '42', '--sha256', sha256], /--selected is the selected\.csv/],
		[['verify', longlistCsv, '--framework', 'hmip-youth@2025', '--seed', '42', '--sha256', sha256, '--selected', longlistCsv], /the headings "Case reference" and "Sample" are not there/],
		[[longlistCsv, '--framework', 'hmip-youth@2025', '--seed', '42', '--sha256', sha256], /--sha256 and --selected are for verify/]
	];
	for (const [args, message] of cases) {
		const r = cli('sample', args);
		assert.is(r.status, 2, args.join(' '));
		assert.match(r.stderr, message);
		assert.is(r.stderr.trim().split('\n').length, 1);
	}
});
Sample.run();

const Errors = suite('npm run sample: bad input is one line, exit 2, never a stack trace');
const refuse = (r: ReturnType<typeof cli>, message: string | RegExp) => {
	assert.is(r.status, 2, r.stdout + r.stderr);
	assert.is(r.stdout, '');
	assert.is(r.stderr.trim().split('\n').length, 1, r.stderr);
	assert.not.match(r.stderr, /\n\s+at /);
	assert.match(r.stderr, message);
};
Errors('a missing heading', () => {
	const file = writeCsv('no-stratum.csv', ['Case reference', 'Type'], [['A', 'resettlement']]);
	refuse(run(file), `${file}: row 1: no stratum column: expected a heading "stratum" (any case), or --map HEADING=stratum`);
});
Errors('an unknown stratum names its column and its row', () => {
	const file = writeCsv('unknown.csv', HEADER, [cells(people[0]), [...cells(people[1]).slice(0, 2), 'custody', '', '']]);
	refuse(run(file), `${file}: the stratum column ("${HEADER[2]}", column C (3)) has a value that is not one of this version's strata: "custody" (1 row: row 3). Accepted, in any case or spacing: Resettlement cases (resettlement)`);
});
Errors('a duplicate reference names both rows', () => {
	const file = writeCsv('dup.csv', HEADER, [cells(people[0]), cells(people[1]), cells(people[0])]);
	refuse(run(file), `${file}: row 4: case reference "YJ0000" is also on row 2`);
});
Errors('an exclusion without a reason', () => {
	const file = writeCsv('noreason.csv', HEADER, [[...cells(people[5]).slice(0, 3), 'yes', '']]);
	refuse(run(file), `${file}: row 2: case "YJ0005" is excluded without a reason`);
});
Errors('a duplicate reference in a workbook names the sheet row', async () => {
	const file = await writeXlsx('dup.xlsx', HEADER, [cells(people[0]), cells(people[1]), cells(people[1])]);
	refuse(run(file), `${file}: row 4: case reference "YJ0001" is also on row 3`);
});
Errors('too many rows', () => {
	const file = writeCsv('long.csv', ['reference', 'stratum'], Array.from({ length: 20001 }, (_, i) => [`R${i}`, 'resettlement']));
	refuse(run(file), `${file}: row 20002: more than 20000 rows: a longlist holds at most 20000 cases`);
});
Errors('too many bytes', () => {
	const file = path.join(dir, 'big.csv');
	writeFileSync(file, 'reference,stratum\n' + 'x'.repeat(5 * 1024 * 1024));
	refuse(run(file), /big\.csv: the file is 5242898 bytes; a longlist may be at most 5242880 bytes/);
});
Errors('a file that is not a workbook, another kind of file, an empty file, a missing file', () => {
	const fake = path.join(dir, 'fake.xlsx');
	writeFileSync(fake, 'reference,stratum\nA,resettlement\n');
	refuse(run(fake), `${fake}: not a readable .xlsx workbook`);
	const ods = path.join(dir, 'list.ods');
	writeFileSync(ods, 'x');
	refuse(run(ods), `${ods}: a longlist is a .csv file or an .xlsx workbook`);
	const empty = path.join(dir, 'empty.csv');
	writeFileSync(empty, '');
	refuse(run(empty), `${empty}: row 1: the file is empty`);
	refuse(run(path.join(dir, 'missing.csv')), 'missing.csv: cannot be read (ENOENT)');
	const header = writeCsv('header-only.csv', HEADER, []);
	refuse(run(header), `${header}: the longlist has no cases`);
});
Errors('a zip that is no workbook, and one that would unzip to more than 50 MiB, are refused before exceljs reads them', () => {
	const notWorkbook = path.join(dir, 'other.xlsx');
	writeFileSync(notWorkbook, zipSync({ 'notes.txt': new TextEncoder().encode('hello') }));
	refuse(run(notWorkbook), `${notWorkbook}: the workbook has no worksheet`);
	const bomb = path.join(dir, 'bomb.xlsx');
	writeFileSync(bomb, zipSync({ 'xl/worksheets/sheet1.xml': new Uint8Array(51 * 1024 * 1024) }, { level: 1 }));
	refuse(run(bomb), `${bomb}: the workbook unzips to 53477376 bytes; a longlist may unzip to at most 52428800 bytes`);
});
Errors('a CSV that is not UTF-8, and a broken quote', () => {
	const latin = path.join(dir, 'latin1.csv');
	writeFileSync(latin, Buffer.from([...Buffer.from('reference,stratum\nA'), 0xe9, ...Buffer.from(',resettlement\n')]));
	refuse(run(latin), `${latin}: not UTF-8 text: save the CSV as UTF-8`);
	const quote = path.join(dir, 'quote.csv');
	writeFileSync(quote, 'reference,stratum\nA,resettlement\n"B,bail-remand\n');
	refuse(run(quote), `${quote}: row 3: a quoted cell is never closed`);
});
Errors('missing or bad options', () => {
	refuse(cli('sample', [longlistCsv, '--framework', 'hmip-youth@2025']), /^--seed N is required/);
	refuse(cli('sample', [longlistCsv, '--seed', '1']), /^--framework id@version is required/);
	refuse(cli('sample', [longlistCsv, '--framework', 'hmip-youth@2025', '--seed=-3']), '--seed: "-3" is not a whole number from 0 to 4294967295');
	refuse(cli('sample', [longlistCsv, '--framework', 'hmip-youth@2025', '--seed', '1.5']), '--seed: "1.5" is not a whole number from 0 to 4294967295');
	refuse(cli('sample', [longlistCsv, '--framework', 'hmip-youth@2025', '--seed', '4294967296']), '--seed: "4294967296" is not a whole number from 0 to 4294967295');
	refuse(run(longlistCsv, '--map', 'ID=name'), '--map: "name" is not a field (reference, stratum, excluded, reason)');
	refuse(run(longlistCsv, '--map', 'Nothing=reference'), `${longlistCsv}: row 1: no heading "nothing" to map`);
	refuse(cli('sample', [longlistCsv, '--framework', 'hmip-youth@1999', '--seed', '1']), 'framework version "hmip-youth@1999" does not exist');
});
Errors('a version without sampling.json', () => {
	const rules = tempRules();
	const version = copyVersion('hmip-youth/2025', rules);
	rmSync(path.join(version, 'sampling.json'));
	refuse(cli('sample', [longlistCsv, '--framework', 'hmip-youth@2025', '--seed', '1'], { RULES_DIR: rules }), 'hmip-youth@2025 has no sampling.json: the version does not say how its case samples are drawn');
});
Errors.run();
