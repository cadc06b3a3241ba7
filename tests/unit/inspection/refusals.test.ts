import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadFramework } from '../../../src/lib/server/frameworks/frameworks';
import type { Issue } from '../../../src/lib/engine/errors';
import { applyEdits, editScope, type Edit } from '../../../src/lib/inspection/edits';
import { judgementEdits } from '../../../src/lib/inspection/judgement-form';
import type { InspectionRecord } from '../../../src/lib/inspection/record';
import { refusalOf, refusalsOf } from '../../../src/lib/inspection/refusals';

const version = (ref: string) => {
	const loaded = loadFramework(ref, 'rules');
	if (!loaded.ok) throw new Error(loaded.errors[0].message);
	return loaded.value;
};
const v2018 = version('hmip-youth@2018');
const v2025 = version('hmip-youth@2025');
const record = (framework = 'hmip-youth@2018'): InspectionRecord => ({
	serviceName: 'Wordshire YOS',
	framework,
	frameworkHash: 'sha256:' + '0'.repeat(64),
	status: 'in-progress',
	evidence: { cases: [{ id: 'C1', sample: 'court', answers: {} }], judgements: { '1.1': { prompts: { '1.1.1.a': 'above' } } } }
});
const issue = (pointer: string, message: string): Issue => ({ file: 'edit', pointer, message, severity: 'error' });
/** What the server's edits say, as the page says it. */
const refused = (edits: Edit[], framework = v2018, r = record()) => {
	const applied = applyEdits(r, edits, editScope(framework));
	assert.not.ok(applied.ok, 'refused');
	return refusalsOf(applied.ok ? [] : applied.issues, framework, r);
};

const Words = suite('refusals: a pointer becomes the field in the version’s words');

Words('a tally over its relevant cases names the key question and links the field', () => {
	const [r] = refused([{ type: 'tally', keyQuestion: '2.1.2', tally: { relevant: 3, yes: 5 } }]);
	assert.match(r.text, /^The tally of key question 2\.1\.2 \(Does assessment .+\): the number answered 'yes' \(5\) cannot be more than the relevant cases \(3\)$/);
	assert.is(r.field, 'tally-2-1-2-yes');
});

Words('a schema message ("must be …") is said of the field', () => {
	const r = refusalOf(issue('/evidence/tallies/2.1.2/yes', 'must be <= 100000'), v2018);
	assert.match(r.text, /^The number answered 'Yes' for key question 2\.1\.2 \(.+\) must be <= 100000$/);
	assert.is(r.field, 'tally-2-1-2-yes');
});

Words('a case reference already used links the new case form', () => {
	assert.equal(refused([{ type: 'add-case', case: { id: 'C1', sample: 'court' } }]), [{ text: 'A case with reference "C1" already exists', field: 'new-case-reference' }]);
});

Words('a forged panel rating says it is not one of the version’s ratings, with them', () => {
	const [r] = refused([{ type: 'decide', standard: 'V1', decision: { rating: 'superb', reason: 'r' } }], v2025, record('hmip-youth@2025'));
	assert.is(r.text, 'The panel\'s final rating for standard V1 Work with victims: "superb" is not one of the ratings of hmip-youth@2025 (Outstanding, Good, Requires improvement, Inadequate)');
	assert.is(r.field, 'decide-V1-rating');
	assert.not.match(r.text, /select the panel/i);
});

Words('an id the version does not know is named as sent, linked to nothing, never looked up as a key', () => {
	for (const id of ['__proto__', 'constructor', '9.9']) {
		const [r] = refused([{ type: 'tally', keyQuestion: id, tally: { relevant: 1, yes: 1 } }]);
		assert.is(r.field, undefined, id);
		assert.ok(r.text.includes(`"${id}"`), r.text);
		assert.not.ok(r.text.includes('/evidence'), r.text);
	}
	const r = refusalOf(issue('/evidence/decisions/__proto__/rating', 'x'), v2018);
	assert.equal(r, { text: 'X' });
});

Words('a prompt judged neither way names the prompt and its standard', () => {
	const [r] = refused([{ type: 'judge-prompt', standard: '1.1', prompt: '1.1.2.a', judgement: 'sideways' as 'above' }]);
	assert.match(r.text, /^Prompt 1\.1\.2\.a \(.+\) of standard 1\.1 Governance and leadership: judge the prompt above or below the line$/);
	assert.is(r.field, 'prompt-1-1-2-a');
});

Words.run();

const Form = suite('judgementEdits: the Qualitative form as edits');
const form = (fields: Record<string, string>) => {
	const data = new FormData();
	for (const [k, v] of Object.entries(fields)) data.append(k, v);
	return data;
};

Form('only what differs from the record becomes an edit; the reason goes with the proposal', () => {
	const { edits, refusals } = judgementEdits(v2018, record(), form({ revision: '3', 'prompt-1.1.1.a': 'above', 'prompt-1.1.1.b': 'below', 'kq-1.1.1': 'no', 'propose-1.1': 'good', 'reason-1.1': ' New. ', 'reason-1.2': '' }));
	assert.equal(refusals, []);
	assert.equal(edits, [
		{ type: 'judge-prompt', standard: '1.1', prompt: '1.1.1.b', judgement: 'below' },
		{ type: 'judge-key-question', standard: '1.1', keyQuestion: '1.1.1', answer: 'no' },
		{ type: 'propose', standard: '1.1', rating: 'good', reason: 'New.' }
	]);
	assert.ok(applyEdits(record(), edits, editScope(v2018)).ok);
});

Form('ids the version does not know are refused by name, and none becomes an edit', () => {
	const { edits, refusals } = judgementEdits(v2018, record(), form({ 'prompt-__proto__': 'above', 'kq-2.1.1': 'yes', 'propose-2.1': 'good', 'reason-constructor': 'x', other: '1' }));
	assert.equal(edits, []);
	assert.equal(
		refusals.map((r) => r.text),
		[
			'"__proto__" is not a prompt of a qualitative standard of hmip-youth@2018',
			'"2.1.1" is not a key question of a qualitative standard of hmip-youth@2018',
			'"2.1" is not a standard of hmip-youth@2018 that takes a proposed rating',
			'"constructor" is not a standard of hmip-youth@2018 that takes a proposed rating',
			'The form has a field this page does not know ("other")'
		]
	);
});

Form.run();
