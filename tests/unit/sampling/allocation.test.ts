// Allocation to strata: shares of the size in proportion to the longlist, whole cases by the
// largest remainder, and every stratum with an eligible case at least one.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { planSample, sizeSample, type LonglistCase } from '../../../src/lib/sampling/index';
import { madeUp, rules2025 } from '../../support/sampling';

const counts = (a: number, b: number, c: number, d: number) => ({ resettlement: a, 'community-sentences': b, 'out-of-court': c, 'bail-remand': d });
const allocated = (r: ReturnType<typeof sizeSample>) => r.allocation.map((a) => a.allocated);

const Allocate = suite('allocation to strata');
// name, eligible cases per stratum, the size, and the cases allocated to each stratum
const table: [string, Record<string, number>, number, number[]][] = [
	// 107 × (24, 145, 100, 29) / 298 = 8.617, 52.064, 35.906, 10.413: whole 8 + 52 + 35 + 10 = 105;
	// the 2 left go to the largest remainders, out-of-court (.906) then resettlement (.617)
	['largest remainder: 107 of 298', counts(24, 145, 100, 29), 107, [9, 52, 36, 10]],
	// 99 × (3, 150, 90, 1) / 244 = 1.217, 60.861, 36.516, 0.406: bail and remand is raised to 1;
	// whole 1 + 60 + 36 + 1 = 98; the 1 left goes to community sentences (.861)
	['a tiny stratum is raised to one: 99 of 244', counts(3, 150, 90, 1), 99, [1, 61, 36, 1]],
	// 63 × (0, 60, 40, 0) / 100 = 0, 37.8, 25.2, 0: whole 62, the 1 left to community sentences
	['empty strata get none: 63 of 100', counts(0, 60, 40, 0), 63, [0, 38, 25, 0]],
	// fewer eligible cases than the smallest sample: every stratum gives all it has
	['all cases: 12 eligible', counts(2, 6, 3, 1), 12, [2, 6, 3, 1]]
];
for (const [name, given, size, expected] of table) {
	Allocate(name, () => {
		const r = sizeSample(rules2025(), 'children', given);
		assert.is(r.size, size);
		assert.equal(allocated(r), expected);
		assert.is(expected.reduce((x, y) => x + y, 0), size);
	});
}
Allocate('the arithmetic of each stratum is shown', () => {
	const r = sizeSample(rules2025(), 'children', counts(3, 150, 90, 1));
	assert.equal(
		r.allocation.map((a) => a.text),
		[
			'Resettlement cases: 99 × 3 / 244 = 1.2172, 1 whole → 1',
			'Community sentences: 99 × 150 / 244 = 60.8607, 60 whole, +1 (largest remainder) → 61',
			'Out-of-court cases: 99 × 90 / 244 = 36.5164, 36 whole → 36',
			'Bail and remand: 99 × 1 / 244 = 0.4057, raised to 1 (every stratum with a case has one) → 1'
		]
	);
});
Allocate('equal remainders go to the stratum listed first', () => {
	// 6 × 20 / 80 = 1.5 each: whole 1 each, the 2 left to a then b
	const r = sizeSample(madeUp({ min: 1, max: 6 }), 's', { a: 20, b: 20, c: 20, d: 20 });
	assert.equal(allocated(r), [2, 2, 1, 1]);
});
Allocate('raising tiny strata to one takes the excess from the stratum most above its quota', () => {
	// 4 × (100, 1, 1, 1) / 103 = 3.88, 0.04, 0.04, 0.04: a 3 and the others raised to 1 is 6;
	// a gives back 2 so the size stays 4
	const r = sizeSample(madeUp({ min: 1, max: 4 }), 's', { a: 100, b: 1, c: 1, d: 1 });
	assert.is(r.size, 4);
	assert.equal(allocated(r), [1, 1, 1, 1]);
	assert.match(r.allocation[0].text, '-2 (so that raised strata fit the size)');
});
Allocate('more non-empty strata than the size: one from each, and a warning says the size grew', () => {
	const r = sizeSample(madeUp({ min: 1, max: 2 }), 's', { a: 10, b: 10, c: 10, d: 0 });
	assert.equal(allocated(r), [1, 1, 1, 0]);
	assert.is(r.size, 3);
	assert.equal(r.warnings.map((w) => w.code), ['sampling-size-raised']);
});
Allocate('a stratum the counts do not mention has no cases; unknown keys are ignored', () => {
	const r = sizeSample(rules2025(), 'children', { 'community-sentences': 50, nonsense: 500, __proto__: 3 } as Record<string, number>);
	assert.is(r.eligible, 50);
	assert.equal(allocated(r), [0, r.size, 0, 0]);
});
Allocate('a stratum id that is also a property of every object ("constructor") is counted like any other', () => {
	const rules = madeUp({ min: 1, max: 10 });
	rules.samples[0].strata[0].id = 'constructor';
	const cases: LonglistCase[] = Array.from({ length: 6 }, (_, i) => ({ row: i + 2, reference: `R${i}`, sample: 's', group: i < 4 ? 'constructor' : 'b', excluded: false }));
	const { size } = planSample(rules, cases, 1).samples[0];
	assert.is(size.eligible, 6);
	assert.equal(allocated(size), [4, 2, 0, 0]);
});
Allocate.run();
