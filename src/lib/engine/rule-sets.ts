// json-rules-engine rule sets compiled once per framework version. Each rule fires a key
// (a key question, a standard, a rule id); a run answers which keys fired.
import { Engine } from 'json-rules-engine';
import type { TopLevelCondition } from 'json-rules-engine';
import type { Condition, FactParams, FrameworkVersion } from './types';
import { DISCRETION_FACTS, JUDGEMENT_FACTS } from './facts';

export interface KeyedCondition {
	key: string;
	conditions: Condition;
}

/** Results remembered per rule set; cleared when full (inputs in use are few: cases share facts). */
const MEMO_LIMIT = 1000;

/**
 * A rule set is a pure function of the facts its conditions read, so a run is remembered by
 * their values: repeated evaluations (live editing, many cases with the same facts) skip
 * json-rules-engine unless something a condition reads has changed.
 */
export class RuleSet {
	private readonly engine: Engine | null;
	private readonly reads: { fact: string; params: FactParams }[];
	private readonly memo = new Map<string, Set<string>>();

	constructor(rules: KeyedCondition[]) {
		const reads = new Map<string, { fact: string; params: FactParams }>();
		for (const rule of rules) {
			forEachFact(rule.conditions, (c) => reads.set(c.fact + JSON.stringify(c.params ?? {}), { fact: c.fact, params: c.params ?? {} }));
		}
		this.reads = [...reads.values()];
		this.engine = rules.length
			? new Engine(
					rules.map(({ key, conditions }, i) => ({
						name: `${i}:${key}`,
						conditions: topLevel(conditions),
						event: { type: 'fired', params: { key } }
					})),
					{ allowUndefinedFacts: true }
				)
			: null;
	}

	async fired(facts: Record<string, unknown>): Promise<Set<string>> {
		if (!this.engine) return new Set();
		const key = JSON.stringify(this.reads.map(({ fact, params }) => (typeof facts[fact] === 'function' ? (facts[fact] as (p: FactParams) => unknown)(params) : facts[fact])));
		const remembered = this.memo.get(key);
		if (remembered) return remembered;
		const { events } = await this.engine.run(facts);
		const fired = new Set(events.map((event) => String(event.params?.key)));
		if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
		this.memo.set(key, fired);
		return fired;
	}

	/** Forget remembered runs (benchmarks measure the cold path with this). */
	forget() {
		this.memo.clear();
	}
}

function forEachFact(condition: Condition, visit: (c: Extract<Condition, { fact: string }>) => void) {
	if ('all' in condition) condition.all.forEach((c) => forEachFact(c, visit));
	else if ('any' in condition) condition.any.forEach((c) => forEachFact(c, visit));
	else if ('not' in condition) forEachFact(condition.not, visit);
	else visit(condition);
}

function topLevel(condition: Condition): TopLevelCondition {
	const wrapped = 'fact' in condition ? { all: [condition] } : condition;
	return wrapped as unknown as TopLevelCondition;
}

/** Give every standard-scoped fact in a condition the standard it is about. */
export function scopeTo(condition: Condition, standard: string, scoped: readonly string[]): Condition {
	if ('all' in condition) return { all: condition.all.map((c) => scopeTo(c, standard, scoped)) };
	if ('any' in condition) return { any: condition.any.map((c) => scopeTo(c, standard, scoped)) };
	if ('not' in condition) return { not: scopeTo(condition.not, standard, scoped) };
	if (!scoped.includes(condition.fact)) return condition;
	return { ...condition, params: { ...condition.params, standard } };
}

const ALWAYS: Condition = { all: [] };

export interface CompiledRules {
	rated: RuleSet;
	relevance: RuleSet;
	judgement: RuleSet;
	ratingRules: RuleSet;
	decisionRules: RuleSet;
	discretion: RuleSet;
	limiters: RuleSet;
}

export function compileRules(framework: FrameworkVersion, lowestBand: string[]): CompiledRules {
	const { domains, rules } = framework;
	const rated: KeyedCondition[] = [];
	const relevance: KeyedCondition[] = [];
	for (const domain of domains) {
		if (domain.ratedWhen) rated.push({ key: domain.id, conditions: domain.ratedWhen.conditions });
		for (const standard of domain.standards) {
			if (standard.ratedWhen) rated.push({ key: standard.id, conditions: standard.ratedWhen.conditions });
			for (const kq of standard.keyQuestions) {
				if (kq.kind !== 'case') continue;
				const inSample: Condition = { fact: 'sample', operator: 'in', value: kq.samples ?? [] };
				relevance.push({
					key: kq.id,
					conditions: { all: [inSample, kq.relevantWhen?.conditions ?? ALWAYS] }
				});
			}
		}
	}
	const judgement = (rules.judgementGuidance ?? []).flatMap((rule) =>
		rule.conditions
			? rule.standards.map((standard) => ({
					key: `${rule.id}|${standard}`,
					conditions: scopeTo(rule.conditions!, standard, JUDGEMENT_FACTS)
				}))
			: []
	);
	const discretion = rules.discretion.triggers.flatMap((trigger) =>
		(trigger.standards ?? lowestBand).map((standard) => ({
			key: `${trigger.id}|${standard}`,
			conditions: scopeTo(trigger.conditions, standard, DISCRETION_FACTS)
		}))
	);
	return {
		rated: new RuleSet(rated),
		relevance: new RuleSet(relevance),
		judgement: new RuleSet(judgement),
		ratingRules: new RuleSet((rules.ratingRules ?? []).map((r) => ({ key: r.id, conditions: r.conditions }))),
		decisionRules: new RuleSet((rules.decisionRules ?? []).map((r) => ({ key: r.id, conditions: r.requires }))),
		discretion: new RuleSet(discretion),
		limiters: new RuleSet((rules.limiters ?? []).map((r) => ({ key: r.id, conditions: r.when })))
	};
}
