// npm run golden -- PATH... [--framework id@version] [--update] [--json] [--junit FILE] [--workers N]:
// rate every golden file under the paths and compare with its expectations, on every core.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { formatIssue, type FrameworkVersion } from '../lib/engine/index';
import { describeChange, type Difference } from '../lib/regression/expectations';
import { junitXml, type JunitCase } from '../lib/regression/junit';
import { displayPath } from '../lib/server/frameworks/frameworks';
import { listGoldenFiles, type GoldenOutcome } from '../lib/server/regression/golden';
import { writeFileAtomically } from '../lib/server/regression/golden-write';
import { runJobs } from '../lib/server/rating/rating-pool';
import { resolveVersion } from '../lib/server/frameworks/version-catalogue';
import { fail, oneLineErrors, parse } from './args';

oneLineErrors();

const usage = 'npm run golden -- PATH... [--framework id@version] [--update] [--json] [--junit FILE] [--workers N]';
const { positionals, values } = parse(
	{ framework: { type: 'string' }, update: { type: 'boolean' }, json: { type: 'boolean' }, junit: { type: 'string' }, workers: { type: 'string' } },
	usage
);
if (!positionals.length) fail(`usage: ${usage} (golden files or folders of them)`);
const workers = values.workers === undefined ? undefined : Number(values.workers);
if (workers !== undefined && !(Number.isInteger(workers) && workers >= 1)) fail(`--workers: "${values.workers}" is not a whole number of threads, 1 or more`);

const listed = listGoldenFiles(positionals);
if (!listed.ok) fail(listed.message);
// Nothing to run is not a pass: a mistyped folder must not look like a green run.
if (!listed.files.length) fail(`no golden files found in ${positionals.join(', ')} (golden files are .json files)`);

// Another version than the files' own: load it once here (a bad one is one error, not one per file).
const versions: Record<string, FrameworkVersion> = {};
const framework = values.framework as string | undefined;
if (framework) {
	const loaded = await resolveVersion(framework);
	if (!loaded.ok) fail(loaded.errors.map((e) => (e.file ? formatIssue(e) : `--framework: ${e.message}`)).join('\n'));
	versions[framework] = loaded.value;
}

const show = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));
const indent = (text: string, by: string) => by + text.replace(/\n/g, '\n' + by);
const describe = (d: Difference) => `  ${d.what}: expected ${show(d.expected)}, got ${show(d.actual)}${d.trace ? '\n' + indent(d.trace, '    ') : ''}`;

const started = performance.now();
const outcomes: GoldenOutcome[] = [];
let printed = 0;
// Files finish in any order across threads; print them in the order they were listed, a block
// at a time (one write per block, not per line).
function printReady() {
	const out: string[] = [];
	while (outcomes[printed]) {
		const outcome = outcomes[printed++];
		if (outcome.status === 'invalid') for (const e of outcome.errors) console.error(formatIssue(e));
		if (values.json) continue;
		if (outcome.status === 'pass') out.push(`PASS ${outcome.name}`);
		else if (outcome.status === 'fail') out.push(`FAIL ${outcome.name} (${outcome.file})`, ...outcome.differences.map(describe));
		else if (outcome.status === 'updated') out.push(`UPDATED ${outcome.name} (${outcome.file})`, ...(outcome.changes ?? []).map((c) => `  ${describeChange(c)}`));
	}
	if (out.length) process.stdout.write(out.join('\n') + '\n');
}

await runJobs(
	listed.files.map((file) => ({ kind: 'golden' as const, file, framework, update: !!values.update })),
	{ workers, versions, onResult: (index, outcome) => ((outcomes[index] = outcome), printReady()) }
);
const seconds = (performance.now() - started) / 1000;

const count = (status: GoldenOutcome['status']) => outcomes.filter((o) => o.status === status).length;
const [passed, failed, invalid, updated] = [count('pass'), count('fail'), count('invalid'), count('updated')];

if (values.junit) {
	const file = values.junit as string;
	try {
		mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
		writeFileAtomically(file, junitXml('golden files', outcomes.map(junitCase), seconds));
	} catch (e) {
		fail(`${file}: cannot write the JUnit report (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
	}
}

if (values.json) {
	const report = { framework: framework ?? null, passed: passed + updated, failed: failed + invalid, invalid, updated, seconds: Number(seconds.toFixed(3)), files: outcomes };
	console.log(JSON.stringify(report, null, 2));
} else {
	if (values.update) console.log(`${updated} ${updated === 1 ? 'file' : 'files'} updated`);
	console.log(`${passed + updated} passed, ${failed + invalid} failed`);
}
process.exit(invalid ? 2 : failed ? 1 : 0);

function junitCase(outcome: GoldenOutcome): JunitCase {
	const folder = path.dirname(displayPath(outcome.file));
	const base = { classname: folder.split(path.sep).join('.'), name: outcome.name ?? path.basename(outcome.file), file: outcome.file };
	if (outcome.status === 'invalid') {
		return { ...base, status: 'invalid', message: formatIssue(outcome.errors[0]), details: outcome.errors.map(formatIssue).join('\n') };
	}
	if (outcome.status === 'fail') {
		const n = outcome.differences.length;
		return { ...base, status: 'fail', message: `${n} ${n === 1 ? 'expectation differs' : 'expectations differ'}`, details: outcome.differences.map(describe).join('\n') };
	}
	return { ...base, status: 'pass' };
}
