// The shapes of the rule files (see schema/) and of an evaluation's input and output.

import type { SamplingRules } from '../sampling/types';

export type RatingId = string;
export type Answer = 'yes' | 'no' | 'n/a';

export interface Source {
	document: string;
	section: string;
	note?: string;
}

export type Condition =
	| { all: Condition[] }
	| { any: Condition[] }
	| { not: Condition }
	| FactCondition;

export interface FactParams {
	standard?: string;
	keyQuestion?: string;
	standards?: string[];
	domains?: string[];
	ratings?: RatingId[];
	among?: RatingId[];
}

export interface FactCondition {
	fact: string;
	operator: string;
	value: unknown;
	params?: FactParams;
}

export interface Term {
	id: string;
	label: string;
	description?: string;
	source?: Source;
}

export interface FactDeclaration {
	id: string;
	label: string;
	type: 'boolean' | 'number' | 'string';
	values?: string[];
	source?: Source;
}

/** A context fact says what its absence means (rules/README.md: context facts). */
export interface ContextFactDeclaration extends FactDeclaration {
	required: boolean;
	whenUnknown: string;
}

export interface FrameworkMeta {
	id: string;
	version: string;
	title: string;
	status: 'draft' | 'published';
	effectiveFrom: string;
	effectiveFromSource?: Source;
	basedOn?: string;
	changeSummary?: string;
	sources: { document: string; title: string; use?: string }[];
	ratings: { id: RatingId; label: string; score: number }[];
	samples: Term[];
	caseFacts?: FactDeclaration[];
	contextFacts?: ContextFactDeclaration[];
	inspectionTypes?: Term[];
	domains: string[];
	gaps?: string[];
}

export interface Applicability {
	conditions: Condition;
	note: string;
	source?: Source;
}

export interface Prompt {
	id: string;
	text?: string;
	gap?: string;
	source: Source;
	note?: string;
	guidance?: string;
}

export interface KeyQuestion {
	id: string;
	text?: string;
	gap?: string;
	source: Source;
	kind: 'case' | 'judgement';
	samples?: string[];
	relevantWhen?: Applicability;
	banding?: string;
	guidance?: string;
	prompts: Prompt[];
	gaps?: string[];
}

export type Method = 'lowest-band' | 'judgement' | 'rating-rules';

export interface Standard {
	id: string;
	title: string;
	text?: string;
	gap?: string;
	source: Source;
	method: Method;
	ratedWhen?: Applicability;
	guidance?: string;
	judgementGuidance?: string;
	characteristics?: { source: Source; ratings: Record<RatingId, string> };
	keyQuestions: KeyQuestion[];
	gaps?: string[];
}

export interface Domain {
	id: string;
	title: string;
	source: Source;
	ratedWhen?: Applicability;
	standards: Standard[];
}

export interface Band {
	rating: RatingId;
	label: string;
	published?: string;
	min: number;
	max: number;
}

export interface Banding {
	id: string;
	title: string;
	purpose: 'rating' | 'guidance';
	source: Source;
	note?: string;
	bands: Band[];
}

export interface JudgementGuidanceRule {
	id: string;
	standards: string[];
	text: string;
	source: Source;
	conditions?: Condition;
	suggest?: RatingId;
	suggestFromBanding?: string;
	interpretation?: string;
}

export interface RatingRule {
	id: string;
	standard: string;
	text: string;
	source: Source;
	conditions: Condition;
	allow: RatingId[];
}

export interface DecisionRule {
	id: string;
	standard: string;
	rating: RatingId;
	kind: 'rule' | 'guidance';
	text: string;
	source: Source;
	requires: Condition;
	interpretation?: string;
}

export interface Limiter {
	id: string;
	text: string;
	source: Source;
	when: Condition;
	cap?: RatingId;
	challenge?: RatingId[];
	interpretation?: string;
}

export interface DiscretionTrigger {
	id: string;
	text: string;
	source: Source;
	standards?: string[];
	conditions: Condition;
	flag: string;
}

export interface RuleFile {
	judgementGuidance?: JudgementGuidanceRule[];
	ratingRules?: RatingRule[];
	decisionRules?: DecisionRule[];
	limiters?: Limiter[];
	discretion: { source: Source; maxSteps: number; triggers: DiscretionTrigger[] };
}

export interface Composite {
	title: string;
	source: Source;
	note?: string;
	standards: string[];
	scores: Record<RatingId, number>;
	max: number;
	bands: { rating: RatingId; min: number; max: number }[];
}

/** One framework version, as read from its files. */
export interface FrameworkVersion {
	meta: FrameworkMeta;
	domains: Domain[];
	bandings: Banding[];
	rules: RuleFile;
	composite: Composite;
	/** sampling.json, when the version has one */
	sampling?: SamplingRules;
	/** sha256 of the version's files in canonical form, set by whoever loaded it */
	hash: string;
}

