// evidence → counts → bands → standard ratings → discretion → panel decisions → decision rules
// → judgement guidance → composite and limiters. Pure: a fresh state per call, no I/O.
import { bandOf, compositeBandOf, marginToBoundary } from './bands';
import { tallyEvidence } from './evidence';
import type { FactParams, FrameworkVersion, Inspection, KeyQuestionResult, RatingId, RuleFinding, StandardResult, EvaluationResult, CompositeResult, UndecidedLimiter, Warning } from './types';
import { NEEDS_DECISION, NOT_RATED } from './types';
import { modelOf, type Model } from './model';
import { compositeTrace, standardTrace } from './trace';
import { coverage, whenUnknown } from './context';
import { caseloadOf, keyQuestionMargin } from './margins';

const isRating = (model: Model, outcome: string | undefined): outcome is RatingId =>
	outcome !== undefined && model.ratings.includes(outcome);

export async function evaluate(framework: FrameworkVersion, inspection: Inspection): Promise<EvaluationResult> {
	const model = modelOf(framework);
	const warnings: Warning[] = [];
	const context: Record<string, unknown> = { ...(inspection.context ?? {}) };

	const covered = await coverage(model, inspection, context, warnings);
	const tallies = await tallyEvidence(model, inspection, context, warnings);
	const keyQuestions = bandKeyQuestions(model, tallies, inspection);
	const caseload = caseloadOf(model, inspection, warnings);
	for (const kq of Object.values(keyQuestions)) {
		const margin = keyQuestionMargin(model, kq, caseload, warnings);
		if (margin) kq.margin = margin;
	}

	const standards: Record<string, StandardResult> = {};
	for (const [id, { standard }] of model.standards) {
		const rated = !covered.notRated.has(id);
		standards[id] = {
			id,
			title: standard.title,
			method: standard.method,
			rated,
			computed: rated ? NEEDS_DECISION : NOT_RATED,
			final: rated ? NEEDS_DECISION : NOT_RATED,
			allowed: [],
			keyQuestions: standard.keyQuestions.map((kq) => kq.id),
			ratingRules: [],
			suggestions: [],
			discretion: [],
			guidance: [],
			violations: [],
			...(covered.assumed.has(id) && { unknownContext: covered.assumed.get(id) }),
			...(covered.unused.has(id) && { unusedEvidence: covered.unused.get(id) }),
			trace: ''
		};
	}
	const ratedOnes = (method: string) => Object.values(standards).filter((s) => s.rated && s.method === method);
	const decide = (s: StandardResult) => {
		const decision = inspection.decisions?.[s.id];
		if (decision) s.decision = { rating: decision.rating, reason: decision.reason };
		s.final = decision?.rating ?? s.computed;
	};

	for (const s of ratedOnes('lowest-band')) {
		s.computed = lowestBand(model, s, keyQuestions);
		if (s.computed === NEEDS_DECISION) {
			s.allowed = [...model.ratings];
			warnings.push({ code: 'no-relevant-cases', subject: s.id, message: `${s.id}: no key question has a relevant case, so the panel must rate it` });
		} else s.allowed = [s.computed];
	}
	await flagDiscretion(model, ratedOnes('lowest-band'), keyQuestions);
	for (const s of ratedOnes('lowest-band')) decide(s);

	const facts = resultFacts(model, standards, keyQuestions, inspection, context);
	const ratingRules = await model.rules.ratingRules.run(facts);
	undecidedRules(model, framework.rules.ratingRules ?? [], ratingRules.undecided, warnings);
	for (const s of ratedOnes('rating-rules')) {
		const rules = (framework.rules.ratingRules ?? []).filter((r) => r.standard === s.id && ratingRules.fired.has(r.id));
		s.ratingRules = rules.map((r) => ({ id: r.id, text: r.text }));
		const allowed = new Set(rules.flatMap((r) => r.allow));
		s.allowed = rules.length ? model.ratings.filter((r) => allowed.has(r)) : [...model.ratings];
		if (!rules.length) warnings.push({ code: 'no-rating-rule', subject: s.id, message: `${s.id}: no rating rule applies yet (its key questions need evidence), so the panel must rate it` });
		s.computed = s.allowed.length === 1 ? s.allowed[0] : NEEDS_DECISION;
		decide(s);
	}
	for (const s of ratedOnes('judgement')) {
		const proposed = inspection.judgements?.[s.id]?.rating;
		s.computed = proposed ?? NEEDS_DECISION;
		s.allowed = [...model.ratings];
		decide(s);
	}

	checkDecisionsWithinAllowed(model, standards);
	await applyDecisionRules(model, standards, facts, inspection, warnings);
	await suggestJudgements(model, ratedOnes('judgement'), inspection);

	const violations = Object.values(standards).flatMap((s) => s.violations);
	for (const s of Object.values(standards)) s.trace = standardTrace(model, s, keyQuestions);
	const composite = await scoreComposite(model, standards, facts, warnings);
	return {
		framework: `${framework.meta.id}@${framework.meta.version}`,
		hash: framework.hash,
		standards,
		keyQuestions,
		composite,
		violations,
		warnings
	};
}

