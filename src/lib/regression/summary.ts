// The part of an evaluation result that regression runs keep and send between threads: each
// standard's ratings and the composite, with their traces when a reader needs the reasons.
import type { EvaluationResult } from '../engine/types';

export interface StandardSummary {
	id: string;
	title: string;
	computed: string;
	final: string;
	trace?: string;
}

export interface CompositeSummary {
	title: string;
	score: number | null;
	max: number;
	scoreRange: [number, number];
	rating: string;
	trace?: string;
}

export interface RatingSummary {
	/** "id@version" the evidence was rated under */
	framework: string;
	standards: Record<string, StandardSummary>;
	composite: CompositeSummary;
}

export function summarise(result: EvaluationResult, withTraces: boolean): RatingSummary {
	const standards: Record<string, StandardSummary> = {};
	for (const s of Object.values(result.standards)) {
		standards[s.id] = { id: s.id, title: s.title, computed: s.computed, final: s.final, ...(withTraces ? { trace: s.trace } : {}) };
	}
	const c = result.composite;
	return {
		framework: result.framework,
		standards,
		composite: { title: c.title, score: c.score, max: c.max, scoreRange: c.scoreRange, rating: c.rating, ...(withTraces ? { trace: c.trace } : {}) }
	};
}
