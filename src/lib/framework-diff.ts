// What changed between two versions of a framework, as a methodology lead reads it: standards,
// key questions and prompts added, removed, renumbered or reworded (word by word), bands moved,
// rules added, removed or changed, the composite changed. Pure: it takes two versions' files
// (drafts too, valid or not) and returns grouped changes.
import { diffWords } from 'diff';
import { canonicalJson } from './engine/canonical';
import { conditionWords } from './condition-text';
import type { Applicability, Band, Banding, Composite, Condition, Domain, FrameworkMeta, KeyQuestion, Prompt, RuleFile, Source, Standard } from './engine/types';
import type { SamplingRules } from './sampling/types';

export type VersionFiles = Record<string, unknown>;

export interface WordPart {
	text: string;
	added?: boolean;
	removed?: boolean;
}

export interface Change {
	kind: 'added' | 'removed' | 'renumbered' | 'reworded' | 'changed' | 'moved';
	/** what changed, in words: "Standard 2.4 Reviewing", "Limiter review-cap" */
	subject: string;
	/** which of its parts: "text", "range", "condition" */
	field?: string;
	from?: string;
	to?: string;
	/** reworded: the new wording with removed and added words marked */
	words?: WordPart[];
}

export interface DiffSection {
	id: string;
	title: string;
	changes: Change[];
}

export interface VersionDiff {
	sections: DiffSection[];
	/** how many changes in all */
	count: number;
}

