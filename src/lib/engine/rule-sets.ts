// json-rules-engine rule sets compiled once per framework version. Each rule fires a key
// (a key question, a standard, a rule id); a run answers which keys fired.
import { Engine } from 'json-rules-engine';
import type { TopLevelCondition } from 'json-rules-engine';
import type { Condition, FactParams, FrameworkVersion } from './types';
import { DISCRETION_FACTS, JUDGEMENT_FACTS, contextFactIds } from './facts';
import { EngineError } from './errors';

export interface KeyedCondition {
	key: string;
	conditions: Condition;
}

/** What one run of a rule set answered: the keys whose conditions held, and those that could not be decided. */
export interface RuleSetAnswer {
	fired: ReadonlySet<string>;
	/** key → the unknown context facts its conditions read (rules/README.md: context facts) */
	undecided: ReadonlyMap<string, readonly string[]>;
}

/** Results remembered per rule set; cleared when full (inputs in use are few: cases share facts). */
const MEMO_LIMIT = 1000;

/**
 * A rule set is a pure function of the facts its conditions read, so a run is remembered by
 * their values: repeated evaluations (live editing, many cases with the same facts) skip
 * json-rules-engine unless something a condition reads has changed.
 *
 * A json-rules-engine `Engine` keeps a run's status on itself, so two runs that overlap on one
 * engine skip each other's rules. Each run therefore borrows an engine no other run holds (a
 * new one when all are busy), and an answer is remembered only when every rule was evaluated.
 */
export class RuleSet {
	readonly #rules: KeyedCondition[];
	readonly #reads: { fact: string; params: FactParams }[];
	/** key → the context facts its conditions read */
	readonly #contextReads = new Map<string, string[]>();
	readonly #contextFacts: readonly string[];
	readonly #idle: Engine[] = [];
	readonly #memo = new Map<string, ReadonlySet<string>>();

	/** `contextFacts`: the facts whose absence makes a condition undecided rather than false. */
	constructor(rules: KeyedCondition[], contextFacts: readonly string[] = []) {
		this.#rules = rules;
		this.#contextFacts = contextFacts;
		const reads = new Map<string, { fact: string; params: FactParams }>();
		for (const rule of rules) {
			const context = new Set<string>();
			forEachFact(rule.conditions, (c) => {
				reads.set(c.fact + JSON.stringify(c.params ?? {}), { fact: c.fact, params: c.params ?? {} });
				if (contextFacts.includes(c.fact)) context.add(c.fact);
			});
			if (context.size) this.#contextReads.set(rule.key, [...context]);
		}
		this.#reads = [...reads.values()];
	}

	async run(facts: Record<string, unknown>): Promise<RuleSetAnswer> {
		const undecided = this.#undecided(facts);
		if (!this.#rules.length) return { fired: new Set(), undecided };
		const key = JSON.stringify(this.#reads.map(({ fact, params }) => (typeof facts[fact] === 'function' ? (facts[fact] as (p: FactParams) => unknown)(params) : facts[fact])));
		let fired = this.#memo.get(key);
		if (!fired) {
			fired = await this.#evaluate(facts);
			if (this.#memo.size >= MEMO_LIMIT) this.#memo.clear();
			this.#memo.set(key, fired);
		}
		if (!undecided.size) return { fired, undecided };
		return { fired: new Set([...fired].filter((k) => !undecided.has(k))), undecided };
	}

	/** The keys that fired; undecided ones are left out (use `run` to learn which they are). */
	async fired(facts: Record<string, unknown>): Promise<ReadonlySet<string>> {
		return (await this.run(facts)).fired;
	}

	#undecided(facts: Record<string, unknown>): Map<string, string[]> {
		const undecided = new Map<string, string[]>();
		if (!this.#contextReads.size) return undecided;
		const unknown = this.#contextFacts.filter((f) => facts[f] === undefined || facts[f] === null);
		if (!unknown.length) return undecided;
		for (const [key, reads] of this.#contextReads) {
			const missing = reads.filter((f) => unknown.includes(f));
			if (missing.length) undecided.set(key, missing);
		}
		return undecided;
	}

	async #evaluate(facts: Record<string, unknown>): Promise<ReadonlySet<string>> {
		const engine = this.#idle.pop() ?? this.#engine();
		try {
			const { events, results, failureResults } = await engine.run(facts);
			if (results.length + failureResults.length !== this.#rules.length) {
				throw new EngineError('RUN_CUT_SHORT', `a rule set run evaluated ${results.length + failureResults.length} of ${this.#rules.length} rules`);
			}
			return new Set(events.map((event) => String(event.params?.key)));
		} finally {
			this.#idle.push(engine);
		}
	}

	#engine(): Engine {
		return new Engine(
			this.#rules.map(({ key, conditions }, i) => ({
				name: `${i}:${key}`,
				conditions: topLevel(conditions),
				event: { type: 'fired', params: { key } }
			})),
			{ allowUndefinedFacts: true }
		);
	}

	/** Forget remembered runs (benchmarks measure the cold path with this). */
	forget() {
		this.#memo.clear();
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
			// Which samples a key question draws on is a look-up (model.bySample); only `relevantWhen` is a condition.
			for (const kq of standard.keyQuestions) {
				if (kq.kind === 'case' && kq.relevantWhen) relevance.push({ key: kq.id, conditions: kq.relevantWhen.conditions });
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
	const context = contextFactIds(framework);
	return {
		rated: new RuleSet(rated, context),
		relevance: new RuleSet(relevance, context),
		judgement: new RuleSet(judgement),
		ratingRules: new RuleSet((rules.ratingRules ?? []).map((r) => ({ key: r.id, conditions: r.conditions })), context),
		decisionRules: new RuleSet((rules.decisionRules ?? []).map((r) => ({ key: r.id, conditions: r.requires })), context),
		discretion: new RuleSet(discretion),
		limiters: new RuleSet((rules.limiters ?? []).map((r) => ({ key: r.id, conditions: r.when })), context)
	};
}
