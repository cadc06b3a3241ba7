// A framework version laid out for the workspace's pages: which case key questions each sample
// answers, and the bands each key question is rated by.
import type { Band, Domain, FrameworkVersion, KeyQuestion, Standard } from '../engine/types';

export interface Outline {
	standards: { standard: Standard; domain: Domain }[];
	keyQuestion: Map<string, { keyQuestion: KeyQuestion; standard: Standard }>;
	/** case key questions drawing on each sample, in framework order */
	bySample: Map<string, KeyQuestion[]>;
	caseKeyQuestions: KeyQuestion[];
	bands(keyQuestionId: string): Band[];
}

const outlines = new WeakMap<FrameworkVersion, Outline>();

export function outlineOf(framework: FrameworkVersion): Outline {
	let outline = outlines.get(framework);
	if (outline) return outline;
	const standards = framework.domains.flatMap((domain) => domain.standards.map((standard) => ({ standard, domain })));
	const keyQuestion = new Map(standards.flatMap(({ standard }) => standard.keyQuestions.map((kq) => [kq.id, { keyQuestion: kq, standard }] as const)));
	const caseKeyQuestions = standards.flatMap(({ standard }) => standard.keyQuestions.filter((kq) => kq.kind === 'case'));
	const bySample = new Map(framework.meta.samples.map((s) => [s.id, caseKeyQuestions.filter((kq) => kq.samples?.includes(s.id))]));
	const bandings = new Map(framework.bandings.map((b) => [b.id, b.bands]));
	outline = { standards, keyQuestion, bySample, caseKeyQuestions, bands: (id) => bandings.get(keyQuestion.get(id)?.keyQuestion.banding ?? '') ?? [] };
	outlines.set(framework, outline);
	return outline;
}

/** A key question or prompt's words, or its gap note when the source gives none. */
export const wording = (item: { text?: string; gap?: string }) => item.text ?? `(wording not published: ${item.gap ?? 'no source text'})`;
