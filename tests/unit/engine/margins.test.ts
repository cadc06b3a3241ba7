// A key question's margin of error: hand-worked figures, the finite population correction from
// the inspection's caseload, band edges inside the interval, and what gives no margin.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { evaluate, type FrameworkVersion, type Inspection } from '../../../src/lib/engine/index';
import { edgeList, formatPoints, intervalText, marginText, pointsText } from '../../../src/lib/engine/margins';
import type { SamplingRules } from '../../../src/lib/sampling/types';
import { framework, inspection } from '../../support/factory';

const sampling = (confidence: number | null): SamplingRules => ({
	confidence: confidence === null ? { value: null, gap: 'not stated' } : { value: confidence, source: { document: 'test', section: 'sampling' } },
	proportion: { value: 50, interpretation: 'worst case' },
	samples: []
});
/** 'none': a version without sampling.json */
const version = (confidence: number | null | 'none' = 80): FrameworkVersion => ({ ...framework(), ...(confidence !== 'none' && { sampling: sampling(confidence) }) });
const rate = (evidence: Inspection, confidence?: number | null | 'none') => evaluate(version(confidence), evidence);
const near = (actual: number, expected: number, what: string) => assert.ok(Math.abs(actual - expected) < 0.005, `${what}: ${actual}, expected ${expected}`);

// z(80%) = 1.28155, z(95%) = 1.95996; margin = 100 z sqrt(p(1-p)/n) sqrt((N-n)/(N-1))
const Figures = suite('margins: hand-worked figures');
for (const [name, relevant, yes, confidence, caseload, plusMinus] of [
	['50% of 40 at 80%: 1.2816 × √(0.25/40) = 10.13 points', 40, 20, 80, undefined, 10.132],
	['50% of 40 of a caseload of 100: × √(60/99) = 7.89 points', 40, 20, 80, 100, 7.888],
	['50% of 40 of a caseload of 10,000: × √(9960/9999) = 10.11 points', 40, 20, 80, 10000, 10.112],
	['90% of 40: the observed share, not the worst case: 1.2816 × √(0.09/40) = 6.08', 40, 36, 80, undefined, 6.079],
	['50% of 40 at 95%: 1.96 × 0.0791 = 15.50', 40, 20, 95, undefined, 15.495],
	['72% of 25 at 80%: 1.2816 × √(0.2016/25) = 11.51', 25, 18, 80, undefined, 11.508],
	['every eligible case inspected (n = N): no sampling error', 40, 20, 80, 40, 0],
	['0 of 10: a share of 0% has a margin of 0', 10, 0, 80, undefined, 0]
] as const) {
	Figures(name, async () => {
		const r = await rate(inspection({ tallies: { 'B1.1': { relevant, yes } }, ...(caseload !== undefined && { caseload: { court: caseload } }) }), confidence);
		const m = r.keyQuestions['B1.1'].margin;
		if (!m) return assert.unreachable('no margin');
		near(m.plusMinus, plusMinus, 'plusMinus');
		assert.is(m.confidence, confidence);
		assert.is(m.population, caseload);
		near(m.low, Math.max(0, (100 * yes) / relevant - plusMinus), 'low');
		near(m.high, Math.min(100, (100 * yes) / relevant + plusMinus), 'high');
	});
}
Figures('the interval is clipped to 0-100', async () => {
	const r = await rate(inspection({ tallies: { 'B1.1': { relevant: 4, yes: 4 - 0 }, 'B1.2': { relevant: 4, yes: 3 } } }));
	assert.is(r.keyQuestions['B1.1'].margin?.high, 100);
	const m = r.keyQuestions['B1.2'].margin!;
	near(m.plusMinus, 27.75, '75% of 4: 1.2816 × √(0.1875/4)');
	assert.is(m.high, 100, '75 + 27.7 clipped');
});
Figures('tallies and cases answered one by one are one n', async () => {
	const cases = [1, 2, 3, 4].map((i) => ({ id: `c${i}`, sample: 'court', answers: { 'B1.1': i <= 2 ? ('yes' as const) : ('no' as const) } }));
	const r = await rate(inspection({ tallies: { 'B1.1': { relevant: 36, yes: 18 } }, cases }));
	assert.is(r.keyQuestions['B1.1'].relevant, 40);
	near(r.keyQuestions['B1.1'].margin!.plusMinus, 10.132, '20 of 40');
});
Figures.run();

