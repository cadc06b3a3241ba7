import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { folderSource, uploadSource, UPLOAD_LIMITS } from '../../../src/lib/server/regression/golden-sources';
import { applyAccept, getRun, planAccept, startGoldenRun, type GoldenRun } from '../../../src/lib/server/regression/regression-runs';

async function finished(id: string): Promise<GoldenRun> {
	for (;;) {
		const run = getRun(id) as GoldenRun;
		if (run.status !== 'running') return run;
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

/** A run over a scratch copy of one shipped file, with one expectation broken. */
async function brokenRun(id: string) {
	const dir = mkdtempSync(path.join(tmpdir(), 'yardstick-runs-'));
	const file = path.join(dir, 'g.json');
	cpSync('tests/golden/2021/rule-1.1-outstanding-kept.json', file);
	const original = readFileSync(file, 'utf8');
	writeFileSync(file, original.replace('"expected": {', '"expected": {\n    "computed": { "2.1": "inadequate" },'));
	startGoldenRun(id, { kind: 'upload', files: [{ file, label: 'g.json' }] }, null);
	return { run: await finished(id), file, original };
}

const Runs = suite('golden runs from the pages');
Runs('a run rates every file and keeps its outcome', async () => {
	const { run } = await brokenRun('run-1');
	assert.is(run.done, 1);
	assert.is(run.files[0].outcome?.status, 'fail');
});
Runs('accepting shows exactly what changes, then rewrites only that', async () => {
	const { run, file } = await brokenRun('run-2');
	const plan = await planAccept(run, 0);
	assert.ok(plan.ok);
	if (!plan.ok) return;
	assert.equal(plan.changes.map((c) => [c.what, c.from, c.to]), [['computed.2.1', 'inadequate', 'outstanding']]);
	assert.equal(plan.hunks.flatMap((h) => h.lines.filter((l) => l.kind !== 'same').map((l) => `${l.kind} ${l.text.trim()}`)), ['removed "computed": { "2.1": "inadequate" },', 'added "computed": { "2.1": "outstanding" },']);
	const accepted = await applyAccept(run, 0, plan.hash);
	assert.ok(accepted.ok);
	assert.is(JSON.parse(readFileSync(file, 'utf8')).expected.computed['2.1'], 'outstanding');
	assert.is(run.files[0].outcome?.status, 'pass');
	const again = await planAccept(run, 0);
	assert.not.ok(again.ok, 'nothing left to accept');
});
Runs('a file changed since it was looked at is not rewritten', async () => {
	const { run, file } = await brokenRun('run-3');
	const plan = await planAccept(run, 0);
	assert.ok(plan.ok);
	if (!plan.ok) return;
	const edited = readFileSync(file, 'utf8').replace('"name": "', '"name": "Edited: ');
	writeFileSync(file, edited);
	const accepted = await applyAccept(run, 0, plan.hash);
	assert.not.ok(accepted.ok);
	if (!accepted.ok) assert.match(accepted.message, 'has changed since you looked at it');
	assert.is(readFileSync(file, 'utf8'), edited);
});
Runs.run();

const Sources = suite('golden files from a folder or an upload');
Sources('a folder with no golden files is refused at its field', () => {
	process.env.PROJECT_DIR = mkdtempSync(path.join(tmpdir(), 'yardstick-project-'));
	try {
		mkdirSync(path.join(process.env.PROJECT_DIR, 'empty'));
		const chosen = folderSource('empty');
		assert.equal(!chosen.ok && chosen.errors, { folder: 'There are no .json files in "empty"' });
	} finally {
		delete process.env.PROJECT_DIR;
	}
});
Sources('upload limits: nothing chosen, too big', async () => {
	const none = await uploadSource([new File([], '')], 'up-1');
	assert.equal(!none.ok && none.errors, { files: 'Choose one or more golden files to upload' });
	const big = await uploadSource([new File(['x'.repeat(UPLOAD_LIMITS.fileBytes + 1)], 'big.json')], 'up-2');
	assert.match(!big.ok ? big.errors.files : '', 'big.json is 200 KB: each file must be 200 KB or smaller');
});
Sources('uploaded names are labels only: what is written has a safe name', async () => {
	process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), 'yardstick-data-'));
	try {
		const chosen = await uploadSource([new File(['{}'], '../../evil name.json'), new File(['{}'], 'evil name.json')], 'up-3');
		assert.ok(chosen.ok);
		if (!chosen.ok) return;
		assert.equal(chosen.source.files.map((f) => [path.basename(f.file), f.label]), [['evil_name.json', 'evil name.json'], ['2-evil_name.json', 'evil name.json']]);
		assert.ok(chosen.source.files.every((f) => f.file.startsWith(process.env.DATA_DIR!)));
	} finally {
		delete process.env.DATA_DIR;
	}
});
Sources.run();
