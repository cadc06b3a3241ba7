// The facts each stage gives to json-rules-engine conditions. Conditions in rules/ may name these,
// and the case and context facts a framework version declares; validation refuses any other.

export const RELEVANCE_FACTS = ['sample', 'inspectionType'] as const;
export const RATED_FACTS = ['inspectionType'] as const;

/** Facts about one standard; a rule that names them is compiled once per standard it targets. */
export const JUDGEMENT_FACTS = [
	'keyQuestionsYes',
	'keyQuestionsNo',
	'keyQuestionsAnswered',
	'promptsAbove',
	'promptsBelow',
	'positiveShare',
	'proposed'
] as const;

export const DISCRETION_FACTS = [
	'computedRating',
	'lowestShare',
	'marginToBoundary',
	'oneCaseChangesRating',
	'smallestSample'
] as const;

/** Facts about the whole result so far: ratings of standards, bands of key questions. */
export const RESULT_FACTS = [
	'rating',
	'ratingScore',
	'ratingCount',
	'ratingShare',
	'band',
	'share',
	'answer',
	'inspectionType'
] as const;

export const LIMITER_FACTS = [...RESULT_FACTS, 'overall', 'score'] as const;

/** Which params each parameterised fact needs. */
export const FACT_PARAMS: Record<string, 'standard' | 'keyQuestion' | 'selection'> = {
	rating: 'standard',
	ratingScore: 'standard',
	ratingCount: 'selection',
	ratingShare: 'selection',
	band: 'keyQuestion',
	share: 'keyQuestion',
	answer: 'keyQuestion'
};

/** The facts an inspection records once for the whole inspection: `inspectionType` and the declared context facts. */
export function contextFactIds(framework: { meta: { contextFacts?: { id: string }[] } }): string[] {
	return ['inspectionType', ...(framework.meta.contextFacts ?? []).map((f) => f.id)];
}
