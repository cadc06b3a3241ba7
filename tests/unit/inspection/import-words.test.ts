import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { importIssueInWords } from '../../../src/lib/inspection/import-words';

const Words = suite('inspection import problems in words');
const cases: [string, string, string][] = [
	['', 'missing required property "name"', 'The file has no service name ("name")'],
	['/inspection/cases/3', 'missing required property "sample"', 'Case 4 has no "sample"'],
	['/inspection/cases/0/sample', 'unknown sample "prison" (court, out-of-court)', 'Sample of case 1: unknown sample "prison" (court, out-of-court)'],
	['/inspection/tallies/2.1.1/yes', 'must be integer', 'Yes of the tally of 2.1.1: must be integer'],
	['/inspection/decisions/V1/rating', '"x" is not a rating of this version', 'Rating of the panel decision on V1: "x" is not a rating of this version'],
	['/inspection/context', 'missing "inspectionType"', 'The context: missing "inspectionType"']
];
for (const [pointer, message, expected] of cases) Words(`${pointer || '/'}: ${message}`, () => assert.is(importIssueInWords({ pointer, message }), expected));
Words.run();
