// The seeded draw: the same seed draws the same cases whatever the row order, another seed
// draws others with the same counts per stratum, and no draw breaks the rules.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { drawSample, planSample, sizeSample, type LonglistCase } from '../../../src/lib/sampling/index';
import { rules2025 } from '../../support/sampling';

const strata = ['resettlement', 'community-sentences', 'out-of-court', 'bail-remand'];
/** 300 cases, the strata in the proportions 5:50:35:10, and two excluded */
function longlist(): LonglistCase[] {
	return Array.from({ length: 300 }, (_, i) => ({
		row: i + 2,
		reference: `YJ${String(i).padStart(4, '0')}`,
		sample: 'children',
		group: strata[i % 20 === 0 ? 0 : i % 10 === 1 ? 3 : i % 20 < 8 ? 2 : 1],
		excluded: i === 4 || i === 9,
		...(i === 4 || i === 9 ? { reason: 'transferred out' } : {})
	}));
}
const refs = (cases: LonglistCase[], seed: number) => planSample(rules2025(), cases, seed).samples[0].draw.selected.map((c) => c.reference);
const countsOf = (cases: LonglistCase[], seed: number) => planSample(rules2025(), cases, seed).samples[0].draw.counts;

const Draw = suite('seeded draw');
Draw('the same seed draws the same cases', () => {
	assert.equal(refs(longlist(), 42), refs(longlist(), 42));
	assert.is(refs(longlist(), 42).length, planSample(rules2025(), longlist(), 42).samples[0].size.size);
});
Draw('the longlist row order makes no difference', () => {
	const reversed = longlist().reverse();
	const shuffled = [...longlist()].sort((a, b) => (a.reference.split('').reverse().join('') < b.reference.split('').reverse().join('') ? -1 : 1));
	assert.equal(refs(reversed, 42), refs(longlist(), 42));
	assert.equal(refs(shuffled, 42), refs(longlist(), 42));
});
Draw('another seed draws a different set with the same counts per stratum', () => {
	assert.not.equal(refs(longlist(), 43), refs(longlist(), 42));
	assert.equal(countsOf(longlist(), 43), countsOf(longlist(), 42));
});
Draw('excluded cases are never drawn and are listed with their reasons', () => {
	const plan = planSample(rules2025(), longlist(), 7);
	assert.equal(plan.excluded.map((e) => [e.reference, e.reason]), [
		['YJ0004', 'transferred out'],
		['YJ0009', 'transferred out']
	]);
	assert.is(plan.samples[0].size.eligible, 298);
	assert.not.ok(plan.samples[0].draw.selected.some((c) => c.reference === 'YJ0004' || c.reference === 'YJ0009'));
});
Draw('each stratum has its own generator: a change in the first stratum leaves the others drawn as before', () => {
	const eligible = longlist().filter((c) => !c.excluded);
	const counts: Record<string, number> = {};
	for (const c of eligible) counts[c.group] = (counts[c.group] ?? 0) + 1;
	const size = sizeSample(rules2025(), 'children', counts);
	const before = drawSample(size, eligible, 11).selected;
	// resettlement, drawn first, has one case fewer on the longlist (YJ0020) and draws one fewer
	const fewer = { ...size, allocation: size.allocation.map((a, i) => (i === 0 ? { ...a, allocated: a.allocated - 1 } : a)) };
	const after = drawSample(fewer, eligible.filter((c) => c.reference !== 'YJ0020'), 11).selected;
	const inStratum = (list: typeof before, group: string) => list.filter((c) => c.group === group).map((c) => c.reference);
	for (const group of ['community-sentences', 'out-of-court', 'bail-remand']) assert.equal(inStratum(after, group), inStratum(before, group), group);
	assert.is(inStratum(after, 'resettlement').length, inStratum(before, 'resettlement').length - 1);
});
Draw('drawn cases carry the framework sample their stratum feeds', () => {
	const selected = planSample(rules2025(), longlist(), 3).samples[0].draw.selected;
	assert.ok(selected.filter((c) => c.group === 'out-of-court').every((c) => c.sample === 'out-of-court'));
	assert.ok(selected.filter((c) => c.group !== 'out-of-court').every((c) => c.sample === 'court'));
});
Draw('a seed that is not a whole number from 0 to 2³² − 1 is refused', () => {
	const size = sizeSample(rules2025(), 'children', { resettlement: 3 });
	for (const seed of [-1, 1.5, 2 ** 32, Number.NaN]) assert.throws(() => drawSample(size, [], seed), /a seed is a whole number/);
});
Draw.run();

const Property = suite('property: every draw keeps the rules');
Property('random longlists and seeds: bounds, exclusions, per-stratum counts, no case twice', () => {
	const rules = rules2025();
	const bounds = rules.samples[0].bounds;
	fc.assert(
		fc.property(
			fc.array(fc.record({ group: fc.constantFrom(...strata), excluded: fc.boolean() }), { maxLength: 400 }),
			fc.integer({ min: 0, max: 0xffffffff }),
			(rows, seed) => {
				const cases: LonglistCase[] = rows.map((r, i) => ({ row: i + 2, reference: `R${i}`, sample: 'children', group: r.group, excluded: r.excluded, ...(r.excluded ? { reason: 'x' } : {}) }));
				const plan = planSample(rules, cases, seed);
				if (!cases.length) return plan.samples.length === 0;
				const { size, draw } = plan.samples[0];
				const eligible = cases.filter((c) => !c.excluded);
				const drawn = draw.selected.map((c) => c.reference);
				assert.is(new Set(drawn).size, drawn.length, 'no case twice');
				assert.is(drawn.length, size.size);
				if (eligible.length <= bounds.min!) assert.is(drawn.length, eligible.length, 'all when few');
				else assert.ok(drawn.length >= bounds.min! && drawn.length <= bounds.max!, `within bounds: ${drawn.length}`);
				const excluded = new Set(cases.filter((c) => c.excluded).map((c) => c.reference));
				assert.not.ok(drawn.some((r) => excluded.has(r)), 'no excluded case');
				const groupOf = new Map(cases.map((c) => [c.reference, c.group]));
				for (const a of size.allocation) {
					const inGroup = draw.selected.filter((c) => c.group === a.group);
					assert.is(inGroup.length, a.allocated, `count in ${a.group}`);
					assert.ok(inGroup.every((c) => groupOf.get(c.reference) === a.group));
					const available = eligible.filter((c) => c.group === a.group).length;
					assert.ok(a.allocated <= available);
					if (available > 0) assert.ok(a.allocated >= 1, `${a.group} has one`);
				}
				return true;
			}
		),
		{ numRuns: 300, seed: 20261201 }
	);
});
Property.run();

const Seeds = suite('neighbouring seeds');
Seeds('seeds 0 to 12 each draw a different set (a seed once cancelled itself out in the hash)', () => {
	const sets = Array.from({ length: 13 }, (_, seed) => refs(longlist(), seed).join());
	assert.is(new Set(sets).size, 13);
});
Seeds.run();
