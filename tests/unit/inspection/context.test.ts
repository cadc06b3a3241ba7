import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ContextFactDeclaration } from '../../../src/lib/engine/types';
import { contextValueText, readContextField, readContextForm } from '../../../src/lib/inspection/context';

const count: ContextFactDeclaration = { id: 'cases', label: 'Relevant cases', type: 'number', required: true, whenUnknown: 'the cases are not counted' };
const flag: ContextFactDeclaration = { id: 'weak', label: 'Practice is weak', type: 'boolean', required: false, whenUnknown: 'nobody has said' };
const setting: ContextFactDeclaration = { id: 'setting', label: 'Setting', type: 'string', values: ['urban', 'rural'], required: false, whenUnknown: 'nobody has said' };

const Read = suite('readContextField: what a form field says, as a value or the field\'s error');
const rows: [ContextFactDeclaration, string, ReturnType<typeof readContextField>][] = [
	[count, '3', { value: 3 }],
	[count, ' 0 ', { value: 0 }],
	[count, '2.5', { value: 2.5 }],
	[count, '', { value: null }],
	[count, '   ', { value: null }],
	[count, 'three', { error: 'Relevant cases must be a number, 0 or more' }],
	[count, '-1', { error: 'Relevant cases must be a number, 0 or more' }],
	[count, '1e3', { error: 'Relevant cases must be a number, 0 or more' }],
	[count, 'Infinity', { error: 'Relevant cases must be a number, 0 or more' }],
	[flag, 'true', { value: true }],
	[flag, 'false', { value: false }],
	[flag, '', { value: null }],
	[flag, 'yes', { error: 'Practice is weak must be yes, no or not recorded' }],
	[setting, 'rural', { value: 'rural' }],
	[setting, 'coastal', { error: 'Setting must be one of urban, rural' }]
];
for (const [fact, raw, expected] of rows) Read(`${fact.type} "${raw}"`, () => assert.equal(readContextField(fact, raw), expected));
Read('a form: each declared fact by its field, undeclared fields ignored', () => {
	const form = new FormData();
	form.set('context-cases', '4');
	form.set('context-weak', 'false');
	form.set('context-__proto__', 'true');
	const read = readContextForm({ contextFacts: [count, flag, setting] }, form);
	assert.equal(read.values, { cases: 4, weak: false, setting: null });
	assert.equal(read.errors, {});
	assert.equal(read.typed, { cases: '4', weak: 'false', setting: '' });
});
Read('a form with a version prefix reads only that version\'s fields', () => {
	const form = new FormData();
	form.set('context-a@1-cases', 'x');
	form.set('context-cases', '4');
	assert.equal(readContextForm({ contextFacts: [count] }, form, 'context-a@1-').errors, { cases: 'Relevant cases must be a number, 0 or more' });
});
Read.run();

const Say = suite('contextValueText');
Say('values as a person reads them', () => {
	assert.equal([true, false, 0, 3, 'rural', undefined, null].map(contextValueText), ['Yes', 'No', '0', '3', 'rural', 'Not recorded', 'Not recorded']);
});
Say.run();