const Edges = suite('margins: band edges inside the interval');
for (const [name, relevant, yes, inside] of [
	['60% of 40 (50.1 to 69.9): the 65% edge', 40, 24, [65]],
	['90% of 40 (83.9 to 96.1): none', 40, 36, []],
	['2 of 3, 67% ± 35: 50%, 65% and 80%', 3, 2, [50, 65, 80]],
	['100% of 40: the interval is 100 to 100, no edge', 40, 40, []]
] as const) {
	Edges(name, async () => {
		const r = await rate(inspection({ tallies: { 'B1.1': { relevant, yes } } }));
		assert.equal(r.keyQuestions['B1.1'].margin?.edgeInside, inside);
	});
}
Edges('an edge at the bottom of the interval is not inside it: every share in the interval is in the band above', async () => {
	// 80% of 5 with a caseload of 5: margin 0, interval 80 to 80
	const r = await rate(inspection({ tallies: { 'B1.1': { relevant: 5, yes: 4 } }, caseload: { court: 5 } }));
	assert.equal(r.keyQuestions['B1.1'].margin?.edgeInside, []);
	assert.is(r.keyQuestions['B1.1'].margin?.plusMinus, 0);
});
Edges.run();

const None = suite('margins: when there is none');
None('no relevant cases', async () => {
	const r = await rate(inspection({ tallies: { 'B1.1': { relevant: 0, yes: 0 } } }));
	assert.is(r.keyQuestions['B1.1'].margin, undefined);
	assert.is(r.keyQuestions['B1.2'].margin, undefined);
});
None('no sampling.json, or a confidence level the sources leave open: nothing invented', async () => {
	for (const confidence of ['none', null] as const) {
		const r = await rate(inspection(), confidence);
		assert.is(r.keyQuestions['B1.1'].share, 72.5);
		assert.is(r.keyQuestions['B1.1'].margin, undefined);
	}
});
None('a judgement key question', async () => {
	const r = await rate(inspection({ judgements: { B2: { keyQuestions: { 'B2.2': 'yes' } } } }));
	assert.is(r.keyQuestions['B2.2'].margin, undefined);
});
None('the ratings are the same with and without margins', async () => {
	const evidence = inspection({ tallies: { 'B1.1': { relevant: 40, yes: 24 }, 'B2.1': { relevant: 20, yes: 17 } } });
	const [with80, without] = [await rate(evidence, 80), await rate(evidence, 'none')];
	for (const id of Object.keys(without.standards)) {
		assert.is(with80.standards[id].final, without.standards[id].final);
		assert.equal(with80.standards[id].allowed, without.standards[id].allowed);
		assert.equal(with80.standards[id].discretion, without.standards[id].discretion);
	}
	assert.equal(with80.composite.ratingRange, without.composite.ratingRange);
});
None.run();

