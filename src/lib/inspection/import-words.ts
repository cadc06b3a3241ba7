// A problem with an inspection file to import (a golden file, or one exported from here) in a
// person's words: what it concerns ("case 4", "the tally of 2.1.1", "the service's name") and what
// is wrong, rather than "/: missing required property "name"". The pointer goes beside it.
import type { Issue } from '../engine/errors';
import { tokens } from '../json-pointer';

const TOP: Record<string, string> = {
	name: 'the service name ("name")',
	framework: 'the framework version ("framework")',
	inspection: 'the evidence ("inspection")',
	expected: 'the expected ratings ("expected")',
	description: 'the description'
};

const EVIDENCE: Record<string, (key: string) => string> = {
	cases: (n) => (/^\d+$/.test(n) ? `case ${Number(n) + 1}` : 'the cases'),
	tallies: (id) => `the tally of ${id}`,
	judgements: (id) => `the judgement of ${id}`,
	decisions: (id) => `the panel decision on ${id}`,
	context: (key) => `the context's ${key}`
};

/** What a pointer in the file names. */
export function importSubject(pointer: string): string {
	const path = tokens(pointer);
	if (!path.length) return 'the file';
	if (path[0] !== 'inspection' || path.length === 1) return TOP[path[0]] ?? `"${path[0]}"`;
	const [, part, key, ...rest] = path;
	const name = EVIDENCE[part];
	if (!name) return `the evidence's "${part}"`;
	if (key === undefined) return part === 'context' ? 'the context' : `the ${part}`;
	const field = rest.map((t) => (/^\d+$/.test(t) ? `item ${Number(t) + 1}` : t.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase())).join(' ');
	return field ? `${field} of ${name(key)}` : name(key);
}

export function importIssueInWords(issue: Pick<Issue, 'pointer' | 'message'>): string {
	const missing = issue.message.match(/^missing required property "([^"]+)"$/)?.[1];
	if (missing) {
		const subject = importSubject(issue.pointer);
		const what = issue.pointer ? `"${missing}"` : (TOP[missing]?.replace(/^the /, '') ?? `"${missing}"`);
		return `${subject.charAt(0).toUpperCase()}${subject.slice(1)} has no ${what}`;
	}
	const subject = importSubject(issue.pointer);
	return `${subject.charAt(0).toUpperCase()}${subject.slice(1)}: ${issue.message}`;
}
