// What the server refuses, as a person reads it: an issue's JSON pointer says where in the record,
// which is code; here it becomes the field's name in the page's words (the version's own labels
// for a standard or key question) and the id of the field it is about, for the error summary's link.
import type { Issue } from '../engine/errors';
import type { FrameworkVersion, KeyQuestion, Standard } from '../engine/types';
import { outlineOf, wording } from './outline';
import type { InspectionRecord } from './record';
import { tokens } from '../json-pointer';

/** One refusal as the page shows it: a sentence, and the id of the field it is about, if there is one. */
export interface Refusal {
	text: string;
	field?: string;
}

/**
 * What a workspace form action refused returns without JavaScript: which form, what stops it,
 * and what was typed, so the form comes back as it was sent (never more than the form's own fields).
 */
export interface RefusedForm {
	form: string;
	refusals: Refusal[];
	values?: Record<string, string>;
}

const slug = (id: string) => id.replace(/\./g, '-');

/** The ids of the workspace's fields, shared by the components that draw them and the refusals that link to them. */
export const fieldId = {
	newCase: (field: 'reference' | 'sample') => (field === 'sample' ? 'new-case-sample-0' : 'new-case-reference'),
	tally: (keyQuestion: string, part: 'relevant' | 'yes') => `tally-${slug(keyQuestion)}-${part}`,
	prompt: (prompt: string) => `prompt-${slug(prompt)}`,
	keyQuestion: (keyQuestion: string) => `kq-${slug(keyQuestion)}`,
	propose: (standard: string) => `propose-${slug(standard)}`,
	reason: (standard: string) => `reason-${slug(standard)}`,
	decideRating: (standard: string) => `decide-${slug(standard)}-rating`,
	decideReason: (standard: string) => `decide-${slug(standard)}-reason`,
	context: (fact: string) => `context-${fact}`
};

/** First letter up, as a sentence starts. */
export const sentence = (text: string) => (text ? text[0].toUpperCase() + text.slice(1) : text);

/**
 * What is wrong with a field, as one sentence: a bare verb ("must be …", the schema's words) is
 * said of the field ("The number … must be …"); a message that names its own subject follows the
 * field's name ("Tally for …: the number … cannot be more than …").
 */
function about(subject: string, message: string, heading = subject): string {
	const text = message.trim();
	if (/^(must|is|cannot|should|has) /.test(text)) return `${subject} ${text}`;
	// a sentence of its own goes on after the colon in lower case ("…: the rules do not allow"), a name as it is
	return `${heading}: ${/^[A-Z][a-z]/.test(text) ? text[0].toLowerCase() + text.slice(1) : text}`;
}

/**
 * An issue in words. Every id the pointer carries is looked up among the version's (and the
 * record's) own, never used to index anything; an id the version does not know is named as sent.
 */
