import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { junitXml, xmlEscape } from '../../../src/lib/regression/junit';

const Junit = suite('JUnit XML');
Junit('counts, a failure and an error, escaped', () => {
	const xml = junitXml('golden files', [
		{ classname: 'tests.golden.2018', name: 'passes', file: 'a.json', status: 'pass' },
		{ classname: 'tests.golden.2018', name: 'fails <badly> & "loudly"', file: 'b.json', status: 'fail', message: '1 expectation differs', details: 'standards.2.1: expected outstanding, got good' },
		{ classname: 'tests.golden.2018', name: 'c.json', file: 'c.json', status: 'invalid', message: 'c.json: /: not valid JSON', details: 'c.json: /: not valid JSON' }
	]);
	assert.match(xml, '<testsuites name="golden files" tests="3" failures="1" errors="1" skipped="0"');
	assert.match(xml, '<testcase classname="tests.golden.2018" name="passes" file="a.json" time="0.000"/>');
	assert.match(xml, 'name="fails &lt;badly&gt; &amp; &quot;loudly&quot;"');
	assert.match(xml, '<failure message="1 expectation differs" type="ExpectationMismatch">standards.2.1: expected outstanding, got good</failure>');
	assert.match(xml, '<error message="c.json: /: not valid JSON" type="InvalidGoldenFile">');
});
Junit('characters XML cannot carry are replaced', () => {
	assert.is(xmlEscape('a\u0000b\u0007c\td'), 'a\uFFFDb\uFFFDc\td');
});
Junit.run();
