// The ratings panel: which standards it must look at, and whether a decision it records is one
// the rules allow. Pure, so the browser refuses a decision at once and the server again on save.
import { evaluate } from '../engine/evaluate';
import type { EvaluationResult, FrameworkVersion, Inspection, StandardResult } from '../engine/types';
import { NEEDS_DECISION } from '../engine/types';

/** Standards the panel must consider: flagged for discretion, pending, or already decided. */
export function panelStandards(result: EvaluationResult): StandardResult[] {
	return Object.values(result.standards).filter((s) => s.rated && (s.discretion.length > 0 || s.computed === NEEDS_DECISION || s.decision));
}

/**
 * Why the rules refuse this decision (the text of each rule it breaks), or [] when they allow it.
 * Decision guidance is not a refusal: a departure from it only needs its reason.
 */
export async function decisionRefusals(framework: FrameworkVersion, evidence: Inspection, standard: string, decision: { rating: string; reason: string }): Promise<string[]> {
	const trial: Inspection = { ...evidence, decisions: { ...evidence.decisions, [standard]: decision } };
	const result = await evaluate(framework, trial);
	const s = result.standards[standard];
	if (!s) return [`there is no standard ${standard} in ${result.framework}`];
	if (!s.rated) return [`${standard} is not rated in this inspection`];
	return s.violations.filter((v) => v.kind !== 'guidance').map((v) => v.text);
}
