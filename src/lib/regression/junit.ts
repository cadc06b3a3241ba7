// JUnit XML, the report format CI systems read (Jenkins, GitLab, GitHub actions reporters):
// one <testcase> per golden file; a failing file is a <failure>, an unreadable or invalid one an <error>.

export interface JunitCase {
	/** the folder of the file, dotted: CI systems group by it */
	classname: string;
	name: string;
	file: string;
	status: 'pass' | 'fail' | 'invalid';
	/** one line: what went wrong */
	message?: string;
	/** the whole story: the diff with traces, or every problem */
	details?: string;
	seconds?: number;
}

// XML 1.0 allows tab, newline, carriage return and these ranges; anything else cannot be escaped.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function xmlEscape(text: string): string {
	return text
		.replace(NOT_XML, '\uFFFD')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;');
}

export function junitXml(suite: string, cases: JunitCase[], seconds = 0): string {
	const failures = cases.filter((c) => c.status === 'fail').length;
	const errors = cases.filter((c) => c.status === 'invalid').length;
	const counts = `tests="${cases.length}" failures="${failures}" errors="${errors}" skipped="0" time="${seconds.toFixed(3)}"`;
	const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="${xmlEscape(suite)}" ${counts}>`, `  <testsuite name="${xmlEscape(suite)}" ${counts}>`];
	for (const c of cases) {
		const open = `    <testcase classname="${xmlEscape(c.classname)}" name="${xmlEscape(c.name)}" file="${xmlEscape(c.file)}" time="${(c.seconds ?? 0).toFixed(3)}"`;
		if (c.status === 'pass') {
			lines.push(`${open}/>`);
			continue;
		}
		const tag = c.status === 'fail' ? 'failure' : 'error';
		const type = c.status === 'fail' ? 'ExpectationMismatch' : 'InvalidGoldenFile';
		lines.push(`${open}>`, `      <${tag} message="${xmlEscape(c.message ?? '')}" type="${type}">${xmlEscape(c.details ?? '')}</${tag}>`, '    </testcase>');
	}
	lines.push('  </testsuite>', '</testsuites>', '');
	return lines.join('\n');
}
