import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { evaluate, type Inspection } from '../../../src/lib/engine/index';
import { decisionRefusals, panelStandards } from '../../../src/lib/inspection/panel';
import { countSources, notRatedNote, promptCounts } from '../../../src/lib/inspection/report';
import { loadFramework } from '../../../src/lib/server/frameworks/frameworks';

const version = (ref: string) => {
	const loaded = loadFramework(ref, 'rules');
	if (!loaded.ok) throw new Error(loaded.errors[0].message);
	return loaded.value;
};

const victims = (v12: 'yes' | 'no', decisions: Inspection['decisions'] = {}): Inspection => ({
	context: { inspectionType: 'iyjwcv' },
	tallies: { '2.1.1': { relevant: 25, yes: 18 }, '2.2.1': { relevant: 25, yes: 18 }, '2.3.1': { relevant: 3, yes: 3 }, 'V1.1': { relevant: 20, yes: 17 } },
	judgements: { V1: { keyQuestions: { 'V1.2': v12 } } },
	decisions
});

const Panel = suite('panelStandards: what the ratings panel must look at');
Panel('flagged and pending standards, and decided ones; not settled or unrated ones', async () => {
	// 2.3 has 3 cases (small sample: flagged); V1 outstanding/no allows two ratings (pending)
	const result = await evaluate(version('hmip-youth@2025'), victims('no'));
	assert.equal(panelStandards(result).map((s) => s.id), ['2.3', 'V1']);
	const decided = await evaluate(version('hmip-youth@2025'), victims('no', { V1: { rating: 'good', reason: 'r' } }));
	assert.equal(panelStandards(decided).map((s) => s.id), ['2.3', 'V1']);
});
Panel.run();

const Refusals = suite('decisionRefusals: a decision checked against the rules before it is recorded');
const table: { name: string; standard: string; rating: string; refusals: string[] }[] = [
	{ name: 'inside the matrix pair', standard: 'V1', rating: 'good', refusals: [] },
	{ name: 'outside the matrix pair', standard: 'V1', rating: 'inadequate', refusals: ['V1.1 rated Outstanding and V1.2 answered No: Outstanding or Good.'] },
	{ name: 'a flagged standard moved one step', standard: '2.3', rating: 'good', refusals: [] },
	{ name: 'a flagged standard moved two steps', standard: '2.3', rating: 'requires-improvement', refusals: ['the panel may move a flagged rating at most 1 step from the computed outstanding'] },
	{ name: 'a standard not rated in this inspection', standard: '1.1', rating: 'good', refusals: ['1.1 is not rated in this inspection'] }
];
for (const row of table) {
	Refusals(row.name, async () => {
		assert.equal(await decisionRefusals(version('hmip-youth@2025'), victims('no'), row.standard, { rating: row.rating, reason: 'r' }), row.refusals);
	});
}
Refusals.run();

const Prompts = suite('promptCounts: the prompt tables of a report');
Prompts('counts prompts of relevant key questions only, leaving n/a out', async () => {
	const counts = await promptCounts(version('hmip-youth@2018'), {
		cases: [
			{ id: 'a', sample: 'court', facts: { childSafetyFactors: true }, answers: { '2.2.2.a': 'yes', '2.1.1.a': 'no' } },
			{ id: 'b', sample: 'court', answers: { '2.2.2.a': 'yes', '2.1.1.a': 'yes', '2.1.1.b': 'n/a' } }
		]
	});
	// b has no child-safety factors: its 2.2.2 prompt is not counted
	assert.equal(counts, { '2.2.2.a': { relevant: 1, yes: 1 }, '2.1.1.a': { relevant: 2, yes: 1 } });
});
Prompts.run();

const NotRated = suite('notRatedNote: why a standard is not rated, in the rules\' words');
NotRated('a standard of a domain rated only sometimes takes the domain\'s note; a rated-always standard has none', () => {
	const v2021 = version('hmip-youth@2021');
	const domain4 = v2021.domains.find((d) => d.standards.some((s) => s.id === '4.1'))!;
	assert.is(notRatedNote(v2021, '4.1'), domain4.ratedWhen!.note);
	assert.is(notRatedNote(v2021, '2.1'), null);
	assert.is(notRatedNote(v2021, 'no-such'), null);
});
NotRated.run();

const Sources = suite('countSources: tallies and cases answered one by one');
Sources('mixed when one key question counts tallies and another cases one by one', () => {
	const sources = countSources([{ id: 'a', relevant: 12 }, { id: 'b', relevant: 2 }], { tallies: { a: { relevant: 10, yes: 8 } } });
	assert.equal(sources, { byKeyQuestion: { a: { tallied: 10, oneByOne: 2 }, b: { tallied: 0, oneByOne: 2 } }, mixed: true });
	assert.is(countSources([{ id: 'a', relevant: 10 }], { tallies: { a: { relevant: 10, yes: 8 } } }).mixed, false);
	assert.is(countSources([{ id: 'a', relevant: 3 }], {}).mixed, false);
	// an inherited name is not a tally
	assert.equal(countSources([{ id: 'constructor', relevant: 1 }], { tallies: {} }).byKeyQuestion.constructor, { tallied: 0, oneByOne: 1 });
});
Sources.run();
