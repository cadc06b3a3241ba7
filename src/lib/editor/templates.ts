// New items for the editor, with the next free number. Wording and sources start empty: the
// validator asks for them at once, so nothing unsourced can be published.
import type { Band, DecisionRule, Domain, KeyQuestion, Limiter, Prompt, RatingRule, Source, Standard } from '../engine/types';

export const blankSource = (): Source => ({ document: '', section: '' });

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** The next published number under a parent: 2.4 after 2.1-2.3, 2.4.1.c after a and b. */
export function nextId(parentId: string, siblings: { id: string }[], style: 'number' | 'letter'): string {
	const prefix = `${parentId}.`;
	const suffixes = siblings.map((s) => s.id).filter((id) => id.startsWith(prefix)).map((id) => id.slice(prefix.length));
	if (style === 'number') {
		const n = Math.max(0, ...suffixes.map(Number).filter(Number.isInteger));
		let next = n + 1;
		while (siblings.some((s) => s.id === `${prefix}${next}`)) next++;
		return `${prefix}${next}`;
	}
	const used = new Set(suffixes);
	const letter = [...LETTERS].find((l, i) => !used.has(l) && suffixes.every((s) => LETTERS.indexOf(s) < i)) ?? [...LETTERS].find((l) => !used.has(l)) ?? `${siblings.length + 1}`;
	return `${prefix}${letter}`;
}

/** A standard's number in its domain: 2.4 in domain 2; V2 after V1 where the domain numbers that way. */
export function nextStandardId(domain: Domain): string {
	const standards = domain.standards ?? [];
	const glued = standards.length > 0 && standards.every((s) => /^[A-Za-z]+\d+$/.test(s.id));
	if (glued) {
		const prefix = standards[0].id.replace(/\d+$/, '');
		return `${prefix}${Math.max(...standards.map((s) => Number(s.id.slice(prefix.length)) || 0)) + 1}`;
	}
	return nextId(domain.id, standards, 'number');
}

/** A free slug from a base: review-cap, review-cap-2, … */
export function uniqueSlug(base: string, taken: Iterable<string>): string {
	const used = new Set(taken);
	if (!used.has(base)) return base;
	let n = 2;
	while (used.has(`${base}-${n}`)) n++;
	return `${base}-${n}`;
}

export function newPrompt(id: string): Prompt {
	return { id, text: '', source: blankSource() };
}

export function newKeyQuestion(id: string, kind: 'case' | 'judgement', samples: string[], banding: string | undefined): KeyQuestion {
	return kind === 'case'
		? { id, text: '', source: blankSource(), kind, samples: [...samples], banding: banding ?? '', prompts: [] }
		: { id, text: '', source: blankSource(), kind, prompts: [] };
}

export function newStandard(id: string, samples: string[], banding: string | undefined): Standard {
	return { id, title: '', text: '', source: blankSource(), method: 'lowest-band', keyQuestions: [newKeyQuestion(`${id}.1`, 'case', samples, banding)] };
}

export function newDomain(id: string, samples: string[], banding: string | undefined): Domain {
	return { id, title: '', source: blankSource(), standards: [newStandard(`${id}.1`, samples, banding)] };
}

export function newLimiter(id: string, cap: string): Limiter {
	return { id, text: '', source: blankSource(), when: { all: [] }, cap };
}

export function newDecisionRule(id: string, standard: string, rating: string): DecisionRule {
	return { id, standard, rating, kind: 'rule', text: '', source: blankSource(), requires: { all: [] } };
}

export function newRatingRule(id: string, standard: string, allow: string): RatingRule {
	return { id, standard, text: '', source: blankSource(), conditions: { all: [] }, allow: [allow] };
}

/** A band for a banding that has none free: the top 10% (the validator shows the overlap it makes). */
export function newBand(rating: string): Band {
	return { rating, label: '', min: 90, max: 100 };
}
