// Schema and semantic validation of a framework version's files and of inspection evidence.
// Every problem names the file, the JSON pointer and what is wrong.
import { pointer, type Checked, type Issue } from './errors';
import { validateAgainst } from './schemas';
import { DISCRETION_FACTS, FACT_PARAMS, JUDGEMENT_FACTS, LIMITER_FACTS, RATED_FACTS, RELEVANCE_FACTS, RESULT_FACTS } from './facts';
import type { Banding, Composite, Condition, Domain, FrameworkMeta, FrameworkVersion, Inspection, RuleFile } from './types';
import { ownMaps } from './own-maps';
import { checkSampling } from '../sampling/check';
import type { SamplingRules } from '../sampling/types';

export const VERSION_FILES = ['framework.json', 'bandings.json', 'rules.json', 'composite.json'] as const;
/** Files a version may have; one without them stays valid. */
export const OPTIONAL_VERSION_FILES = ['sampling.json'] as const;

/**
 * files: parsed JSON by path relative to the version folder ("framework.json", "domains/1.json" …).
 * label: how to name the folder in messages (e.g. "rules/hmip-youth/2018").
 */
export function validateVersion(files: Record<string, unknown>, label: string): Checked<Omit<FrameworkVersion, 'hash'>> {
	const name = (file: string) => `${label}/${file}`;
	const errors = checkStructure(files, label);
	if (errors.length) return { ok: false, errors, warnings: [] };
	const meta = files['framework.json'] as FrameworkMeta;
	const version = {
		meta,
		domains: meta.domains.map((file) => files[file] as Domain),
		bandings: (files['bandings.json'] as { bandings: Banding[] }).bandings,
		rules: files['rules.json'] as RuleFile,
		composite: files['composite.json'] as Composite,
		...(Object.hasOwn(files, 'sampling.json') ? { sampling: files['sampling.json'] as SamplingRules } : {})
	};
	const issues = checkMeaning(version, meta.domains.map(name), name);
	if (version.sampling) issues.push(...checkSampling(version.sampling, meta.samples.map((s) => s.id), name('sampling.json')));
	const semanticErrors = issues.filter((i) => i.severity === 'error');
	const warnings = issues.filter((i) => i.severity === 'warning');
	return semanticErrors.length ? { ok: false, errors: semanticErrors, warnings } : { ok: true, value: version, warnings };
}

/**
 * What a version must be before anything reads it as a framework: its files, each file's schema,
 * and ids that name one thing each. Drafts are refused storage unless this is empty, because a
 * page that lists items by id cannot show two with the same one.
 */
export function checkStructure(files: Record<string, unknown>, label: string): Issue[] {
	const name = (file: string) => `${label}/${file}`;
	const errors: Issue[] = [];
	if (!files || typeof files !== 'object' || Array.isArray(files)) return [err(label, '', 'a version is a set of files')];
	for (const file of VERSION_FILES) {
		if (!Object.hasOwn(files, file)) errors.push(err(name(file), '', 'file is missing'));
	}
	if (errors.length) return errors;
	errors.push(...validateAgainst('framework', files['framework.json'], name('framework.json')));
	if (errors.length) return errors;
	const meta = files['framework.json'] as FrameworkMeta;
	for (const [i, file] of meta.domains.entries()) {
		if (!Object.hasOwn(files, file)) errors.push(err(name('framework.json'), pointer('domains', i), `domain file "${file}" is missing`));
		else errors.push(...validateAgainst('domain', files[file], name(file)));
	}
	errors.push(...validateAgainst('bandings', files['bandings.json'], name('bandings.json')));
	errors.push(...validateAgainst('rules', files['rules.json'], name('rules.json')));
	errors.push(...validateAgainst('composite', files['composite.json'], name('composite.json')));
	if (Object.hasOwn(files, 'sampling.json')) errors.push(...validateAgainst('sampling', files['sampling.json'], name('sampling.json')));
	errors.push(...duplicateIds(files, label));
	return errors;
}

