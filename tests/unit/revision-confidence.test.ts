// Proof that a sample's confidence level is data only: a copy of 2025 in a temporary rules folder
// with 95% confidence in sampling.json sizes its samples and gives its findings' margins from
// that level, with no change to src/.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { evaluate, type FrameworkVersion } from '../../src/lib/engine/index';
import { planSample, sizeSample, type LonglistCase } from '../../src/lib/sampling/index';
import { loadFramework } from '../../src/lib/server/frameworks/frameworks';
import { cli } from '../support/cli';
import { copyVersion, patchVersion, tempRules } from '../support/versions';

const rules = tempRules();
const dir = copyVersion('hmip-youth/2025', rules, '2026-surer');
patchVersion(dir, [
	{ op: 'replace', path: '/framework.json/status', value: 'draft' },
	{ op: 'replace', path: '/sampling.json/confidence', value: { value: 95, source: { document: 'test revision', section: 'a surer sample' } } }
]);

const load = (id: string, from: string): FrameworkVersion => {
	const loaded = loadFramework(id, from);
	if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
	return loaded.value;
};
const shipped = load('hmip-youth@2025', 'rules');
const surer = load('hmip-youth@2026-surer', rules);

const Revision = suite('a copied version with a different confidence level');
Revision('validates, and its confidence level is the only difference in sampling.json', () => {
	assert.is(shipped.sampling?.confidence.value, 80);
	assert.is(surer.sampling?.confidence.value, 95);
	assert.equal({ ...surer.sampling, confidence: null }, { ...shipped.sampling, confidence: null });
});
// At 95%, z = 1.96 and n0 = 100 z² = 384.1459 for 5 points (80%: 164.2374)
for (const [N, at80, at95, arithmetic] of [
	[40, 33, 37, '384.1459 / (1 + 383.1459 / 40) = 36.30 → 37'],
	[100, 63, 80, '384.1459 / (1 + 383.1459 / 100) = 79.47 → 80'],
	[400, 117, 125, '384.1459 / (1 + 383.1459 / 400) = 196.2 → 197, above 125 → 125']
] as const) {
	Revision(`sizes: a caseload of ${N} needs ${at80} at 80%, ${at95} at 95% (${arithmetic})`, () => {
		const counts = { resettlement: N / 4, 'community-sentences': N / 4, 'out-of-court': N / 4, 'bail-remand': N / 4 };
		assert.is(sizeSample(shipped.sampling!, 'children', counts).size, at80);
		const size = sizeSample(surer.sampling!, 'children', counts);
		assert.is(size.size, at95);
		assert.is(size.confidence, 95);
	});
}
Revision('a drawn sample: more cases per stratum from the same longlist and seed', () => {
	const strata = ['resettlement', 'community-sentences', 'out-of-court', 'bail-remand'];
	const cases: LonglistCase[] = Array.from({ length: 200 }, (_, i) => ({ row: i + 2, reference: `R${i}`, sample: 'children', group: strata[i % 4], excluded: false }));
	const [at80, at95] = [planSample(shipped.sampling!, cases, 7), planSample(surer.sampling!, cases, 7)];
	// N = 200: 164.2374 / (1 + 163.2374 / 200) = 90.44 → 91; 384.1459 / (1 + 383.1459 / 200) = 131.5 → 125 (the bound)
	assert.equal([at80.samples[0].size.size, at95.samples[0].size.size], [91, 125]);
	assert.equal(at80.samples[0].draw.selected.length, 91);
	assert.equal(at95.samples[0].draw.selected.length, 125);
	const per = (plan: typeof at80) => plan.samples[0].draw.counts.map((c) => c.drawn);
	assert.ok(per(at95).every((n, i) => n > per(at80)[i]), `${per(at80)} then ${per(at95)}`);
});
Revision('margins: the same share from the same cases is ± 15.49 points at 95% (1.96 × √(0.25 / 40)), ± 10.13 at 80%', async () => {
	const inspection = { context: { inspectionType: 'iyjwcv' }, tallies: { '2.1.1': { relevant: 40, yes: 20 } } };
	const [r80, r95] = [await evaluate(shipped, inspection), await evaluate(surer, inspection)];
	assert.is(Number(r80.keyQuestions['2.1.1'].margin!.plusMinus.toFixed(2)), 10.13);
	assert.is(Number(r95.keyQuestions['2.1.1'].margin!.plusMinus.toFixed(2)), 15.49);
	assert.is(r95.keyQuestions['2.1.1'].margin!.confidence, 95);
	// 50% ± 15.49: 34.5 to 65.5 holds the 50% and 65% edges; at 80% (39.9 to 60.1) only 50%
	assert.equal(r80.keyQuestions['2.1.1'].margin!.edgeInside, [50]);
	assert.equal(r95.keyQuestions['2.1.1'].margin!.edgeInside, [50, 65]);
	assert.match(r95.standards['2.1'].trace, 'margins at 95% confidence');
	assert.is(r95.standards['2.1'].final, r80.standards['2.1'].final, 'the rating is the same: the margin is beside it');
});
Revision('the command line sizes with it too (RULES_DIR)', () => {
	const tmp = mkdtempSync(path.join(tmpdir(), 'yardstick-rev-'));
	const file = path.join(tmp, 'longlist.csv');
	const strata = ['Resettlement cases', 'Community sentences', 'Out-of-court cases', 'Bail and remand'];
	writeFileSync(file, ['Case reference,Stratum', ...Array.from({ length: 100 }, (_, i) => `R${i},${strata[i % 4]}`)].join('\r\n') + '\r\n');
	const run = cli('sample', [file, '--framework', 'hmip-youth@2026-surer', '--seed', '3', '--json'], { RULES_DIR: rules });
	assert.is(run.status, 0, run.stdout + run.stderr);
	const out = JSON.parse(run.stdout);
	assert.equal([out.framework, out.samples[0].size.confidence, out.samples[0].size.size], ['hmip-youth@2026-surer', 95, 80]);
	assert.is(out.samples[0].draw.selected.length, 80);
});
Revision.run();
