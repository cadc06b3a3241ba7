import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { relevantKeyQuestions } from '../../../src/lib/engine/index';
import { framework } from '../../support/factory';

const Relevant = suite('relevantKeyQuestions: which case key questions apply to one case');
const table: { name: string; sample: string; facts?: Record<string, boolean>; expected: string[] }[] = [
	{ name: 'a court case without safety factors: only B1.1', sample: 'court', facts: { safetyFactors: false }, expected: ['B1.1'] },
	{ name: 'a court case with safety factors: B1.1 and B1.2', sample: 'court', facts: { safetyFactors: true }, expected: ['B1.1', 'B1.2'] },
	{ name: 'an undeclared fact counts as not holding', sample: 'court', expected: ['B1.1'] },
	{ name: 'a victim case: only the victims key question', sample: 'victim', facts: { safetyFactors: true }, expected: ['B2.1'] }
];
for (const row of table) {
	Relevant(row.name, async () => {
		const relevant = await relevantKeyQuestions(framework(), { inspectionType: 'full' }, { sample: row.sample, facts: row.facts });
		assert.equal([...relevant].sort(), row.expected);
	});
}
Relevant('the answer is a copy: changing it does not change the next answer', async () => {
	const fw = framework();
	const first = await relevantKeyQuestions(fw, {}, { sample: 'court' });
	first.add('B2.1');
	assert.equal([...(await relevantKeyQuestions(fw, {}, { sample: 'court' }))], ['B1.1']);
});
Relevant.run();