const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
const idOf = (x: unknown): string | undefined => (x && typeof x === 'object' && typeof (x as { id?: unknown }).id === 'string' ? (x as { id: string }).id : undefined);

/**
 * Every id used twice, reported at the second one's own id field: domains, standards, key
 * questions and prompts share one namespace (evidence names them by id alone), bandings one,
 * ratings one, rules one. Reads the files defensively: it runs before (and beside) the schema.
 */
export function duplicateIds(files: Record<string, unknown>, label: string): Issue[] {
	const out: Issue[] = [];
	const name = (file: string) => `${label}/${file}`;
	const meta = files['framework.json'] as { domains?: unknown; ratings?: unknown } | undefined;
	const tree = new Map<string, string>();
	const claim = (seen: Map<string, string>, what: string, item: unknown, file: string, at: string) => {
		const id = idOf(item);
		if (id === undefined || id === '') return;
		const first = seen.get(id);
		const other = first === what ? `another ${what}` : `a ${first}`;
		if (first) out.push(err(name(file), `${at}/id`, `"${id}" is already the number of ${other}: each needs a number of its own`));
		else seen.set(id, what);
	};
	list(meta?.domains).forEach((file) => {
		if (typeof file !== 'string' || !Object.hasOwn(files, file)) return;
		const domain = files[file] as { standards?: unknown } | undefined;
		claim(tree, 'domain', domain, file, '');
		list(domain?.standards).forEach((s, si) => {
			claim(tree, 'standard', s, file, pointer('standards', si));
			list((s as { keyQuestions?: unknown })?.keyQuestions).forEach((kq, ki) => {
				claim(tree, 'key question', kq, file, pointer('standards', si, 'keyQuestions', ki));
				list((kq as { prompts?: unknown })?.prompts).forEach((p, pi) => claim(tree, 'prompt', p, file, pointer('standards', si, 'keyQuestions', ki, 'prompts', pi)));
			});
		});
	});
	const named = (seen: Map<string, string>, what: string, item: unknown, file: string, at: string) => {
		const id = idOf(item);
		if (id === undefined || id === '') return;
		if (seen.has(id)) out.push(err(name(file), `${at}/id`, `another ${seen.get(id)} already has the id "${id}": each needs an id of its own`));
		else seen.set(id, what);
	};
	const ratings = new Map<string, string>();
	list(meta?.ratings).forEach((r, i) => named(ratings, 'rating', r, 'framework.json', pointer('ratings', i)));
	const bandings = new Map<string, string>();
	list((files['bandings.json'] as { bandings?: unknown } | undefined)?.bandings).forEach((b, i) => named(bandings, 'banding', b, 'bandings.json', pointer('bandings', i)));
	const rules = (files['rules.json'] ?? {}) as Record<string, unknown>;
	const ruleIds = new Map<string, string>();
	for (const [kind, what] of [['judgementGuidance', 'judgement guidance'], ['ratingRules', 'rating rule'], ['decisionRules', 'decision rule'], ['limiters', 'limiter']] as const)
		list(rules[kind]).forEach((r, i) => named(ruleIds, what, r, 'rules.json', pointer(kind, i)));
	list((rules.discretion as { triggers?: unknown } | undefined)?.triggers).forEach((r, i) => named(ruleIds, 'discretion trigger', r, 'rules.json', pointer('discretion', 'triggers', i)));
	return out;
}

