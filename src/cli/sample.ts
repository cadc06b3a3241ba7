// npm run sample -- LONGLIST --framework id@version --seed N [--json] [--map HEADING=field]:
// size and draw a case sample from a longlist (CSV or .xlsx) by the version's sampling.json.
import { readFileSync, statSync } from 'node:fs';
import { loadFramework } from '../lib/server/frameworks/frameworks';
import { readLonglist } from '../lib/server/sampling/longlist-file';
import { describeColumn, LONGLIST_FIELDS, LONGLIST_LIMITS, MAX_SEED, planSample, readCases, type LonglistField, type SamplePlan } from '../lib/sampling/index';
import { chosenSizes, sizeProblems } from '../lib/sampling/draw-edit';
import { fail, parse } from './args';

const usage = 'npm run sample -- LONGLIST --framework id@version --seed N [--json] [--map HEADING=field] [--size SAMPLE=N]';
const { positionals, values } = parse({ framework: { type: 'string' }, seed: { type: 'string' }, json: { type: 'boolean' }, map: { type: 'string', multiple: true }, size: { type: 'string', multiple: true } }, usage);
if (positionals.length !== 1) fail(`usage: ${usage}`);
const [file] = positionals;
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

let bytes: Uint8Array;
try {
	// Refuse a file over the limit before reading it into memory.
	if (statSync(file).size > LONGLIST_LIMITS.bytes) fail(`${file}: the file is ${statSync(file).size} bytes; a longlist may be at most ${LONGLIST_LIMITS.bytes} bytes`);
	bytes = readFileSync(file);
} catch (e) {
	fail(`${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
}
const where = (row: number | null) => (row === null ? file : `${file}: row ${row}`);
const read = await readLonglist(bytes, file, map);
if (!read.ok) fail(`${where(read.problem.row)}: ${read.problem.message}`);
const cases = readCases(read.rows, rules, describeColumn('stratum', read.header, read.columns.stratum));
if (!cases.ok) fail(`${where(cases.problem.row)}: ${cases.problem.message}`);
if (!cases.cases.length) fail(`${file}: the longlist has no cases`);
// --size SAMPLE=N: the lead inspector's size where the version gives no rule (as the draw page asks for it)
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

if (values.json) {
	console.log(JSON.stringify({ framework: `${version.meta.id}@${version.meta.version}`, hash: version.hash, longlist: { cases: cases.cases.length, excluded: plan.excluded.length }, ...plan }, null, 2));
} else {
	console.log(text(plan));
}

function text(p: SamplePlan): string {
	const out = [`${version.meta.id}@${version.meta.version} (${version.hash.slice(0, 19)}), seed ${p.seed}`, `longlist: ${cases.ok ? cases.cases.length : 0} cases, ${p.excluded.length} excluded`];
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
