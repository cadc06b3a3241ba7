import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { evaluate, validateVersion, type EvaluationResult, type Inspection } from '../../../src/lib/engine/index';
import { files, framework, inspection } from '../../support/factory';

const Factory = suite('factory framework');
Factory('is a valid version', () => {
	const checked = validateVersion(files(), 'test');
	assert.ok(checked.ok, JSON.stringify(!checked.ok && checked.errors));
});
Factory.run();

interface Case {
	name: string;
	inspection: Inspection;
	check: (r: EvaluationResult) => void;
}

const run = (cases: Case[], title: string) => {
	const s = suite(title);
	for (const c of cases) s(c.name, async () => c.check(await evaluate(framework(), c.inspection)));
	s.run();
};

run(
	[
		{
			name: 'the lowest key-question band rates the standard',
			inspection: inspection({ tallies: { 'B1.1': { relevant: 40, yes: 36 }, 'B1.2': { relevant: 40, yes: 24 } } }),
			check: (r) => {
				assert.is(r.keyQuestions['B1.1'].band?.rating, 'outstanding');
				assert.is(r.keyQuestions['B1.2'].band?.rating, 'requires-improvement');
				assert.is(r.standards.B1.computed, 'requires-improvement');
				assert.match(r.standards.B1.trace, 'B1.2 had 24 of 40 relevant cases (60%), too few; lowest of B1.1 90%, B1.2 60%');
			}
		},
		{
			name: 'a key question with no relevant cases takes no part',
			inspection: inspection({ tallies: { 'B1.1': { relevant: 40, yes: 30 } } }),
			check: (r) => {
				assert.is(r.keyQuestions['B1.2'].share, null);
				assert.is(r.standards.B1.computed, 'good');
				assert.match(r.standards.B1.trace, 'B1.2 had no relevant cases and take no part');
			}
		},
		{
			name: 'no relevant case at all: the panel must rate it',
			inspection: inspection({ tallies: {} }),
			check: (r) => {
				assert.is(r.standards.B1.final, 'needs-decision');
				assert.equal(r.standards.B1.allowed, ['outstanding', 'good', 'requires-improvement', 'inadequate']);
			}
		},
		{
			name: 'tallies and per-case answers add up; relevance follows case facts',
			inspection: inspection({
				tallies: { 'B1.1': { relevant: 2, yes: 1 } },
				cases: [
					{ id: 'c1', sample: 'court', facts: { safetyFactors: true }, answers: { 'B1.1': 'yes', 'B1.2': 'yes' } },
					{ id: 'c2', sample: 'court', facts: { safetyFactors: false }, answers: { 'B1.1': 'yes', 'B1.2': 'no' } },
					{ id: 'c3', sample: 'victim', answers: { 'B1.1': 'yes', 'B2.1': 'yes' } }
				]
			}),
			check: (r) => {
				assert.equal([r.keyQuestions['B1.1'].relevant, r.keyQuestions['B1.1'].yes], [4, 3]);
				assert.equal([r.keyQuestions['B1.2'].relevant, r.keyQuestions['B1.2'].yes], [1, 1]);
				assert.equal([r.keyQuestions['B2.1'].relevant, r.keyQuestions['B2.1'].yes], [1, 1]);
				assert.ok(r.warnings.some((w) => w.code === 'answer-not-relevant' && w.subject === 'B1.2' && w.message.startsWith('case c2: B1.2 is answered no, but it is not relevant to this case (only where there are safety factors)')));
				assert.ok(r.warnings.some((w) => w.code === 'answer-not-relevant' && w.message.startsWith('case c3: B1.1 is answered yes, but it is not relevant')));
			}
		},
		{
			name: 'n/a and unanswered relevant cases are not counted, and are reported',
			inspection: inspection({
				tallies: {},
				cases: [
					{ id: 'c1', sample: 'court', facts: { safetyFactors: true }, answers: { 'B1.1': 'n/a' } },
					{ id: 'c2', sample: 'court', answers: {} }
				]
			}),
			check: (r) => {
				assert.is(r.keyQuestions['B1.1'].relevant, 0);
				assert.ok(r.warnings.some((w) => w.code === 'answer-na-relevant' && w.subject === 'B1.1' && w.message === 'case c1: B1.1 is answered n/a, but the rules make it relevant to this case; not counted'));
				assert.ok(r.warnings.some((w) => w.code === 'cases-unanswered' && w.subject === 'B1.1' && w.message === 'B1.1: 1 relevant case is not answered yet'));
				assert.ok(r.warnings.some((w) => w.code === 'cases-unanswered' && w.subject === 'B1.2'));
			}
		}
	],
	'evaluate: key questions and bands'
);

