// Issue 10: outside strings never reach a prototype. Edits, evidence and golden files whose keys
// are drawn from __proto__, constructor, prototype and other odd ids go through everything that
// reads them; afterwards Object.prototype has no key it did not have, and a fresh evaluation
// agrees with one made before.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { evaluate, parseJson, validateAgainst, validateInspection, type Inspection } from '../../src/lib/engine/index';
import { applyEdits, editScope, type Edit } from '../../src/lib/inspection/edits';
import type { InspectionRecord } from '../../src/lib/inspection/record';
import { fitEvidence } from '../../src/lib/regression/evidence-fit';
import { compare, type GoldenExpected } from '../../src/lib/regression/expectations';
import { loadFramework } from '../../src/lib/server/frameworks/frameworks';
import { readImport } from '../../src/lib/server/inspections/import';

fc.configureGlobal({ seed: Number(process.env.FUZZ_SEED ?? 20261201) });

const versions = ['hmip-youth@2018', 'hmip-youth@2021', 'hmip-youth@2025'].map((ref) => {
	const loaded = loadFramework(ref, 'rules');
	if (!loaded.ok) throw new Error(ref);
	return loaded.value;
});
const v2018 = versions[0];
const golden = JSON.parse(readFileSync('tests/golden/2018/cases-mixed-with-tallies.json', 'utf8')) as { inspection: Inspection };

const HOSTILE = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineSetter__', 'isPrototypeOf', 'length', ''];
const REAL = ['1.1', '1.1.1', '1.1.1.a', '2.1', '2.1.1', '2.1.2', 'V1', 'V1.2', '4.1.1.b'];
const key = fc.oneof(fc.constantFrom(...HOSTILE), fc.constantFrom(...REAL), fc.constantFrom('0', '-1', 'a/b', '~1', ' ', '\u0000', '💥'), fc.string({ maxLength: 6 }));
const value = fc.oneof(fc.constantFrom('yes', 'no', 'n/a', 'above', 'below', 'good', 'outstanding', 'x'), fc.integer({ min: -1, max: 5 }), fc.constant(null), fc.constant({}));
/** An object with outside keys, made as JSON.parse makes one: own properties, "__proto__" included. */
const keyed = <T>(values: fc.Arbitrary<T>) => fc.array(fc.tuple(key, values), { maxLength: 4 }).map((pairs) => Object.fromEntries(pairs));

const edit: fc.Arbitrary<Edit> = fc.oneof(
	fc.record({ type: fc.constant('answer'), caseId: fc.constantFrom('c1', '__proto__'), question: key, answer: fc.constantFrom('yes', 'no', 'n/a', null) }),
	fc.record({ type: fc.constant('tally'), keyQuestion: key, tally: fc.oneof(fc.constant(null), fc.record({ relevant: fc.nat(5), yes: fc.nat(5) })) }),
	fc.record({ type: fc.constant('judge-key-question'), standard: key, keyQuestion: key, answer: fc.constantFrom('yes', 'no', null) }),
	fc.record({ type: fc.constant('judge-prompt'), standard: key, prompt: key, judgement: fc.constantFrom('above', 'below', null) }),
	fc.record({ type: fc.constant('propose'), standard: key, rating: fc.oneof(key, fc.constant(null)), reason: fc.constantFrom('why', null) }),
	fc.record({ type: fc.constant('decide'), standard: key, decision: fc.oneof(fc.constant(null), fc.record({ rating: key, reason: fc.constant('because') })) }),
	fc.record({ type: fc.constant('update-case'), caseId: fc.constant('c1'), case: fc.record({ id: key, sample: fc.constantFrom('court', '__proto__'), facts: keyed(value) }) })
) as fc.Arbitrary<Edit>;

const evidence = fc.record(
	{
		context: keyed(value),
		tallies: keyed(fc.record({ relevant: fc.nat(5), yes: fc.nat(5) })),
		cases: fc.array(fc.record({ id: key, sample: fc.constantFrom('court', 'out-of-court'), answers: keyed(fc.constantFrom('yes', 'no', 'n/a')), facts: keyed(value) }), { maxLength: 3 }),
		judgements: keyed(fc.record({ rating: fc.constantFrom('good', 'outstanding'), keyQuestions: keyed(fc.constantFrom('yes', 'no')), prompts: keyed(fc.constantFrom('above', 'below')) }, { requiredKeys: [] })),
		decisions: keyed(fc.record({ rating: fc.constantFrom('good', 'inadequate'), reason: fc.constant('r') }))
	},
	{ requiredKeys: [] }
);

