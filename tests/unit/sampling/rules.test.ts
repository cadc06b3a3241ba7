// sampling.json as version data: optional, loaded with the version, and a revision of it alone
// changes the sizes with no change to src/.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadFramework, loadVersion } from '../../../src/lib/server/frameworks/frameworks';
import { cli } from '../../support/cli';
import { copyVersion, patchVersion, tempRules } from '../../support/versions';

const Rules = suite('sampling.json in a version');
Rules('the shipped versions carry their sampling rules', () => {
	for (const version of ['2018', '2021', '2025']) {
		const loaded = loadFramework(`hmip-youth@${version}`, 'rules');
		assert.ok(loaded.ok, version);
		if (loaded.ok) assert.is(loaded.value.sampling?.confidence.value, 80);
	}
});
Rules('a version without sampling.json stays valid, with no sampling rules and another hash', () => {
	const dir = copyVersion('hmip-youth/2025', tempRules());
	const withFile = loadVersion(dir);
	rmSync(path.join(dir, 'sampling.json'));
	const without = loadVersion(dir);
	assert.ok(without.ok && withFile.ok);
	if (!without.ok || !withFile.ok) return;
	assert.is(without.value.sampling, undefined);
	assert.is.not(without.value.hash, withFile.value.hash);
});
Rules.run();

const Revision = suite('revision: a copied version with another confidence level');
Revision('95% instead of 80% sizes a caseload of 100 at 80 cases, not 63, with no code change', () => {
	// 95%: z = 1.96, n0 = 1.96² × 100 = 384.16; n = 384.16 / (1 + 383.16 / 100) = 79.5 → 80
	const rules = tempRules();
	copyVersion('hmip-youth/2025', rules);
	const dir = copyVersion('hmip-youth/2025', rules, '2026-trial');
	patchVersion(dir, [{ op: 'replace', path: '/sampling.json/confidence/value', value: 95 }]);
	const longlist = path.join(rules, 'longlist.csv');
	writeFileSync(longlist, 'Case reference,Stratum\n' + Array.from({ length: 100 }, (_, i) => `C${i},${['resettlement', 'community-sentences', 'out-of-court', 'bail-remand'][i % 4]}`).join('\n'));
	const size = (ref: string) => {
		const run = cli('sample', [longlist, '--framework', ref, '--seed', '1', '--json'], { RULES_DIR: rules });
		assert.is(run.status, 0, run.stderr);
		return JSON.parse(run.stdout).samples[0].size;
	};
	const before = size('hmip-youth@2025');
	const after = size('hmip-youth@2026-trial');
	assert.is(before.size, 63);
	assert.is(after.size, 80);
	assert.is(after.steps[1].text, 'z for 95% confidence = 1.96');
	assert.equal(after.allocation.map((a: { allocated: number }) => a.allocated), [20, 20, 20, 20]);
});
Revision.run();