run(
	[
		{
			name: 'no trigger: no flag, only the computed rating allowed',
			inspection: inspection(),
			check: (r) => {
				assert.equal(r.standards.B1.discretion, []);
				assert.equal(r.standards.B1.allowed, ['good']);
			}
		},
		{
			name: 'within 5 points of a boundary',
			inspection: inspection({ tallies: { 'B1.1': { relevant: 100, yes: 67 } } }),
			check: (r) => {
				assert.equal(r.standards.B1.discretion.map((f) => f.id), ['near-boundary']);
				assert.is(r.standards.B1.discretion[0].text, '67% near an edge');
				assert.equal(r.standards.B1.allowed, ['outstanding', 'good', 'requires-improvement']);
			}
		},
		{
			name: 'one case answered differently would change the rating',
			inspection: inspection({ tallies: { 'B1.1': { relevant: 10, yes: 7 } } }),
			check: (r) => assert.equal(r.standards.B1.discretion.map((f) => f.id), ['near-boundary', 'one-case'])
		},
		{
			name: 'one case, far from an edge in share terms (small denominators jump)',
			inspection: inspection({ tallies: { 'B1.1': { relevant: 7, yes: 5 } } }),
			check: (r) => {
				// 5/7 = 71.4% (6.4 from 65); 4/7 = 57.1% would be requires improvement
				assert.equal(r.standards.B1.discretion.map((f) => f.id), ['one-case']);
			}
		},
		{
			name: 'a sample of 5 or fewer',
			inspection: inspection({ tallies: { 'B1.1': { relevant: 3, yes: 3 } } }),
			check: (r) => {
				assert.ok(r.standards.B1.discretion.some((f) => f.id === 'small-sample' && f.text === '3 cases'));
				assert.is(r.standards.B1.final, 'outstanding');
			}
		},
		{
			name: 'a panel decision within discretion becomes the final rating',
			inspection: inspection({ tallies: { 'B1.1': { relevant: 3, yes: 1 } }, decisions: { B1: { rating: 'requires-improvement', reason: 'sample of 3 cases' } } }),
			check: (r) => {
				assert.is(r.standards.B1.computed, 'inadequate');
				assert.is(r.standards.B1.final, 'requires-improvement');
				assert.equal(r.violations, []);
				assert.match(r.standards.B1.trace, 'panel decision: requires improvement — sample of 3 cases');
			}
		},
		{
			name: 'a panel decision with no discretion is a violation, and still stands',
			inspection: inspection({ decisions: { B1: { rating: 'outstanding', reason: 'we liked it' } } }),
			check: (r) => {
				assert.is(r.standards.B1.final, 'outstanding');
				assert.equal(r.violations.map((v) => [v.standard, v.kind]), [['B1', 'discretion']]);
			}
		},
		{
			name: 'a panel decision two steps away is a violation',
			inspection: inspection({ tallies: { 'B1.1': { relevant: 3, yes: 1 } }, decisions: { B1: { rating: 'good', reason: 'r' } } }),
			check: (r) => assert.match(r.violations[0].text, 'at most 1 step from')
		}
	],
	'evaluate: professional discretion'
);

