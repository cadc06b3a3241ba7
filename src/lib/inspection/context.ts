// An inspection's context facts (framework.json `contextFacts`): what a value must be to fit its
// declaration, how a form field reads, and how a value is said. Built only from the declaration,
// so a new version's facts need no code.
import type { ContextFactDeclaration, FrameworkMeta } from '../engine/types';

export type ContextValue = string | number | boolean;

/** What a context edit is checked against: the facts and inspection types of the record's version. */
export type ContextTerms = Pick<FrameworkMeta, 'contextFacts' | 'inspectionTypes'>;

/** The declaration of a context fact, found by id in the version's list (never by indexing an object). */
export function contextFact(terms: ContextTerms, id: unknown): ContextFactDeclaration | undefined {
	return typeof id === 'string' ? (terms.contextFacts ?? []).find((f) => f.id === id) : undefined;
}

/**
 * Why a value does not fit a context fact, naming the field; '' when it fits. `null` (not
 * recorded) fits every fact but the inspection type of a version that has types.
 */
export function contextValueProblem(terms: ContextTerms, id: unknown, value: unknown): string {
	const types = terms.inspectionTypes ?? [];
	if (id === 'inspectionType' && types.length) {
		if (value === null) return 'Select the type of inspection: this version needs one';
		return types.some((t) => t.id === value) ? '' : `The type of inspection must be one of ${types.map((t) => t.id).join(', ')}`;
	}
	const fact = contextFact(terms, id);
	if (!fact) {
		const known = (terms.contextFacts ?? []).map((f) => f.id);
		return `There is no context fact "${String(id)}" in this version${known.length ? ` (it has ${known.join(', ')})` : ''}`;
	}
	if (value === null) return '';
	switch (fact.type) {
		case 'number':
			return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? '' : `${fact.label} must be a number, 0 or more`;
		case 'boolean':
			return typeof value === 'boolean' ? '' : `${fact.label} must be yes or no`;
		case 'string':
			if (typeof value !== 'string' || !value.trim()) return `Enter ${lowerFirst(fact.label)}`;
			return fact.values && !fact.values.includes(value) ? `${fact.label} must be one of ${fact.values.join(', ')}` : '';
	}
	return `${fact.label} has a type this version of Yardstick does not know`;
}

/** The form field name (and id) of a context fact: a prefix keeps two versions' fields apart on one form. */
export const contextField = (fact: Pick<ContextFactDeclaration, 'id'>, prefix = 'context-') => `${prefix}${fact.id}`;

/**
 * A context fact's form field as a value: '' is not recorded (null); a number must parse. Returns
 * the value or the message for the field.
 */
export function readContextField(fact: ContextFactDeclaration, raw: string): { value: ContextValue | null } | { error: string } {
	const text = raw.trim();
	if (text === '') return { value: null };
	let value: ContextValue = text;
	if (fact.type === 'number') {
		value = Number(text);
		if (!/^\d+(\.\d+)?$/.test(text)) return { error: `${fact.label} must be a number, 0 or more` };
	} else if (fact.type === 'boolean') {
		if (text !== 'true' && text !== 'false') return { error: `${fact.label} must be yes, no or not recorded` };
		value = text === 'true';
	}
	const problem = contextValueProblem({ contextFacts: [fact] }, fact.id, value);
	return problem ? { error: problem } : { value };
}

/** The prefix of a version's context fields on a form that offers several versions. */
export const versionContextPrefix = (ref: string) => `context-${ref}-`;

/** Every declared context fact from a form (fields named by contextField); values and errors by fact id. */
export function readContextForm(terms: ContextTerms, form: FormData, prefix = 'context-'): { values: Record<string, ContextValue | null>; errors: Record<string, string>; typed: Record<string, string> } {
	const values: Record<string, ContextValue | null> = {};
	const errors: Record<string, string> = {};
	const typed: Record<string, string> = {};
	for (const fact of terms.contextFacts ?? []) {
		typed[fact.id] = String(form.get(contextField(fact, prefix)) ?? '');
		const read = readContextField(fact, typed[fact.id]);
		if ('error' in read) errors[fact.id] = read.error;
		else values[fact.id] = read.value;
	}
	return { values, errors, typed };
}

/** A value as a person reads it: "Yes", "No", the number, or "Not recorded". */
export function contextValueText(value: ContextValue | null | undefined): string {
	if (value === undefined || value === null) return 'Not recorded';
	if (typeof value === 'boolean') return value ? 'Yes' : 'No';
	return String(value);
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
