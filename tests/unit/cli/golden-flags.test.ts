import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cli } from '../../support/cli';

/** A scratch copy of some shipped golden files: tests never touch the repository's. */
function scratch(...files: string[]): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'yardstick-golden-flags-'));
	for (const file of files) cpSync(path.join('tests/golden', file), path.join(dir, path.basename(file)));
	return dir;
}
const PASSING = '2018/discretion-near-boundary.json';
const OTHER = '2021/rule-1.1-outstanding-kept.json';

/** Break one expectation: a standard the file expects, set to a rating it does not get. */
function breakOne(file: string): { id: string; was: string; now: string } {
	const golden = JSON.parse(readFileSync(file, 'utf8'));
	const [id, was] = Object.entries(golden.expected.standards as Record<string, string>)[0];
	const now = was === 'inadequate' ? 'outstanding' : 'inadequate';
	writeFileSync(file, readFileSync(file, 'utf8').replace(`"${id}": "${was}"`, `"${id}": "${now}"`));
	return { id, was, now };
}

const Update = suite('npm run golden -- --update');
Update('rewrites a failing file from the actual results, printing what changed, exit 0', () => {
	const dir = scratch(PASSING, OTHER);
	const file = path.join(dir, path.basename(OTHER));
	const before = readFileSync(file, 'utf8');
	const { id, was, now } = breakOne(file);
	const run = cli('golden', [dir, '--update']);
	assert.is(run.status, 0, run.stderr);
	assert.match(run.stdout, /^PASS 2018: /m);
	assert.match(run.stdout, new RegExp(`^UPDATED .* \\(${file.replace(/[.]/g, '\\.')}\\)\\n  standards\\.${id.replace('.', '\\.')}: ${now} → ${was}$`, 'm'));
	assert.match(run.stdout, /^1 file updated\n2 passed, 0 failed$/m);
	assert.is(readFileSync(file, 'utf8'), before, 'the file is back as it was, layout and all');
	assert.is(cli('golden', [dir]).status, 0);
});
Update('leaves passing files alone', () => {
	const dir = scratch(PASSING);
	const file = path.join(dir, path.basename(PASSING));
	const before = readFileSync(file, 'utf8');
	const run = cli('golden', [file, '--update']);
	assert.is(run.status, 0, run.stderr);
	assert.match(run.stdout, /^0 files updated\n1 passed, 0 failed$/m);
	assert.is(readFileSync(file, 'utf8'), before);
});
Update('never rewrites an invalid file: exit 2, file untouched', () => {
	const dir = scratch(PASSING);
	const file = path.join(dir, 'invalid.json');
	const text = '{ "name": "bad", "framework": "hmip-youth@2018", "inspection": { "tallies": { "2.1.1": { "relevant": 1, "yes": 2 } } }, "expected": { "standards": { "2.1": "good" } } }';
	writeFileSync(file, text);
	const run = cli('golden', [dir, '--update']);
	assert.is(run.status, 2);
	assert.is(run.stderr.trim(), `${file}: /inspection/tallies/2.1.1/yes: yes (2) is more than relevant (1)`);
	assert.is(readFileSync(file, 'utf8'), text);
});
Update('with --framework: the expectations and the version the file names move together', () => {
	const dir = scratch(PASSING);
	const file = path.join(dir, path.basename(PASSING));
	const run = cli('golden', [file, '--update', '--framework', 'hmip-youth@2021']);
	assert.is(run.status, 0, run.stderr);
	assert.match(run.stdout, '  framework: hmip-youth@2018 → hmip-youth@2021');
	assert.is(JSON.parse(readFileSync(file, 'utf8')).framework, 'hmip-youth@2021');
	assert.is(cli('golden', [file]).status, 0, 'passes under the version it now names');
});
Update('a pinned hash the version no longer has: "version changed" alone, then --update accepts the new hash and ratings together', () => {
	const dir = scratch(OTHER);
	const file = path.join(dir, path.basename(OTHER));
	const stale = 'sha256:' + '0'.repeat(64);
	writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), hash: stale }, null, 2) + '\n');
	const { id } = breakOne(file);
	const failing = cli('golden', [dir]);
	assert.is(failing.status, 1);
	assert.match(failing.stdout, `version changed: expected ${stale}, got sha256:`);
	assert.not.match(failing.stdout, `standards.${id}`, 'rating differences are not reported beside a changed version');
	const updated = cli('golden', [dir, '--update']);
	assert.is(updated.status, 0, updated.stdout);
	assert.match(updated.stdout, `standards.${id}:`);
	const after = JSON.parse(readFileSync(file, 'utf8'));
	assert.match(after.hash, /^sha256:[0-9a-f]{64}$/);
	assert.is.not(after.hash, stale);
	assert.is(cli('golden', [dir]).status, 0);
});
Update.run();

