import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cli } from '../../support/cli';
import { copyVersion, patchVersion, tempRules } from '../../support/versions';

const tmp = mkdtempSync(path.join(tmpdir(), 'yardstick-cli-'));
const write = (name: string, value: unknown) => {
	const file = path.join(tmp, name);
	writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
	return file;
};
const golden = (expected: unknown) => ({
	name: 'cli example',
	framework: 'hmip-youth@2018',
	inspection: { tallies: { '2.1.1': { relevant: 3, yes: 2 }, '2.1.2': { relevant: 3, yes: 3 }, '2.1.3': { relevant: 3, yes: 3 } } },
	expected
});

const Golden = suite('npm run golden');
Golden('a passing file: PASS and the closing line, exit 0', () => {
	const run = cli('golden', [write('pass.json', golden({ standards: { '2.1': 'good' } }))]);
	assert.is(run.status, 0);
	assert.match(run.stdout, /^PASS cli example$/m);
	assert.match(run.stdout, /^1 passed, 0 failed$/m);
});
Golden('a failing file: FAIL, a readable diff with the trace, exit 1', () => {
	const run = cli('golden', [write('fail.json', golden({ standards: { '2.1': 'outstanding' } }))]);
	assert.is(run.status, 1);
	assert.match(run.stdout, /^FAIL cli example/m);
	assert.match(run.stdout, 'standards.2.1: expected outstanding, got good');
	assert.match(run.stdout, '2.1 Assessment: good — 2.1.1 had 2 of 3 relevant cases (67%), reasonable majority');
	assert.match(run.stdout, /^0 passed, 1 failed$/m);
});
Golden('a malformed file: one line with file, pointer and reason, exit 2', () => {
	const file = write('malformed.json', { name: 'x', framework: 'hmip-youth@2018', inspection: {} });
	const run = cli('golden', [file]);
	assert.is(run.status, 2);
	assert.is(run.stderr.trim(), `${file}: /: missing required property "expected"`);
});
Golden('a version that does not exist: exit 2, naming /framework', () => {
	const file = write('nover.json', { ...golden({}), framework: 'hmip-youth@1999' });
	const run = cli('golden', [file]);
	assert.is(run.status, 2);
	assert.match(run.stderr, `${file}: /framework: framework version "hmip-youth@1999" does not exist`);
});
Golden('a framework with a band gap: one line naming the rule file, pointer and reason, exit 2', () => {
	const rules = tempRules();
	const dir = copyVersion('hmip-youth/2018', rules);
	patchVersion(dir, [{ op: 'replace', path: '/bandings.json/bandings/0/bands/2/min', value: 66 }]);
	const run = cli('golden', [write('gap.json', golden({}))], { RULES_DIR: rules });
	assert.is(run.status, 2);
	assert.is(run.stderr.trim(), `${dir}/bandings.json: /bandings/0/bands/2/min: bands leave 65% to 66% unbanded`);
});
Golden('--framework rates against another version', () => {
	const file = write('other.json', golden({ standards: { '2.1': 'good' } }));
	const run = cli('golden', [file, '--framework', 'hmip-youth@2021']);
	assert.is(run.status, 0, run.stderr);
});
Golden('no paths: usage, exit 2', () => {
	const run = cli('golden', []);
	assert.is(run.status, 2);
	assert.match(run.stderr, 'usage: npm run golden');
});
Golden.run();

const Validate = suite('npm run validate');
Validate('all shipped versions pass, with the domain-one gap as a warning', () => {
	const run = cli('validate', []);
	assert.is(run.status, 0, run.stderr);
	assert.match(run.stdout, 'warning: rules/hmip-youth/2021/bandings.json: /bandings/1/bands/1/min: bands leave 41% to 50% unbanded');
	assert.match(run.stdout, /^3 valid, 0 invalid$/m);
});
Validate('a band gap fails with file, pointer and reason, exit 2', () => {
	const dir = copyVersion('hmip-youth/2025', tempRules());
	patchVersion(dir, [{ op: 'replace', path: '/bandings.json/bandings/1/bands/0/max', value: 49 }]);
	const run = cli('validate', [dir]);
	assert.is(run.status, 2);
	assert.match(run.stderr, `${dir}/bandings.json: /bandings/1/bands/1/min: bands leave 49% to 50% unbanded`);
});
Validate.run();

const Rate = suite('npm run rate');
Rate('prints a ratings table with the trace', () => {
	const run = cli('rate', [write('rate.json', golden({}))]);
	assert.is(run.status, 0, run.stderr);
	assert.match(run.stdout, /^2\.1\s+Assessment\s+good\s+good\s+discretion/m);
	assert.match(run.stdout, 'flagged for discretion');
	assert.match(run.stdout, 'overall: Overall provider rating');
});
Rate('--json prints the result', () => {
	const run = cli('rate', [write('rate-json.json', golden({})), '--json']);
	const result = JSON.parse(run.stdout);
	assert.is(result.framework, 'hmip-youth@2018');
	assert.is(result.standards['2.1'].final, 'good');
});
Rate('a bare inspection needs --framework', () => {
	const file = write('bare.json', { tallies: { '2.1.1': { relevant: 3, yes: 3 } } });
	const without = cli('rate', [file]);
	assert.is(without.status, 2);
	assert.match(without.stderr, 'pass --framework id@version');
	const withFlag = cli('rate', [file, '--framework', 'hmip-youth@2018', '--json']);
	assert.is(withFlag.status, 0, withFlag.stderr);
	assert.is(JSON.parse(withFlag.stdout).standards['2.1'].computed, 'outstanding');
});
Rate('bad evidence: pointer into the file, exit 2', () => {
	const file = write('bad-evidence.json', { ...golden({}), inspection: { tallies: { '2.1.1': { relevant: 1, yes: 2 } } } });
	const run = cli('rate', [file]);
	assert.is(run.status, 2);
	assert.is(run.stderr.trim(), `${file}: /inspection/tallies/2.1.1/yes: yes (2) is more than relevant (1)`);
});
Rate.run();