function bandKeyQuestions(
	model: Model,
	tallies: Map<string, { relevant: number; yes: number }>,
	inspection: Inspection
): Record<string, KeyQuestionResult> {
	const results: Record<string, KeyQuestionResult> = {};
	for (const [id, { keyQuestion, standard }] of model.keyQuestions) {
		if (keyQuestion.kind === 'case') {
			const { relevant, yes } = tallies.get(id)!;
			const share = relevant > 0 ? (100 * yes) / relevant : null;
			const banding = model.bandings.get(keyQuestion.banding!)!;
			results[id] = { id, standard: standard.id, kind: 'case', relevant, yes, share, band: share === null ? null : bandOf(banding, share) };
		} else {
			const answer = inspection.judgements?.[standard.id]?.keyQuestions?.[id];
			results[id] = { id, standard: standard.id, kind: 'judgement', relevant: 0, yes: 0, share: null, band: null, answer };
		}
	}
	return results;
}

/** The lowest band of the key questions that have relevant cases. */
function lowestBand(model: Model, s: StandardResult, kqs: Record<string, KeyQuestionResult>): string {
	const bands = s.keyQuestions.map((id) => kqs[id]).filter((kq) => kq.kind === 'case' && kq.band);
	if (!bands.length) return NEEDS_DECISION;
	return bands.reduce((low, kq) => (model.score(kq.band!.rating) < model.score(low) ? kq.band!.rating : low), bands[0].band!.rating);
}

async function flagDiscretion(model: Model, lowest: StandardResult[], kqs: Record<string, KeyQuestionResult>) {
	const perStandard = new Map<string, Record<string, unknown>>();
	for (const s of lowest) {
		if (s.computed === NEEDS_DECISION) continue;
		const counted = s.keyQuestions.map((id) => kqs[id]).filter((kq) => kq.kind === 'case' && kq.share !== null);
		const lowestKq = counted.reduce((low, kq) => (kq.share! < low.share! ? kq : low), counted[0]);
		const banding = (id: string) => model.bandings.get(model.keyQuestions.get(id)!.keyQuestion.banding!)!;
		// One case answered the other way, in any key question: does the standard's band move?
		const oneCase = counted.some((kq) =>
			[kq.yes - 1, kq.yes + 1].some((yes) => {
				if (yes < 0 || yes > kq.relevant) return false;
				const moved = bandOf(banding(kq.id), (100 * yes) / kq.relevant)?.rating;
				const others = counted.filter((o) => o !== kq).map((o) => o.band!.rating);
				const ratings = [...others, moved].filter((r): r is string => !!r);
				const low = ratings.reduce((a, b) => (model.score(b) < model.score(a) ? b : a));
				return low !== s.computed;
			})
		);
		perStandard.set(s.id, {
			computedRating: s.computed,
			lowestShare: round(lowestKq.share!),
			marginToBoundary: round(marginToBoundary(banding(lowestKq.id), lowestKq.share!)),
			oneCaseChangesRating: oneCase,
			smallestSample: Math.min(...counted.map((kq) => kq.relevant))
		});
	}
	const scoped = (name: string) => (params: FactParams) => perStandard.get(params.standard ?? '')?.[name];
	const fired = await model.rules.discretion.fired({
		computedRating: scoped('computedRating'),
		lowestShare: scoped('lowestShare'),
		marginToBoundary: scoped('marginToBoundary'),
		oneCaseChangesRating: scoped('oneCaseChangesRating'),
		smallestSample: scoped('smallestSample')
	});
	const { triggers, maxSteps } = model.framework.rules.discretion;
	for (const s of lowest) {
		const facts = perStandard.get(s.id);
		if (!facts) continue;
		for (const trigger of triggers) {
			if (!fired.has(`${trigger.id}|${s.id}`)) continue;
			s.discretion.push({ id: trigger.id, text: fillFlag(trigger.flag, facts) });
		}
		if (s.discretion.length) {
			const at = model.ratings.indexOf(s.computed);
			s.allowed = model.ratings.filter((_, i) => Math.abs(i - at) <= maxSteps);
		}
	}
}

