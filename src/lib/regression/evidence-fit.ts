// Evidence recorded under one framework version, kept to what another version defines. What a
// version does not define (a key question it lacks, a sample, a fact) is dropped and reported,
// never mapped to something else: comparing two versions must not guess.
import { pointer } from '../engine/errors';
import type { FrameworkVersion, Inspection } from '../engine/types';

export interface Dropped {
	/** where the dropped evidence sits in the inspection */
	pointer: string;
	message: string;
}

export interface FittedEvidence {
	inspection: Inspection;
	dropped: Dropped[];
}

interface Defined {
	ref: string;
	ratings: Set<string>;
	samples: Set<string>;
	inspectionTypes: Set<string>;
	contextFacts: Map<string, string>;
	caseFacts: Map<string, string>;
	standards: Set<string>;
	/** case-based key questions */
	caseQuestions: Set<string>;
	/** case-based key questions and their prompts: what a case may answer */
	caseAnswers: Set<string>;
	/** per judgement standard: its judgement key questions, and their prompts */
	judgementQuestions: Map<string, Set<string>>;
	judgementPrompts: Map<string, Set<string>>;
}

/** An object keyed by ids from the evidence, with no prototype for a key to reach. */
const dict = <T>(): Record<string, T> => Object.create(null);

function defined(framework: FrameworkVersion): Defined {
	const d: Defined = {
		ref: `${framework.meta.id}@${framework.meta.version}`,
		ratings: new Set(framework.meta.ratings.map((r) => r.id)),
		samples: new Set(framework.meta.samples.map((s) => s.id)),
		inspectionTypes: new Set((framework.meta.inspectionTypes ?? []).map((t) => t.id)),
		contextFacts: new Map((framework.meta.contextFacts ?? []).map((f) => [f.id, f.type])),
		caseFacts: new Map((framework.meta.caseFacts ?? []).map((f) => [f.id, f.type])),
		standards: new Set(),
		caseQuestions: new Set(),
		caseAnswers: new Set(),
		judgementQuestions: new Map(),
		judgementPrompts: new Map()
	};
	for (const domain of framework.domains) {
		for (const s of domain.standards) {
			d.standards.add(s.id);
			const questions = new Set<string>();
			const prompts = new Set<string>();
			for (const kq of s.keyQuestions) {
				if (kq.kind === 'case') {
					d.caseQuestions.add(kq.id);
					d.caseAnswers.add(kq.id);
					for (const p of kq.prompts) d.caseAnswers.add(p.id);
				} else {
					questions.add(kq.id);
					for (const p of kq.prompts) prompts.add(p.id);
				}
			}
			d.judgementQuestions.set(s.id, questions);
			d.judgementPrompts.set(s.id, prompts);
		}
	}
	return d;
}

/**
 * The evidence a version can rate, and what it leaves out. `at` prefixes the pointers (e.g.
 * "/inspection" for a golden file). The input is expected to be schema-valid evidence.
 */
export function fitEvidence(framework: FrameworkVersion, evidence: Inspection, at = ''): FittedEvidence {
	const d = defined(framework);
	const dropped: Dropped[] = [];
	const drop = (where: string, message: string) => dropped.push({ pointer: at + where, message: `${message}: not in ${d.ref}` });
	const out: Inspection = {};

	if (evidence.context) {
		const context: NonNullable<Inspection['context']> = dict();
		for (const [key, value] of Object.entries(evidence.context)) {
			if (value === undefined) continue;
			if (key === 'inspectionType') {
				if (d.inspectionTypes.has(String(value))) context.inspectionType = String(value);
				else drop(pointer('context', key), `inspection type "${value}"`);
			} else if (d.contextFacts.get(key) === typeof value) context[key] = value;
			else drop(pointer('context', key), d.contextFacts.has(key) ? `context fact "${key}" as a ${typeof value}` : `context fact "${key}"`);
		}
		out.context = context;
	}

	if (evidence.tallies) {
		out.tallies = dict();
		for (const [id, tally] of Object.entries(evidence.tallies)) {
			if (d.caseQuestions.has(id)) out.tallies[id] = { ...tally };
			else drop(pointer('tallies', id), `case-based key question ${id}`);
		}
	}

	if (evidence.cases) {
		out.cases = [];
		evidence.cases.forEach((c, i) => {
			if (!d.samples.has(c.sample)) {
				drop(pointer('cases', i), `case ${c.id}: sample "${c.sample}"`);
				return;
			}
			const kept: NonNullable<Inspection['cases']>[number] = { id: c.id, sample: c.sample };
			if (c.facts) {
				kept.facts = dict();
				for (const [key, value] of Object.entries(c.facts)) {
					if (d.caseFacts.get(key) === typeof value) kept.facts[key] = value;
					else drop(pointer('cases', i, 'facts', key), `case ${c.id}: case fact "${key}"`);
				}
			}
			if (c.answers) {
				kept.answers = dict();
				for (const [id, answer] of Object.entries(c.answers)) {
					if (d.caseAnswers.has(id)) kept.answers[id] = answer;
					else drop(pointer('cases', i, 'answers', id), `case ${c.id}: answer to ${id}, a case-based key question or prompt`);
				}
			}
			out.cases!.push(kept);
		});
	}

	if (evidence.judgements) {
		out.judgements = dict();
		for (const [id, judgement] of Object.entries(evidence.judgements)) {
			const questions = d.judgementQuestions.get(id);
			if (!questions) {
				drop(pointer('judgements', id), `standard ${id}`);
				continue;
			}
			const kept: NonNullable<Inspection['judgements']>[string] = dict();
			if (judgement.rating !== undefined) {
				if (d.ratings.has(judgement.rating)) kept.rating = judgement.rating;
				else drop(pointer('judgements', id, 'rating'), `rating "${judgement.rating}"`);
			}
			if (judgement.reason !== undefined) kept.reason = judgement.reason;
			if (judgement.keyQuestions) {
				kept.keyQuestions = dict();
				for (const [kq, answer] of Object.entries(judgement.keyQuestions)) {
					if (questions.has(kq)) kept.keyQuestions[kq] = answer;
					else drop(pointer('judgements', id, 'keyQuestions', kq), `judgement key question ${kq} of standard ${id}`);
				}
			}
			if (judgement.prompts) {
				const prompts = d.judgementPrompts.get(id)!;
				kept.prompts = dict();
				for (const [p, line] of Object.entries(judgement.prompts)) {
					if (prompts.has(p)) kept.prompts[p] = line;
					else drop(pointer('judgements', id, 'prompts', p), `prompt ${p} of standard ${id}`);
				}
			}
			out.judgements[id] = kept;
		}
	}

	if (evidence.decisions) {
		out.decisions = dict();
		for (const [id, decision] of Object.entries(evidence.decisions)) {
			if (!d.standards.has(id)) drop(pointer('decisions', id), `panel decision on standard ${id}`);
			else if (!d.ratings.has(decision.rating)) drop(pointer('decisions', id), `panel decision on ${id}: rating "${decision.rating}"`);
			else out.decisions[id] = { ...decision };
		}
	}
	return { inspection: out, dropped };
}
