// npm run sample -- LONGLIST --framework id@version --seed N [--json] [--map HEADING=field]:
// size and draw a case sample from a longlist (CSV or .xlsx) by the version's sampling.json.
// npm run sample -- verify LONGLIST ... --sha256 HEX --selected selected.csv: show that a recorded
// draw is what this longlist and seed draw (exit 0), or say how it differs (exit 1).
// --exclude REF,REF: cases excluded on the review page rather than in the file's Excluded column.
import { readFileSync, statSync } from 'node:fs';
import { loadFramework } from '../lib/server/frameworks/frameworks';
import { readLonglist } from '../lib/server/sampling/longlist-file';
import { describeColumn, LONGLIST_FIELDS, LONGLIST_LIMITS, MAX_SEED, planSample, readCases, type LonglistField, type SamplePlan } from '../lib/sampling/index';
import { chosenSizes, sizeProblems } from '../lib/sampling/draw-edit';
import { parseCsv } from '../lib/sampling/longlist';
import { longlistFingerprint } from '../lib/server/sampling/fingerprint';
import { sampleLabels } from '../lib/server/sampling/labels';
import { verifyDraw, type RecordedDraw } from '../lib/server/sampling/verify';
import { fail, parse } from './args';

const usage =
	'npm run sample -- [verify] LONGLIST --framework id@version --seed N [--json] [--map HEADING=field] [--size SAMPLE=N] [--exclude REF,REF] (verify: --sha256 HEX --selected selected.csv)';
const { positionals, values } = parse(
	{ framework: { type: 'string' }, seed: { type: 'string' }, json: { type: 'boolean' }, map: { type: 'string', multiple: true }, size: { type: 'string', multiple: true }, exclude: { type: 'string', multiple: true }, sha256: { type: 'string' }, selected: { type: 'string' } },
	usage
);
const verifying = positionals[0] === 'verify';
if (positionals.length !== (verifying ? 2 : 1)) fail(`usage: ${usage}`);
const file = positionals.at(-1)!;
if (!verifying && (values.sha256 !== undefined || values.selected !== undefined)) fail(`--sha256 and --selected are for verify (usage: ${usage})`);
if (verifying && !/^[0-9a-fA-F]{64}$/.test((values.sha256 as string | undefined) ?? '')) fail(`verify: --sha256 is the longlist's SHA-256 the draw recorded, 64 hexadecimal digits (usage: ${usage})`);
if (verifying && !values.selected) fail(`verify: --selected is the selected.csv downloaded from the case sample page (usage: ${usage})`);
const ref = values.framework as string | undefined;
if (!ref) fail(`--framework id@version is required (usage: ${usage})`);
const seedText = values.seed as string | undefined;
if (seedText === undefined) fail(`--seed N is required: the seed is recorded so the same draw can be made again (usage: ${usage})`);
if (!/^\d{1,10}$/.test(seedText) || Number(seedText) > MAX_SEED) fail(`--seed: "${seedText}" is not a whole number from 0 to ${MAX_SEED}`);
const seed = Number(seedText);

const map: Record<string, LonglistField> = Object.create(null); // headings are the user's words, "__proto__" too
for (const entry of (values.map as string[] | undefined) ?? []) {
	const at = entry.lastIndexOf('=');
	const heading = entry.slice(0, at).trim();
	const field = entry.slice(at + 1).trim() as LonglistField;
	if (at < 1 || !heading) fail(`--map: "${entry}" is not HEADING=field`);
	if (!LONGLIST_FIELDS.includes(field)) fail(`--map: "${field}" is not a field (${LONGLIST_FIELDS.join(', ')})`);
	map[heading] = field;
}

const loaded = loadFramework(ref);
if (!loaded.ok) fail(loaded.errors);
const version = loaded.value;
const rules = version.sampling;
if (!rules) fail(`${ref} has no sampling.json: the version does not say how its case samples are drawn`);