function checkMeaning(v: Omit<FrameworkVersion, 'hash'>, domainFiles: string[], name: (f: string) => string): Issue[] {
	const out: Issue[] = [];
	const fw = name('framework.json');
	const ratings = new Set(v.meta.ratings.map((r) => r.id));
	const samples = new Set(v.meta.samples.map((s) => s.id));
	const types = new Set((v.meta.inspectionTypes ?? []).map((t) => t.id));
	const caseFacts = (v.meta.caseFacts ?? []).map((f) => f.id);
	const contextFacts = (v.meta.contextFacts ?? []).map((f) => f.id);
	const checkRating = (file: string, at: string, rating: string) => {
		if (!ratings.has(rating)) out.push(err(file, at, `"${rating}" is not a rating of this version (${[...ratings].join(', ')})`));
	};
	unique(v.meta.ratings.map((r) => String(r.score)), (i) => out.push(err(fw, pointer('ratings', i, 'score'), 'two ratings have the same score')));
	const engineFacts = new Set<string>([...RELEVANCE_FACTS, ...LIMITER_FACTS, ...JUDGEMENT_FACTS, ...DISCRETION_FACTS]);
	[...caseFacts.map((id, i) => ({ id, at: pointer('caseFacts', i, 'id') })), ...contextFacts.map((id, i) => ({ id, at: pointer('contextFacts', i, 'id') }))].forEach(({ id, at }) => {
		if (engineFacts.has(id)) out.push(err(fw, at, `"${id}" is a fact the engine provides; choose another name`));
	});
	unique([...caseFacts, ...contextFacts], (_, id) => out.push(err(fw, '', `fact "${id}" is declared twice`)));

	// everything a rule names must exist (ids are unique: checkStructure refuses duplicates)
	const standards = new Map<string, { method: string; domain: string }>();
	const keyQuestions = new Map<string, { standard: string; kind: string }>();
	const domains = new Set<string>();
	v.domains.forEach((domain, d) => {
		const file = domainFiles[d];
		domains.add(domain.id);
		domain.standards.forEach((s, si) => {
			const at = pointer('standards', si);
			standards.set(s.id, { method: s.method, domain: domain.id });
			const caseKqs = s.keyQuestions.filter((kq) => kq.kind === 'case');
			if (s.method === 'lowest-band' && caseKqs.length !== s.keyQuestions.length)
				out.push(err(file, `${at}/method`, `a lowest-band standard takes only key questions of kind "case"; ${s.keyQuestions.filter((k) => k.kind !== 'case').map((k) => k.id).join(', ')} are not`));
			if (s.method === 'judgement' && caseKqs.length)
				out.push(err(file, `${at}/method`, `a judgement standard takes only key questions of kind "judgement"; ${caseKqs.map((k) => k.id).join(', ')} are case-based`));
			if (s.characteristics) for (const r of Object.keys(s.characteristics.ratings)) checkRating(file, `${at}/characteristics/ratings/${r}`, r);
			s.keyQuestions.forEach((kq, ki) => {
				const kat = `${at}${pointer('keyQuestions', ki)}`;
				keyQuestions.set(kq.id, { standard: s.id, kind: kq.kind });
				if (kq.kind === 'case') {
					(kq.samples ?? []).forEach((sample, i) => {
						if (!samples.has(sample)) out.push(err(file, `${kat}${pointer('samples', i)}`, `unknown sample "${sample}" (framework.json declares ${[...samples].join(', ')})`));
					});
					const banding = v.bandings.find((b) => b.id === kq.banding);
					if (!banding) out.push(err(file, `${kat}/banding`, `unknown banding "${kq.banding}"`));
					else if (banding.purpose !== 'rating') out.push(err(file, `${kat}/banding`, `banding "${kq.banding}" is for guidance, not rating`));
				} else if (kq.samples || kq.banding || kq.relevantWhen) {
					out.push(err(file, kat, 'a judgement key question has no samples, banding or relevantWhen'));
				}
			});
		});
	});

	const facts = (stage: readonly string[]) => new Set([...stage, ...contextFacts]);
	const checkCondition = (file: string, at: string, condition: Condition, allowed: Set<string>, stage: string) =>
		walkConditions(condition, at, (c, cat) => {
			if (!allowed.has(c.fact)) {
				out.push(err(file, `${cat}/fact`, `fact "${c.fact}" is not provided to ${stage} (known: ${[...allowed].join(', ')})`));
				return;
			}
			const needs = FACT_PARAMS[c.fact];
			const p = c.params ?? {};
			if (needs === 'standard' && !p.standard) out.push(err(file, `${cat}/params`, `fact "${c.fact}" needs params.standard`));
			if (needs === 'keyQuestion' && !p.keyQuestion) out.push(err(file, `${cat}/params`, `fact "${c.fact}" needs params.keyQuestion`));
			if (needs === 'selection' && (!(p.standards || p.domains) || !p.ratings))
				out.push(err(file, `${cat}/params`, `fact "${c.fact}" needs params.ratings and params.standards or params.domains`));
			if (p.standard && !standards.has(p.standard)) out.push(err(file, `${cat}/params/standard`, `unknown standard "${p.standard}"`));
			if (p.keyQuestion && !keyQuestions.has(p.keyQuestion)) out.push(err(file, `${cat}/params/keyQuestion`, `unknown key question "${p.keyQuestion}"`));
			p.standards?.forEach((s, i) => standards.has(s) || out.push(err(file, `${cat}/params/standards/${i}`, `unknown standard "${s}"`)));
			p.domains?.forEach((d, i) => domains.has(d) || out.push(err(file, `${cat}/params/domains/${i}`, `unknown domain "${d}"`)));
			[...(p.ratings ?? []), ...(p.among ?? [])].forEach((r) => checkRating(file, `${cat}/params`, r));
			const values = Array.isArray(c.value) ? c.value : [c.value];
			if (['rating', 'band', 'computedRating', 'proposed', 'overall'].includes(c.fact))
				values.forEach((value) => typeof value === 'string' && checkRating(file, `${cat}/value`, value));
			if (c.fact === 'inspectionType')
				values.forEach((value) => types.has(String(value)) || out.push(err(file, `${cat}/value`, `unknown inspection type "${value}"`)));
			if (c.fact === 'sample') values.forEach((value) => samples.has(String(value)) || out.push(err(file, `${cat}/value`, `unknown sample "${value}"`)));
		});

	v.domains.forEach((domain, d) => {
		const file = domainFiles[d];
		if (domain.ratedWhen) checkCondition(file, '/ratedWhen/conditions', domain.ratedWhen.conditions, facts(RATED_FACTS), 'ratedWhen');
		domain.standards.forEach((s, si) => {
			const at = pointer('standards', si);
			if (s.ratedWhen) checkCondition(file, `${at}/ratedWhen/conditions`, s.ratedWhen.conditions, facts(RATED_FACTS), 'ratedWhen');
			s.keyQuestions.forEach((kq, ki) => {
				if (kq.relevantWhen)
					checkCondition(file, `${at}${pointer('keyQuestions', ki)}/relevantWhen/conditions`, kq.relevantWhen.conditions, facts([...RELEVANCE_FACTS, ...caseFacts]), 'relevantWhen');
			});
		});
	});

	// bandings
	const bf = name('bandings.json');
	v.bandings.forEach((banding, b) => {
		banding.bands.forEach((band, i) => checkRating(bf, pointer('bandings', b, 'bands', i, 'rating'), band.rating));
		out.push(...checkCoverage(banding, bf, pointer('bandings', b, 'bands')));
	});

	// rules
	const rf = name('rules.json');
	const { rules } = v;
	const needStandard = (at: string, id: string, method?: string) => {
		const s = standards.get(id);
		if (!s) out.push(err(rf, at, `unknown standard "${id}"`));
		else if (method && s.method !== method) out.push(err(rf, at, `standard "${id}" is rated by ${s.method}, not ${method}`));
	};
	(rules.judgementGuidance ?? []).forEach((r, i) => {
		const at = pointer('judgementGuidance', i);
		r.standards.forEach((s, si) => needStandard(`${at}/standards/${si}`, s, 'judgement'));
		if (r.conditions) checkCondition(rf, `${at}/conditions`, r.conditions, new Set(JUDGEMENT_FACTS), 'judgement guidance');
		if (r.suggest) checkRating(rf, `${at}/suggest`, r.suggest);
		if (r.suggestFromBanding && !v.bandings.some((b) => b.id === r.suggestFromBanding)) out.push(err(rf, `${at}/suggestFromBanding`, `unknown banding "${r.suggestFromBanding}"`));
	});
	(rules.ratingRules ?? []).forEach((r, i) => {
		const at = pointer('ratingRules', i);
		needStandard(`${at}/standard`, r.standard, 'rating-rules');
		checkCondition(rf, `${at}/conditions`, r.conditions, facts(RESULT_FACTS), 'rating rules');
		r.allow.forEach((a, ai) => checkRating(rf, `${at}/allow/${ai}`, a));
	});
	for (const [id, s] of standards) {
		if (s.method === 'rating-rules' && !(rules.ratingRules ?? []).some((r) => r.standard === id))
			out.push(err(rf, '/ratingRules', `standard "${id}" is rated by rating-rules but no rating rule names it`));
	}
	(rules.decisionRules ?? []).forEach((r, i) => {
		const at = pointer('decisionRules', i);
		needStandard(`${at}/standard`, r.standard);
		checkRating(rf, `${at}/rating`, r.rating);
		checkCondition(rf, `${at}/requires`, r.requires, facts(RESULT_FACTS), 'decision rules');
	});
	(rules.limiters ?? []).forEach((r, i) => {
		const at = pointer('limiters', i);
		checkCondition(rf, `${at}/when`, r.when, facts(LIMITER_FACTS), 'limiters');
		if (r.cap) checkRating(rf, `${at}/cap`, r.cap);
		r.challenge?.forEach((c, ci) => checkRating(rf, `${at}/challenge/${ci}`, c));
	});
	rules.discretion.triggers.forEach((t, i) => {
		const at = pointer('discretion', 'triggers', i);
		t.standards?.forEach((s, si) => needStandard(`${at}/standards/${si}`, s, 'lowest-band'));
		checkCondition(rf, `${at}/conditions`, t.conditions, new Set(DISCRETION_FACTS), 'discretion triggers');
		for (const [, fact] of t.flag.matchAll(/\{(\w+)(?:\|[^|}]*\|[^}]*)?\}/g)) {
			if (!(DISCRETION_FACTS as readonly string[]).includes(fact)) out.push(err(rf, `${at}/flag`, `"{${fact}}" is not a discretion fact`));
		}
	});

	// composite
	const cf = name('composite.json');
	const c = v.composite;
	c.standards.forEach((s, i) => standards.has(s) || out.push(err(cf, `/standards/${i}`, `unknown standard "${s}"`)));
	unique(c.standards, (i, id) => out.push(err(cf, `/standards/${i}`, `standard "${id}" is counted twice`)));
	for (const r of ratings) if (!(r in c.scores)) out.push(err(cf, '/scores', `no score for "${r}"`));
	for (const r of Object.keys(c.scores)) checkRating(cf, `/scores/${r}`, r);
	const top = Math.max(...Object.values(c.scores));
	if (c.standards.length * top !== c.max) out.push(err(cf, '/max', `max is ${c.max}, but ${c.standards.length} standards scoring up to ${top} make ${c.standards.length * top}`));
	c.bands.forEach((band, i) => checkRating(cf, `/bands/${i}/rating`, band.rating));
	out.push(...checkScoreCoverage(c, cf));
	return out;
}