export function refusalOf(issue: Issue, framework: FrameworkVersion, record?: InspectionRecord): Refusal {
	const outline = outlineOf(framework);
	const standardOf = (id: string): Standard | undefined => outline.standards.find(({ standard }) => standard.id === id)?.standard;
	const keyQuestionOf = (id: string): KeyQuestion | undefined => outline.keyQuestion.get(id)?.keyQuestion;
	const standardName = (id: string) => {
		const s = standardOf(id);
		return s ? `standard ${s.id} ${s.title}` : `standard "${id}"`;
	};
	const keyQuestionName = (id: string) => {
		const kq = keyQuestionOf(id);
		return kq ? `key question ${kq.id} (${wording(kq)})` : `key question "${id}"`;
	};
	const plain = (): Refusal => ({ text: sentence(issue.message.trim()) });
	// a rating the version does not have (a forged form): say so, with the ones it has
	const notARating = /^"(.*)" is not a rating of /.exec(issue.message);
	if (notARating) issue = { ...issue, message: `"${notARating[1]}" is not one of the ratings of ${framework.meta.id}@${framework.meta.version} (${framework.meta.ratings.map((r) => r.label).join(', ')})` };
	const [root, kind, id, part, item] = tokens(issue.pointer);
	if (root === 'team') return { text: about('The team', issue.message) };
	if (root === 'status') return { text: about('The status', issue.message) };
	if (root !== 'evidence' || id === undefined) return plain();
	switch (kind) {
		case 'tallies': {
			const known = !!keyQuestionOf(id);
			const heading = `The tally of ${keyQuestionName(id)}`;
			if (part === 'relevant') return { text: about(`The number of relevant cases for ${keyQuestionName(id)}`, issue.message, heading), ...(known && { field: fieldId.tally(id, 'relevant') }) };
			if (part === 'yes') return { text: about(`The number answered 'Yes' for ${keyQuestionName(id)}`, issue.message, heading), ...(known && { field: fieldId.tally(id, 'yes') }) };
			return known ? { text: about(`The tally of ${keyQuestionName(id)}`, issue.message), field: fieldId.tally(id, 'relevant') } : plain();
		}
		case 'cases': {
			if (id === '-') {
				if (part === 'sample') return { text: sentence(issue.message), field: fieldId.newCase('sample') };
				return { text: sentence(issue.message), field: fieldId.newCase('reference') };
			}
			const c = /^\d+$/.test(id) ? record?.evidence.cases?.[Number(id)] : undefined;
			return c ? { text: about(`Case ${c.id}`, issue.message) } : plain();
		}
		case 'judgements': {
			const standard = standardOf(id);
			if (!standard) return plain();
			if (part === 'prompts' && item !== undefined) {
				const prompt = standard.keyQuestions.flatMap((kq) => kq.prompts).find((p) => p.id === item);
				return prompt ? { text: about(`Prompt ${prompt.id} (${wording(prompt)}) of ${standardName(id)}`, issue.message), field: fieldId.prompt(prompt.id) } : { text: about(standardName(id), issue.message) };
			}
			if (part === 'keyQuestions' && item !== undefined) {
				const kq = standard.keyQuestions.find((k) => k.id === item);
				return kq ? { text: about(`Key question ${kq.id} (${wording(kq)}) of ${standardName(id)}`, issue.message), field: fieldId.keyQuestion(kq.id) } : { text: about(standardName(id), issue.message) };
			}
			if (part === 'rating') return { text: about(`The proposed rating for ${standardName(id)}`, issue.message), field: fieldId.propose(id) };
			if (part === 'reason') return { text: about(`The reason for the proposed rating for ${standardName(id)}`, issue.message), field: fieldId.reason(id) };
			return { text: about(sentence(standardName(id)), issue.message) };
		}
		case 'decisions': {
			if (!standardOf(id)) return plain();
			if (part === 'rating') return { text: about(`The panel's final rating for ${standardName(id)}`, issue.message), field: fieldId.decideRating(id) };
			if (part === 'reason') return { text: about(`The reason for the panel's decision on ${standardName(id)}`, issue.message), field: fieldId.decideReason(id) };
			return { text: about(`The panel's decision on ${standardName(id)}`, issue.message) };
		}
		case 'context': {
			const fact = framework.meta.contextFacts?.find((f) => f.id === id);
			// the context's own messages name the fact already
			if (fact) return { text: issue.message.startsWith(fact.label) ? sentence(issue.message) : about(fact.label, issue.message), field: fieldId.context(fact.id) };
			return plain();
		}
		default:
			return plain();
	}
}

/** Every issue in words, once each. */
export function refusalsOf(issues: Issue[], framework: FrameworkVersion, record?: InspectionRecord): Refusal[] {
	const seen = new Set<string>();
	return issues.map((issue) => refusalOf(issue, framework, record)).filter((r) => !seen.has(r.text) && !!seen.add(r.text));
}

/** The page's form result, if it is this form refused (`page.form` is untyped in components). */
export function refusedForm(result: unknown, name: string): RefusedForm | undefined {
	const refused = result as Partial<RefusedForm> | null | undefined;
	return refused?.form === name && Array.isArray(refused.refusals) ? { form: name, refusals: refused.refusals, values: refused.values ?? {} } : undefined;
}

/** A value typed into the refused form, by field name (an own property only: the name may be any string). */
export const typedValue = (refused: RefusedForm | undefined, name: string): string | undefined => (refused?.values && Object.hasOwn(refused.values, name) ? refused.values[name] : undefined);

/** The refusals about one field, as one message (the field's error message), or undefined. */
export function fieldError(refused: RefusedForm | undefined, field: string): string | undefined {
	const texts = refused?.refusals.filter((r) => r.field === field).map((r) => r.text) ?? [];
	return texts.length ? texts.join('. ') : undefined;
}
