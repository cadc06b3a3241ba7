// How sure a key question's share is: its margin of error at the version's confidence level
// (rules/README.md: margins). Information beside the rating; no rule reads it.
import { marginOfError } from '../sampling/margin';
import { formatShare, interiorEdges } from './bands';
import type { Inspection, KeyQuestionMargin, KeyQuestionResult, Warning } from './types';
import type { Model } from './model';

/** The eligible caseload per declared framework sample; any other entry is a warning, not a number used. */
export function caseloadOf(model: Model, inspection: Inspection, warnings: Warning[]): Map<string, number> {
	const known = new Map<string, number>();
	const given = inspection.caseload;
	if (!given || typeof given !== 'object') return known;
	const declared = new Set(model.framework.meta.samples.map((s) => s.id));
	for (const [sample, count] of Object.entries(given)) {
		if (declared.has(sample) && Number.isInteger(count) && count >= 0) known.set(sample, count);
		else {
			const why = declared.has(sample) ? `${String(count)} is not a whole number of cases` : `this version has no sample "${sample}" (${[...declared].join(', ')})`;
			warnings.push({ code: 'caseload-not-used', subject: sample, message: `the eligible caseload for ${sample} is not used: ${why}` });
		}
	}
	return known;
}

/** The margin of a case key question's share, or undefined when there are no cases or no confidence level. */
export function keyQuestionMargin(model: Model, kq: KeyQuestionResult, caseload: Map<string, number>, warnings: Warning[]): KeyQuestionMargin | undefined {
	const confidence = model.framework.sampling?.confidence?.value;
	if (typeof confidence !== 'number' || !(confidence > 0 && confidence < 100)) return undefined;
	if (kq.kind !== 'case' || kq.share === null || kq.relevant <= 0) return undefined;
	const { keyQuestion } = model.keyQuestions.get(kq.id)!;
	const samples = keyQuestion.samples ?? [];
	let population = samples.length && samples.every((s) => caseload.has(s)) ? samples.reduce((sum, s) => sum + caseload.get(s)!, 0) : undefined;
	if (population !== undefined && population < kq.relevant) {
		warnings.push({
			code: 'caseload-below-cases',
			subject: kq.id,
			message: `${kq.id} counts ${kq.relevant} relevant cases but the eligible caseload of its ${samples.join(' and ')} ${samples.length === 1 ? 'sample is' : 'samples is'} ${population}: its margin is given without the finite population correction`
		});
		population = undefined;
	}
	const m = marginOfError(kq.share, kq.relevant, confidence, population);
	if (!m) return undefined;
	const edges = interiorEdges(model.bandings.get(keyQuestion.banding!)!);
	return {
		confidence,
		plusMinus: m.margin,
		low: m.low,
		high: m.high,
		...(population !== undefined && { population }),
		edgeInside: edges.filter((e) => m.low < e && e <= m.high)
	};
}

/** Points as people read them: whole points, one decimal below one point. */
export function formatPoints(points: number): string {
	return points > 0 && points < 1 ? points.toFixed(1) : String(Math.round(points));
}

/** "± 10 points" */
export function pointsText(plusMinus: number): string {
	const points = formatPoints(plusMinus);
	return `± ${points} ${points === '1' ? 'point' : 'points'}`;
}

/** "± 10 points at 80% confidence" */
export function marginText(margin: KeyQuestionMargin): string {
	return `${pointsText(margin.plusMinus)} at ${margin.confidence}% confidence`;
}

/** "65%", "50% and 65%", "50%, 65% and 80%" */
export function edgeList(edges: number[]): string {
	const shown = edges.map((e) => `${e}%`);
	return shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}` : (shown[0] ?? '');
}

/** "55% to 73%", each end shown so rounding never carries it across a band edge */
export function intervalText(margin: KeyQuestionMargin, edges: number[] = []): string {
	return `${formatShare(margin.low, edges)} to ${formatShare(margin.high, edges)}`;
}

/** "the band edge at 65% lies inside the interval", or '' when none does */
export function edgeInsideText(margin: KeyQuestionMargin): string {
	const n = margin.edgeInside.length;
	if (!n) return '';
	return `the band ${n === 1 ? 'edge' : 'edges'} at ${edgeList(margin.edgeInside)} ${n === 1 ? 'lies' : 'lie'} inside the interval`;
}
