// The impact of a framework revision: the same corpus rated under two versions, and what moved.
// Pure, so the command line (npm run impact) and the page (/regression/impact) report the same.
import type { Issue } from '../engine/errors';
import type { Dropped } from './evidence-fit';
import type { RatingSummary } from './summary';

/** One item of the corpus under one version: its ratings, or why it could not be rated. */
export type ImpactSide =
	| { ok: true; summary: RatingSummary; dropped: Dropped[] }
	| { ok: false; errors: Issue[]; dropped: Dropped[] };

export type ImpactItem =
	| { id: string; name: string; file?: string; from: ImpactSide; to: ImpactSide }
	/** the item itself cannot be read or is not evidence at all */
	| { id: string; name: string; file?: string; invalid: Issue[] };

export interface VersionScale {
	/** "id@version" */
	ref: string;
	/** rating id → score (higher is better) and label */
	ratings: Record<string, { score: number; label: string }>;
}

/** How many moved, and by how much: steps on the rating scale (positive is better) → count. */
export interface Tally {
	up: number;
	down: number;
	same: number;
	/** rated under one version but pending a panel decision, not rated or missing under the other */
	unsettled: number;
	steps: Record<string, number>;
}

export interface StandardMovement extends Tally {
	id: string;
	title: string;
	in: 'both' | 'from' | 'to';
}

export interface CompositeMovement extends Tally {
	/** score change → count; null when the two versions score on different scales */
	scoreSteps: Record<string, number> | null;
}

export interface ChangedStandard {
	id: string;
	title: string;
	from: string;
	to: string;
	fromTrace?: string;
	toTrace?: string;
}

export interface ChangedItem {
	id: string;
	name: string;
	file?: string;
	from: string;
	to: string;
	direction: 'up' | 'down' | 'unsettled';
	fromScore: number | null;
	toScore: number | null;
	/** the composite's trace under each version */
	fromTrace?: string;
	toTrace?: string;
	/** the standards whose final rating moved, with their traces: the reasons */
	standards: ChangedStandard[];
}

export interface MovementReport {
	from: string;
	to: string;
	items: number;
	/** rated under both versions */
	compared: number;
	standards: StandardMovement[];
	composite: CompositeMovement;
	changed: ChangedItem[];
	dropped: { id: string; name: string; file?: string; version: string; dropped: Dropped[] }[];
	notRated: { id: string; name: string; file?: string; version: string | null; errors: Issue[] }[];
	labels: Record<string, string>;
}

const emptyTally = (): Tally => ({ up: 0, down: 0, same: 0, unsettled: 0, steps: {} });

function count(tally: Tally, delta: number | null) {
	if (delta === null) tally.unsettled++;
	else if (delta === 0) tally.same++;
	else {
		if (delta > 0) tally.up++;
		else tally.down++;
		tally.steps[String(delta)] = (tally.steps[String(delta)] ?? 0) + 1;
	}
}

/** Steps between two outcomes; null when they differ and either is not a rating of its version. */
function stepsBetween(from: string | undefined, to: string | undefined, scales: { from: VersionScale; to: VersionScale }): number | null {
	if (from !== undefined && from === to) return 0;
	const a = from === undefined ? undefined : scales.from.ratings[from];
	const b = to === undefined ? undefined : scales.to.ratings[to];
	return a && b ? b.score - a.score : null;
}