export interface Inspection {
	context?: { inspectionType?: string; [fact: string]: string | number | boolean | undefined };
	tallies?: Record<string, { relevant: number; yes: number }>;
	cases?: {
		id: string;
		sample: string;
		/** the longlist stratum the case was drawn from: recorded with a draw, information only (no rule reads it) */
		stratum?: string;
		facts?: Record<string, string | number | boolean>;
		answers?: Record<string, Answer>;
	}[];
	judgements?: Record<
		string,
		{
			rating?: RatingId;
			keyQuestions?: Record<string, 'yes' | 'no'>;
			prompts?: Record<string, 'above' | 'below'>;
			reason?: string;
		}
	>;
	decisions?: Record<string, { rating: RatingId; reason: string }>;
	/** eligible caseload per framework sample, from the sample's draw: the population a share's margin corrects for */
	caseload?: Record<string, number>;
}

export const NEEDS_DECISION = 'needs-decision';
export const NOT_RATED = 'not-rated';
/** A standard's outcome: a rating id, or one of the two states above. */
export type Outcome = string;

export interface KeyQuestionResult {
	id: string;
	standard: string;
	kind: 'case' | 'judgement';
	/** case key questions: counts over relevant cases (tallies and per-case answers added) */
	relevant: number;
	yes: number;
	share: number | null;
	band: Band | null;
	/** judgement key questions: the lead inspector's yes/no */
	answer?: 'yes' | 'no';
	/** case key questions with relevant cases, in a version that states a confidence level (rules/README.md: margins) */
	margin?: KeyQuestionMargin;
}

/** How sure a share is: information beside the rating, which no rule reads. */
export interface KeyQuestionMargin {
	/** the version's confidence level, in per cent */
	confidence: number;
	/** percentage points either side of the share */
	plusMinus: number;
	/** the interval, in per cent, clipped to 0-100 */
	low: number;
	high: number;
	/** the eligible caseload the finite population correction used; absent when none was applied */
	population?: number;
	/** band edges of the key question's banding inside the interval (low < edge <= high) */
	edgeInside: number[];
}

export interface Flag {
	id: string;
	text: string;
}

export interface RuleFinding {
	standard: string;
	rule: string;
	kind: 'rule' | 'guidance' | 'discretion';
	text: string;
	/** for guidance: the recorded reason for departing from it, if any */
	reason?: string;
}

export interface StandardResult {
	id: string;
	title: string;
	method: Method;
	rated: boolean;
	computed: Outcome;
	final: Outcome;
	/** the ratings the panel may choose from, when a decision is pending or discretion applies */
	allowed: RatingId[];
	keyQuestions: string[];
	/** rating rules that fired for this standard (rating-rules method) */
	ratingRules: { id: string; text: string }[];
	suggestions: { rule: string; rating: RatingId | null; text: string }[];
	discretion: Flag[];
	guidance: RuleFinding[];
	violations: RuleFinding[];
	decision?: { rating: RatingId; reason: string };
	/** when `ratedWhen` read context facts the inspection does not give: which, and what was assumed */
	unknownContext?: { facts: string[]; assumed: string };
	/** evidence the inspection holds for a standard it does not rate: kept, but taking no part */
	unusedEvidence?: string[];
	trace: string;
}

/** A limiter that reads a context fact the inspection does not give: neither met nor ruled out. */
export interface UndecidedLimiter {
	id: string;
	text: string;
	facts: string[];
	/** each fact's `whenUnknown` */
	because: string[];
}

/** Something a person must know about a result (rules/README.md: warnings). */
export interface Warning {
	code: WarningCode;
	/** the standard, key question, fact, rule or limiter it is about, or `composite` */
	subject: string;
	message: string;
}

export const WARNING_CODES = [
	'context-fact-missing',
	'evidence-not-rated',
	'rule-undecided',
	'limiter-undecided',
	'answer-not-relevant',
	'answer-na-relevant',
	'cases-unanswered',
	'no-relevant-cases',
	'no-rating-rule',
	'composite-incomplete',
	'caseload-not-used',
	'caseload-below-cases'
] as const;

export type WarningCode = (typeof WARNING_CODES)[number];

export interface CompositeResult {
	title: string;
	standards: string[];
	score: number | null;
	max: number;
	scoreRange: [number, number];
	computed: Outcome;
	rating: Outcome;
	ratingRange: RatingId[];
	limiter: { id: string; text: string } | null;
	challenges: { id: string; text: string }[];
	/** limiters that read context facts the inspection does not give */
	undecided: UndecidedLimiter[];
	trace: string;
}

export interface EvaluationResult {
	framework: string;
	hash: string;
	standards: Record<string, StandardResult>;
	keyQuestions: Record<string, KeyQuestionResult>;
	composite: CompositeResult;
	violations: RuleFinding[];
	warnings: Warning[];
}