/** A file's bytes, refused over the limit before it is read into memory. */
function readLimited(file: string, what = 'a longlist'): Uint8Array {
	try {
		const size = statSync(file).size;
		if (size > LONGLIST_LIMITS.bytes) fail(`${file}: the file is ${size} bytes; ${what} may be at most ${LONGLIST_LIMITS.bytes} bytes`);
		return readFileSync(file);
	} catch (e) {
		fail(`${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
	}
}
const bytes = readLimited(file);
const where = (row: number | null) => (row === null ? file : `${file}: row ${row}`);
const read = await readLonglist(bytes, file, map);
if (!read.ok) fail(`${where(read.problem.row)}: ${read.problem.message}`);
const cases = readCases(read.rows, rules, describeColumn('stratum', read.header, read.columns.stratum));
if (!cases.ok) fail(`${where(cases.problem.row)}: ${cases.problem.message}`);
if (!cases.cases.length) fail(`${file}: the longlist has no cases`);
// --exclude: the cases excluded on the review page, which the file does not mark. A value that is
// a reference on the longlist as it stands is that one case (a reference may hold a comma);
// any other is split at its commas. Every reference must be on the longlist: a mistyped one
// would leave its case in the draw, so it is refused rather than passed over.
const onList = new Map(cases.cases.map((c) => [c.reference, c]));
for (const value of (values.exclude as string[] | undefined) ?? []) {
	const references = onList.has(value.trim()) ? [value.trim()] : value.split(',').map((r) => r.trim()).filter(Boolean);
	if (!references.length) fail(`--exclude: "${value}" names no case: give the references, separated by commas`);
	for (const reference of references) {
		const c = onList.get(reference);
		if (!c) fail(`--exclude: "${reference.slice(0, 100)}" is not a case reference on ${file}`);
		// excluded in the file too: its reason there stands
		if (!c.excluded) Object.assign(c, { excluded: true, reason: 'excluded on the review page (--exclude)' });
	}
}
// --size SAMPLE=N: the size chosen at the draw where the version gives no rule (as the draw page asks for it)
const sizeEntries: [string, number][] = [];
for (const entry of (values.size as string[] | undefined) ?? []) {
	const match = /^([^=]+)=(\d{1,6})$/.exec(entry.trim());
	if (!match) fail(`--size: "${entry}" is not SAMPLE=N (a case sample's id and a whole number)`);
	sizeEntries.push([match[1].trim(), Number(match[2])]);
}
const chosen = chosenSizes(Object.fromEntries(sizeEntries), rules);
if (!chosen.ok) fail(`--size: ${chosen.issues[0].message}`);
const plan = planSample(rules, cases.cases, seed, chosen.sizes);
const unsized = sizeProblems(rules, plan, chosen.sizes).filter((i) => Object.hasOwn(chosen.sizes, i.pointer.split('/')[2] ?? ''));
if (unsized.length) fail(`--size: ${unsized[0].message}`);

// the longlist's fingerprint, as a draw records it (see README, Drawing the case sample)
const sha256 = longlistFingerprint(cases.cases);

if (verifying) {
	const verdict = verifyDraw(rules, cases.cases, seed, chosen.sizes, { sha256: values.sha256 as string, selected: selectedCases(values.selected as string) });
	const s = verdict.selection;
	if (values.json) {
		console.log(JSON.stringify({ framework: `${version.meta.id}@${version.meta.version}`, hash: version.hash, seed, longlist: { cases: cases.cases.length, excluded: plan.excluded.length, sha256 }, ok: verdict.ok, sameLonglist: verdict.sameLonglist, selection: s }, null, 2));
	} else {
		const out = [
			`${version.meta.id}@${version.meta.version} (${version.hash.slice(0, 19)}), seed ${seed}`,
			`longlist: ${cases.cases.length} cases, ${plan.excluded.length} excluded, SHA-256 ${sha256}`,
			verdict.sameLonglist ? 'longlist: the same as the draw recorded' : `longlist: NOT the one the draw recorded (its SHA-256 is ${(values.sha256 as string).toLowerCase()}): another file, or rows, strata, exclusions or their order differ`,
			s.same ? `selection: the same ${s.drawn} cases` : `selection: NOT the same: ${s.drawn} drawn here${s.missing.length ? `; not in ${values.selected as string}: ${s.missing.join(', ')}` : ''}${s.extra.length ? `; in ${values.selected as string} but not drawn here: ${s.extra.join(', ')}` : ''}`
		];
		if (s.otherSamples) out.push(`${s.otherSamples} cases in ${values.selected as string} are in samples this longlist does not draw (another longlist's draw): not compared`);
		out.push(verdict.ok ? 'verified: this longlist and seed draw the recorded selection' : 'NOT verified');
		console.log(out.join('\n'));
	}
	process.exit(verdict.ok ? 0 : 1);
}

if (values.json) {
	console.log(JSON.stringify({ framework: `${version.meta.id}@${version.meta.version}`, hash: version.hash, longlist: { cases: cases.cases.length, excluded: plan.excluded.length, sha256 }, ...plan }, null, 2));
} else {
	console.log(text(plan));
}

/** The cases of a selected.csv as the case sample page exports it: its Case reference and Sample columns (a sample's label or id). */
function selectedCases(csv: string): RecordedDraw['selected'] {
	const parsed = parseCsv(new TextDecoder('utf-8', { fatal: false }).decode(readLimited(csv, 'a selected.csv')).replace(/^\uFEFF/, ''));
	if (!parsed.ok) fail(`${csv}: ${parsed.problem.row === null ? '' : `row ${parsed.problem.row}: `}${parsed.problem.message}`);
	const [header, ...rows] = parsed.records;
	const heading = (name: string) => header?.cells.findIndex((h) => h.trim().toLowerCase() === name) ?? -1;
	const reference = heading('case reference');
	const sample = heading('sample');
	if (reference < 0 || sample < 0) fail(`${csv}: the headings "Case reference" and "Sample" are not there: is it the selected.csv from the case sample page?`);
	const ids = new Map<string, string>();
	for (const [id, label] of Object.entries(sampleLabels(version).samples)) {
		ids.set(label.toLowerCase(), id);
		ids.set(id.toLowerCase(), id);
	}
	return rows
		.filter((r) => r.cells.some((c) => c.trim()))
		.map((r) => {
			const name = (r.cells[sample] ?? '').trim();
			return { reference: (r.cells[reference] ?? '').trim(), sample: ids.get(name.toLowerCase()) ?? name };
		});
}

function text(p: SamplePlan): string {
	const out = [`${version.meta.id}@${version.meta.version} (${version.hash.slice(0, 19)}), seed ${p.seed}`, `longlist: ${cases.ok ? cases.cases.length : 0} cases, ${p.excluded.length} excluded, SHA-256 ${sha256}`];
	// The sizes with their arithmetic first, then every selected reference.
	for (const { size } of p.samples) {
		out.push('', `${size.label}: ${size.size === null ? 'no size' : `${size.size} of ${size.eligible} eligible cases`}`);
		for (const s of size.steps) out.push(`  ${s.text}`);
	}
	const selected = p.samples.flatMap(({ draw }) => draw.selected);
	out.push('', `selected (${selected.length}):`, ...selected.map((c) => `  ${c.reference}  ${c.group}  → ${c.sample}`));
	if (p.excluded.length) out.push('', 'excluded:', ...p.excluded.map((e) => `  ${e.reference}  ${e.group}: ${e.reason}`));
	if (p.warnings.length) out.push('', 'warnings:', ...p.warnings.map((w) => `  ${w.message} [${w.code}]`));
	return out.join('\n');
}
