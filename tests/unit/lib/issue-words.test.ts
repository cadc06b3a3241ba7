import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { issueInWords } from '../../../src/lib/editor/issue-words';
import { readVersionFiles } from '../../../src/lib/server/frameworks/frameworks';

const read = readVersionFiles('rules/hmip-youth/2021');
if (!read.ok) throw new Error('2021 does not read');
const files = read.value;

const Words = suite('validation issues in words');
const cases: [string, { file: string; pointer: string; message: string }, boolean, string][] = [
	['an empty source document names the prompt and the field', { file: 'domains/2.json', pointer: '/standards/0/keyQuestions/0/prompts/2/source/document', message: 'must NOT have fewer than 1 characters' }, true, 'Enter the source document of prompt 2.1.1.c'],
	['a missing property is asked for by its field', { file: 'domains/2.json', pointer: '/standards/0/keyQuestions/0/prompts/2/source', message: 'missing required property "section"' }, true, 'Enter the source section of prompt 2.1.1.c'],
	['a number used twice', { file: 'domains/2.json', pointer: '/standards/1/id', message: '"2.1" is already the number of another standard: each needs a number of its own' }, true, 'Number of standard 2.2: "2.1" is already the number of another standard: each needs a number of its own'],
	['a rule by its id', { file: 'rules.json', pointer: '/decisionRules/0/id', message: 'must match pattern "^[a-z0-9][a-z0-9-]*$"' }, false, 'Id of the 1st decision rule: must be lower-case letters, digits and hyphens, like review-cap'],
	['an import error at the root of a file', { file: 'up.zip/framework.json', pointer: '', message: 'missing required property "title"' }, false, 'Enter the title of the framework'],
	['a missing file', { file: 'up.zip/composite.json', pointer: '', message: 'file is missing' }, false, 'The composite (composite.json) is missing'],
	['without the files, items by position', { file: 'up.zip/domains/2.json', pointer: '/standards/1/keyQuestions/0/text', message: 'must be string' }, false, 'Wording of the 1st key question of the 2nd standard of the domain in domains/2.json: must be string']
];
for (const [name, issue, withFiles, expected] of cases) {
	Words(name, () => assert.is(issueInWords(issue, withFiles ? files : undefined), expected));
}
Words.run();