const round = (n: number) => Math.round(n * 10) / 10;

/** A flag's words with its facts filled in: `{fact}` is the value, `{fact|one|other}` the word for it (rules/README.md). */
export function fillFlag(flag: string, facts: Record<string, unknown>): string {
	return flag.replace(/\{(\w+)(?:\|([^|}]*)\|([^}]*))?\}/g, (_, name: string, one?: string, other?: string) =>
		one === undefined ? String(facts[name]) : facts[name] === 1 ? one : (other ?? '')
	);
}

/** Facts about the result so far, for rating rules, decision rules and limiters. */
export function resultFacts(
	model: Model,
	standards: Record<string, StandardResult>,
	kqs: Record<string, KeyQuestionResult>,
	inspection: Inspection,
	context: Record<string, unknown>
): Record<string, unknown> {
	const finalOf = (id: string) => {
		const final = standards[id]?.final;
		return isRating(model, final) ? final : undefined;
	};
	const selected = (params: FactParams) => {
		const ids = params.standards ?? [...model.standards.values()].filter((e) => params.domains?.includes(e.domain.id)).map((e) => e.standard.id);
		return ids.map(finalOf).filter((r): r is string => r !== undefined);
	};
	return {
		...context,
		rating: (params: FactParams) => finalOf(params.standard ?? ''),
		ratingScore: (params: FactParams) => {
			const final = finalOf(params.standard ?? '');
			return final === undefined ? undefined : model.score(final);
		},
		ratingCount: (params: FactParams) => selected(params).filter((r) => params.ratings?.includes(r)).length,
		ratingShare: (params: FactParams) => {
			const pool = selected(params).filter((r) => !params.among || params.among.includes(r));
			return pool.length ? (100 * pool.filter((r) => params.ratings?.includes(r)).length) / pool.length : undefined;
		},
		band: (params: FactParams) => kqs[params.keyQuestion ?? '']?.band?.rating,
		share: (params: FactParams) => kqs[params.keyQuestion ?? '']?.share ?? undefined,
		answer: (params: FactParams) => {
			const kq = model.keyQuestions.get(params.keyQuestion ?? '');
			return kq ? inspection.judgements?.[kq.standard.id]?.keyQuestions?.[kq.keyQuestion.id] : undefined;
		}
	};
}

function checkDecisionsWithinAllowed(model: Model, standards: Record<string, StandardResult>) {
	const { discretion } = model.framework.rules;
	for (const s of Object.values(standards)) {
		if (!s.decision || s.allowed.includes(s.decision.rating)) continue;
		if (s.method === 'lowest-band') {
			const text = s.discretion.length
				? `the panel may move a flagged rating at most ${discretion.maxSteps} ${discretion.maxSteps === 1 ? 'step' : 'steps'} from the computed ${model.label(s.computed).toLowerCase()}`
				: `the panel may depart from the computed rating only when professional discretion applies: ${discretion.triggers.map((t) => t.text).join(' ')}`;
			s.violations.push({ standard: s.id, rule: 'discretion', kind: 'discretion', text });
		} else {
			const applied = s.ratingRules[0];
			s.violations.push({
				standard: s.id,
				rule: applied?.id ?? 'allowed-ratings',
				kind: 'rule',
				text: applied?.text ?? `allowed ratings: ${s.allowed.map(model.label).join(', ')}`
			});
		}
	}
}

