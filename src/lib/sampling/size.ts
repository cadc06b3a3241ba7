// Sizing a case sample from the eligible caseload and sharing the size among its strata.
// Every step's arithmetic is returned as data so a page and the command line show the same.
import { num } from './format';
import { zForConfidence } from './normal';
import type { CaseSample, SamplingRules } from './types';

/** A group the draw is made within: a stratum, or the whole of a sample without strata. */
export interface Group {
	id: string;
	label: string;
	/** the framework sample a drawn case is recorded in */
	sample: string;
}

export function groupsOf(sample: CaseSample): Group[] {
	return sample.strata.length
		? sample.strata.map((s) => ({ id: s.id, label: s.label, sample: s.sample }))
		: [{ id: sample.id, label: sample.label, sample: sample.recordedIn[0] }];
}

export interface Step {
	id: string;
	text: string;
	value: number | null;
}

export interface SamplingWarning {
	code: string;
	subject: string;
	message: string;
}

export interface Allocation {
	group: string;
	label: string;
	sample: string;
	eligible: number;
	/** size × eligible / total, before rounding */
	quota: number;
	allocated: number;
	text: string;
}

export interface SizeResult {
	sample: string;
	label: string;
	eligible: number;
	confidence: number | null;
	margin: number | null;
	proportion: number | null;
	z: number | null;
	/** z²p(1−p)/m², before the finite population correction */
	n0: number | null;
	/** after the correction, unrounded */
	corrected: number | null;
	/** null when the version gives no way to size the sample */
	size: number | null;
	allCases: boolean;
	allocation: Allocation[];
	smallService: { reasons: string[]; aim: number; onePerStratum: boolean; action: string } | null;
	steps: Step[];
	warnings: SamplingWarning[];
}

const ceil = (x: number) => Math.ceil(x - 1e-9); // 62.0000000001 from floating point is 62

/**
 * The size of one case sample for the eligible cases per group (ids from groupsOf; a missing
 * group has none), within the bounds and allocated to the groups. `chosen`: the size the lead
 * inspector chose, used only where the version gives no way to compute one (and said so).
 */
export function sizeSample(rules: SamplingRules, sampleId: string, counts: Record<string, number>, chosen?: number): SizeResult {
	const sample = rules.samples.find((s) => s.id === sampleId);
	if (!sample) throw new RangeError(`no case sample "${sampleId}"`);
	const groups = groupsOf(sample).map((g) => ({ ...g, eligible: Object.hasOwn(counts, g.id) ? Math.max(0, Math.floor(counts[g.id])) : 0 }));
	const N = groups.reduce((sum, g) => sum + g.eligible, 0);
	const steps: Step[] = [];
	const warnings: SamplingWarning[] = [];
	const warn = (code: string, message: string) => warnings.push({ code, subject: sample.id, message });
	const step = (id: string, text: string, value: number | null) => steps.push({ id, text, value });
	const confidence = rules.confidence.value;
	const proportion = rules.proportion.value;
	const margin = sample.sizing.method === 'proportion' ? (sample.sizing.marginOfError?.value ?? null) : null;
	const { min, max } = sample.bounds;
	let z: number | null = null;
	let n0: number | null = null;
	let corrected: number | null = null;
	let size: number | null = null;

	step('eligible', groups.length > 1 ? `N = ${groups.map((g) => g.eligible).join(' + ')} = ${N} eligible cases` : `N = ${N} eligible cases`, N);
	if (sample.sizing.method === 'proportion' && margin !== null && confidence !== null && proportion !== null) {
		z = zForConfidence(confidence);
		step('z', `z for ${num(confidence)}% confidence = ${num(z)}`, z);
		const p = proportion / 100;
		const m = margin / 100;
		n0 = (z * z * p * (1 - p)) / (m * m);
		step('n0', `n0 = z² × p × (1 − p) / m² = ${num(z)}² × ${num(p)} × ${num(1 - p)} / ${num(m)}² = ${num(n0)}`, n0);
		if (N > 0) {
			corrected = n0 / (1 + (n0 - 1) / N);
			size = ceil(corrected);
			step('fpc', `n = n0 / (1 + (n0 − 1) / N) = ${num(n0)} / (1 + ${num(n0 - 1)} / ${N}) = ${num(corrected)}, rounded up to ${size}`, size);
		} else {
			size = ceil(n0);
			step('fpc', `no eligible cases: n = n0 rounded up = ${size}`, size);
		}
	} else if (sample.sizing.method === 'proportion') {
		const open = [
			confidence === null ? `the confidence level (${rules.confidence.gap ?? 'a gap'})` : '',
			margin === null ? `the margin of error (${sample.sizing.marginOfError?.gap ?? 'a gap'})` : '',
			proportion === null ? `the proportion (${rules.proportion.gap ?? 'a gap'})` : ''
		].filter(Boolean);
		step('gap', `no size can be computed: the version leaves open ${open.join(' and ')}`, null);
	} else {
		step('gap', `no rule for the size: ${sample.sizing.gap ?? sample.sizing.text ?? 'a gap in the sources'}`, null);
	}

	if (size === null && chosen !== undefined && Number.isInteger(chosen) && chosen > 0) {
		size = chosen;
		// whoever draws chooses it (any member of the team may): the draw record says who, so no role is claimed here
		step('chosen', `${chosen} chosen by whoever draws the sample, since the version gives no rule for the size`, chosen);
		warn('sampling-size-chosen', `${sample.label}: the size ${chosen} was chosen by whoever drew the sample; the version gives no rule for it (${sample.sizing.gap ?? sample.sizing.marginOfError?.gap ?? 'a gap in the sources'})`);
	}
	if (size !== null) {
		if (min !== null && max !== null) {
			const bounded = Math.min(max, Math.max(min, size));
			step('bounds', `within the bounds ${min} to ${max}: ${bounded}`, bounded);
			size = bounded;
		} else {
			step('bounds', `no bounds (${sample.bounds.gap ?? 'a gap'}): ${size}`, size);
			warn('sampling-bounds-gap', `${sample.label}: the version gives no bounds for the sample size (${sample.bounds.gap ?? 'a gap'})`);
		}
	}
	// With no more eligible cases than the size (or the smallest sample), every one is taken.
	const floor = size ?? (sample.sizing.method === 'workload' ? min : null);
	let allCases = false;
	if (floor !== null && N <= floor) {
		allCases = true;
		size = N;
		step('all', `${N} eligible cases, no more than ${floor}: all of them`, N);
	} else if (size === null) {
		warn('sampling-size-gap', `${sample.label}: no sample size can be computed from the version's sampling rules; ${steps[steps.length - 1].text}`);
	}

	const allocation = size === null ? [] : allocate(groups, size, N, allCases, step, warn, sample.label);
	if (size !== null) size = allocation.reduce((sum, a) => sum + a.allocated, 0);

	let smallService: SizeResult['smallService'] = null;
	const rule = sample.smallService;
	if (rule) {
		const reasons: string[] = [];
		if (N < rule.eligibleBelow) reasons.push(`${N} eligible cases, fewer than ${rule.eligibleBelow}`);
		const empty = groups.filter((g) => g.eligible === 0);
		if (rule.emptyStratum && sample.strata.length && empty.length) reasons.push(`no eligible cases in ${empty.map((g) => g.label).join(', ')}`);
		if (reasons.length) {
			smallService = { reasons, aim: rule.aim, onePerStratum: rule.onePerStratum ?? false, action: rule.action };
			step('small-service', `small-service rule: ${reasons.join('; ')}. ${rule.action}`, null);
			warn('sampling-small-service', `${sample.label}: ${reasons.join('; ')}. ${rule.action}`);
		}
	}

	return { sample: sample.id, label: sample.label, eligible: N, confidence, margin, proportion, z, n0, corrected, size, allCases, allocation, smallService, steps, warnings };
}

