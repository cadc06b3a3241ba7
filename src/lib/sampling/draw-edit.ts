// A draw as an edit to an inspection: the longlist's four columns and a seed go in, and the
// drawn cases, the eligible caseload per framework sample and the draw's record come out, all
// computed here from the version's sampling.json, so what is saved is what the rules draw and
// never what a request claims was drawn.
import { pointer, type Issue } from '../engine/errors';
import type { Case, InspectionRecord } from '../inspection/record';
import { MAX_SEED } from './draw';
import type { FingerprintRow } from './fingerprint';
import { LONGLIST_LIMITS, type LonglistCase } from './longlist';
import { groupsOf } from './size';
import type { SamplingRules } from './types';
import { planSample, type SamplePlan } from './index';

/** One row of the longlist as a draw needs it: nothing else about the child is sent or kept. */
export interface LonglistEntry {
	reference: string;
	/** a stratum id, or the id of a case sample without strata */
	group: string;
	excluded?: boolean;
	reason?: string;
}

export interface DrawInput {
	seed: number;
	longlist: LonglistEntry[];
	/** why the sample is drawn again: required when the inspection already has cases */
	reason?: string | null;
	/** the longlist file's name, for the record */
	file?: string;
	/** the size chosen by whoever draws, by case sample id, for a sample the version gives no rule to size */
	sizes?: Record<string, number>;
}

/** What the record keeps of each draw: enough to show it, send it and make it again from the same longlist. */
export interface DrawRecord {
	seed: number;
	/** ISO date and time and account name: set by the server, never by the request */
	at: string;
	by: string;
	reason?: string;
	file?: string;
	/** sha256: of the rows the draw read, in their order (see fingerprint.ts); absent on draws from before it was kept */
	longlist: { cases: number; excluded: number; sha256?: string };
	/**
	 * The seed the server proposed and whether the draw used another, from the server's own
	 * state, never the request's; null: none was proposed (a draw sent to the edits API brings
	 * its own seed); absent on draws from before it was kept.
	 */
	proposal?: { seed: number; changed: boolean } | null;
	samples: { sample: string; label: string; eligible: number; size: number | null; chosen?: boolean; groups: { group: string; eligible: number; drawn: number }[] }[];
	selected: { reference: string; group: string; sample: string }[];
	excluded: { reference: string; group: string; reason: string }[];
	warnings: string[];
	/** cases with no answers that this draw replaced */
	replaced: number;
}

/** The longest reason (for a redraw, or an exclusion in the inspector's words). */
export const REASON_CHARS = 500;

/** What a draw edit is checked against: the version's framework samples and its sampling rules. */
export interface DrawScope {
	ref: string;
	samples?: Set<string>;
	sampling?: SamplingRules;
	/** the longlist's fingerprint: given by the server, which alone draws (the browser has no synchronous SHA-256) */
	fingerprint?: (rows: readonly FingerprintRow[]) => string;
}

/**
 * The eligible caseload per framework sample: a stratum's eligible cases count toward the
 * framework sample it feeds; a case sample without strata toward the one it is recorded in.
 * Every framework sample of a case sample on the longlist is named, with 0 if it has none.
 */
