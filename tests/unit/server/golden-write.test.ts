import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { editGoldenText, rewriteGolden } from '../../../src/lib/server/regression/golden-write';

const shipped = 'tests/golden/2021/rule-1.1-outstanding-kept.json';
const lines = (text: string) => text.split('\n');
const changedLines = (a: string, b: string) => lines(b).filter((line, i) => line !== lines(a)[i]);

const Edit = suite('editing a golden file: only the values that change');
Edit('a rating changes on its own line; the hand-made layout of the evidence stays', () => {
	const text = readFileSync(shipped, 'utf8');
	const golden = JSON.parse(text);
	const [id, rating] = Object.entries(golden.expected.standards as Record<string, string>)[0];
	const edited = editGoldenText(shipped, text, [{ what: `standards.${id}`, path: ['expected', 'standards', id], from: rating, to: 'inadequate' }]);
	assert.ok(edited.ok);
	if (!edited.ok) return;
	assert.is(lines(edited.text).length, lines(text).length);
	assert.equal(changedLines(text, edited.text), [lines(text).find((l) => l.includes(`"${id}": "${rating}"`))!.replace(rating, 'inadequate')]);
});
Edit('removing and adding keys, and re-pinning the version', () => {
	const text = '{\n\t"name": "x",\n\t"framework": "hmip-youth@2018",\n\t"inspection": {},\n\t"expected": { "standards": { "2.1": "good", "9.9": "good" } }\n}\n';
	const edited = editGoldenText('x.json', text, [
		{ what: 'framework', path: ['framework'], from: 'hmip-youth@2018', to: 'hmip-youth@2021' },
		{ what: 'standards.9.9', path: ['expected', 'standards', '9.9'], from: 'good', to: undefined },
		{ what: 'composite.score', path: ['expected', 'composite', 'score'], from: undefined, to: 24 }
	]);
	assert.ok(edited.ok);
	if (!edited.ok) return;
	assert.equal(JSON.parse(edited.text), { name: 'x', framework: 'hmip-youth@2021', inspection: {}, expected: { standards: { '2.1': 'good' }, composite: { score: 24 } } });
	assert.match(edited.text, '\t"framework": "hmip-youth@2021",\n', 'tabs kept');
});
Edit('a change that would make the file invalid is refused', () => {
	const text = '{"name": "x", "framework": "hmip-youth@2018", "inspection": {}, "expected": {}}';
	const edited = editGoldenText('x.json', text, [{ what: 'composite.score', path: ['expected', 'composite', 'score'], from: undefined, to: -1 }]);
	assert.not.ok(edited.ok);
});
Edit.run();

const Write = suite('rewriting a golden file on disk');
Write('atomically: the new content, and no temporary file left behind', () => {
	const dir = mkdtempSync(path.join(tmpdir(), 'yardstick-write-'));
	const file = path.join(dir, 'g.json');
	writeFileSync(file, '{"name": "x", "framework": "hmip-youth@2018", "inspection": {}, "expected": {"standards": {"2.1": "good"}}}');
	const written = rewriteGolden(file, readFileSync(file, 'utf8'), [{ what: 'standards.2.1', path: ['expected', 'standards', '2.1'], from: 'good', to: 'outstanding' }]);
	assert.ok(written.ok);
	assert.is(JSON.parse(readFileSync(file, 'utf8')).expected.standards['2.1'], 'outstanding');
	assert.equal(readdirSync(dir), ['g.json']);
});
Write.run();