run(
	[
		{
			name: 'rating rules allow a pair: needs a decision, composite gives a range',
			inspection: inspection(),
			check: (r) => {
				assert.is(r.standards.B2.final, 'needs-decision');
				assert.equal(r.standards.B2.allowed, ['outstanding', 'good']);
				assert.equal(r.composite.scoreRange, [4, 5]);
				assert.is(r.composite.score, null);
				assert.is(r.composite.rating, 'good');
			}
		},
		{
			name: 'the panel picks within the pair',
			inspection: inspection({ decisions: { B2: { rating: 'outstanding', reason: 'strong arrangements' } } }),
			check: (r) => {
				assert.is(r.standards.B2.final, 'outstanding');
				assert.is(r.composite.score, 5);
				assert.is(r.composite.rating, 'good');
			}
		},
		{
			name: 'a pick outside the pair is a violation naming the rule',
			inspection: inspection({ decisions: { B2: { rating: 'inadequate', reason: 'r' } } }),
			check: (r) => {
				assert.equal(r.violations.map((v) => [v.standard, v.rule]), [['B2', 'victims-good']]);
				assert.is(r.violations[0].text, 'B2.1 good: good or outstanding');
			}
		},
		{
			name: 'a range across composite bands leaves the overall rating pending',
			inspection: inspection({ tallies: { 'B1.1': { relevant: 40, yes: 10 }, 'B2.1': { relevant: 40, yes: 10 } } }),
			check: (r) => {
				assert.equal(r.composite.scoreRange, [0, 1]);
				assert.is(r.composite.rating, 'inadequate');
				assert.match(r.composite.trace, 'score between 0 and 1 of 6');
			}
		}
	],
	'evaluate: rating rules and composite'
);

const full = (more: Inspection = {}) => inspection({ context: { inspectionType: 'full' }, ...more });
run(
	[
		{
			name: 'a domain rated only in full inspections is not rated in a short one',
			inspection: inspection(),
			check: (r) => {
				assert.is(r.standards.A1.final, 'not-rated');
				assert.match(r.standards.A1.trace, 'only in full inspections');
			}
		},
		{
			name: 'no proposal yet: the panel must rate it',
			inspection: full(),
			check: (r) => {
				assert.is(r.standards.A1.final, 'needs-decision');
				assert.equal(r.standards.A1.allowed, ['good', 'requires-improvement', 'inadequate'], 'the decision rule rules out outstanding');
			}
		},
		{
			name: 'a key question answered no suggests requires improvement',
			inspection: full({ judgements: { A1: { keyQuestions: { 'A1.1': 'yes', 'A1.2': 'no' }, rating: 'requires-improvement' } } }),
			check: (r) => {
				assert.equal(r.standards.A1.suggestions.map((s) => s.rating), ['requires-improvement']);
				assert.is(r.standards.A1.final, 'requires-improvement');
			}
		},
		{
			name: 'a proposal that breaks a decision rule is a violation',
			inspection: full({ judgements: { A1: { rating: 'outstanding' } } }),
			check: (r) => {
				assert.equal(r.violations.map((v) => [v.standard, v.rule, v.kind]), [['A1', 'lead-outstanding', 'rule']]);
				assert.is(r.standards.A1.final, 'outstanding');
			}
		},
		{
			name: 'the same proposal keeps the rule when its requirement holds',
			inspection: full({ tallies: { 'B1.1': { relevant: 40, yes: 36 } }, judgements: { A1: { rating: 'outstanding' } } }),
			check: (r) => assert.equal(r.violations, [])
		},
		{
			name: 'departing from guidance without a reason',
			inspection: full({ tallies: { 'B1.1': { relevant: 40, yes: 10 } }, judgements: { A1: { rating: 'good' } } }),
			check: (r) => {
				assert.equal(r.standards.A1.guidance.map((g) => [g.rule, g.reason]), [['lead-good', undefined]]);
				assert.match(r.standards.A1.trace, 'with no reason recorded');
			}
		},
		{
			name: 'departing from guidance with a reason',
			inspection: full({ tallies: { 'B1.1': { relevant: 40, yes: 10 } }, judgements: { A1: { rating: 'good', reason: 'new board' } } }),
			check: (r) => assert.equal(r.standards.A1.guidance.map((g) => g.reason), ['new board'])
		}
	],
	'evaluate: judgements, decision rules and guidance'
);

