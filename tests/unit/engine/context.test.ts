// Context facts the inspection does not give are unknown, never false (rules/README.md).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { evaluate, validateVersion, type FrameworkVersion, type Warning } from '../../../src/lib/engine/index';
import { files, framework, inspection } from '../../support/factory';

const codes = (warnings: Warning[]) => warnings.map((w) => `${w.code} ${w.subject}`);

/** The factory framework with B1.2 relevant only where the context fact `flagged` holds, and a cap read from it. */
function readsFlagged(): FrameworkVersion {
	const version = framework();
	version.domains[1].standards[0].keyQuestions[1].relevantWhen = {
		conditions: { all: [{ fact: 'flagged', operator: 'equal', value: true }] },
		note: 'only in flagged services'
	};
	version.rules.limiters!.push({
		id: 'flagged-cap',
		text: 'Flagged: no better than good.',
		source: { document: 'test', section: 'test' },
		when: { all: [{ fact: 'flagged', operator: 'equal', value: true }] },
		cap: 'good'
	});
	const checked = validateVersion(files(version), 'test');
	if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
	return version;
}

const Rated = suite('ratedWhen reading an unknown context fact');
Rated('a standard with evidence is rated, and the result says which fact was missing and what was assumed', async () => {
	const r = await evaluate(framework(), inspection({ context: {}, judgements: { A1: { rating: 'good' } } }));
	assert.is(r.standards.A1.rated, true);
	assert.is(r.standards.A1.final, 'good');
	assert.equal(r.standards.A1.unknownContext, { facts: ['inspectionType'], assumed: 'rated, because the inspection holds a proposed rating for it' });
	assert.ok(codes(r.warnings).includes('context-fact-missing inspectionType'));
	assert.match(r.standards.A1.trace, 'the inspection type is not recorded, so it is rated, because the inspection holds a proposed rating for it');
});
Rated('a standard with no evidence is not rated, with the same warning', async () => {
	const r = await evaluate(framework(), inspection({ context: {} }));
	assert.is(r.standards.A1.rated, false);
	assert.is(r.standards.A1.final, 'not-rated');
	assert.equal(r.standards.A1.unknownContext?.facts, ['inspectionType']);
	const warning = r.warnings.find((w) => w.code === 'context-fact-missing');
	assert.is(warning?.subject, 'inspectionType');
	assert.match(warning?.message ?? '', 'A1 is not rated, because the inspection holds no evidence for it');
});
Rated('a known fact that rules a standard out keeps its evidence and names it', async () => {
	const r = await evaluate(framework(), inspection({ context: { inspectionType: 'short' }, judgements: { A1: { rating: 'good', keyQuestions: { 'A1.1': 'yes' } } }, decisions: { A1: { rating: 'good', reason: 'r' } } }));
	assert.is(r.standards.A1.rated, false);
	assert.equal(r.standards.A1.unusedEvidence, ['a judgement', 'a proposed rating', 'a panel decision']);
	const warning = r.warnings.find((w) => w.code === 'evidence-not-rated');
	assert.is(warning?.subject, 'A1');
	assert.match(warning?.message ?? '', 'holds a judgement, a proposed rating and a panel decision for it');
	assert.not.ok(codes(r.warnings).some((c) => c.startsWith('context-fact-missing')));
});
Rated.run();

const Relevance = suite('relevantWhen reading an unknown context fact');
Relevance('a case answered yes or no counts as relevant, n/a does not, and nothing is called not relevant', async () => {
	const r = await evaluate(
		readsFlagged(),
		inspection({
			tallies: {},
			cases: [
				{ id: 'c1', sample: 'court', answers: { 'B1.1': 'yes', 'B1.2': 'no' } },
				{ id: 'c2', sample: 'court', answers: { 'B1.1': 'yes', 'B1.2': 'n/a' } }
			]
		})
	);
	assert.equal([r.keyQuestions['B1.2'].relevant, r.keyQuestions['B1.2'].yes], [1, 0]);
	assert.ok(codes(r.warnings).includes('context-fact-missing flagged'));
	assert.not.ok(r.warnings.some((w) => w.code === 'answer-not-relevant' || w.code === 'answer-na-relevant'));
});
Relevance('once the fact is known, relevance follows it', async () => {
	const r = await evaluate(readsFlagged(), inspection({ context: { inspectionType: 'short', flagged: false }, tallies: {}, cases: [{ id: 'c1', sample: 'court', answers: { 'B1.2': 'no' } }] }));
	assert.is(r.keyQuestions['B1.2'].relevant, 0);
	assert.ok(codes(r.warnings).includes('answer-not-relevant B1.2'));
});
Relevance.run();

const Limiters = suite('a limiter reading an unknown context fact');
// B1 outstanding (36 of 40), B2 decided outstanding by the panel: composite 6 of 6, outstanding.
const outstanding = { 'B1.1': { relevant: 40, yes: 36 }, 'B1.2': { relevant: 40, yes: 36 }, 'B2.1': { relevant: 40, yes: 36 } };
const decisions = { B2: { rating: 'outstanding', reason: 'the panel chose' } };
Limiters('is undecided: a cap lowers only the bottom of the range, a challenge is not raised, and both are listed', async () => {
	const r = await evaluate(readsFlagged(), inspection({ tallies: outstanding, decisions }));
	assert.is(r.composite.computed, 'outstanding');
	assert.equal(r.composite.ratingRange, ['outstanding', 'good']);
	assert.is(r.composite.rating, 'needs-decision');
	assert.is(r.composite.limiter, null);
	assert.equal(r.composite.challenges, []);
	assert.equal(
		r.composite.undecided.map((u) => [u.id, u.facts, u.because]),
		[
			['challenge', ['flagged'], ['nobody has said whether it is flagged']],
			['flagged-cap', ['flagged'], ['nobody has said whether it is flagged']]
		]
	);
	assert.ok(codes(r.warnings).includes('limiter-undecided flagged-cap'));
	assert.match(r.composite.trace, 'undecided whether flagged-cap applies (nobody has said whether it is flagged)');
});
Limiters('true caps and challenges; false does neither', async () => {
	const met = await evaluate(readsFlagged(), inspection({ context: { inspectionType: 'short', flagged: true }, tallies: outstanding, decisions }));
	assert.equal([met.composite.rating, met.composite.limiter?.id, met.composite.undecided.length], ['good', 'flagged-cap', 0]);
	const clear = await evaluate(readsFlagged(), inspection({ context: { inspectionType: 'short', flagged: false }, tallies: outstanding, decisions }));
	assert.equal([clear.composite.rating, clear.composite.limiter, clear.composite.challenges, clear.composite.undecided], ['outstanding', null, [], []]);
	assert.not.ok(clear.warnings.some((w) => w.code === 'limiter-undecided'));
});
Limiters.run();
