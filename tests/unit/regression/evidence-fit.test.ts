import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { validateInspection } from '../../../src/lib/engine/index';
import { fitEvidence } from '../../../src/lib/regression/evidence-fit';
import { framework, inspection } from '../../support/factory';

const Fit = suite('fitEvidence: only what the version defines, the rest reported');
const cases: [string, Parameters<typeof inspection>[0], string[]][] = [
	['evidence the version defines is kept whole', {}, []],
	['a tally of a key question the version lacks', { tallies: { 'B1.1': { relevant: 4, yes: 3 }, 'B9.1': { relevant: 4, yes: 1 } } }, ['/tallies/B9.1: case-based key question B9.1: not in test@1']],
	['a tally of a judgement key question', { tallies: { 'A1.1': { relevant: 4, yes: 1 } } }, ['/tallies/A1.1: case-based key question A1.1: not in test@1']],
	['an unknown inspection type and context fact', { context: { inspectionType: 'thematic', flagged: true, region: 'north' } }, ['/context/inspectionType: inspection type "thematic": not in test@1', '/context/region: context fact "region": not in test@1']],
	['a context fact of the wrong type', { context: { inspectionType: 'short', flagged: 'yes' } }, ['/context/flagged: context fact "flagged" as a string: not in test@1']],
	[
		'a case of an unknown sample, and an unknown case fact and answer',
		{
			cases: [
				{ id: 'c1', sample: 'custody', answers: { 'B1.1': 'yes' } },
				{ id: 'c2', sample: 'court', facts: { safetyFactors: true, gang: true }, answers: { 'B1.1': 'yes', 'B9.1': 'no' } }
			]
		},
		['/cases/0: case c1: sample "custody": not in test@1', '/cases/1/facts/gang: case c2: case fact "gang": not in test@1', '/cases/1/answers/B9.1: case c2: answer to B9.1, a case-based key question or prompt: not in test@1']
	],
	[
		'judgements and decisions on standards the version lacks, and a key question of another standard',
		{ judgements: { A1: { rating: 'good', keyQuestions: { 'A1.1': 'yes', 'B2.2': 'no' } }, Z9: { rating: 'good' } }, decisions: { Z9: { rating: 'good', reason: 'r' }, B1: { rating: 'excellent', reason: 'r' } } },
		['/judgements/A1/keyQuestions/B2.2: judgement key question B2.2 of standard A1: not in test@1', '/judgements/Z9: standard Z9: not in test@1', '/decisions/Z9: panel decision on standard Z9: not in test@1', '/decisions/B1: panel decision on B1: rating "excellent": not in test@1']
	]
];
for (const [name, overrides, dropped] of cases) {
	Fit(name, () => {
		const fw = framework();
		const fitted = fitEvidence(fw, inspection(overrides));
		assert.equal(fitted.dropped.map((d) => `${d.pointer}: ${d.message}`), dropped);
		// What is kept is evidence the version accepts (bar a missing inspection type, which is not guessed).
		const checked = validateInspection(fw, { context: { inspectionType: 'short' }, ...fitted.inspection, ...(fitted.inspection.context?.inspectionType ? {} : { context: { ...fitted.inspection.context, inspectionType: 'short' } }) }, 'x');
		assert.ok(checked.ok, JSON.stringify(!checked.ok && checked.errors));
	});
}
Fit('pointers take the prefix of where the evidence sits', () => {
	const fitted = fitEvidence(framework(), inspection({ tallies: { 'B9.1': { relevant: 1, yes: 1 } } }), '/inspection');
	assert.is(fitted.dropped[0].pointer, '/inspection/tallies/B9.1');
});
Fit('nothing is added: a missing inspection type stays missing', () => {
	const fitted = fitEvidence(framework(), { tallies: {} });
	assert.is(fitted.inspection.context, undefined);
	assert.not.ok(validateInspection(framework(), fitted.inspection, 'x').ok);
});
Fit.run();
