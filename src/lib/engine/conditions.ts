// Why a condition holds or not: one condition run through json-rules-engine against the facts a
// stage gives it, with the value each fact had and each part's result, so an editor can show
// whether a rule fires and why. The facts are rebuilt from a finished evaluation.
import { Engine, type TopLevelCondition } from 'json-rules-engine';
import { modelOf } from './model';
import { resultFacts } from './evaluate';
import { compositeBandOf } from './bands';
import { NEEDS_DECISION, type Condition, type EvaluationResult, type FactParams, type FrameworkVersion, type Inspection } from './types';

export interface ConditionOutcome {
	/** undefined: json-rules-engine did not need to look at this part */
	result: boolean | undefined;
	all?: ConditionOutcome[];
	any?: ConditionOutcome[];
	not?: ConditionOutcome;
	fact?: string;
	operator?: string;
	value?: unknown;
	params?: FactParams;
	/** the fact's value */
	actual?: unknown;
}

/** Run one condition, as the engine runs rules (undefined facts allowed), and say what each part found. */
export async function explainCondition(condition: Condition, facts: Record<string, unknown>): Promise<ConditionOutcome> {
	const conditions = ('fact' in condition ? { all: [condition] } : condition) as unknown as TopLevelCondition;
	const engine = new Engine([{ conditions, event: { type: 'fired' } }], { allowUndefinedFacts: true });
	const { results, failureResults } = await engine.run(facts);
	const ruleResult = results[0] ?? failureResults[0];
	// json-rules-engine sets results on nested parts only; the top's is the rule's own.
	const outcome = { ...read(ruleResult.conditions as unknown as Evaluated), result: ruleResult.result };
	// A bare fact condition was wrapped in "all" to run; hand back its own outcome.
	return 'fact' in condition ? outcome.all![0] : outcome;
}

interface Evaluated {
	operator: string;
	result?: boolean;
	all?: Evaluated[];
	any?: Evaluated[];
	not?: Evaluated;
	fact?: string;
	value?: unknown;
	params?: FactParams;
	factResult?: unknown;
}

function read(c: Evaluated): ConditionOutcome {
	if (c.all) return { result: c.result, all: c.all.map(read) };
	if (c.any) return { result: c.result, any: c.any.map(read) };
	if (c.not) return { result: c.result, not: read(c.not) };
	const out: ConditionOutcome = { result: c.result, fact: c.fact, operator: c.operator, value: c.value, actual: c.factResult };
	if (c.params) out.params = c.params;
	return out;
}

export type TryStage = 'result' | 'limiter' | 'rated';

/**
 * The facts a stage gave its conditions in an evaluation, rebuilt from the result:
 * "result" for rating and decision rules, "limiter" adds the overall rating and score
 * before any cap, "rated" is the inspection's context.
 */
export function stageFacts(framework: FrameworkVersion, inspection: Inspection, result: EvaluationResult, stage: TryStage): Record<string, unknown> {
	const context: Record<string, unknown> = { ...(inspection.context ?? {}) };
	if (stage === 'rated') return context;
	const facts = resultFacts(modelOf(framework), result.standards, result.keyQuestions, inspection, context);
	if (stage === 'result') return facts;
	// as scoreComposite gives them to limiters: the range's ends, banded before any cap
	const [low, high] = result.composite.scoreRange;
	const banded = (score: number) => compositeBandOf(framework.composite, score) ?? NEEDS_DECISION;
	return { ...facts, score: low === high ? low : undefined, overall: banded(low) === banded(high) ? banded(low) : undefined };
}

/** Per case, the facts a relevance condition reads. */
export function caseFacts(inspection: Inspection): { id: string; sample: string; facts: Record<string, unknown> }[] {
	const context = inspection.context ?? {};
	return (inspection.cases ?? []).map((c) => ({ id: c.id, sample: c.sample, facts: { ...context, ...(c.facts ?? {}), sample: c.sample } }));
}
