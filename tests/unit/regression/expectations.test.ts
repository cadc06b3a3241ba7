import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { evaluate } from '../../../src/lib/engine/index';
import { acceptActual, applyChanges, compare, describeChange, type GoldenExpected } from '../../../src/lib/regression/expectations';
import type { EvaluationResult } from '../../../src/lib/engine/index';
import { framework, inspection } from '../../support/factory';

const Accept = suite('accepting the actual results as expected');
// The factory's evidence: B1 good (29 of 40 twice), B2 good or outstanding (pending), composite 4 to 5, good.
let result: EvaluationResult;
Accept.before(async () => {
	result = await evaluate(framework(), inspection());
});
const cases: [string, GoldenExpected, string[], GoldenExpected][] = [
	['nothing differs: no change', { standards: { B1: 'good' } }, [], { standards: { B1: 'good' } }],
	['a standard', { standards: { B1: 'outstanding' } }, ['standards.B1: outstanding → good'], { standards: { B1: 'good' } }],
	['a standard the version lacks is removed', { standards: { B1: 'good', Z9: 'good' } }, ['standards.Z9: good → (removed: no such standard)'], { standards: { B1: 'good' } }],
	['the composite', { composite: { score: 5, rating: 'good' } }, ['composite.score: 5 → null'], { composite: { score: null, rating: 'good' } }],
	['a set', { violations: ['A1'] }, ['violations: ["A1"] → []'], { violations: [] }],
	['allowed ratings', { allowed: { B2: ['good'] } }, ['allowed.B2: ["good"] → ["good","outstanding"]'], { allowed: { B2: ['good', 'outstanding'] } }]
];
for (const [name, expected, described, after] of cases) {
	Accept(name, () => {
		const changes = acceptActual(compare(expected, result));
		assert.equal(changes.map(describeChange), described);
		const golden = { name: 'x', framework: 'test@1', inspection: {}, expected };
		const accepted = applyChanges(golden, changes);
		assert.equal(accepted.expected, after);
		assert.equal(compare(accepted.expected, result), [], 'accepted expectations pass');
		assert.equal(golden.expected, expected, 'the original is left as it was');
	});
}
Accept.run();

const Hostile = suite('applyChanges: keys from the file never reach a prototype');
Hostile('"__proto__" as a standard id is an own key of the copy, and Object.prototype is untouched', async () => {
	const { applyChanges } = await import('../../../src/lib/regression/expectations');
	const golden = { expected: {} };
	const out = applyChanges(golden, [{ what: 'standards.__proto__', path: ['expected', 'standards', '__proto__'], from: undefined, to: 'good' }]) as { expected: { standards: Record<string, unknown> } };
	assert.ok(Object.hasOwn(out.expected.standards, '__proto__'));
	assert.is(out.expected.standards['__proto__'], 'good');
	assert.is(Object.getPrototypeOf(out.expected.standards), Object.prototype);
	assert.is(({} as Record<string, unknown>).standards, undefined);
	assert.equal(golden, { expected: {} });
});
Hostile.run();
