// npm run golden -- PATH...: rate every golden file under the paths and compare with its expectations.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { formatIssue } from '../lib/engine/index';
import { runGolden, type Difference } from '../lib/server/golden';
import { fail, parse } from './args';

const { positionals, values } = parse({ framework: { type: 'string' } }, 'npm run golden -- PATH... [--framework id@version]');
if (!positionals.length) fail('usage: npm run golden -- PATH... (golden files or folders of them)');

function goldenFiles(p: string): string[] {
	if (!existsSync(p)) fail(`${p}: no such file or folder`);
	if (statSync(p).isFile()) return [p];
	return readdirSync(p, { withFileTypes: true })
		.sort((a, b) => (a.name < b.name ? -1 : 1))
		.flatMap((entry) => {
			const full = path.join(p, entry.name);
			return entry.isDirectory() ? goldenFiles(full) : entry.name.endsWith('.json') ? [full] : [];
		});
}

const show = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));
const describe = (d: Difference) => `  ${d.what}: expected ${show(d.expected)}, got ${show(d.actual)}${d.trace ? `\n    ${d.trace.replace(/\n/g, '\n    ')}` : ''}`;

let passed = 0;
let failed = 0;
let invalid = 0;
for (const file of positionals.flatMap(goldenFiles)) {
	const outcome = await runGolden(file, { framework: values.framework as string | undefined });
	if (outcome.status === 'invalid') {
		invalid++;
		for (const e of outcome.errors) console.error(formatIssue(e));
	} else if (outcome.status === 'pass') {
		passed++;
		console.log(`PASS ${outcome.name}`);
	} else {
		failed++;
		console.log(`FAIL ${outcome.name} (${file})`);
		for (const d of outcome.differences) console.log(describe(d));
	}
}
console.log(`${passed} passed, ${failed + invalid} failed`);
process.exit(invalid ? 2 : failed ? 1 : 0);

