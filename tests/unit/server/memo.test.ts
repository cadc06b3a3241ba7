import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { Memo } from '../../../src/lib/server/rating/memo';
import { evaluateAnswer, evaluateRequest } from '../../../src/lib/server/rating/evaluate-api';

const Kept = suite('Memo: answers kept by a key that names what made them');

Kept('the least recently used go first once the budget is passed; one past the budget is never kept', () => {
	const memo = new Memo<string>(10, (v) => v.length);
	memo.set('a', 'aaaa');
	memo.set('b', 'bbbb');
	assert.is(memo.get('a'), 'aaaa'); // a is now the most recent
	memo.set('c', 'cccc'); // 12 > 10: b goes
	assert.is(memo.get('b'), undefined);
	assert.is(memo.get('a'), 'aaaa');
	assert.is(memo.get('c'), 'cccc');
	memo.set('huge', 'x'.repeat(11));
	assert.is(memo.get('huge'), undefined);
	assert.is(memo.get('a'), 'aaaa', 'an entry too big for the budget pushes nothing out');
	memo.set('a', 'a');
	memo.set('d', 'dddd');
	memo.set('e', 'e');
	assert.equal([memo.get('a'), memo.get('c'), memo.get('d'), memo.get('e')], ['a', 'cccc', 'dddd', 'e'], 'a replaced entry counts at its new size');
});

Kept.run();

const Answer = suite('/api/evaluate answered from memory');

Answer('the same body answers the same text as rating it afresh; a bad body is answered as before', async () => {
	const golden = JSON.parse(readFileSync('tests/golden/2025/victims-matrix-undecided-range.json', 'utf8'));
	const body = JSON.stringify({ framework: golden.framework, inspection: golden.inspection });
	const fresh = await evaluateRequest(body);
	const first = await evaluateAnswer(body);
	const again = await evaluateAnswer(body);
	assert.is(first.status, 200);
	assert.is(first.text, JSON.stringify(fresh.body));
	assert.is(again.text, first.text);
	const other = JSON.stringify({ framework: golden.framework, inspection: { ...golden.inspection, judgements: {} } });
	assert.is.not((await evaluateAnswer(other)).text, first.text, 'another body is rated for itself');
	const bad = await evaluateAnswer(JSON.stringify({ framework: 'hmip-youth@1999', inspection: {} }));
	assert.is(bad.status, 400);
	assert.match(bad.text, /does not exist/);
});

Answer.run();
