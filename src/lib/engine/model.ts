// A framework version indexed for evaluation: look-ups by id, the rating order, its rule sets.
import type { Banding, Domain, FrameworkVersion, KeyQuestion, RatingId, Standard } from './types';
import { compileRules, type CompiledRules } from './rule-sets';

export interface Model {
	framework: FrameworkVersion;
	/** best first */
	ratings: RatingId[];
	standards: Map<string, { standard: Standard; domain: Domain }>;
	keyQuestions: Map<string, { keyQuestion: KeyQuestion; standard: Standard }>;
	bandings: Map<string, Banding>;
	/** per sample, the case-based key questions drawing on it: relevant to every case of it, or only where `relevantWhen` holds */
	bySample: Map<string, { always: string[]; conditional: string[] }>;
	rules: CompiledRules;
	score(rating: RatingId): number;
	label(rating: string): string;
}

const models = new WeakMap<FrameworkVersion, Model>();

/** The model of a version, built once per loaded version object. */
export function modelOf(framework: FrameworkVersion): Model {
	let model = models.get(framework);
	if (!model) {
		model = buildModel(framework);
		models.set(framework, model);
	}
	return model;
}

function buildModel(framework: FrameworkVersion): Model {
	const scale = [...framework.meta.ratings].sort((a, b) => b.score - a.score);
	const scores = new Map(scale.map((r) => [r.id, r.score]));
	const labels = new Map(scale.map((r) => [r.id, r.label]));
	const standards = new Map<string, { standard: Standard; domain: Domain }>();
	const keyQuestions = new Map<string, { keyQuestion: KeyQuestion; standard: Standard }>();
	for (const domain of framework.domains) {
		for (const standard of domain.standards) {
			standards.set(standard.id, { standard, domain });
			for (const keyQuestion of standard.keyQuestions) keyQuestions.set(keyQuestion.id, { keyQuestion, standard });
		}
	}
	const bySample = new Map<string, { always: string[]; conditional: string[] }>();
	for (const { keyQuestion } of keyQuestions.values()) {
		if (keyQuestion.kind !== 'case') continue;
		for (const sample of keyQuestion.samples ?? []) {
			if (!bySample.has(sample)) bySample.set(sample, { always: [], conditional: [] });
			bySample.get(sample)![keyQuestion.relevantWhen ? 'conditional' : 'always'].push(keyQuestion.id);
		}
	}
	const lowestBand = [...standards.values()].filter((s) => s.standard.method === 'lowest-band').map((s) => s.standard.id);
	return {
		framework,
		ratings: scale.map((r) => r.id),
		standards,
		keyQuestions,
		bandings: new Map(framework.bandings.map((b) => [b.id, b])),
		bySample,
		rules: compileRules(framework, lowestBand),
		score: (rating) => scores.get(rating) ?? 0,
		label: (rating) => labels.get(rating) ?? rating.replace(/-/g, ' ')
	};
}
