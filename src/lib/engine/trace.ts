// Plain-English reasons: a person must be able to see why each standard got its rating.
import { formatShare, interiorEdges } from './bands';
import type { CompositeResult, KeyQuestionResult, StandardResult } from './types';
import { NEEDS_DECISION, NOT_RATED } from './types';
import type { Model } from './model';
import { edgeList, intervalText, pointsText } from './margins';

const lower = (model: Model, outcome: string) =>
	outcome === NEEDS_DECISION ? 'needs a panel decision' : outcome === NOT_RATED ? 'not rated' : model.label(outcome).toLowerCase();

export function standardTrace(model: Model, s: StandardResult, kqs: Record<string, KeyQuestionResult>): string {
	const head = `${s.id} ${s.title}: ${lower(model, s.final)}`;
	if (!s.rated) {
		const { standard, domain } = model.standards.get(s.id)!;
		const why = s.unknownContext
			? `${unknownFacts(model, s.unknownContext.facts)}, so it is ${s.unknownContext.assumed}`
			: ((standard.ratedWhen ?? domain.ratedWhen)?.note?.replace(/\.$/, '') ?? 'not rated in this inspection');
		const kept = s.unusedEvidence ? `; evidence recorded for it is kept but takes no part (${s.unusedEvidence.join(', ')})` : '';
		return `${head} — ${why}${kept}`;
	}
	const parts: string[] = [];
	if (s.unknownContext) parts.push(`${unknownFacts(model, s.unknownContext.facts)}, so it is ${s.unknownContext.assumed}`);
	if (s.method === 'lowest-band') parts.push(...lowestBandReasons(model, s, kqs));
	if (s.method === 'rating-rules') parts.push(...ratingRuleReasons(model, s, kqs));
	if (s.method === 'judgement') parts.push(...judgementReasons(model, s, kqs));
	if (s.discretion.length) parts.push(`flagged for discretion: ${s.discretion.map((f) => f.text).join('; ')}`);
	if (s.final === NEEDS_DECISION) parts.push(`the panel must choose: ${s.allowed.map((r) => lower(model, r)).join(' or ')}`);
	if (s.decision) parts.push(`panel decision: ${lower(model, s.decision.rating)} — ${s.decision.reason}`);
	for (const v of s.violations) parts.push(`breaks ${v.kind === 'discretion' ? 'the discretion rule' : 'a decision rule'}: ${v.text}`);
	for (const g of s.guidance) parts.push(`departs from decision guidance (${g.text})${g.reason ? ` — reason: ${g.reason}` : ' with no reason recorded'}`);
	return `${head} — ${parts.join('; ')}`;
}

function unknownFacts(model: Model, facts: string[]): string {
	const label = (id: string) => (id === 'inspectionType' ? 'the inspection type' : ((model.framework.meta.contextFacts ?? []).find((f) => f.id === id)?.label.toLowerCase() ?? id));
	return `${facts.map(label).join(' and ')} ${facts.length === 1 ? 'is' : 'are'} not recorded`;
}

function shareOf(model: Model, kq: KeyQuestionResult): string {
	const banding = model.bandings.get(model.keyQuestions.get(kq.id)!.keyQuestion.banding!)!;
	return formatShare(kq.share!, interiorEdges(banding));
}

function lowestBandReasons(model: Model, s: StandardResult, kqs: Record<string, KeyQuestionResult>): string[] {
	const all = s.keyQuestions.map((id) => kqs[id]).filter((kq) => kq.kind === 'case');
	const counted = all.filter((kq) => kq.share !== null);
	const parts: string[] = [];
	if (!counted.length) return ['no key question has a relevant case'];
	const lowest = counted.reduce((low, kq) => (kq.share! < low.share! ? kq : low));
	parts.push(`${lowest.id} had ${lowest.yes} of ${lowest.relevant} relevant cases (${shareOf(model, lowest)}), ${lowest.band ? lowest.band.label : 'in no band'}`);
	if (counted.length > 1) parts.push(`lowest of ${counted.map((kq) => `${kq.id} ${shareOf(model, kq)}`).join(', ')}`);
	const idle = all.filter((kq) => kq.share === null);
	if (idle.length) parts.push(`${idle.map((kq) => kq.id).join(', ')} had no relevant cases and take no part`);
	return [...parts, ...marginReasons(model, counted)];
}

