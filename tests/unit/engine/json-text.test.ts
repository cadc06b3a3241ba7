import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseJson } from '../../../src/lib/engine/json-text';
import { capIssues } from '../../../src/lib/engine/errors';
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

const Limits = suite('parseJson: limits that stop early (issue 10, rows 7 and 9)');
Limits('a thousand duplicate keys: one issue, the first, found in linear time', () => {
	const text = '{' + Array.from({ length: 100_000 }, () => '"a":1').join(',') + '}';
	const started = performance.now();
	const parsed = parseJson(text, 'f.json');
	const ms = performance.now() - started;
	assert.not.ok(parsed.ok);
	if (parsed.ok) return;
	assert.equal(parsed.errors.map((e) => [e.pointer, e.message]), [['/a', 'duplicate key "a"']]);
	assert.ok(ms < 2000, `took ${ms} ms`);
});
Limits('keys are compared as JSON reads them: "\\u0061" is "a"', () => {
	const parsed = parseJson('{"a":1,"\\u0061":2}', 'f.json');
	assert.equal(!parsed.ok && parsed.errors[0].message, 'duplicate key "a"');
});
Limits('brackets and braces inside strings are not nesting; escaped quotes do not end a string', () => {
	const text = JSON.stringify({ s: '['.repeat(500) + '\\"{'.repeat(500), t: { u: [1, { v: '"}' }] } });
	const parsed = parseJson(text, 'f.json');
	assert.ok(parsed.ok);
});
Limits('values may repeat a key name in another object', () => assert.ok(parseJson('{"a":{"a":1},"b":{"a":2},"c":[{"a":1},{"a":1}]}', 'f.json').ok));
Limits('64 deep is read; 65 deep is refused with the pointer of the container too deep', () => {
	assert.ok(parseJson('['.repeat(64) + ']'.repeat(64), 'f.json').ok);
	const parsed = parseJson('{"x":' + '['.repeat(64) + ']'.repeat(64) + '}', 'f.json');
	assert.not.ok(parsed.ok);
	if (parsed.ok) return;
	assert.is(parsed.errors.length, 1);
	assert.is(parsed.errors[0].pointer, '/x' + '/0'.repeat(63));
	assert.match(parsed.errors[0].message, 'nested more than 64 deep');
});
Limits('100,000 nested brackets, closed or not: one issue, no stack overflow', () => {
	for (const text of ['['.repeat(100_000) + ']'.repeat(100_000), '['.repeat(100_000), '{"a":'.repeat(100_000)]) {
		const parsed = parseJson(text, 'f.json');
		assert.not.ok(parsed.ok);
		if (!parsed.ok) assert.equal(parsed.errors.length, 1);
		if (!parsed.ok) assert.match(parsed.errors[0].message, 'nested more than 64 deep');
	}
});
Limits('a syntax error is still named before a duplicate key', () => {
	const parsed = parseJson('{"a":1,"a":2,}', 'f.json');
	assert.match(!parsed.ok ? parsed.errors[0].message : '', 'not valid JSON');
});
Limits('capIssues: the first 50, then "and N more"', () => {
	const issues = Array.from({ length: 120 }, (_, i) => ({ file: 'f', pointer: `/${i}`, message: 'x', severity: 'error' as const }));
	const capped = capIssues(issues);
	assert.is(capped.length, 51);
	assert.is(capped[50].message, 'and 70 more problems');
	assert.is(capIssues(issues.slice(0, 50)).length, 50);
});
Limits.run();

const Comments = suite('parseJson: text the syntax check reads differently');
Comments('a comment hiding a quote before deep nesting: one issue, no stack overflow', () => {
	for (const text of ['// "\n' + '['.repeat(100_000) + '\n"', '/* " */' + '['.repeat(100_000) + '"']) {
		const parsed = parseJson(text, 'f.json');
		assert.not.ok(parsed.ok);
		if (!parsed.ok) assert.is(parsed.errors.length, 1);
	}
});
Comments('a comment is still named as a syntax error', () => {
	const parsed = parseJson('{"a": 1 /* x */}', 'f.json');
	assert.match(!parsed.ok ? parsed.errors[0].message : '', 'not valid JSON');
});
Comments.run();
