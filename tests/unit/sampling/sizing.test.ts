// Sample sizes against figures worked by hand. At 80% confidence z = 1.2816, so for a margin of
// 5 points and the worst-case share of 50%: n0 = z² × 0.5 × 0.5 / 0.05² = 100 z² = 164.2374.
// With the finite population correction n = n0 / (1 + (n0 − 1) / N), rounded up, then kept
// within the bounds (15 to 125 in 2025), and never more than the N eligible cases.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { marginOfError, normalQuantile, sizeSample, zForConfidence } from '../../../src/lib/sampling/index';
import { rules2018, rules2025 } from '../../support/sampling';

const Z = suite('z from the confidence level');
for (const [level, z] of [
	[80, 1.2816],
	[90, 1.6449],
	[95, 1.96],
	[99, 2.5758]
]) {
	Z(`${level}% → ${z}`, () => assert.is(Number(zForConfidence(level).toFixed(4)), z));
}
Z('the tails use the other branch of the approximation: Φ⁻¹(0.01) = −2.3263, Φ⁻¹(0.999) = 3.0902', () => {
	assert.is(Number(normalQuantile(0.01).toFixed(4)), -2.3263);
	assert.is(Number(normalQuantile(0.999).toFixed(4)), 3.0902);
	assert.is(normalQuantile(0.5), 0);
});
Z('a level of 0 or 100 is refused', () => {
	assert.throws(() => zForConfidence(100), /above 0 and below 100/);
	assert.throws(() => zForConfidence(0), /above 0 and below 100/);
});
Z.run();

const Size = suite('size of the 2025 children sample (80%, 5 points, 15 to 125)');
const table: [number, string, number][] = [
	// N, the hand arithmetic, the size
	[40, '164.2374 / (1 + 163.2374 / 40) = 164.2374 / 5.0809 = 32.32 → 33', 33],
	[100, '164.2374 / (1 + 163.2374 / 100) = 164.2374 / 2.6324 = 62.39 → 63', 63],
	[400, '164.2374 / (1 + 163.2374 / 400) = 164.2374 / 1.4081 = 116.64 → 117', 117],
	[10000, '164.2374 / (1 + 163.2374 / 10000) = 164.2374 / 1.0163 = 161.60 → 162, above 125 → 125', 125],
	[20, '164.2374 / (1 + 163.2374 / 20) = 164.2374 / 9.1619 = 17.93 → 18', 18],
	[12, '164.2374 / (1 + 163.2374 / 12) = 11.26 → 12, below 15 → 15, more than the 12 there are → all 12', 12]
];
for (const [N, arithmetic, expected] of table) {
	Size(`N = ${N}: ${arithmetic}`, () => {
		const r = sizeSample(rules2025(), 'children', { 'community-sentences': N });
		assert.is(r.size, expected);
		assert.is(r.eligible, N);
		assert.is(Number(r.n0!.toFixed(4)), 164.2374);
		assert.is(r.allCases, N <= expected);
	});
}
Size('the arithmetic is returned step by step, as a page shows it', () => {
	const r = sizeSample(rules2025(), 'children', { resettlement: 40, 'community-sentences': 200, 'out-of-court': 130, 'bail-remand': 30 });
	assert.equal(
		r.steps.slice(0, 5).map((s) => s.text),
		[
			'N = 40 + 200 + 130 + 30 = 400 eligible cases',
			'z for 80% confidence = 1.2816',
			'n0 = z² × p × (1 − p) / m² = 1.2816² × 0.5 × 0.5 / 0.05² = 164.2374',
			'n = n0 / (1 + (n0 − 1) / N) = 164.2374 / (1 + 163.2374 / 400) = 116.6382, rounded up to 117',
			'within the bounds 15 to 125: 117'
		]
	);
});
Size('the small-service rule: fewer than 25 eligible cases', () => {
	const r = sizeSample(rules2025(), 'children', { resettlement: 2, 'community-sentences': 10, 'out-of-court': 8, 'bail-remand': 4 });
	assert.equal(r.smallService?.reasons, ['24 eligible cases, fewer than 25']);
	assert.is(r.smallService?.aim, 15);
	assert.ok(r.warnings.some((w) => w.code === 'sampling-small-service'));
});
Size('the small-service rule: an empty stratum, however large the rest', () => {
	const r = sizeSample(rules2025(), 'children', { resettlement: 0, 'community-sentences': 300, 'out-of-court': 100, 'bail-remand': 30 });
	assert.equal(r.smallService?.reasons, ['no eligible cases in Resettlement cases']);
	assert.match(r.smallService!.action, 'two- to 12-month timeframe');
});
Size('25 eligible cases with one or more in every stratum: no small-service flag', () => {
	const r = sizeSample(rules2025(), 'children', { resettlement: 1, 'community-sentences': 20, 'out-of-court': 3, 'bail-remand': 1 });
	assert.is(r.smallService, null);
	assert.not.ok(r.warnings.length);
});
Size.run();

const Gaps = suite('what the sources leave open is not sized');
Gaps('2025 victims: no rule for the size above nine; a warning says so', () => {
	const r = sizeSample(rules2025(), 'victims', { victims: 40 });
	assert.is(r.size, null);
	assert.equal(r.allocation, []);
	assert.equal(r.warnings.map((w) => w.code), ['sampling-size-gap']);
	assert.match(r.warnings[0].message, 'nine to 30');
});
Gaps('2025 victims: nine or fewer eligible cases are all taken', () => {
	const r = sizeSample(rules2025(), 'victims', { victims: 7 });
	assert.is(r.size, 7);
	assert.ok(r.allCases);
	assert.equal(r.warnings, []);
});
Gaps('2018: the margin of error is a gap, so there is no size', () => {
	const r = sizeSample(rules2018(), 'court', { court: 60 });
	assert.is(r.size, null);
	assert.is(r.confidence, 80);
	assert.match(r.steps[1].text, 'no size can be computed: the version leaves open the margin of error');
	assert.equal(r.warnings.map((w) => w.code), ['sampling-size-gap']);
});
Gaps.run();

const Margin = suite('margin of error of a finding');
Margin('47% of 117 cases from 400 at 80%: 1.2816 × √(0.47 × 0.53 / 117) × √(283 / 399) = 4.98 points', () => {
	const m = marginOfError(47, 117, 80, 400)!;
	assert.is(Number(m.margin.toFixed(2)), 4.98);
	assert.is(Number(m.low.toFixed(2)), 42.02);
	assert.is(Number(m.high.toFixed(2)), 51.98);
	assert.match(m.text, '√((400 − 117) / (400 − 1))');
});
Margin('without the caseload there is no correction: 1.2816 × √(0.47 × 0.53 / 117) = 5.91 points', () => {
	const m = marginOfError(47, 117, 80)!;
	assert.is(Number(m.margin.toFixed(2)), 5.91);
	assert.is(m.fpc, 1);
});
Margin('every eligible case inspected: no margin; no cases: no figure; the interval stays within 0-100', () => {
	assert.is(marginOfError(60, 30, 80, 30)!.margin, 0);
	assert.is(marginOfError(50, 0, 80), null);
	const m = marginOfError(95, 10, 95)!;
	assert.is(m.high, 100);
});
Margin.run();