type Counted = Group & { eligible: number };

/**
 * Shares of the size in proportion to each group's eligible cases, by the largest remainder
 * (ties to the group listed first), every group with a case getting at least one.
 */
function allocate(
	groups: Counted[],
	size: number,
	N: number,
	allCases: boolean,
	step: (id: string, text: string, value: number | null) => void,
	warn: (code: string, message: string) => void,
	label: string
): Allocation[] {
	if (allCases || N === 0) {
		return groups.map((g) => ({ group: g.id, label: g.label, sample: g.sample, eligible: g.eligible, quota: g.eligible, allocated: g.eligible, text: `${g.label}: all ${g.eligible}` }));
	}
	const rows = groups.map((g) => {
		const quota = (size * g.eligible) / N;
		const base = g.eligible > 0 ? Math.max(1, Math.floor(quota + 1e-9)) : 0;
		return { ...g, quota, allocated: base, raised: g.eligible > 0 && Math.floor(quota + 1e-9) < 1, extra: 0 };
	});
	let left = size - rows.reduce((sum, r) => sum + r.allocated, 0);
	// Too many raised to one: take back from the groups furthest above their quota.
	while (left < 0) {
		const over = rows.filter((r) => r.allocated > 1).sort((a, b) => b.allocated - b.quota - (a.allocated - a.quota) || b.allocated - a.allocated)[0];
		if (!over) break;
		over.allocated--;
		over.extra--;
		left++;
	}
	if (left < 0) {
		const total = rows.reduce((sum, r) => sum + r.allocated, 0);
		step('raised', `${total} groups have eligible cases: the size becomes ${total} so each has one`, total);
		warn('sampling-size-raised', `${label}: the size ${size} is smaller than the number of strata with eligible cases; one case is drawn from each (${total})`);
	}
	const byRemainder = rows
		.map((r, i) => ({ r, i, remainder: r.quota - r.allocated }))
		.filter((x) => x.remainder > 1e-9 && x.r.allocated < x.r.eligible)
		.sort((a, b) => b.remainder - a.remainder || a.i - b.i);
	for (const x of byRemainder) {
		if (left <= 0) break;
		x.r.allocated++;
		x.r.extra++;
		left--;
	}
	return rows.map((r) => {
		const parts = [`${r.label}: ${size} × ${r.eligible} / ${N} = ${num(r.quota)}`];
		if (r.eligible === 0) parts.push('no eligible cases');
		else if (r.raised) parts.push('raised to 1 (every stratum with a case has one)');
		else parts.push(`${Math.floor(r.quota + 1e-9)} whole`);
		if (r.extra > 0) parts.push(`+${r.extra} (largest remainder)`);
		if (r.extra < 0) parts.push(`${r.extra} (so that raised strata fit the size)`);
		const text = `${parts.join(', ')} → ${r.allocated}`;
		step(`allocate:${r.id}`, text, r.allocated);
		return { group: r.id, label: r.label, sample: r.sample, eligible: r.eligible, quota: r.quota, allocated: r.allocated, text };
	});
}