const Caseload = suite('margins: the caseload, checked against the version');
Caseload('an entry for a sample the version does not declare is a warning and not used', async () => {
	const r = await rate(inspection({ caseload: { court: 100, prison: 50, constructor: 3 } as Record<string, number> }));
	const unused = r.warnings.filter((w) => w.code === 'caseload-not-used');
	assert.equal(unused.map((w) => w.subject), ['prison', 'constructor']);
	assert.match(unused[0].message, 'this version has no sample "prison" (court, victim)');
	assert.is(r.keyQuestions['B1.1'].margin?.population, 100);
	assert.is(r.keyQuestions['B2.1'].margin?.population, undefined, 'victim caseload not given');
});
Caseload('a "__proto__" key from a parsed file is one more unknown sample, never a prototype', async () => {
	const caseload = JSON.parse('{"__proto__": {"court": 1}, "court": 100}');
	const r = await rate(inspection({ caseload }));
	assert.equal(r.warnings.filter((w) => w.code === 'caseload-not-used').map((w) => w.subject), ['__proto__']);
	assert.is(r.keyQuestions['B1.1'].margin?.population, 100);
	assert.is(r.keyQuestions['B2.1'].margin?.population, undefined);
});
Caseload('a caseload that is not a whole number is a warning and not used', async () => {
	const r = await rate(inspection({ caseload: { court: 12.5 } }));
	assert.equal(r.warnings.filter((w) => w.code === 'caseload-not-used').map((w) => w.subject), ['court']);
	assert.is(r.keyQuestions['B1.1'].margin?.population, undefined);
});
Caseload('a caseload smaller than the cases counted: a warning, and no correction', async () => {
	const r = await rate(inspection({ caseload: { court: 30 } }));
	const below = r.warnings.filter((w) => w.code === 'caseload-below-cases');
	assert.equal(below.map((w) => w.subject), ['B1.1', 'B1.2']);
	assert.match(below[0].message, 'B1.1 counts 40 relevant cases but the eligible caseload of its court sample is 30');
	assert.is(r.keyQuestions['B1.1'].margin?.population, undefined);
	near(r.keyQuestions['B1.1'].margin!.plusMinus, 100 * 1.2815516 * Math.sqrt((0.725 * 0.275) / 40), 'uncorrected');
});
Caseload('a key question drawing on two samples needs both caseloads, and adds them', async () => {
	const v = version();
	v.domains[1].standards[0].keyQuestions[0].samples = ['court', 'victim'];
	const partly = await evaluate(v, inspection({ caseload: { court: 60 } }));
	assert.is(partly.keyQuestions['B1.1'].margin?.population, undefined);
	const both = await evaluate(v, inspection({ caseload: { court: 60, victim: 40 } }));
	assert.is(both.keyQuestions['B1.1'].margin?.population, 100);
});
Caseload.run();

const Words = suite('margins: the words');
Words('marginText, formatPoints, intervalText, edgeList', () => {
	const m = { confidence: 80, plusMinus: 9.46, low: 54.54, high: 73.46, edgeInside: [65] };
	assert.is(marginText(m), '± 9 points at 80% confidence');
	assert.is(marginText({ ...m, plusMinus: 0.6 }), '± 0.6 points at 80% confidence');
	assert.is(marginText({ ...m, plusMinus: 1.2 }), '± 1 point at 80% confidence');
	assert.is(formatPoints(0), '0');
	assert.is(pointsText(12.29), '± 12 points');
	assert.is(intervalText(m), '55% to 73%');
	assert.is(intervalText({ ...m, low: 64.6 }, [65]), '64.6% to 73%', 'rounding never carries an end across an edge');
	assert.is(edgeList([65]), '65%');
	assert.is(edgeList([50, 65, 80]), '50%, 65% and 80%');
});
Words('the trace gives each margin beside the rating, and says when an edge lies inside', async () => {
	const r = await rate(inspection({ tallies: { 'B1.1': { relevant: 40, yes: 36 }, 'B1.2': { relevant: 40, yes: 24 } }, caseload: { court: 100 } }));
	assert.match(r.standards.B1.trace, 'B1.2 had 24 of 40 relevant cases (60%), too few; lowest of B1.1 90%, B1.2 60%; margins at 80% confidence, beside the rating: ');
	assert.match(r.standards.B1.trace, 'B1.1 90% ± 5 points (85% to 95%, of an eligible caseload of 100)');
	assert.match(r.standards.B1.trace, 'B1.2 60% ± 8 points (52% to 68%, of an eligible caseload of 100; the band edge at 65% lies inside)');
	const plain = await rate(inspection({ tallies: { 'B1.1': { relevant: 40, yes: 36 }, 'B1.2': { relevant: 40, yes: 24 } } }), 'none');
	assert.not.match(plain.standards.B1.trace, 'margins');
});
Words.run();
