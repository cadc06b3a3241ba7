// The Qualitative tab's form, posted without JavaScript: its fields (named as JudgementStandard
// names them) become the same edits the page sends with JavaScript, one per answer that differs
// from the record. Every id a field names is looked up among the version's own before it is
// used; a name the version does not know is refused with a message, never indexed.
import type { FrameworkVersion } from '../engine/types';
import type { Edit } from './edits';
import type { InspectionRecord } from './record';
import type { Refusal } from './refusals';

/** The field names, shared with the component that draws them. */
export const judgementField = {
	prompt: (prompt: string) => `prompt-${prompt}`,
	keyQuestion: (keyQuestion: string) => `kq-${keyQuestion}`,
	propose: (standard: string) => `propose-${standard}`,
	reason: (standard: string) => `reason-${standard}`
};

interface Terms {
	/** judgement key question → its standard */
	keyQuestions: Map<string, string>;
	/** prompt of a judgement key question → its standard */
	prompts: Map<string, string>;
	/** standards judged by the lead inspector (a proposed rating and its reason) */
	proposed: Set<string>;
}

const terms = new WeakMap<FrameworkVersion, Terms>();

function termsOf(framework: FrameworkVersion): Terms {
	const known = terms.get(framework);
	if (known) return known;
	const made: Terms = { keyQuestions: new Map(), prompts: new Map(), proposed: new Set() };
	for (const domain of framework.domains) {
		for (const standard of domain.standards) {
			if (standard.method === 'judgement') made.proposed.add(standard.id);
			for (const kq of standard.keyQuestions) {
				if (kq.kind !== 'judgement') continue;
				made.keyQuestions.set(kq.id, standard.id);
				for (const p of kq.prompts) made.prompts.set(p.id, standard.id);
			}
		}
	}
	terms.set(framework, made);
	return made;
}

/**
 * The form as edits: a radio left unchosen changes nothing (a form without JavaScript cannot
 * clear one); the reason is sent with the proposal, as the page does. Values are left to the
 * edits to check (`applyEdit` refuses anything but above/below, yes/no, a version's rating).
 */
export function judgementEdits(framework: FrameworkVersion, record: InspectionRecord, form: FormData): { edits: Edit[]; refusals: Refusal[] } {
	const { keyQuestions, prompts, proposed } = termsOf(framework);
	const ref = `${framework.meta.id}@${framework.meta.version}`;
	const judgements = record.evidence.judgements ?? {};
	const own = <T>(map: Record<string, T> | undefined, key: string): T | undefined => (map && Object.hasOwn(map, key) ? map[key] : undefined);
	const judgementOf = (standard: string) => own(judgements, standard);
	const edits: Edit[] = [];
	const refusals: Refusal[] = [];
	// per standard: the rating and reason posted, to send as one proposal
	const proposals = new Map<string, { rating?: string; reason?: string }>();
	for (const [name, raw] of form) {
		if (name === 'revision') continue;
		const value = typeof raw === 'string' ? raw : '';
		const [, kind, id] = /^(prompt|kq|propose|reason)-(.+)$/.exec(name) ?? [];
		if (kind === 'prompt') {
			const standard = prompts.get(id);
			if (!standard) refusals.push({ text: `"${id}" is not a prompt of a qualitative standard of ${ref}` });
			else if (own(judgementOf(standard)?.prompts, id) !== value) edits.push({ type: 'judge-prompt', standard, prompt: id, judgement: value as 'above' | 'below' });
		} else if (kind === 'kq') {
			const standard = keyQuestions.get(id);
			if (!standard) refusals.push({ text: `"${id}" is not a key question of a qualitative standard of ${ref}` });
			else if (own(judgementOf(standard)?.keyQuestions, id) !== value) edits.push({ type: 'judge-key-question', standard, keyQuestion: id, answer: value as 'yes' | 'no' });
		} else if (kind === 'propose' || kind === 'reason') {
			if (!proposed.has(id)) {
				refusals.push({ text: `"${id}" is not a standard of ${ref} that takes a proposed rating` });
				continue;
			}
			const posted = proposals.get(id) ?? {};
			if (kind === 'propose') posted.rating = value;
			else posted.reason = value;
			proposals.set(id, posted);
		} else refusals.push({ text: `The form has a field this page does not know ("${name.slice(0, 100)}")` });
	}
	for (const [standard, posted] of proposals) {
		const current = judgementOf(standard);
		const rating = posted.rating ?? current?.rating ?? null;
		const reason = posted.reason === undefined ? (current?.reason ?? null) : posted.reason.trim() || null;
		if (rating !== (current?.rating ?? null) || reason !== (current?.reason ?? null)) edits.push({ type: 'propose', standard, rating, reason });
	}
	return { edits, refusals };
}
