import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { duplicateReferences, splitReferences } from '../../../src/lib/inspection/case-references';

const Split = suite('splitReferences: one reference, or a list as an inspector pastes it');
const lists: [string, string, string[]][] = [
	['one reference', ' C001 ', ['C001']],
	['one per line, Windows or Unix line ends', 'C003\r\nC004\nC005', ['C003', 'C004', 'C005']],
	['commas and semicolons, blanks left out', 'C003, C004;;C005 ,\n\n', ['C003', 'C004', 'C005']],
	['nothing', ' \n , ', []],
	['spaces inside a reference are kept', 'Case 12, Case 13', ['Case 12', 'Case 13']]
];
for (const [name, text, expected] of lists) Split(name, () => assert.equal(splitReferences(text), expected));
Split.run();

const Duplicates = suite('duplicateReferences: refused by name');
Duplicates('names repeated in the list, and names already taken, each once', () => {
	assert.equal(duplicateReferences(['C1', 'C2', 'C1', 'O1', 'C1', 'O1'], ['O1', 'X']), { repeated: ['C1'], taken: ['O1'] });
	assert.equal(duplicateReferences(['C1', 'C2'], []), { repeated: [], taken: [] });
});
Duplicates('a reference named like an object property is only a name', () => {
	assert.equal(duplicateReferences(['__proto__', 'constructor', '__proto__'], ['toString']), { repeated: ['__proto__'], taken: [] });
});
Duplicates.run();
