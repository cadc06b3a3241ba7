import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { issueInWords } from '../../../src/lib/editor/issue-words';
import { readVersionFiles } from '../../../src/lib/server/frameworks/frameworks';

const read = readVersionFiles('rules/hmip-youth/2021');
if (!read.ok) throw new Error('2021 does not read');
// a stratum in 2021's court sample, for the sampling cases (2021 has none of its own)
const files = structuredClone(read.value);
(files['sampling.json'] as { samples: { strata: unknown[] }[] }).samples[0].strata.push({ id: 'custody', label: '', sample: 'court', source: { document: 'd', section: 's' } });

const Words = suite('validation issues in words');
const cases: [string, { file: string; pointer: string; message: string }, boolean, string][] = [
	['an empty source document names the prompt and the field', { file: 'domains/2.json', pointer: '/standards/0/keyQuestions/0/prompts/2/source/document', message: 'must NOT have fewer than 1 characters' }, true, 'Enter the source document of prompt 2.1.1.c'],
	['a missing property is asked for by its field', { file: 'domains/2.json', pointer: '/standards/0/keyQuestions/0/prompts/2/source', message: 'missing required property "section"' }, true, 'Enter the source section of prompt 2.1.1.c'],
	['a number used twice', { file: 'domains/2.json', pointer: '/standards/1/id', message: '"2.1" is already the number of another standard: each needs a number of its own' }, true, 'Number of standard 2.2: "2.1" is already the number of another standard: each needs a number of its own'],
	['a rule by its id', { file: 'rules.json', pointer: '/decisionRules/0/id', message: 'must match pattern "^[a-z0-9][a-z0-9-]*$"' }, false, 'Id of the 1st decision rule: must be lower-case letters, digits and hyphens, like review-cap'],
	['an import error at the root of a file', { file: 'up.zip/framework.json', pointer: '', message: 'missing required property "title"' }, false, 'Enter the title of the framework'],
	['a missing file', { file: 'up.zip/composite.json', pointer: '', message: 'file is missing' }, false, 'The composite (composite.json) is missing'],
	['without the files, items by position', { file: 'up.zip/domains/2.json', pointer: '/standards/1/keyQuestions/0/text', message: 'must be string' }, false, 'Wording of the 1st key question of the 2nd standard of the domain in domains/2.json: must be string'],
	['sampling: the confidence level', { file: 'draft/sampling.json', pointer: '/confidence/value', message: 'must be number or null' }, false, 'Confidence level of the sampling rules: must be number or null'],
	['sampling: a case sample by its id', { file: 'sampling.json', pointer: '/samples/0/sizing/marginOfError/value', message: 'must be number or null' }, true, 'Margin of error of case sample court: must be number or null'],
	['sampling: a stratum by its id, in its sample', { file: 'sampling.json', pointer: '/samples/0/strata/0/label', message: 'must NOT have fewer than 1 characters' }, true, 'Enter the label of stratum custody of case sample court'],
	['sampling: an exclusion without its reason', { file: 'sampling.json', pointer: '/samples/0/exclusions/0', message: 'missing required property "reason"' }, false, 'Enter the reason of the 1st exclusion of the 1st case sample']
];
for (const [name, issue, withFiles, expected] of cases) {
	Words(name, () => assert.is(issueInWords(issue, withFiles ? files : undefined), expected));
}
Words.run();