/** Rules that read an unknown context fact are neither applied nor checked: say so. */
function undecidedRules(model: Model, rules: { id: string; standard: string }[], undecided: ReadonlyMap<string, readonly string[]>, warnings: Warning[]) {
	for (const rule of rules) {
		const facts = undecided.get(rule.id);
		if (!facts) continue;
		const because = facts.map((f) => whenUnknown(model, f)).join('; ');
		warnings.push({ code: 'rule-undecided', subject: rule.id, message: `the rule ${rule.id} on ${rule.standard} is not applied: ${because}` });
	}
}

async function applyDecisionRules(
	model: Model,
	standards: Record<string, StandardResult>,
	facts: Record<string, unknown>,
	inspection: Inspection,
	warnings: Warning[]
) {
	const rules = model.framework.rules.decisionRules ?? [];
	if (!rules.length) return;
	const { fired: met, undecided } = await model.rules.decisionRules.run(facts);
	undecidedRules(model, rules.filter((r) => standards[r.standard]?.rated), undecided, warnings);
	for (const rule of rules) {
		const s = standards[rule.standard];
		if (!s?.rated || met.has(rule.id) || undecided.has(rule.id)) continue;
		if (rule.kind === 'rule' && s.final === NEEDS_DECISION) s.allowed = s.allowed.filter((r) => r !== rule.rating);
		if (s.final !== rule.rating) continue;
		const finding: RuleFinding = { standard: s.id, rule: rule.id, kind: rule.kind, text: rule.text };
		if (rule.kind === 'rule') s.violations.push(finding);
		else {
			const reason = inspection.decisions?.[s.id]?.reason ?? inspection.judgements?.[s.id]?.reason;
			s.guidance.push(reason ? { ...finding, reason } : finding);
		}
	}
}

async function suggestJudgements(model: Model, judged: StandardResult[], inspection: Inspection) {
	const rules = model.framework.rules.judgementGuidance ?? [];
	if (!rules.length || !judged.length) return;
	const perStandard = new Map<string, Record<string, unknown>>();
	for (const s of judged) {
		const judgement = inspection.judgements?.[s.id] ?? {};
		const answers = Object.values(judgement.keyQuestions ?? {});
		const prompts = Object.values(judgement.prompts ?? {});
		const yes = answers.filter((a) => a === 'yes').length;
		const above = prompts.filter((p) => p === 'above').length;
		const answered = answers.length + prompts.length;
		perStandard.set(s.id, {
			keyQuestionsYes: yes,
			keyQuestionsNo: answers.length - yes,
			keyQuestionsAnswered: answers.length,
			promptsAbove: above,
			promptsBelow: prompts.length - above,
			positiveShare: answered ? (100 * (yes + above)) / answered : undefined,
			proposed: judgement.rating
		});
	}
	const facts: Record<string, unknown> = {};
	for (const name of ['keyQuestionsYes', 'keyQuestionsNo', 'keyQuestionsAnswered', 'promptsAbove', 'promptsBelow', 'positiveShare', 'proposed']) {
		facts[name] = (params: FactParams) => perStandard.get(params.standard ?? '')?.[name];
	}
	const fired = await model.rules.judgement.fired(facts);
	for (const s of judged) {
		for (const rule of rules) {
			if (!rule.standards.includes(s.id)) continue;
			if (rule.suggest && fired.has(`${rule.id}|${s.id}`)) {
				s.suggestions.push({ rule: rule.id, rating: rule.suggest, text: rule.text });
			} else if (rule.suggestFromBanding) {
				const share = perStandard.get(s.id)?.positiveShare as number | undefined;
				if (share === undefined) continue;
				const band = bandOf(model.bandings.get(rule.suggestFromBanding)!, share);
				const pct = `${round(share)}%`;
				s.suggestions.push({
					rule: rule.id,
					rating: band?.rating ?? null,
					text: band ? `${pct} of key questions and prompts positive: ${band.published ?? band.label}` : `${pct} of key questions and prompts positive: the table gives no rating for this share`
				});
			}
		}
	}
}