const expected = fc.record({ standards: keyed(fc.constantFrom('good', 'outstanding')), computed: keyed(fc.constantFrom('good')), allowed: keyed(fc.constant(['good'])) }, { requiredKeys: [] });

const prototypeNow = () => Object.getOwnPropertyNames(Object.prototype).sort().join(',') + '|' + Object.getOwnPropertyNames(Object).sort().join(',') + '|' + String(Object.getPrototypeOf({}) === Object.prototype);
let baseline = '';
let pristine = '';
const fresh = async () => JSON.stringify(await evaluate(v2018, structuredClone(golden.inspection)));
/** Object.prototype as it was, and the same rating as before the hostile input. */
async function untouched() {
	assert.is(prototypeNow(), pristine, 'Object.prototype or Object changed');
	const probe = {} as Record<string, unknown>;
	for (const k of ['rating', 'reason', 'keyQuestions', 'prompts', 'relevant', 'yes', '2.1.1', 'good']) assert.is(probe[k], undefined, `every object now has "${k}"`);
	assert.is(await fresh(), baseline, 'a fresh evaluation no longer agrees with the one made before');
}

const Pollution = suite('hostile keys reach no prototype (issue 10)');
Pollution.before(async () => {
	pristine = prototypeNow();
	baseline = await fresh();
});

Pollution('edits keyed by __proto__, constructor, prototype and odd ids, applied as the server applies them', async () => {
	await fc.assert(
		fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 4 }), async (edits) => {
			const record: InspectionRecord = { serviceName: 's', framework: 'hmip-youth@2018', frameworkHash: v2018.hash, status: 'in-progress', evidence: { cases: [{ id: 'c1', sample: 'court', answers: {} }] } };
			const applied = applyEdits(record, edits, editScope(v2018));
			if (applied.ok) {
				const checked = validateInspection(v2018, applied.record.evidence, 'edit');
				if (checked.ok) await evaluate(v2018, checked.value);
			} else assert.ok(applied.issues.every((i) => i.message.length > 0));
			await untouched();
		}),
		{ numRuns: 1500 }
	);
});

Pollution('evidence keyed by hostile ids, as JSON text: validated, fitted to another version, rated', async () => {
	await fc.assert(
		fc.asyncProperty(fc.nat(versions.length - 1), evidence, async (which, value) => {
			const framework = versions[which];
			const parsed = parseJson(JSON.stringify(value), 'fuzz.json');
			if (!parsed.ok) return;
			const checked = validateInspection(framework, parsed.value, 'fuzz.json');
			if (checked.ok) await evaluate(framework, checked.value);
			if (!validateAgainst('inspection', parsed.value, 'fuzz.json').length) {
				for (const other of versions) {
					const fitted = fitEvidence(other, parsed.value as Inspection);
					const again = validateInspection(other, fitted.inspection, 'fitted');
					if (again.ok) await evaluate(other, again.value);
				}
			}
			await untouched();
		}),
		{ numRuns: 800 }
	);
});

Pollution('golden files keyed by hostile ids: imported, and their expectations compared', async () => {
	const result = await evaluate(v2018, golden.inspection);
	await fc.assert(
		fc.asyncProperty(evidence, expected, async (inspection, wanted) => {
			const text = JSON.stringify({ name: 'fuzz', framework: 'hmip-youth@2018', inspection, expected: wanted });
			const imported = readImport(text, 'fuzz.json');
			if (imported.ok) await evaluate(v2018, imported.record.evidence);
			const parsed = parseJson(text, 'fuzz.json');
			if (parsed.ok) {
				const differences = compare((parsed.value as { expected: GoldenExpected }).expected, result);
				for (const d of differences) if (d.what.startsWith('standards.') && !REAL.includes(d.what.slice('standards.'.length))) assert.is(d.actual, 'no such standard');
			}
			await untouched();
		}),
		{ numRuns: 800 }
	);
});

Pollution.run();