export function movement(items: ImpactItem[], scales: { from: VersionScale; to: VersionScale }): MovementReport {
	const report: MovementReport = {
		from: scales.from.ref,
		to: scales.to.ref,
		items: items.length,
		compared: 0,
		standards: [],
		composite: { ...emptyTally(), scoreSteps: {} },
		changed: [],
		dropped: [],
		notRated: [],
		labels: {}
	};
	for (const scale of [scales.to, scales.from]) for (const [id, r] of Object.entries(scale.ratings)) report.labels[id] ??= r.label;

	const standards = new Map<string, StandardMovement>();
	const standardRow = (id: string, title: string, where: 'from' | 'to') => {
		let row = standards.get(id);
		if (!row) standards.set(id, (row = { id, title, in: where, ...emptyTally() }));
		else if (row.in !== where) row.in = 'both';
		return row;
	};

	for (const item of items) {
		const who = { id: item.id, name: item.name, ...(item.file ? { file: item.file } : {}) };
		if ('invalid' in item) {
			report.notRated.push({ ...who, version: null, errors: item.invalid });
			continue;
		}
		for (const [side, version] of [[item.from, scales.from.ref], [item.to, scales.to.ref]] as const) {
			if (side.dropped.length) report.dropped.push({ ...who, version, dropped: side.dropped });
			if (!side.ok) report.notRated.push({ ...who, version, errors: side.errors });
		}
		if (!item.from.ok || !item.to.ok) continue;
		report.compared++;
		const from = item.from.summary;
		const to = item.to.summary;

		const changedStandards: ChangedStandard[] = [];
		// Every standard of either version, in the order the new version lists them.
		for (const s of Object.values(to.standards)) standardRow(s.id, s.title, 'to');
		for (const s of Object.values(from.standards)) standardRow(s.id, s.title, 'from');
		const ids = [...new Set([...Object.keys(to.standards), ...Object.keys(from.standards)])];
		for (const id of ids) {
			const a = from.standards[id];
			const b = to.standards[id];
			const row = standards.get(id)!;
			count(row, stepsBetween(a?.final, b?.final, scales));
			if (a?.final !== b?.final) {
				changedStandards.push({
					id,
					title: (b ?? a)!.title,
					from: a?.final ?? 'not in this version',
					to: b?.final ?? 'not in this version',
					...(a?.trace ? { fromTrace: a.trace } : {}),
					...(b?.trace ? { toTrace: b.trace } : {})
				});
			}
		}

		const delta = stepsBetween(from.composite.rating, to.composite.rating, scales);
		count(report.composite, delta);
		const scores = report.composite.scoreSteps;
		if (scores && from.composite.max === to.composite.max && from.composite.score !== null && to.composite.score !== null) {
			const change = to.composite.score - from.composite.score;
			if (change !== 0) scores[String(change)] = (scores[String(change)] ?? 0) + 1;
		}
		if (from.composite.max !== to.composite.max) report.composite.scoreSteps = null;

		if (from.composite.rating !== to.composite.rating) {
			report.changed.push({
				...who,
				from: from.composite.rating,
				to: to.composite.rating,
				direction: delta === null ? 'unsettled' : delta > 0 ? 'up' : 'down',
				fromScore: from.composite.score,
				toScore: to.composite.score,
				...(from.composite.trace ? { fromTrace: from.composite.trace } : {}),
				...(to.composite.trace ? { toTrace: to.composite.trace } : {}),
				standards: changedStandards
			});
		}
	}
	report.standards = [...standards.values()];
	return report;
}

/** "2 down 1 step, 1 up 2 steps" — the steps of a tally in words, biggest falls first. */
export function describeSteps(steps: Record<string, number>, unit: 'step' | 'point' = 'step'): string {
	const entries = Object.entries(steps)
		.map(([delta, n]) => [Number(delta), n] as const)
		.sort((a, b) => a[0] - b[0]);
	if (!entries.length) return 'no change';
	return entries
		.map(([delta, n]) => `${n} ${delta > 0 ? 'up' : 'down'} ${Math.abs(delta)} ${unit}${Math.abs(delta) === 1 ? '' : 's'}`)
		.join(', ');
}

/** An outcome as people read it: the version's label, or the state in words. */
export function outcomeLabel(report: Pick<MovementReport, 'labels'>, outcome: string): string {
	if (outcome === 'needs-decision') return 'Needs a panel decision';
	if (outcome === 'not-rated') return 'Not rated';
	return report.labels[outcome] ?? outcome;
}