const Json = suite('npm run golden -- --json');
Json('machine-readable results: counts, and per file its status, differences and actual ratings', () => {
	const dir = scratch(PASSING, OTHER);
	const { id, now } = breakOne(path.join(dir, path.basename(OTHER)));
	const run = cli('golden', [dir, '--json']);
	assert.is(run.status, 1);
	const report = JSON.parse(run.stdout);
	assert.equal([report.passed, report.failed, report.invalid], [1, 1, 0]);
	const failing = report.files.find((f: { status: string }) => f.status === 'fail');
	assert.is(failing.file, path.join(dir, path.basename(OTHER)));
	assert.equal(failing.differences.map((d: { what: string; expected: string }) => [d.what, d.expected]), [[`standards.${id}`, now]]);
	assert.is(failing.differences[0].actual, failing.actual.standards[id].final);
	assert.match(failing.differences[0].trace, `${id} `);
	assert.is(failing.pinned, 'hmip-youth@2021');
});
Json('an invalid file is in the report too, and still exits 2', () => {
	const dir = scratch(PASSING);
	writeFileSync(path.join(dir, 'nover.json'), JSON.stringify({ name: 'no such version', framework: 'hmip-youth@1999', inspection: {}, expected: {} }));
	const run = cli('golden', [dir, '--json']);
	assert.is(run.status, 2);
	const report = JSON.parse(run.stdout);
	const invalid = report.files.find((f: { status: string }) => f.status === 'invalid');
	assert.equal(invalid.errors.map((e: { pointer: string }) => e.pointer), ['/framework']);
	assert.match(run.stderr, 'framework version "hmip-youth@1999" does not exist');
});
Json.run();

const Junit = suite('npm run golden -- --junit FILE');
Junit('writes JUnit XML beside the usual output', () => {
	const dir = scratch(PASSING, OTHER);
	breakOne(path.join(dir, path.basename(OTHER)));
	writeFileSync(path.join(dir, 'zz-not-json.json'), '{ nope');
	const report = path.join(dir, 'reports', 'golden.xml');
	const run = cli('golden', [dir, '--junit', report]);
	assert.is(run.status, 2);
	assert.match(run.stdout, /^1 passed, 2 failed$/m);
	const xml = readFileSync(report, 'utf8');
	assert.match(xml, /<testsuite name="golden files" tests="3" failures="1" errors="1"/);
	assert.match(xml, /<failure message="1 expectation differs" type="ExpectationMismatch">  standards\.[\d.]+: expected \w+/);
	assert.match(xml, /<error message="[^"]*zz-not-json\.json: \/: not valid JSON/);
});
Junit.run();

const Framework = suite('npm run golden -- --framework');
Framework('a version that does not exist: one clear line, exit 2', () => {
	const run = cli('golden', [scratch(PASSING), '--framework', 'hmip-youth@2099']);
	assert.is(run.status, 2);
	assert.is(run.stderr.trim(), '--framework: framework version "hmip-youth@2099" does not exist (known: hmip-youth@2018, hmip-youth@2021, hmip-youth@2025)');
	assert.is(run.stdout, '');
});
Framework('evidence the other version does not define makes the file invalid there, with its pointer', () => {
	const run = cli('golden', [path.join('tests/golden', PASSING), '--framework', 'hmip-youth@2025']);
	assert.is(run.status, 2);
	assert.match(run.stderr, /tests\/golden\/2018\/discretion-near-boundary\.json: \/inspection/);
});
Framework.run();

const Threads = suite('npm run golden on several threads');
Threads('the output is the same, in the same order, on one thread or two', () => {
	const one = cli('golden', ['tests/golden', '--workers', '1']);
	const two = cli('golden', ['tests/golden', '--workers', '2']);
	assert.is(one.status, 0, one.stderr);
	assert.is(two.stdout, one.stdout);
});
Threads('--workers must be a whole number', () => {
	const run = cli('golden', ['tests/golden', '--workers', 'lots']);
	assert.is(run.status, 2);
	assert.match(run.stderr, '--workers: "lots" is not a whole number');
});
Threads.run();