/** Percentage bands must meet edge to edge over 0-100; a guidance banding's gaps are warnings. */
export function checkCoverage(banding: Banding, file: string, at: string): Issue[] {
	const out: Issue[] = [];
	const order = banding.bands.map((band, i) => ({ band, i })).sort((a, b) => a.band.min - b.band.min);
	const gap = (where: string, from: number, to: number) => {
		const message = `bands leave ${from}% to ${to}% unbanded`;
		out.push(banding.purpose === 'guidance' ? warn(file, where, `${message} (kept as the source prints it)`) : err(file, where, message));
	};
	order.forEach(({ band, i }) => {
		if (band.min >= band.max) out.push(err(file, `${at}/${i}`, `min ${band.min} is not below max ${band.max}`));
	});
	if (order[0].band.min > 0) gap(`${at}/${order[0].i}/min`, 0, order[0].band.min);
	for (let k = 1; k < order.length; k++) {
		const prev = order[k - 1].band;
		const { band, i } = order[k];
		if (band.min > prev.max) gap(`${at}/${i}/min`, prev.max, band.min);
		if (band.min < prev.max) out.push(err(file, `${at}/${i}/min`, `bands overlap from ${band.min}% to ${Math.min(prev.max, band.max)}%`));
	}
	const last = order[order.length - 1];
	if (last.band.max < 100) gap(`${at}/${last.i}/max`, last.band.max, 100);
	return out;
}

