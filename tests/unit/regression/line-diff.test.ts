import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { lineDiff } from '../../../src/lib/regression/line-diff';

const show = (before: string, after: string, context = 1) =>
	lineDiff(before, after, context).map((h) => h.lines.map((l) => `${{ same: ' ', removed: '-', added: '+' }[l.kind]}${l.line} ${l.text}`).join('\n'));

const Diff = suite('lineDiff');
Diff('equal texts: no hunks', () => assert.equal(lineDiff('a\nb', 'a\nb'), []));
Diff('one line changed, with context', () => {
	assert.equal(show('a\nb\nc\nd\ne', 'a\nb\nC\nd\ne'), [' 2 b\n-3 c\n+3 C\n 4 d']);
});
Diff('two changes far apart: two hunks', () => {
	assert.equal(show('1\n2\n3\n4\n5\n6\n7\n8', 'one\n2\n3\n4\n5\n6\n7\neight'), ['-1 1\n+1 one\n 2 2', ' 7 7\n-8 8\n+8 eight']);
});
Diff('changes close together share a hunk', () => {
	assert.equal(show('1\n2\n3\n4', 'one\n2\n3\nfour'), ['-1 1\n+1 one\n 2 2\n 3 3\n-4 4\n+4 four']);
});
Diff('a removed line and an added one', () => {
	assert.equal(show('a\nb\nc', 'a\nc\nd', 0), ['-2 b', '+3 d']);
});
Diff.run();