export function caseloadOf(rules: SamplingRules, cases: LonglistCase[]): Record<string, number> {
	const totals = new Map<string, number>();
	const feeds = new Map<string, string>();
	for (const sample of rules.samples) {
		if (!cases.some((c) => c.sample === sample.id)) continue;
		for (const g of groupsOf(sample)) {
			feeds.set(g.id, g.sample);
			totals.set(g.sample, 0);
		}
	}
	for (const c of cases) {
		const sample = feeds.get(c.group);
		if (sample !== undefined && !c.excluded) totals.set(sample, totals.get(sample)! + 1);
	}
	return Object.fromEntries([...totals].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

const issue = (at: string, message: string): Issue => ({ file: 'edit', pointer: at, message, severity: 'error' });
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;
const answered = (c: Case) => !!c.answers && Object.keys(c.answers).length > 0;

/** The longlist's cases, checked: every group one of the version's, references unique, exclusions with reasons. */
export function longlistCases(entries: unknown, rules: SamplingRules, ref: string): { ok: true; cases: LonglistCase[] } | { ok: false; issues: Issue[] } {
	const at = '/longlist';
	if (!Array.isArray(entries) || !entries.length) return { ok: false, issues: [issue(at, 'the longlist has no cases')] };
	if (entries.length > LONGLIST_LIMITS.rows) return { ok: false, issues: [issue(at, `a longlist holds at most ${LONGLIST_LIMITS.rows} cases, not ${entries.length}`)] };
	const groups = new Map<string, string>();
	for (const sample of rules.samples) for (const g of groupsOf(sample)) groups.set(g.id, sample.id);
	const seen = new Set<string>();
	const cases: LonglistCase[] = [];
	for (const [i, entry] of (entries as Partial<LonglistEntry>[]).entries()) {
		const here = pointer('longlist', i);
		if (!entry || typeof entry !== 'object') return { ok: false, issues: [issue(here, 'a longlist case is an object')] };
		const { reference, group, excluded, reason } = entry;
		if (!isText(reference) || reference.trim().length > LONGLIST_LIMITS.cell) return { ok: false, issues: [issue(`${here}/reference`, `a case reference is 1 to ${LONGLIST_LIMITS.cell} characters`)] };
		const id = reference.trim();
		if (seen.has(id)) return { ok: false, issues: [issue(`${here}/reference`, `case reference "${id}" is on the longlist twice`)] };
		seen.add(id);
		const sample = typeof group === 'string' ? groups.get(group) : undefined;
		if (!sample) return { ok: false, issues: [issue(`${here}/group`, `"${String(group)}" is not a stratum or case sample of ${ref}`)] };
		if (excluded !== undefined && typeof excluded !== 'boolean') return { ok: false, issues: [issue(`${here}/excluded`, 'excluded is true or false')] };
		if (excluded && (!isText(reason) || reason.trim().length > REASON_CHARS)) return { ok: false, issues: [issue(`${here}/reason`, `case "${id}" is excluded: give the reason (at most ${REASON_CHARS} characters)`)] };
		cases.push({ row: i + 2, reference: id, sample, group: group as string, excluded: !!excluded, ...(excluded ? { reason: (reason as string).trim() } : {}) });
	}
	return { ok: true, cases };
}

/** The sizes chosen by case sample id: only the version's case samples, each a whole number within its bounds. */
export function chosenSizes(value: unknown, rules: SamplingRules): { ok: true; sizes: Record<string, number> } | { ok: false; issues: Issue[] } {
	const sizes: Record<string, number> = Object.create(null); // keys are checked against the version first anyway
	if (value === undefined || value === null) return { ok: true, sizes };
	if (typeof value !== 'object' || Array.isArray(value)) return { ok: false, issues: [issue('/sizes', 'sizes are given by case sample')] };
	for (const [id, n] of Object.entries(value)) {
		const sample = rules.samples.find((s) => s.id === id);
		if (!sample) return { ok: false, issues: [issue(pointer('sizes', id), `"${id}" is not a case sample of this version`)] };
		const { min, max } = sample.bounds;
		const low = min ?? 1;
		if (!Number.isInteger(n) || (n as number) < low || (max !== null && (n as number) > max)) {
			return { ok: false, issues: [issue(pointer('sizes', id), `${sample.label}: the size is a whole number from ${low}${max !== null ? ` to ${max}` : ''}`)] };
		}
		sizes[id] = n as number;
	}
	return { ok: true, sizes };
}

/**
 * What stops a plan being drawn as sized: a sample with no size (the version gives no rule and
 * none was chosen), or a size chosen where the version gives one, or for a sample with no cases.
 */
export function sizeProblems(rules: SamplingRules, plan: SamplePlan, chosen: Record<string, number>): Issue[] {
	for (const { size } of plan.samples) {
		const sample = rules.samples.find((s) => s.id === size.sample)!;
		const range = sample.bounds.min !== null && sample.bounds.max !== null ? ` (${sample.bounds.min} to ${sample.bounds.max})` : '';
		if (size.size === null) return [issue(pointer('sizes', size.sample), `${size.label}: the version gives no rule for the size of this sample: choose one${range}`)];
		if (Object.hasOwn(chosen, size.sample) && !size.steps.some((s) => s.id === 'chosen')) return [issue(pointer('sizes', size.sample), `${size.label}: the version sizes this sample itself (${size.size}): there is no size to choose`)];
	}
	for (const id of Object.keys(chosen)) {
		if (!plan.samples.some(({ size }) => size.sample === id)) return [issue(pointer('sizes', id), `no case on the longlist is in the ${id} sample: there is nothing to size`)];
	}
	return [];
}

/**
 * Draw the sample into the record, in place; returns what stops it (and then changes nothing).
 * A sample that has cases is drawn again only with a reason, and only if every case with
 * answers is drawn again: answers are never dropped by a draw.
 */
export function applyDraw(record: InspectionRecord, input: DrawInput, scope: DrawScope): Issue[] {
	const rules = scope.sampling;
	if (!rules) return [issue('', `${scope.ref} has no sampling rules (sampling.json): it does not say how its case samples are drawn`)];
	if (!Number.isInteger(input.seed) || input.seed < 0 || input.seed > MAX_SEED) return [issue('/seed', `the seed is a whole number from 0 to ${MAX_SEED}`)];
	const reason = isText(input.reason) ? input.reason.trim() : null;
	if (reason && reason.length > REASON_CHARS) return [issue('/reason', `the reason is at most ${REASON_CHARS} characters`)];
	const read = longlistCases(input.longlist, rules, scope.ref);
	if (!read.ok) return read.issues;

	const sizes = chosenSizes(input.sizes, rules);
	if (!sizes.ok) return sizes.issues;
	const plan = planSample(rules, read.cases, input.seed, sizes.sizes);
	const unsized = sizeProblems(rules, plan, sizes.sizes);
	if (unsized.length) return unsized;
	const selected = plan.samples.flatMap(({ draw }) => draw.selected);
	if (!selected.length) {
		const why = plan.warnings.map((w) => w.message).join(' ');
		return [issue('/longlist', `the draw selects no cases${why ? `: ${why}` : ''}`)];
	}
	for (const c of selected) {
		if (scope.samples && !scope.samples.has(c.sample)) return [issue('/longlist', `the sampling rules record "${c.group}" in sample "${c.sample}", which ${scope.ref} does not declare`)];
	}
	// A draw replaces the cases of the framework samples its case samples feed, and no others:
	// a victims' longlist drawn after the children's leaves the children's cases alone.
	const drawn = new Set(plan.samples.flatMap(({ size }) => groupsOf(rules.samples.find((s) => s.id === size.sample)!).map((g) => g.sample)));
	const all = record.evidence.cases ?? [];
	const existing = all.filter((c) => drawn.has(c.sample));
	const others = all.filter((c) => !drawn.has(c.sample));
	if (existing.length && !reason) {
		return [issue('/reason', `the inspection already has ${existing.length} case${existing.length === 1 ? '' : 's'} in the samples this longlist draws: drawing again replaces those with no answers, so give the reason for the redraw`)];
	}
	const chosen = new Set(selected.map((c) => c.reference));
	const clash = others.filter((c) => chosen.has(c.id)).map((c) => c.id);
	if (clash.length) return [issue('/evidence/cases', `the draw selects ${clash.join(', ')}, already a case in another sample: a case reference is one case`)];
	const lost = existing.filter((c) => answered(c) && !chosen.has(c.id));
	if (lost.length) {
		const names = lost.map((c) => c.id);
		return [issue('/evidence/cases', `this draw would lose the answers of ${names.length === 1 ? 'case' : `${names.length} cases`} it does not select: ${names.join(', ')}. Clear their answers first, or draw with another seed only before cases are read`)];
	}

	const stratified = new Set(rules.samples.flatMap((s) => s.strata.map((t) => t.id)));
	const kept = new Map(existing.filter(answered).map((c) => [c.id, c]));
	record.evidence.cases = [...others, ...selected.map((d): Case => {
		const before = kept.get(d.reference);
		const c: Case = before ? { ...before, sample: d.sample } : { id: d.reference, sample: d.sample };
		if (stratified.has(d.group)) c.stratum = d.group;
		else delete c.stratum;
		c.answers ??= {};
		return c;
	})];
	const caseload = caseloadOf(rules, read.cases);
	const keptLoad = Object.entries(record.evidence.caseload ?? {}).filter(([sample]) => !Object.hasOwn(caseload, sample));
	record.evidence.caseload = Object.fromEntries([...keptLoad, ...Object.entries(caseload)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
	const entry: DrawRecord = {
		seed: input.seed,
		at: '',
		by: '',
		...(reason ? { reason } : {}),
		...(isText(input.file) ? { file: input.file.trim().slice(0, 200) } : {}),
		longlist: { cases: read.cases.length, excluded: plan.excluded.length, ...(scope.fingerprint ? { sha256: scope.fingerprint(read.cases) } : {}) },
		samples: plan.samples.map(({ size, draw }) => ({ sample: size.sample, label: size.label, eligible: size.eligible, size: size.size, ...(size.steps.some((s) => s.id === 'chosen') ? { chosen: true } : {}), groups: draw.counts })),
		selected,
		excluded: plan.excluded.map(({ reference, group, reason }) => ({ reference, group, reason })),
		warnings: plan.warnings.map((w) => w.message),
		replaced: existing.filter((c) => !answered(c)).length
	};
	record.draws = [...(record.draws ?? []), entry];
	return [];
}

/**
 * The last draw's who and when: the signed-in account and the server's clock; and, unless
 * `proposed` is undefined (not known), the seed the server proposed for it (null: none was).
 */
export function stampDraw(record: InspectionRecord, by: string, at = new Date().toISOString(), proposed?: number | null) {
	const last = record.draws?.at(-1);
	if (!last || last.at) return;
	Object.assign(last, { at, by });
	if (proposed !== undefined) last.proposal = proposed === null ? null : { seed: proposed, changed: proposed !== last.seed };
}

/** A draw in words, for the record of who changed what. */
export function describeDraw(input: DrawInput): string {
	return `drew the case sample (seed ${input.seed})${isText(input.reason) ? ' again' : ''}`;
}

/**
 * The draws whose cases the inspection holds now, newest first: each with the case samples it
 * is still the latest draw of (a later draw of another longlist leaves an earlier one current
 * for the samples it did not draw).
 */
export function currentDraws(draws: DrawRecord[]): { index: number; samples: string[] }[] {
	const covered = new Set<string>();
	const out: { index: number; samples: string[] }[] = [];
	for (let index = draws.length - 1; index >= 0; index--) {
		const samples = draws[index].samples.map((s) => s.sample).filter((s) => !covered.has(s));
		if (!samples.length) continue;
		for (const s of samples) covered.add(s);
		out.push({ index, samples });
	}
	return out;
}

/** The cases selected by the current draws, for the samples each is current for. */
export function currentSelection(draws: DrawRecord[]): DrawRecord['selected'] {
	return currentDraws(draws)
		.reverse()
		.flatMap(({ index, samples }) => {
			const draw = draws[index];
			const groups = new Set(draw.samples.filter((s) => samples.includes(s.sample)).flatMap((s) => s.groups.map((g) => g.group)));
			return draw.selected.filter((c) => groups.has(c.group));
		});
}
