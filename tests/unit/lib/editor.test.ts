import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fieldId, fieldKey, placeIssue, plainMessage } from '../../../src/lib/editor/placement';
import { getAt, join, setAt, tokens } from '../../../src/lib/json-pointer';
import { nextId, nextStandardId, uniqueSlug } from '../../../src/lib/editor/templates';

const Pointer = suite('json-pointer');
Pointer('tokens unescape ~1 and ~0', () => assert.equal(tokens('/a~1b/c~0d/0'), ['a/b', 'c~d', '0']));
Pointer('join escapes', () => assert.is(join('/x', 'a/b', 2), '/x/a~1b/2'));
Pointer('get, set and remove', () => {
	const doc: Record<string, unknown> = { standards: [{ id: '2.1' }] };
	assert.is(getAt(doc, '/standards/0/id'), '2.1');
	assert.is(getAt(doc, '/standards/5/id'), undefined);
	setAt(doc, '/standards/0/source/document', 'x');
	assert.equal(doc.standards, [{ id: '2.1', source: { document: 'x' } }]);
	setAt(doc, '/standards/0/source', undefined);
	assert.equal(doc.standards, [{ id: '2.1' }]);
	setAt(doc, '/standards/0', undefined);
	assert.equal(doc.standards, []);
});
Pointer.run();

const Place = suite('placeIssue: each error at its field');
const registered = new Set([
	fieldKey('composite.json', ''),
	fieldKey('composite.json', '/max'),
	fieldKey('domains/2.json', '/standards/3'),
	fieldKey('domains/2.json', '/standards/3/title'),
	fieldKey('domains/2.json', '/standards/3/text')
]);
const cases: [string, string, string, string][] = [
	['the exact field', 'composite.json', '/max', 'composite.json#/max'],
	['the nearest field above', 'domains/2.json', '/standards/3/keyQuestions/0/id', 'domains/2.json#/standards/3'],
	['a missing property at its own field', 'domains/2.json', '/standards/3', 'domains/2.json#/standards/3/text'],
	['the file when nothing is on the page', 'rules.json', '/limiters/0/when', 'rules.json#']
];
for (const [name, file, pointer, expected] of cases) {
	Place(name, () => {
		const message = name.startsWith('a missing') ? 'missing required property "text"' : 'x';
		assert.is(placeIssue({ file, pointer, message }, registered), expected);
	});
}
Place('field ids are unique and safe in a URL fragment', () => {
	const a = fieldId('domains/2.json', '/standards/0/id');
	const b = fieldId('domains/2.json', '/standards/0~1id');
	assert.is.not(a, b);
	assert.match(a, /^[A-Za-z0-9_-]+$/);
});
Place('ajv messages in plain words', () => {
	assert.is(plainMessage('must NOT have fewer than 1 characters'), 'must not be empty');
	assert.is(plainMessage('must match pattern "^[A-Za-z0-9][A-Za-z0-9.-]*$"'), 'must be a published number like 2.4 or V1.2: letters, digits, dots and hyphens');
	assert.is(plainMessage('unknown standard "9.9"'), 'unknown standard "9.9"');
});
Place.run();

const Ids = suite('next ids');
const idCases: [string, string, string[], 'number' | 'letter', string][] = [
	['the next standard', '2', ['2.1', '2.2', '2.3'], 'number', '2.4'],
	['a first key question', '2.4', [], 'number', '2.4.1'],
	['after a gap, past the highest', '2.4', ['2.4.1', '2.4.3'], 'number', '2.4.4'],
	['the next prompt letter', '2.4.1', ['2.4.1.a', '2.4.1.b'], 'letter', '2.4.1.c'],
	['a first prompt', '2.4.1', [], 'letter', '2.4.1.a']
];
for (const [name, parentId, siblings, style, expected] of idCases) {
	Ids(name, () => assert.is(nextId(parentId, siblings.map((id) => ({ id })), style), expected));
}
Ids('standards numbered like V1 go on to V2', () => {
	assert.is(nextStandardId({ id: 'V', title: 'V', source: { document: 'd', section: 's' }, standards: [{ id: 'V1' } as never] }), 'V2');
	assert.is(nextStandardId({ id: '2', title: 'x', source: { document: 'd', section: 's' }, standards: [{ id: '2.1' } as never, { id: '2.2' } as never] }), '2.3');
});
Ids('unique slugs', () => {
	assert.is(uniqueSlug('new-limiter', []), 'new-limiter');
	assert.is(uniqueSlug('new-limiter', ['new-limiter', 'new-limiter-2']), 'new-limiter-3');
});
Ids.run();
