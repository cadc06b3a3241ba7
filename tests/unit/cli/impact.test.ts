import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cli } from '../../support/cli';
import { copyVersion, patchVersion, repoRules, tempRules } from '../../support/versions';

/** The shipped versions plus 2021-moved: 2021 with the good band starting at 75% instead of 65%. */
function rulesWithMovedEdge(): string {
	const rules = tempRules();
	for (const version of ['2018', '2021', '2025']) copyVersion(`hmip-youth/${version}`, rules);
	const moved = copyVersion('hmip-youth/2021', rules, '2021-moved');
	patchVersion(moved, [
		{ op: 'replace', path: '/framework.json/version', value: '2021-moved' },
		{ op: 'replace', path: '/bandings.json/bandings/0/bands/1/max', value: 75 },
		{ op: 'replace', path: '/bandings.json/bandings/0/bands/2/min', value: 75 }
	]);
	return rules;
}

const Impact = suite('npm run impact');
Impact('a moved band edge: what moves, per standard and overall, and the inspections whose rating changes with why', () => {
	const run = cli('impact', ['--from', 'hmip-youth@2021', '--to', 'hmip-youth@2021-moved', 'tests/golden/2021'], { RULES_DIR: rulesWithMovedEdge() });
	assert.is(run.status, 0, run.stderr);
	assert.match(run.stdout, 'Impact of hmip-youth@2021-moved against hmip-youth@2021: 18 inspections, 18 rated under both versions');
	// 72% (18 of 25) was good and is now requires improvement: one step down.
	assert.match(run.stdout, /^2\.2 Planning\s+0\s+[1-9]\d*\s+\d+\s+\d+\s+\d+ down 1 step$/m);
	assert.match(run.stdout, /^Overall \(composite\)\s+0\s+[1-9]/m);
	assert.match(run.stdout, /Overall rating would change for \d+ inspections?:/);
	assert.match(run.stdout, /^ {6}now: 2\.\d [\w ]+: requires improvement — 2\.\d\.1 had 18 of 25 relevant cases \(72%\), (a )?too few/m);
	assert.not.match(run.stdout, 'Evidence a version does not define');
});
Impact('evidence a version does not define is listed, not guessed', () => {
	const run = cli('impact', ['--from', 'hmip-youth@2018', '--to', 'hmip-youth@2021', 'tests/golden/2018/composite-all-good-24.json']);
	assert.is(run.status, 0, run.stderr);
	assert.match(run.stdout, 'Evidence a version does not define (left out of its rating, not guessed):');
	assert.match(run.stdout, '/inspection/tallies/3.4.1: case-based key question 3.4.1: not in hmip-youth@2021');
});
Impact('evidence a version cannot rate (no inspection type for 2025) is reported as not rated', () => {
	const run = cli('impact', ['--from', 'hmip-youth@2021', '--to', 'hmip-youth@2025', 'tests/golden/2021/rule-1.1-outstanding-kept.json']);
	assert.is(run.status, 0, run.stderr);
	assert.match(run.stdout, '1 inspection, 0 rated under both versions');
	assert.match(run.stdout, /Could not be rated:\n {2}.* under hmip-youth@2025:\n {4}tests\/golden\/2021\/rule-1\.1-outstanding-kept\.json: \/inspection\/context: missing "inspectionType"/);
});
Impact('--json prints the movement report', () => {
	const run = cli('impact', ['--from', 'hmip-youth@2021', '--to', 'hmip-youth@2021-moved', 'tests/golden/2021', '--json'], { RULES_DIR: rulesWithMovedEdge() });
	assert.is(run.status, 0, run.stderr);
	const report = JSON.parse(run.stdout);
	assert.is(report.from, 'hmip-youth@2021');
	assert.is(report.to, 'hmip-youth@2021-moved');
	assert.ok(report.changed.length > 0);
	assert.ok(report.changed.every((c: { standards: unknown[] }) => c.standards.length > 0), 'every change has its reasons');
});
Impact('an unknown version: one line naming the flag, exit 2', () => {
	const run = cli('impact', ['--from', 'hmip-youth@2021', '--to', 'hmip-youth@2099', 'tests/golden/2021']);
	assert.is(run.status, 2);
	assert.match(run.stderr.trim(), /^--to: framework version "hmip-youth@2099" does not exist/);
});
Impact('an unreadable file: reported with its file and reason, exit 2', () => {
	const dir = mkdtempSync(path.join(tmpdir(), 'yardstick-impact-'));
	writeFileSync(path.join(dir, 'broken.json'), '{ "inspection": ');
	const run = cli('impact', ['--from', 'hmip-youth@2021', '--to', 'hmip-youth@2021', dir]);
	assert.is(run.status, 2);
	assert.match(run.stderr, `${path.join(dir, 'broken.json')}: /: not valid JSON`);
});
Impact('--inspections rates the inspections stored in DATA_DIR', () => {
	const data = mkdtempSync(path.join(tmpdir(), 'yardstick-impact-data-'));
	mkdirSync(path.join(data, 'inspections'));
	const evidence = JSON.parse(readFileSync('tests/golden/2021/guidance-departures-with-and-without-reason.json', 'utf8')).inspection;
	const now = new Date().toISOString();
	const record = { id: 'stored-1', revision: 1, createdAt: now, updatedAt: now, updatedBy: 'test', change: 'created', value: { serviceName: 'Example YOS', framework: 'hmip-youth@2021', frameworkHash: 'sha256:x', status: 'complete', evidence } };
	writeFileSync(path.join(data, 'inspections', 'stored-1.json'), JSON.stringify(record));
	const run = cli('impact', ['--from', 'hmip-youth@2021', '--to', 'hmip-youth@2021-moved', '--inspections'], { RULES_DIR: rulesWithMovedEdge(), DATA_DIR: data });
	assert.is(run.status, 0, run.stderr);
	assert.match(run.stdout, '1 inspection, 1 rated under both versions');
	assert.match(run.stdout, /^ {2}Example YOS: Good → Requires improvement \(score 22 → 16\)$/m);
});
Impact('usage without both versions', () => {
	const run = cli('impact', ['tests/golden/2021']);
	assert.is(run.status, 2);
	assert.match(run.stderr, 'usage: npm run impact -- --from id@version --to id@version [PATH...]');
	assert.ok(repoRules);
});
Impact.run();