/** A version's parts from its files, tolerating what an unfinished draft may lack. */
export interface VersionParts {
	meta: Partial<FrameworkMeta>;
	domains: Domain[];
	bandings: Banding[];
	rules: Partial<RuleFile>;
	composite: Partial<Composite>;
	/** sampling.json, when the version has one */
	sampling?: Partial<SamplingRules>;
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const arr = <T>(v: T[] | undefined | unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);

export function versionParts(files: VersionFiles): VersionParts {
	const meta = (isObject(files['framework.json']) ? files['framework.json'] : {}) as Partial<FrameworkMeta>;
	const domains = arr<string>(meta.domains)
		.map((file) => files[file])
		.filter(isObject) as unknown as Domain[];
	const bandings = arr<Banding>((files['bandings.json'] as { bandings?: unknown } | undefined)?.bandings);
	const rules = (isObject(files['rules.json']) ? files['rules.json'] : {}) as Partial<RuleFile>;
	const composite = (isObject(files['composite.json']) ? files['composite.json'] : {}) as Partial<Composite>;
	const sampling = isObject(files['sampling.json']) ? (files['sampling.json'] as Partial<SamplingRules>) : undefined;
	return { meta, domains, bandings, rules, composite, ...(sampling ? { sampling } : {}) };
}

// ---- words

const normal = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

export function wordDiff(from: string, to: string): WordPart[] {
	return diffWords(from, to).map((part) => ({ text: part.value, ...(part.added ? { added: true } : {}), ...(part.removed ? { removed: true } : {}) }));
}

// ---- the tree: standards, key questions, prompts

type ItemKind = 'standard' | 'keyQuestion' | 'prompt';

interface Item {
	kind: ItemKind;
	id: string;
	/** the domain, standard or key question it sits in */
	parent: string;
	node: Standard | KeyQuestion | Prompt;
	/** its wording, for pairing a removed item with an added one */
	wording: string;
}

const KIND_NAMES: Record<ItemKind, string> = { standard: 'Standard', keyQuestion: 'Key question', prompt: 'Prompt' };

function items(parts: VersionParts): Item[] {
	const out: Item[] = [];
	for (const domain of parts.domains) {
		for (const s of arr<Standard>(domain.standards)) {
			out.push({ kind: 'standard', id: s.id, parent: domain.id, node: s, wording: `${s.title ?? ''} ${s.text ?? ''}`.trim() });
			for (const kq of arr<KeyQuestion>(s.keyQuestions)) {
				out.push({ kind: 'keyQuestion', id: kq.id, parent: s.id, node: kq, wording: kq.text ?? '' });
				for (const p of arr<Prompt>(kq.prompts)) out.push({ kind: 'prompt', id: p.id, parent: kq.id, node: p, wording: p.text ?? '' });
			}
		}
	}
	return out;
}

const subjectOf = (item: Item) => {
	const title = item.kind === 'standard' ? (item.node as Standard).title : undefined;
	return `${KIND_NAMES[item.kind]} ${item.id}${title ? ` ${title}` : ''}`;
};

const wordSet = (text: string) => new Set(normal(text).split(' ').filter(Boolean));

/** Share of words two texts have in common (Jaccard), 0-1: cheap enough to compare every pair. */
export function overlap(a: string, b: string): number {
	return overlapOf(wordSet(a), wordSet(b));
}

function overlapOf(x: Set<string>, y: Set<string>): number {
	if (!x.size && !y.size) return 1;
	let common = 0;
	for (const w of x) if (y.has(w)) common++;
	return common / (x.size + y.size - common);
}

const SAME_ITEM = 0.5;

/**
 * Which item of the new version is which of the old. Same id and much the same wording: the same
 * item. Otherwise the closest wording of the same kind wins (renumbered, perhaps reworded), so a
 * prompt inserted before others reads as one addition, not as every later prompt reworded.
 * What is left pairs by id (reworded beyond recognition) or is added or removed.
 */
function pair(from: Item[], to: Item[]) {
	const key = (i: Item) => `${i.kind}|${i.id}`;
	const fromById = new Map(from.map((i) => [key(i), i]));
	const pairs = new Map<Item, Item>(); // new → old
	const used = new Set<Item>();
	// each item's words once: every pair of items is compared
	const words = new Map([...from, ...to].map((i) => [i, wordSet(i.wording)]));
	const similar = (a: Item, b: Item) => overlapOf(words.get(a)!, words.get(b)!);
	const worded = (i: Item) => words.get(i)!.size > 0;
	for (const item of to) {
		const old = fromById.get(key(item));
		if (old && (!worded(old) || !worded(item) || similar(old, item) >= SAME_ITEM)) {
			pairs.set(item, old);
			used.add(old);
		}
	}
	const candidates: { old: Item; item: Item; score: number }[] = [];
	const openFrom = from.filter((i) => !used.has(i) && worded(i));
	for (const item of to.filter((i) => !pairs.has(i) && worded(i))) {
		for (const old of openFrom) {
			if (old.kind !== item.kind) continue;
			const score = similar(old, item);
			if (score >= SAME_ITEM) candidates.push({ old, item, score: score + (old.id === item.id ? 0.001 : 0) });
		}
	}
	candidates.sort((a, b) => b.score - a.score);
	for (const { old, item } of candidates) {
		if (pairs.has(item) || used.has(old)) continue;
		pairs.set(item, old);
		used.add(old);
	}
	for (const item of to) {
		const old = fromById.get(key(item));
		if (!pairs.has(item) && old && !used.has(old)) {
			pairs.set(item, old);
			used.add(old);
		}
	}
	return { pairs, removed: from.filter((i) => !used.has(i)), added: to.filter((i) => !pairs.has(i)) };
}

const sourceWords = (s: Source | undefined) => (s ? `${s.document}, ${s.section}` : '(none)');
const applicabilityWords = (a: Applicability | undefined) => (a ? `${conditionWords(a.conditions)} (${a.note})` : 'always');

interface Compare {
	changes: Change[];
	subject: string;
}

function text(c: Compare, field: string, from: string | undefined, to: string | undefined) {
	if ((from ?? '') === (to ?? '')) return;
	if (from && to) c.changes.push({ kind: 'reworded', subject: c.subject, field, from, to, words: wordDiff(from, to) });
	else c.changes.push({ kind: 'changed', subject: c.subject, field, from: from || '(none)', to: to || '(none)' });
}

function value(c: Compare, field: string, from: unknown, to: unknown, words: (v: never) => string = (v) => String(v ?? '(none)')) {
	if (canonicalJson(from ?? null) === canonicalJson(to ?? null)) return;
	c.changes.push({ kind: 'changed', subject: c.subject, field, from: words(from as never), to: words(to as never) });
}

function compareItems(c: Compare, kind: ItemKind, from: Item, to: Item) {
	const a = from.node as unknown as Record<string, unknown>;
	const b = to.node as unknown as Record<string, unknown>;
	const parentName = kind === 'standard' ? 'domain' : kind === 'keyQuestion' ? 'standard' : 'key question';
	value(c, parentName, from.parent, to.parent);
	if (kind === 'standard') text(c, 'title', a.title as string, b.title as string);
	text(c, 'text', a.text as string, b.text as string);
	text(c, 'gap', a.gap as string, b.gap as string);
	if (kind === 'standard') {
		value(c, 'method', a.method, b.method);
		value(c, 'rated when', a.ratedWhen, b.ratedWhen, applicabilityWords);
		text(c, 'judgement guidance', a.judgementGuidance as string, b.judgementGuidance as string);
		const ca = (a.characteristics as Standard['characteristics'])?.ratings ?? {};
		const cb = (b.characteristics as Standard['characteristics'])?.ratings ?? {};
		for (const rating of new Set([...Object.keys(ca), ...Object.keys(cb)])) text(c, `characteristics: ${rating}`, ca[rating], cb[rating]);
	}
	if (kind === 'keyQuestion') {
		value(c, 'kind', a.kind, b.kind);
		value(c, 'samples', a.samples, b.samples, (v: string[] | undefined) => arr<string>(v).join(', ') || '(none)');
		value(c, 'banding', a.banding, b.banding);
		value(c, 'relevant when', a.relevantWhen, b.relevantWhen, applicabilityWords);
	}
	text(c, 'guidance', a.guidance as string, b.guidance as string);
	if (kind === 'prompt') text(c, 'note', a.note as string, b.note as string);
	value(c, 'source', a.source, b.source, sourceWords);
}

function describeAdded(item: Item): string {
	if (item.kind === 'standard') {
		const s = item.node as Standard;
		const n = arr(s.keyQuestions).length;
		return `in domain ${item.parent}, rated by ${s.method ?? '(no method)'}, ${n} key question${n === 1 ? '' : 's'}${s.text ? `: ${s.text}` : ''}`;
	}
	const node = item.node as KeyQuestion | Prompt;
	const where = `in ${item.kind === 'keyQuestion' ? 'standard' : 'key question'} ${item.parent}`;
	return `${where}: ${node.text ?? `no published wording (${node.gap ?? 'gap'})`}`;
}

function treeSections(from: VersionParts, to: VersionParts): DiffSection[] {
	const now = items(to);
	const { pairs, removed, added } = pair(items(from), now);
	const isAdded = new Set(added);
	const sections: DiffSection[] = [];
	for (const kind of ['standard', 'keyQuestion', 'prompt'] as ItemKind[]) {
		const changes: Change[] = [];
		for (const item of now.filter((i) => i.kind === kind)) {
			if (isAdded.has(item)) {
				changes.push({ kind: 'added', subject: subjectOf(item), to: describeAdded(item) });
				continue;
			}
			const old = pairs.get(item);
			if (!old) continue;
			if (old.id !== item.id) changes.push({ kind: 'renumbered', subject: subjectOf(item), from: old.id, to: item.id });
			compareItems({ changes, subject: subjectOf(item) }, kind, old, item);
		}
		for (const item of removed.filter((i) => i.kind === kind)) changes.push({ kind: 'removed', subject: subjectOf(item), from: describeAdded(item) });
		const title = { standard: 'Standards', keyQuestion: 'Key questions', prompt: 'Prompts' }[kind];
		sections.push({ id: `${kind}s`, title, changes });
	}
	return sections;
}

// ---- domains and the framework itself

function byId<T extends { id: string }>(list: T[]) {
	return new Map(list.map((x) => [x.id, x]));
}

/** Added, removed and common entries of two lists keyed by id. */
function matchIds<T extends { id: string }>(from: T[], to: T[]) {
	const a = byId(from);
	const b = byId(to);
	return {
		added: to.filter((x) => !a.has(x.id)),
		removed: from.filter((x) => !b.has(x.id)),
		common: to.filter((x) => a.has(x.id)).map((x) => [a.get(x.id)!, x] as const)
	};
}

function domainSection(from: VersionParts, to: VersionParts): DiffSection {
	const changes: Change[] = [];
	const { added, removed, common } = matchIds(from.domains, to.domains);
	for (const d of added) changes.push({ kind: 'added', subject: `Domain ${d.id} ${d.title}`, to: `${arr(d.standards).length} standard${arr(d.standards).length === 1 ? '' : 's'}` });
	for (const d of removed) changes.push({ kind: 'removed', subject: `Domain ${d.id} ${d.title}` });
	for (const [a, b] of common) {
		const c = { changes, subject: `Domain ${b.id} ${b.title}` };
		text(c, 'title', a.title, b.title);
		value(c, 'rated when', a.ratedWhen, b.ratedWhen, applicabilityWords);
		value(c, 'source', a.source, b.source, sourceWords);
	}
	value({ changes, subject: 'Domains' }, 'order', from.domains.map((d) => d.id), to.domains.map((d) => d.id), (v: string[]) => v.join(', '));
	return { id: 'domains', title: 'Domains', changes };
}

function frameworkSection(from: VersionParts, to: VersionParts): DiffSection {
	const changes: Change[] = [];
	const c = { changes, subject: 'Framework' };
	text(c, 'title', from.meta.title, to.meta.title);
	value(c, 'effective from', from.meta.effectiveFrom, to.meta.effectiveFrom);
	const terms = (what: string, a: { id: string; label: string }[] | undefined, b: { id: string; label: string }[] | undefined) => {
		const m = matchIds(arr<{ id: string; label: string }>(a), arr<{ id: string; label: string }>(b));
		for (const t of m.added) changes.push({ kind: 'added', subject: `${what} ${t.id}`, to: t.label });
		for (const t of m.removed) changes.push({ kind: 'removed', subject: `${what} ${t.id}`, from: t.label });
		for (const [x, y] of m.common) text({ changes, subject: `${what} ${y.id}` }, 'label', x.label, y.label);
	};
	terms('Rating', from.meta.ratings, to.meta.ratings);
	type Scale = FrameworkMeta['ratings'][number];
	for (const [x, y] of matchIds(arr<Scale>(from.meta.ratings), arr<Scale>(to.meta.ratings)).common) value({ changes, subject: `Rating ${y.id}` }, 'score', x.score, y.score);
	terms('Sample', from.meta.samples, to.meta.samples);
	terms('Inspection type', from.meta.inspectionTypes, to.meta.inspectionTypes);
	terms('Case fact', from.meta.caseFacts, to.meta.caseFacts);
	terms('Context fact', from.meta.contextFacts, to.meta.contextFacts);
	return { id: 'framework', title: 'Framework', changes };
}

// ---- bandings

const range = (b: { min: number; max: number }, unit = '%') => `${b.min}–${b.max}${unit}`;

function bandingSection(from: VersionParts, to: VersionParts): DiffSection {
	const changes: Change[] = [];
	const { added, removed, common } = matchIds(from.bandings, to.bandings);
	const bandsWords = (b: Banding) => arr<Band>(b.bands).map((band) => `${band.rating} ${range(band)}`).join('; ');
	for (const b of added) changes.push({ kind: 'added', subject: `Banding “${b.id}”`, to: `${b.title}: ${bandsWords(b)}` });
	for (const b of removed) changes.push({ kind: 'removed', subject: `Banding “${b.id}”`, from: `${b.title}: ${bandsWords(b)}` });
	for (const [a, b] of common) {
		const c = { changes, subject: `Banding “${b.id}”` };
		text(c, 'title', a.title, b.title);
		value(c, 'purpose', a.purpose, b.purpose);
		const key = (bands: Band[]) => {
			const unique = new Set(bands.map((x) => x.rating)).size === bands.length;
			return (band: Band, i: number) => (unique ? band.rating : `${i}`);
		};
		const ka = key(arr(a.bands));
		const kb = key(arr(b.bands));
		const old = new Map(arr<Band>(a.bands).map((band, i) => [ka(band, i), band]));
		const now = new Set<string>();
		arr<Band>(b.bands).forEach((band, i) => {
			const k = kb(band, i);
			now.add(k);
			const was = old.get(k);
			const subject = `Banding “${b.id}”: ${band.rating} (${band.label})`;
			if (!was) return changes.push({ kind: 'added', subject, to: range(band) });
			if (was.min !== band.min || was.max !== band.max) changes.push({ kind: 'moved', subject, field: 'range', from: range(was), to: range(band) });
			text({ changes, subject }, 'label', was.label, band.label);
			text({ changes, subject }, 'as published', was.published, band.published);
		});
		for (const [k, band] of old) if (!now.has(k)) changes.push({ kind: 'removed', subject: `Banding “${b.id}”: ${band.rating} (${band.label})`, from: range(band) });
	}
	return { id: 'bandings', title: 'Bandings', changes };
}

// ---- rules

interface RuleLike {
	id: string;
	text: string;
	[key: string]: unknown;
}

const conditionOf = (v: unknown) => (v ? conditionWords(v as Condition) : '(none)');
const listOf = (v: unknown) => arr<string>(v).join(', ') || '(none)';

function ruleSection(id: string, title: string, noun: string, from: RuleLike[], to: RuleLike[], fields: [string, string, (v: never) => string][]): DiffSection {
	const changes: Change[] = [];
	const { added, removed, common } = matchIds(from, to);
	const summary = (r: RuleLike) =>
		[r.text, ...fields.filter(([key]) => r[key] !== undefined).map(([key, label, words]) => `${label}: ${words(r[key] as never)}`)].join(' — ');
	for (const r of added) changes.push({ kind: 'added', subject: `${noun} ${r.id}`, to: summary(r) });
	for (const r of removed) changes.push({ kind: 'removed', subject: `${noun} ${r.id}`, from: summary(r) });
	for (const [a, b] of common) {
		const c = { changes, subject: `${noun} ${b.id}` };
		text(c, 'text', a.text, b.text);
		for (const [key, label, words] of fields) value(c, label, a[key], b[key], words);
		text(c, 'interpretation', a.interpretation as string, b.interpretation as string);
		value(c, 'source', a.source, b.source, sourceWords);
	}
	return { id, title, changes };
}

function ruleSections(from: VersionParts, to: VersionParts): DiffSection[] {
	const list = (parts: VersionParts, key: keyof RuleFile) => arr<RuleLike>(parts.rules[key]);
	const triggers = (parts: VersionParts) => arr<RuleLike>(parts.rules.discretion?.triggers);
	const discretion = ruleSection('discretion', 'Professional discretion', 'Trigger', triggers(from), triggers(to), [
		['conditions', 'when', conditionOf],
		['standards', 'standards', listOf],
		['flag', 'flag', String]
	]);
	value({ changes: discretion.changes, subject: 'Professional discretion' }, 'steps the panel may move', from.rules.discretion?.maxSteps, to.rules.discretion?.maxSteps);
	return [
		ruleSection('decision-rules', 'Decision rules and guidance', 'Decision rule', list(from, 'decisionRules'), list(to, 'decisionRules'), [
			['standard', 'standard', String],
			['rating', 'rating', String],
			['kind', 'kind', (k: string) => (k === 'rule' ? 'rule (non-negotiable)' : 'guidance (may be departed from with a reason)')],
			['requires', 'requires', conditionOf]
		]),
		ruleSection('limiters', 'Limiters', 'Limiter', list(from, 'limiters'), list(to, 'limiters'), [
			['when', 'when', conditionOf],
			['cap', 'overall at most', String],
			['challenge', 'challenge', listOf]
		]),
		ruleSection('rating-rules', 'Rating rules', 'Rating rule', list(from, 'ratingRules'), list(to, 'ratingRules'), [
			['standard', 'standard', String],
			['conditions', 'when', conditionOf],
			['allow', 'allows', listOf]
		]),
		ruleSection('judgement-guidance', 'Judgement guidance', 'Judgement guidance', list(from, 'judgementGuidance'), list(to, 'judgementGuidance'), [
			['standards', 'standards', listOf],
			['conditions', 'when', conditionOf],
			['suggest', 'suggests', String],
			['suggestFromBanding', 'suggests from banding', String]
		]),
		discretion
	];
}

// ---- composite

function compositeSection(from: VersionParts, to: VersionParts): DiffSection {
	const changes: Change[] = [];
	const a = from.composite;
	const b = to.composite;
	const subject = `Composite “${b.title ?? a.title ?? ''}”`;
	const c = { changes, subject };
	text(c, 'title', a.title, b.title);
	const was = arr<string>(a.standards);
	const now = arr<string>(b.standards);
	for (const s of now) if (!was.includes(s)) changes.push({ kind: 'added', subject, field: 'standards that count', to: s });
	for (const s of was) if (!now.includes(s)) changes.push({ kind: 'removed', subject, field: 'standards that count', from: s });
	for (const rating of new Set([...Object.keys(a.scores ?? {}), ...Object.keys(b.scores ?? {})])) value(c, `score for ${rating}`, a.scores?.[rating], b.scores?.[rating]);
	value(c, 'maximum score', a.max, b.max);
	const old = new Map(arr<{ rating: string; min: number; max: number }>(a.bands).map((band) => [band.rating, band]));
	const seen = new Set<string>();
	for (const band of arr<{ rating: string; min: number; max: number }>(b.bands)) {
		seen.add(band.rating);
		const prior = old.get(band.rating);
		if (!prior) changes.push({ kind: 'added', subject: `${subject}: ${band.rating}`, to: range(band, '') });
		else if (prior.min !== band.min || prior.max !== band.max) changes.push({ kind: 'moved', subject: `${subject}: ${band.rating}`, field: 'scores', from: range(prior, ''), to: range(band, '') });
	}
	for (const [rating, band] of old) if (!seen.has(rating)) changes.push({ kind: 'removed', subject: `${subject}: ${rating}`, from: range(band, '') });
	text(c, 'note', a.note, b.note);
	return { id: 'composite', title: 'Composite (overall rating)', changes };
}

// ---- case samples (sampling.json)

type CaseSampleLike = { id: string; label?: string; [key: string]: unknown };
const figureWords = (unit: string) => (f: { value?: number | null; gap?: string } | undefined) =>
	f && f.value !== null && f.value !== undefined ? `${f.value}${unit}` : f?.gap ? `not given (${f.gap})` : '(none)';
const boundsWords = (b: { min?: number | null; max?: number | null } | undefined) => (b ? `${b.min ?? 'none'} to ${b.max ?? 'none'} cases` : '(none)');
const smallServiceWords = (r: { eligibleBelow?: number; emptyStratum?: boolean; aim?: number; onePerStratum?: boolean } | undefined) =>
	r ? `fewer than ${r.eligibleBelow} eligible cases${r.emptyStratum ? ' or an empty stratum' : ''}: aim for ${r.aim}${r.onePerStratum ? ', one from each stratum' : ''}` : '(none)';

function samplingSection(from: VersionParts, to: VersionParts): DiffSection {
	const changes: Change[] = [];
	const a = from.sampling;
	const b = to.sampling;
	if (!a && b) changes.push({ kind: 'added', subject: 'Case samples', to: `sampling rules for ${arr<CaseSampleLike>(b.samples).map((s) => s.label ?? s.id).join(', ')}` });
	if (a && !b) changes.push({ kind: 'removed', subject: 'Case samples', from: `sampling rules for ${arr<CaseSampleLike>(a.samples).map((s) => s.label ?? s.id).join(', ')}` });
	if (!a || !b) return { id: 'sampling', title: 'Case samples', changes };
	const c = { changes, subject: 'Case samples' };
	value(c, 'confidence level', a.confidence, b.confidence, figureWords('%'));
	value(c, 'share sized for', a.proportion, b.proportion, figureWords('%'));
	text(c, 'note', a.note, b.note);
	const samples = matchIds(arr<CaseSampleLike>(a.samples), arr<CaseSampleLike>(b.samples));
	for (const s of samples.added) changes.push({ kind: 'added', subject: `Case sample ${s.id}`, to: `${s.label}: ${boundsWords(s.bounds as never)}` });
	for (const s of samples.removed) changes.push({ kind: 'removed', subject: `Case sample ${s.id}`, from: `${s.label}: ${boundsWords(s.bounds as never)}` });
	for (const [x, y] of samples.common) {
		const subject = `Case sample ${y.id}`;
		const sc = { changes, subject };
		text(sc, 'label', x.label, y.label);
		text(sc, 'eligible cases', x.population as string, y.population as string);
		value(sc, 'recorded in', x.recordedIn, y.recordedIn, listOf);
		const sx = (x.sizing ?? {}) as { method?: string; marginOfError?: unknown; text?: string; gap?: string };
		const sy = (y.sizing ?? {}) as typeof sx;
		value(sc, 'how it is sized', sx.method, sy.method);
		value(sc, 'margin of error', sx.marginOfError, sy.marginOfError, figureWords(' percentage points'));
		text(sc, 'sizing', sx.text, sy.text);
		text(sc, 'sizing gap', sx.gap, sy.gap);
		value(sc, 'size', x.bounds, y.bounds, boundsWords);
		value(sc, 'small service', x.smallService, y.smallService, smallServiceWords);
		const strata = matchIds(arr<CaseSampleLike>(x.strata), arr<CaseSampleLike>(y.strata));
		for (const t of strata.added) changes.push({ kind: 'added', subject: `${subject}: stratum ${t.id}`, to: `${t.label}, feeds the ${t.sample} sample` });
		for (const t of strata.removed) changes.push({ kind: 'removed', subject: `${subject}: stratum ${t.id}`, from: `${t.label}, fed the ${t.sample} sample` });
		for (const [p, q] of strata.common) {
			const tc = { changes, subject: `${subject}: stratum ${q.id}` };
			text(tc, 'label', p.label, q.label);
			value(tc, 'feeds the sample', p.sample, q.sample);
			text(tc, 'which cases', p.description as string, q.description as string);
			value(tc, 'source', p.source, q.source, sourceWords);
		}
		value({ changes, subject }, 'order of strata', arr<CaseSampleLike>(x.strata).map((t) => t.id), arr<CaseSampleLike>(y.strata).map((t) => t.id), listOf);
		const exclusions = matchIds(arr<CaseSampleLike>(x.exclusions), arr<CaseSampleLike>(y.exclusions));
		for (const e of exclusions.added) changes.push({ kind: 'added', subject: `${subject}: exclusion ${e.id}`, to: String(e.reason) });
		for (const e of exclusions.removed) changes.push({ kind: 'removed', subject: `${subject}: exclusion ${e.id}`, from: String(e.reason) });
		for (const [p, q] of exclusions.common) text({ changes, subject: `${subject}: exclusion ${q.id}` }, 'reason', p.reason as string, q.reason as string);
		value(sc, 'source', x.source, y.source, sourceWords);
	}
	type Note = { kind: string; text: string };
	const noteKey = (n: Note) => `${n.kind}: ${n.text}`;
	const before = new Set(arr<Note>(a.notes).map(noteKey));
	const after = new Set(arr<Note>(b.notes).map(noteKey));
	for (const n of after) if (!before.has(n)) changes.push({ kind: 'added', subject: 'Case samples', field: n.startsWith('gap') ? 'gap' : 'interpretation', to: n.slice(n.indexOf(': ') + 2) });
	for (const n of before) if (!after.has(n)) changes.push({ kind: 'removed', subject: 'Case samples', field: n.startsWith('gap') ? 'gap' : 'interpretation', from: n.slice(n.indexOf(': ') + 2) });
	return { id: 'sampling', title: 'Case samples', changes };
}

export function diffVersions(fromFiles: VersionFiles, toFiles: VersionFiles): VersionDiff {
	const from = versionParts(fromFiles);
	const to = versionParts(toFiles);
	const sections = [frameworkSection(from, to), domainSection(from, to), ...treeSections(from, to), bandingSection(from, to), ...ruleSections(from, to), compositeSection(from, to), samplingSection(from, to)];
	return { sections, count: sections.reduce((n, s) => n + s.changes.length, 0) };
}
