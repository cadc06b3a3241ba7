// The facts a condition may read at each stage, with the words and kind of value the condition
// builder offers for each. The lists themselves are the engine's (engine/facts.ts).
import { DISCRETION_FACTS, FACT_PARAMS, JUDGEMENT_FACTS, LIMITER_FACTS, RATED_FACTS, RELEVANCE_FACTS, RESULT_FACTS } from '../engine/facts';
import type { FactDeclaration, FrameworkMeta } from '../engine/types';

export type Stage = 'relevance' | 'rated' | 'result' | 'limiter' | 'judgement' | 'discretion';

export type ValueKind = 'rating' | 'number' | 'boolean' | 'answer' | 'inspectionType' | 'sample' | 'string';

export interface FactOption {
	id: string;
	label: string;
	value: ValueKind;
	/** declared string facts: the values it takes */
	values?: string[];
	params?: 'standard' | 'keyQuestion' | 'selection';
}

const ENGINE_FACTS: Record<string, { label: string; value: ValueKind }> = {
	sample: { label: 'Case sample', value: 'sample' },
	inspectionType: { label: 'Inspection type', value: 'inspectionType' },
	rating: { label: 'Rating of a standard', value: 'rating' },
	ratingScore: { label: 'Score of a standard', value: 'number' },
	ratingCount: { label: 'How many standards have given ratings', value: 'number' },
	ratingShare: { label: '% of standards with given ratings', value: 'number' },
	band: { label: 'Band of a key question', value: 'rating' },
	share: { label: '% yes for a key question', value: 'number' },
	answer: { label: 'Answer to a qualitative key question', value: 'answer' },
	overall: { label: 'Overall rating (before any cap)', value: 'rating' },
	score: { label: 'Overall score', value: 'number' },
	keyQuestionsYes: { label: 'Key questions answered yes', value: 'number' },
	keyQuestionsNo: { label: 'Key questions answered no', value: 'number' },
	keyQuestionsAnswered: { label: 'Key questions answered', value: 'number' },
	promptsAbove: { label: 'Prompts above the line', value: 'number' },
	promptsBelow: { label: 'Prompts below the line', value: 'number' },
	positiveShare: { label: '% of key questions and prompts positive', value: 'number' },
	proposed: { label: "Lead inspector's proposed rating", value: 'rating' },
	computedRating: { label: 'Computed rating', value: 'rating' },
	lowestShare: { label: 'Lowest key question %', value: 'number' },
	marginToBoundary: { label: 'Points from a band edge', value: 'number' },
	oneCaseChangesRating: { label: 'One case would change the rating', value: 'boolean' },
	smallestSample: { label: 'Smallest sample', value: 'number' }
};

const STAGE_FACTS: Record<Stage, readonly string[]> = {
	relevance: RELEVANCE_FACTS,
	rated: RATED_FACTS,
	result: RESULT_FACTS,
	limiter: LIMITER_FACTS,
	judgement: JUDGEMENT_FACTS,
	discretion: DISCRETION_FACTS
};

const declared = (f: FactDeclaration): FactOption => ({
	id: f.id,
	label: f.label,
	value: f.type === 'boolean' ? 'boolean' : f.type === 'number' ? 'number' : 'string',
	...(f.values?.length ? { values: f.values } : {})
});

export function factOptions(stage: Stage, meta: Partial<FrameworkMeta>): FactOption[] {
	const engine = STAGE_FACTS[stage].map((id) => ({ id, ...ENGINE_FACTS[id], ...(FACT_PARAMS[id] ? { params: FACT_PARAMS[id] } : {}) }));
	const caseFacts = stage === 'relevance' ? (meta.caseFacts ?? []).map(declared) : [];
	const contextFacts = stage === 'judgement' || stage === 'discretion' ? [] : (meta.contextFacts ?? []).map(declared);
	return [...engine, ...caseFacts, ...contextFacts];
}

/** The words the builder shows for an operator. */
export const OPERATORS: { id: string; label: string }[] = [
	{ id: 'equal', label: 'is' },
	{ id: 'notEqual', label: 'is not' },
	{ id: 'lessThan', label: 'is less than' },
	{ id: 'lessThanInclusive', label: 'is at most' },
	{ id: 'greaterThan', label: 'is more than' },
	{ id: 'greaterThanInclusive', label: 'is at least' },
	{ id: 'in', label: 'is one of' },
	{ id: 'notIn', label: 'is not one of' },
	{ id: 'contains', label: 'contains' },
	{ id: 'doesNotContain', label: 'does not contain' }
];
