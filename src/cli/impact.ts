// npm run impact -- --from id@version --to id@version [PATH...] [--inspections] [--json] [--workers N]:
// rate the evidence of every golden (or bare inspection) file under the paths, and with
// --inspections every inspection stored in DATA_DIR, under both versions, each with only the
// evidence it defines, and print what moves: the same summary as /regression/impact.
import { formatIssue, type FrameworkVersion } from '../lib/engine/index';
import { movement } from '../lib/regression/movement';
import { movementText } from '../lib/regression/movement-text';
import { displayPath } from '../lib/server/frameworks/frameworks';
import { listGoldenFiles } from '../lib/server/regression/golden';
import { scaleOf, type ImpactSource } from '../lib/server/regression/impact';
import { inspections } from '../lib/server/inspections/inspections';
import { runJobs } from '../lib/server/rating/rating-pool';
import { resolveVersion } from '../lib/server/frameworks/version-catalogue';
import { fail, oneLineErrors, parse } from './args';

oneLineErrors();

const usage = 'npm run impact -- --from id@version --to id@version [PATH...] [--inspections] [--json] [--workers N]';
const { positionals, values } = parse(
	{ from: { type: 'string' }, to: { type: 'string' }, inspections: { type: 'boolean' }, json: { type: 'boolean' }, workers: { type: 'string' } },
	usage
);
if (!values.from || !values.to || !(positionals.length || values.inspections)) fail(`usage: ${usage} (golden files, inspection files or folders of them; --inspections: the stored ones)`);
const workers = values.workers === undefined ? undefined : Number(values.workers);
if (workers !== undefined && !(Number.isInteger(workers) && workers >= 1)) fail(`--workers: "${values.workers}" is not a whole number of threads, 1 or more`);

const versions: Record<string, FrameworkVersion> = {};
for (const flag of ['from', 'to'] as const) {
	const ref = values[flag] as string;
	const loaded = await resolveVersion(ref);
	if (!loaded.ok) fail(loaded.errors.map((e) => (e.file ? formatIssue(e) : `--${flag}: ${e.message}`)).join('\n'));
	versions[ref] = loaded.value;
}
const [from, to] = [versions[values.from as string], versions[values.to as string]];

const listed = listGoldenFiles(positionals);
if (!listed.ok) fail(listed.message);

const sources: ImpactSource[] = listed.files.map((file) => ({ file, label: displayPath(file) }));
if (values.inspections) {
	// by id: each is read where it is rated, so this process never holds every inspection at once
	for (const id of [...(await inspections().versions()).keys()].sort()) sources.push({ id, stored: true });
}
const items = await runJobs(
	sources.map((source) => ({ kind: 'impact' as const, source, from: values.from as string, to: values.to as string })),
	{ workers, versions }
);
const report = movement(items, { from: scaleOf(from), to: scaleOf(to) });
console.log(values.json ? JSON.stringify(report, null, 2) : movementText(report));

// Files that cannot be read or are not evidence at all are bad input, as in npm run golden.
const unreadable = items.filter((item) => 'invalid' in item);
for (const item of unreadable) if ('invalid' in item) for (const e of item.invalid) console.error(formatIssue(e));
process.exit(unreadable.length ? 2 : 0);