/** One part listing each share's margin, when the version states a confidence level: beside the rating, never part of it. */
function marginReasons(model: Model, kqs: KeyQuestionResult[]): string[] {
	const withMargin = kqs.filter((kq) => kq.margin);
	if (!withMargin.length) return [];
	const each = withMargin.map((kq) => {
		const m = kq.margin!;
		const edges = interiorEdges(model.bandings.get(model.keyQuestions.get(kq.id)!.keyQuestion.banding!)!);
		const caseload = m.population !== undefined ? `, of an eligible caseload of ${m.population}` : '';
		const inside = m.edgeInside.length ? `; the band ${m.edgeInside.length === 1 ? 'edge' : 'edges'} at ${edgeList(m.edgeInside)} ${m.edgeInside.length === 1 ? 'lies' : 'lie'} inside` : '';
		return `${kq.id} ${shareOf(model, kq)} ${pointsText(m.plusMinus)} (${intervalText(m, edges)}${caseload}${inside})`;
	});
	return [`margins at ${withMargin[0].margin!.confidence}% confidence, beside the rating: ${each.join(', ')}`];
}

function ratingRuleReasons(model: Model, s: StandardResult, kqs: Record<string, KeyQuestionResult>): string[] {
	const parts = s.keyQuestions.map((id) => {
		const kq = kqs[id];
		if (kq.kind === 'case') {
			return kq.share === null ? `${id} had no relevant cases` : `${id} had ${kq.yes} of ${kq.relevant} relevant cases (${shareOf(model, kq)}), ${lower(model, kq.band!.rating)}`;
		}
		return `${id} answered ${kq.answer ?? 'not yet'}`;
	});
	parts.push(`rating rules allow ${s.allowed.map((r) => lower(model, r)).join(' or ')}`);
	parts.push(...marginReasons(model, s.keyQuestions.map((id) => kqs[id])));
	return parts;
}

function judgementReasons(model: Model, s: StandardResult, kqs: Record<string, KeyQuestionResult>): string[] {
	const answered = s.keyQuestions.map((id) => kqs[id]).filter((kq) => kq.answer);
	const parts: string[] = [];
	if (answered.length) parts.push(`key questions ${answered.map((kq) => `${kq.id} ${kq.answer}`).join(', ')}`);
	for (const suggestion of s.suggestions) {
		parts.push(`guidance suggests ${suggestion.rating ? lower(model, suggestion.rating) : 'no rating'} (${suggestion.text})`);
	}
	parts.push(s.computed === NEEDS_DECISION ? 'no rating proposed yet' : `lead inspector proposed ${lower(model, s.computed)}`);
	return parts;
}

export function compositeTrace(model: Model, c: CompositeResult, standards: Record<string, StandardResult>, missing: string[]): string {
	const scored = c.standards
		.filter((id) => !missing.includes(id))
		.map((id) => {
			const final = standards[id].final;
			return final === NEEDS_DECISION ? `${id} pending (${standards[id].allowed.map((r) => lower(model, r)).join('/')})` : `${id} ${lower(model, final)}`;
		});
	const score = c.score !== null ? `score ${c.score} of ${c.max}` : `score between ${c.scoreRange[0]} and ${c.scoreRange[1]} of ${c.max}`;
	const parts = [`${score} from ${scored.join(', ')}`];
	if (missing.length) parts.push(`cannot be settled: ${missing.join(', ')} not rated`);
	if (c.limiter) parts.push(`limited by ${c.limiter.id}: ${c.limiter.text}`);
	for (const ch of c.challenges) parts.push(`flagged for challenge: ${ch.text}`);
	for (const u of c.undecided) parts.push(`undecided whether ${u.id} applies (${u.because.join('; ')}): ${u.text}`);
	const rating = c.rating === NEEDS_DECISION && c.ratingRange.length > 1 ? c.ratingRange.map((r) => lower(model, r)).join(' to ') : lower(model, c.rating);
	return `${c.title}: ${rating} — ${parts.join('; ')}`;
}