function checkScoreCoverage(c: Composite, file: string): Issue[] {
	const out: Issue[] = [];
	const scores = (from: number, to: number) => (from === to ? `score ${from}` : `scores ${from} to ${to}`);
	// Walk the bands in order as whole-number intervals; never score by score (max can be large).
	const order = c.bands.map((band, i) => ({ band, i })).sort((a, b) => a.band.min - b.band.min);
	let next = 0;
	for (const { band, i } of order) {
		if (band.min > band.max) out.push(err(file, `/bands/${i}`, `min ${band.min} is above max ${band.max}`));
		if (band.min > next) out.push(err(file, '/bands', `no band covers ${scores(next, Math.min(band.min - 1, c.max))} (bands must cover 0 to ${c.max})`));
		if (band.min < next) {
			const to = Math.min(next - 1, band.max);
			out.push(err(file, '/bands', `${scores(band.min, to)} ${band.min === to ? 'falls' : 'fall'} in 2 bands`));
		}
		next = Math.max(next, band.max + 1);
		if (band.max > c.max) out.push(err(file, `/bands/${i}/max`, `band reaches ${band.max}, beyond the maximum score ${c.max}`));
	}
	if (next <= c.max) out.push(err(file, '/bands', `no band covers ${scores(next, c.max)} (bands must cover 0 to ${c.max})`));
	return out;
}