async function scoreComposite(
	model: Model,
	standards: Record<string, StandardResult>,
	facts: Record<string, unknown>,
	warnings: Warning[]
): Promise<CompositeResult> {
	const composite = model.framework.composite;
	const scoreOf = (r: string) => composite.scores[r] ?? model.score(r);
	let low = 0;
	let high = 0;
	const missing: string[] = [];
	for (const id of composite.standards) {
		const s = standards[id];
		if (!s?.rated) {
			missing.push(id);
			continue;
		}
		const options = isRating(model, s.final) ? [s.final] : s.allowed;
		const scores = options.map(scoreOf);
		low += Math.min(...scores);
		high += Math.max(...scores);
	}
	if (missing.length) {
		warnings.push({
			code: 'composite-incomplete',
			subject: 'composite',
			message: `the composite counts ${missing.join(', ')}, which ${missing.length === 1 ? 'is' : 'are'} not rated in this inspection`
		});
	}
	const computedAt = (score: number) => compositeBandOf(composite, score) ?? NEEDS_DECISION;
	const lowRating = computedAt(low);
	const highRating = computedAt(high);

	const { fired, undecided } = await model.rules.limiters.run({ ...facts, score: low === high ? low : undefined, overall: lowRating === highRating ? lowRating : undefined });
	const declared = model.framework.rules.limiters ?? [];
	const limiters = declared.filter((l) => fired.has(l.id));
	// An undecided limiter may or may not apply: a cap lowers only the bottom of the range.
	const maybe = declared.filter((l) => undecided.has(l.id));
	const cap = (rating: string, capping: typeof declared) => {
		for (const l of capping) {
			if (l.cap && isRating(model, rating) && model.score(rating) > model.score(l.cap)) return { rating: l.cap, by: l };
		}
		return { rating, by: null };
	};
	const lowCapped = cap(lowRating, [...limiters, ...maybe]);
	const highCapped = cap(highRating, limiters);
	const undecidedLimiters: UndecidedLimiter[] = maybe.map((l) => {
		const unknown = [...(undecided.get(l.id) ?? [])];
		return { id: l.id, text: l.text, facts: unknown, because: unknown.map((f) => whenUnknown(model, f)) };
	});
	for (const l of undecidedLimiters) {
		warnings.push({ code: 'limiter-undecided', subject: l.id, message: `the limiter ${l.id} is undecided: ${l.because.join('; ')}` });
	}
	const ratingRange = model.ratings.filter((r) => model.score(r) >= model.score(lowCapped.rating) && model.score(r) <= model.score(highCapped.rating));
	const pending = low !== high;
	const rating = missing.length ? NEEDS_DECISION : ratingRange.length === 1 ? ratingRange[0] : NEEDS_DECISION;
	const challenges = limiters
		.filter((l) => l.challenge && ratingRange.some((r) => l.challenge!.includes(r)))
		.map((l) => ({ id: l.id, text: l.text }));
	const limiter = highCapped.by ?? (fired.has(lowCapped.by?.id ?? '') ? lowCapped.by : null);
	const result: CompositeResult = {
		title: composite.title,
		standards: composite.standards,
		score: pending || missing.length ? null : low,
		max: composite.max,
		scoreRange: [low, high],
		computed: pending ? NEEDS_DECISION : lowRating,
		rating,
		ratingRange,
		limiter: limiter ? { id: limiter.id, text: limiter.text } : null,
		challenges,
		undecided: undecidedLimiters,
		trace: ''
	};
	result.trace = compositeTrace(model, result, standards, missing);
	return result;
}
