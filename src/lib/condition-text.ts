// A json-rules-engine condition in words, for people who read rules rather than JSON:
// "rating of 2.4 is inadequate and inspection type is one of iyjs".
import type { Condition, FactCondition, FactParams } from './engine/types';

export const OPERATOR_WORDS: Record<string, string> = {
	equal: 'is',
	notEqual: 'is not',
	lessThan: 'is less than',
	lessThanInclusive: 'is at most',
	greaterThan: 'is more than',
	greaterThanInclusive: 'is at least',
	in: 'is one of',
	notIn: 'is not one of',
	contains: 'contains',
	doesNotContain: 'does not contain'
};

const list = (values: string[] | undefined) => (values ?? []).join(', ');

function selection(p: FactParams): string {
	if (p.standards) return `standards ${list(p.standards)}`;
	if (p.domains) return `the standards of domain${p.domains.length > 1 ? 's' : ''} ${list(p.domains)}`;
	return 'standards (none chosen)';
}

/** The fact a leaf reads, in words. */
export function factWords(fact: string, params: FactParams = {}): string {
	switch (fact) {
		case 'rating':
			return `rating of ${params.standard ?? '(no standard)'}`;
		case 'ratingScore':
			return `score of ${params.standard ?? '(no standard)'}`;
		case 'ratingCount':
			return `number of ${selection(params)} rated ${list(params.ratings) || '(no ratings)'}`;
		case 'ratingShare':
			return `% of ${selection(params)}${params.among ? ` (among those rated ${list(params.among)})` : ''} rated ${list(params.ratings) || '(no ratings)'}`;
		case 'band':
			return `band of ${params.keyQuestion ?? '(no key question)'}`;
		case 'share':
			return `% yes for ${params.keyQuestion ?? '(no key question)'}`;
		case 'answer':
			return `answer to ${params.keyQuestion ?? '(no key question)'}`;
		case 'overall':
			return 'overall rating';
		case 'score':
			return 'overall score';
		case 'inspectionType':
			return 'inspection type';
		default:
			return fact.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
	}
}

export function valueWords(value: unknown): string {
	if (Array.isArray(value)) return value.map(valueWords).join(', ');
	if (value === null || value === undefined) return 'nothing';
	if (value === true) return 'yes';
	if (value === false) return 'no';
	return String(value);
}

export function leafWords(c: FactCondition): string {
	return `${factWords(c.fact, c.params)} ${OPERATOR_WORDS[c.operator] ?? c.operator} ${valueWords(c.value)}`;
}

export function conditionWords(condition: Condition, nested = false): string {
	if ('fact' in condition) return leafWords(condition);
	if ('not' in condition) return `not (${conditionWords(condition.not)})`;
	const [parts, joiner] = 'all' in condition ? [condition.all, ' and '] : [condition.any, ' or '];
	if (!parts.length) return 'always';
	if (parts.length === 1) return conditionWords(parts[0], nested);
	const text = parts.map((c) => conditionWords(c, true)).join(joiner);
	return nested ? `(${text})` : text;
}
