import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseJson } from '../../../src/lib/engine/json-text';
import { canonicalJson } from '../../../src/lib/engine/canonical';

const Parse = suite('parseJson');
const cases: [string, string, string | null][] = [
	['{"a": 1}', '', null],
	['{"a": 1, "a": 2}', '/a', 'duplicate key "a"'],
	['{"x": {"list": [{"id": 1, "id": 2}]}}', '/x/list/0/id', 'duplicate key "id"'],
	['{"a/b": {"c": 1, "c": 1}}', '/a~1b/c', 'duplicate key "c"'],
	['{"a": 1,}', '', 'not valid JSON: property name expected at line 1, column 9'],
	['{\n  "a": \n}', '', 'not valid JSON: value expected at line 3, column 1'],
	['', '', 'not valid JSON: value expected at line 1, column 1']
];
for (const [text, at, message] of cases) {
	Parse(JSON.stringify(text), () => {
		const parsed = parseJson(text, 'f.json');
		if (message === null) return assert.ok(parsed.ok);
		assert.not.ok(parsed.ok);
		if (parsed.ok) return;
		assert.is(parsed.errors[0].file, 'f.json');
		assert.is(parsed.errors[0].pointer, at);
		assert.is(parsed.errors[0].message, message);
	});
}
Parse.run();

const Canonical = suite('canonicalJson');
Canonical('key order and spacing do not matter', () => {
	assert.is(canonicalJson({ b: [1, { y: 2, x: 1 }], a: 'z' }), canonicalJson(JSON.parse('{ "a": "z", "b": [1, {"x": 1, "y": 2}] }')));
});
Canonical('array order matters', () => assert.is.not(canonicalJson([1, 2]), canonicalJson([2, 1])));
Canonical.run();