run(
	[
		{
			name: 'a cap limiter holds the overall rating down',
			inspection: inspection({ tallies: { 'B1.1': { relevant: 40, yes: 36 }, 'B1.2': { relevant: 40, yes: 36 }, 'B2.1': { relevant: 40, yes: 10 } }, decisions: { B2: { rating: 'inadequate', reason: 'r' } } }),
			check: (r) => {
				assert.is(r.composite.score, 3);
				assert.is(r.composite.limiter, null, 'score 3 is below the cap anyway');
			}
		},
		{
			name: 'the cap applies when the score would be outstanding',
			inspection: (() => {
				const i = inspection({ tallies: { 'B1.1': { relevant: 40, yes: 36 }, 'B1.2': { relevant: 40, yes: 36 }, 'B2.1': { relevant: 40, yes: 36 } }, decisions: { B2: { rating: 'outstanding', reason: 'r' } } });
				return i;
			})(),
			check: (r) => {
				assert.is(r.composite.rating, 'outstanding');
				assert.is(r.composite.limiter, null);
			}
		},
		{
			name: 'a challenge limiter flags but does not change the rating',
			inspection: inspection({ context: { inspectionType: 'short', flagged: true }, tallies: { 'B1.1': { relevant: 40, yes: 36 }, 'B1.2': { relevant: 40, yes: 36 }, 'B2.1': { relevant: 40, yes: 36 } }, decisions: { B2: { rating: 'outstanding', reason: 'r' } } }),
			check: (r) => {
				assert.is(r.composite.rating, 'outstanding');
				assert.equal(r.composite.challenges.map((c) => c.id), ['challenge']);
			}
		}
	],
	'evaluate: limiters'
);

const Cap = suite('evaluate: cap limiter');
Cap('caps an outstanding composite to good', async () => {
	const fw = framework();
	// B2 rated inadequate by the panel while B1 is outstanding: 3 + 0 = 3 is not outstanding, so
	// give the composite a band that would make 3 outstanding to see the cap act.
	fw.composite.bands = [
		{ rating: 'inadequate', min: 0, max: 0 },
		{ rating: 'requires-improvement', min: 1, max: 1 },
		{ rating: 'good', min: 2, max: 2 },
		{ rating: 'outstanding', min: 3, max: 6 }
	];
	const r = await evaluate(fw, inspection({ tallies: { 'B1.1': { relevant: 40, yes: 36 }, 'B1.2': { relevant: 40, yes: 36 }, 'B2.1': { relevant: 40, yes: 10 } }, decisions: { B2: { rating: 'inadequate', reason: 'r' } } }));
	assert.is(r.composite.computed, 'outstanding');
	assert.is(r.composite.rating, 'good');
	assert.is(r.composite.limiter?.id, 'victims-cap');
	assert.match(r.composite.trace, 'limited by victims-cap');
});
Cap('a fresh result per call: evaluations do not leak into each other', async () => {
	const fw = framework();
	const a = await evaluate(fw, inspection({ decisions: { B2: { rating: 'good', reason: 'r' } } }));
	const b = await evaluate(fw, inspection());
	assert.is(a.standards.B2.final, 'good');
	assert.is(b.standards.B2.final, 'needs-decision');
});
Cap.run();

const Flags = suite('discretion flags: facts filled in, with the word for one or more');
Flags('"{n} {n|case|cases}" says 1 case and 3 cases', async () => {
	const { fillFlag } = await import('../../../src/lib/engine/evaluate');
	assert.is(fillFlag('{smallestSample} {smallestSample|case|cases}', { smallestSample: 1 }), '1 case');
	assert.is(fillFlag('{smallestSample} {smallestSample|case|cases}', { smallestSample: 3 }), '3 cases');
	assert.is(fillFlag('{lowestShare}% is {marginToBoundary} {marginToBoundary|point|points} away', { lowestShare: 66, marginToBoundary: 1 }), '66% is 1 point away');
});
Flags.run();
