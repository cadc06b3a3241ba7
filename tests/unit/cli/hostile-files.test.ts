// Issue 10, rows 7, 9 and 12 and the empty golden run, through the commands as a user runs them:
// a one-line message and exit 2, never a stack trace.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cpSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cli } from '../../support/cli';

const tmp = mkdtempSync(path.join(tmpdir(), 'yardstick-hostile-'));
const write = (name: string, text: string) => {
	const file = path.join(tmp, name);
	mkdirSync(path.dirname(file), { recursive: true });
	writeFileSync(file, text);
	return file;
};
const noTrace = (run: { stdout: string; stderr: string }) => {
	assert.not.match(run.stderr + run.stdout, /\n\s+at /, 'a stack trace was printed');
	assert.not.match(run.stderr, /RangeError|Maximum call stack/);
};
const deep = '['.repeat(100_000) + ']'.repeat(100_000);

const Deep = suite('deeply nested files (row 9)');
Deep('npm run rate on 100,000 nested [: one line, exit 2', () => {
	const run = cli('rate', [write('deep.json', deep), '--framework', 'hmip-youth@2018']);
	assert.is(run.status, 2);
	noTrace(run);
	assert.is(run.stderr.trim().split('\n').length, 1);
	assert.match(run.stderr, /deep\.json: \/0(\/0)*: nested more than 64 deep here: not accepted/);
});
Deep('npm run rate on a golden file whose inspection nests 5,000 deep: one line, exit 2', () => {
	const text = `{"name":"x","framework":"hmip-youth@2018","inspection":{"cases":${'['.repeat(5000)}${']'.repeat(5000)}},"expected":{}}`;
	const run = cli('rate', [write('deep-golden.json', text)]);
	assert.is(run.status, 2);
	noTrace(run);
	assert.match(run.stderr, /^.*deep-golden\.json: \/inspection\/cases(\/0)+: nested more than 64 deep here: not accepted\n$/);
});
Deep('npm run golden on a deep file: named as invalid, exit 2', () => {
	const run = cli('golden', [write('golden-deep/deep.json', deep)]);
	assert.is(run.status, 2);
	noTrace(run);
	assert.match(run.stderr, 'nested more than 64 deep');
	assert.match(run.stdout, /^0 passed, 1 failed$/m);
});
Deep('npm run validate on a version whose rules.json nests 3,000 deep: one line per problem, exit 2', () => {
	const dir = path.join(tmp, 'rules-deep', 'hmip-youth', '2018');
	cpSync('rules/hmip-youth/2018', dir, { recursive: true });
	writeFileSync(path.join(dir, 'rules.json'), `{"discretion":${'{"all":['.repeat(3000)}${']}'.repeat(3000)}}`);
	const run = cli('validate', [dir]);
	assert.is(run.status, 2);
	noTrace(run);
	assert.match(run.stderr, /rules\.json: \/discretion(\/all\/0)+(\/all)?: nested more than 64 deep here: not accepted/);
});
Deep('npm run validate on a plain file: one line, exit 2', () => {
	const run = cli('validate', [write('just-a-file.json', deep)]);
	assert.is(run.status, 2);
	noTrace(run);
	assert.match(run.stderr, /just-a-file\.json: not a framework version \(give the folder holding framework\.json, or that file\)\n$/);
});
Deep.run();

const Duplicates = suite('duplicate keys (row 7)');
Duplicates('npm run rate on 1.9 MB of {"a":1,"a":1,…}: the first duplicate only, quickly', () => {
	const text = '{' + Array.from({ length: 320_000 }, () => '"a":1').join(',') + '}';
	const started = performance.now();
	const run = cli('rate', [write('dupes.json', text), '--framework', 'hmip-youth@2018']);
	assert.is(run.status, 2);
	assert.is(run.stderr, `${path.join(tmp, 'dupes.json')}: /a: duplicate key "a"\n`);
	assert.ok(performance.now() - started < 15_000);
});
Duplicates.run();

const Golden = suite('npm run golden: nothing to run, links out (row 12)');
Golden('a folder with no golden files: says so, exit 2 (not "0 passed, 0 failed", exit 0)', () => {
	mkdirSync(path.join(tmp, 'empty'), { recursive: true });
	write('not-golden/readme.txt', 'x');
	for (const folder of [path.join(tmp, 'empty'), path.join(tmp, 'not-golden')]) {
		const run = cli('golden', [folder]);
		assert.is(run.status, 2);
		assert.is(run.stderr, `no golden files found in ${folder} (golden files are .json files)\n`);
		assert.not.match(run.stdout, 'passed');
	}
});
Golden('a golden folder holding a link to a JSON file outside: refused, naming the link; the file is not read', () => {
	const outside = write('outside/secret.json', '{"name":"outside file"}');
	const folder = path.join(tmp, 'linked-golden');
	mkdirSync(folder, { recursive: true });
	cpSync('tests/golden/2018', folder, { recursive: true });
	symlinkSync(outside, path.join(folder, 'zz-link.json'));
	const run = cli('golden', [folder]);
	assert.is(run.status, 2);
	assert.is(run.stderr, `${path.join(folder, 'zz-link.json')}: is a symbolic link leading outside the folder given; golden files are read only from inside it\n`);
	assert.not.match(run.stdout, 'outside file');
});
Golden.run();
