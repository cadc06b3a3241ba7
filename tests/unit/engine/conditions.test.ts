import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { caseFacts, evaluate, explainCondition, stageFacts, type Condition, type ConditionOutcome, type Inspection, type TryStage } from '../../../src/lib/engine/index';
import { framework, inspection } from '../../support/factory';

interface Case {
	name: string;
	condition: Condition;
	stage: TryStage;
	evidence?: Inspection;
	fires: boolean;
	/** the first leaf's fact value */
	actual?: unknown;
	check?: (o: ConditionOutcome) => void;
}

const Explain = suite('explainCondition against the facts of an evaluation');
const cases: Case[] = [
	{
		name: 'a rating fact reads the final rating of the standard it names',
		condition: { all: [{ fact: 'rating', params: { standard: 'B1' }, operator: 'equal', value: 'good' }] },
		stage: 'result',
		fires: true,
		actual: 'good'
	},
	{
		name: 'a condition that does not hold says what the fact was',
		condition: { all: [{ fact: 'rating', params: { standard: 'B1' }, operator: 'equal', value: 'inadequate' }] },
		stage: 'result',
		fires: false,
		actual: 'good'
	},
	{
		name: 'a bare fact condition is explained as itself',
		condition: { fact: 'band', params: { keyQuestion: 'B2.1' }, operator: 'in', value: ['good', 'outstanding'] },
		stage: 'result',
		fires: true,
		check: (o) => assert.equal([o.fact, o.actual, o.result], ['band', 'good', true])
	},
	{
		name: 'any / not: every part carries its own result',
		condition: { any: [{ not: { fact: 'share', params: { keyQuestion: 'B1.1' }, operator: 'greaterThan', value: 80 } }, { fact: 'inspectionType', operator: 'equal', value: 'full' }] },
		stage: 'result',
		fires: true,
		check: (o) => {
			assert.is(o.any![0].result, true);
			assert.is(o.any![0].not!.result, false);
			assert.is(o.any![0].not!.actual, 72.5);
			assert.is(o.any![1].actual, 'short');
			assert.is(o.any![1].result, false);
		}
	},
	{
		name: 'limiters see the overall rating before any cap, and the score',
		condition: { all: [{ fact: 'overall', operator: 'equal', value: 'good' }, { fact: 'score', operator: 'equal', value: 4 }] },
		stage: 'limiter',
		evidence: inspection({ decisions: { B2: { rating: 'good', reason: 'r' } } }),
		fires: true,
		actual: 'good'
	},
	{
		name: 'a pending score is no value, but an overall rating the whole range shares is',
		condition: { all: [{ fact: 'score', operator: 'equal', value: 4 }, { fact: 'overall', operator: 'equal', value: 'good' }] },
		stage: 'limiter',
		fires: false,
		actual: undefined,
		check: (o) => assert.equal([o.all![1].actual, o.all![1].result], ['good', true])
	},
	{
		name: 'an overall rating the range spans two bands of is no value',
		condition: { all: [{ fact: 'overall', operator: 'equal', value: 'good' }] },
		stage: 'limiter',
		evidence: inspection({ tallies: { 'B1.1': { relevant: 40, yes: 36 }, 'B1.2': { relevant: 40, yes: 36 }, 'B2.1': { relevant: 40, yes: 29 } } }),
		fires: false,
		actual: undefined
	},
	{
		name: 'ratedWhen reads the inspection context only',
		condition: { all: [{ fact: 'inspectionType', operator: 'equal', value: 'short' }] },
		stage: 'rated',
		fires: true,
		actual: 'short'
	},
	{
		name: 'a fact the stage does not give is undefined and fails',
		condition: { all: [{ fact: 'overall', operator: 'equal', value: 'good' }] },
		stage: 'result',
		fires: false,
		actual: undefined
	}
];
for (const c of cases) {
	Explain(c.name, async () => {
		const version = framework();
		const evidence = c.evidence ?? inspection();
		const result = await evaluate(version, evidence);
		const outcome = await explainCondition(c.condition, stageFacts(version, evidence, result, c.stage));
		assert.is(outcome.result, c.fires);
		const first = (o: ConditionOutcome): ConditionOutcome => (o.fact ? o : first((o.all ?? o.any)?.[0] ?? o.not!));
		if ('actual' in c) assert.equal(first(outcome).actual, c.actual);
		c.check?.(outcome);
	});
}
Explain('agrees with the evaluation: a limiter that flagged the result fires here, and not otherwise', async () => {
	const version = framework();
	const limiter = version.rules.limiters!.find((l) => l.id === 'challenge')!;
	const tallies = { 'B1.1': { relevant: 40, yes: 36 }, 'B1.2': { relevant: 40, yes: 36 }, 'B2.1': { relevant: 40, yes: 36 } };
	for (const flagged of [true, false]) {
		const evidence = inspection({ context: { inspectionType: 'short', flagged }, tallies, decisions: { B2: { rating: 'outstanding', reason: 'r' } } });
		const result = await evaluate(version, evidence);
		assert.is(result.composite.challenges.some((c) => c.id === 'challenge'), flagged);
		assert.is((await explainCondition(limiter.when, stageFacts(version, evidence, result, 'limiter'))).result, flagged);
	}
});
Explain('an empty group holds, as in json-rules-engine', async () => {
	assert.is((await explainCondition({ all: [] }, {})).result, true);
	assert.is((await explainCondition({ any: [] }, {})).result, true);
});
Explain.run();

const Cases = suite('caseFacts');
Cases('each case: its sample, its facts and the context', () => {
	const facts = caseFacts(inspection({ cases: [{ id: 'c1', sample: 'court', facts: { safetyFactors: true } }] }));
	assert.equal(facts, [{ id: 'c1', sample: 'court', facts: { inspectionType: 'short', safetyFactors: true, sample: 'court' } }]);
});
Cases.run();