function walkConditions(condition: Condition, at: string, visit: (c: Extract<Condition, { fact: string }>, at: string) => void) {
	if ('all' in condition) condition.all.forEach((c, i) => walkConditions(c, `${at}/all/${i}`, visit));
	else if ('any' in condition) condition.any.forEach((c, i) => walkConditions(c, `${at}/any/${i}`, visit));
	else if ('not' in condition) walkConditions(condition.not, `${at}/not`, visit);
	else visit(condition, at);
}

function unique(values: string[], onDuplicate: (index: number, value: string) => void) {
	const seen = new Set<string>();
	values.forEach((value, i) => {
		if (seen.has(value)) onDuplicate(i, value);
		seen.add(value);
	});
}

/** Evidence checked against the version it is rated by. at: pointer prefix, e.g. "/inspection". */
export function validateInspection(framework: FrameworkVersion, value: unknown, file: string, at = ''): Checked<Inspection> {
	const schemaErrors = validateAgainst('inspection', value, file, at);
	if (schemaErrors.length) return { ok: false, errors: schemaErrors, warnings: [] };
	const inspection = value as Inspection;
	const out: Issue[] = [];
	const e = (p: string, message: string) => out.push(err(file, at + p, message));
	const all = new Map<string, { kind: 'standard' | 'keyQuestion' | 'prompt'; standard: string; caseBased: boolean }>();
	for (const d of framework.domains)
		for (const s of d.standards) {
			all.set(s.id, { kind: 'standard', standard: s.id, caseBased: false });
			for (const kq of s.keyQuestions) {
				all.set(kq.id, { kind: 'keyQuestion', standard: s.id, caseBased: kq.kind === 'case' });
				for (const p of kq.prompts) all.set(p.id, { kind: 'prompt', standard: s.id, caseBased: kq.kind === 'case' });
			}
		}
	const ratings = new Set(framework.meta.ratings.map((r) => r.id));
	const samples = new Set(framework.meta.samples.map((s) => s.id));
	const types = (framework.meta.inspectionTypes ?? []).map((t) => t.id);
	const context = inspection.context ?? {};
	if (types.length && !context.inspectionType) e('/context', `missing "inspectionType": this version has inspection types ${types.join(', ')}`);
	if (context.inspectionType && !types.includes(context.inspectionType))
		e('/context/inspectionType', types.length ? `unknown inspection type "${context.inspectionType}" (${types.join(', ')})` : 'this version has no inspection types');
	const declared = new Map((framework.meta.contextFacts ?? []).map((f) => [f.id, f]));
	for (const [key, val] of Object.entries(context)) {
		if (key === 'inspectionType') continue;
		const fact = declared.get(key);
		if (!fact) e(pointer('context', key), `unknown context fact "${key}"${declared.size ? ` (${[...declared.keys()].join(', ')})` : ''}`);
		else if (typeof val !== fact.type) e(pointer('context', key), `must be a ${fact.type}`);
	}
	for (const [id, tally] of Object.entries(inspection.tallies ?? {})) {
		const item = all.get(id);
		if (!item || item.kind !== 'keyQuestion' || !item.caseBased) e(pointer('tallies', id), `"${id}" is not a case-based key question of ${framework.meta.id}@${framework.meta.version}`);
		if (tally.yes > tally.relevant) e(pointer('tallies', id, 'yes'), `yes (${tally.yes}) is more than relevant (${tally.relevant})`);
	}
	const caseFacts = new Map((framework.meta.caseFacts ?? []).map((f) => [f.id, f]));
	const caseIds = new Set<string>();
	(inspection.cases ?? []).forEach((c, i) => {
		if (caseIds.has(c.id)) e(pointer('cases', i, 'id'), `duplicate case id "${c.id}"`);
		caseIds.add(c.id);
		if (!samples.has(c.sample)) e(pointer('cases', i, 'sample'), `unknown sample "${c.sample}" (${[...samples].join(', ')})`);
		for (const [key, val] of Object.entries(c.facts ?? {})) {
			const fact = caseFacts.get(key);
			if (!fact) e(pointer('cases', i, 'facts', key), `unknown case fact "${key}"${caseFacts.size ? ` (${[...caseFacts.keys()].join(', ')})` : ''}`);
			else if (typeof val !== fact.type) e(pointer('cases', i, 'facts', key), `must be a ${fact.type}`);
		}
		for (const id of Object.keys(c.answers ?? {})) {
			const item = all.get(id);
			if (!item || item.kind === 'standard' || !item.caseBased) e(pointer('cases', i, 'answers', id), `"${id}" is not a case-based key question or prompt of this version`);
		}
	});
	for (const [id, j] of Object.entries(inspection.judgements ?? {})) {
		const item = all.get(id);
		if (!item || item.kind !== 'standard') {
			e(pointer('judgements', id), `unknown standard "${id}"`);
			continue;
		}
		if (j.rating && !ratings.has(j.rating)) e(pointer('judgements', id, 'rating'), `"${j.rating}" is not a rating of this version`);
		for (const kq of Object.keys(j.keyQuestions ?? {})) {
			const k = all.get(kq);
			if (!k || k.kind !== 'keyQuestion' || k.standard !== id || k.caseBased) e(pointer('judgements', id, 'keyQuestions', kq), `"${kq}" is not a judgement key question of standard ${id}`);
		}
		for (const p of Object.keys(j.prompts ?? {})) {
			const k = all.get(p);
			if (!k || k.kind !== 'prompt' || k.standard !== id || k.caseBased) e(pointer('judgements', id, 'prompts', p), `"${p}" is not a prompt of standard ${id}'s judgement key questions`);
		}
	}
	for (const [id, d] of Object.entries(inspection.decisions ?? {})) {
		const item = all.get(id);
		if (!item || item.kind !== 'standard') e(pointer('decisions', id), `unknown standard "${id}"`);
		if (!ratings.has(d.rating)) e(pointer('decisions', id, 'rating'), `"${d.rating}" is not a rating of this version`);
	}
	// checked: handed on with maps no id can read a prototype through
	return out.length ? { ok: false, errors: out, warnings: [] } : { ok: true, value: ownMaps(inspection), warnings: [] };
}

const err = (file: string, at: string, message: string): Issue => ({ file, pointer: at, message, severity: 'error' });
const warn = (file: string, at: string, message: string): Issue => ({ file, pointer: at, message, severity: 'warning' });
