// How a banding lies on its 0-100% bar: the segments in order, what is left uncovered or
// covered twice, and the edges a person can move (shared where two bands meet).
import type { Band } from './engine/types';

export interface Segment {
	index: number;
	band: Band;
}

export interface Edge {
	value: number;
	/** the band fields this edge sets: both bands where they meet, or one band's end */
	moves: { index: number; field: 'min' | 'max' }[];
	label: string;
	/** how far it may move without emptying a band */
	low: number;
	high: number;
}

export interface Trouble {
	kind: 'gap' | 'overlap';
	from: number;
	to: number;
}

export function bandLayout(bands: Band[]): { segments: Segment[]; edges: Edge[]; troubles: Trouble[] } {
	const segments = bands.map((band, index) => ({ index, band })).sort((a, b) => a.band.min - b.band.min || a.band.max - b.band.max);
	const edges: Edge[] = [];
	const troubles: Trouble[] = [];
	if (segments.length && segments[0].band.min > 0) troubles.push({ kind: 'gap', from: 0, to: segments[0].band.min });
	for (let k = 1; k < segments.length; k++) {
		const a = segments[k - 1];
		const b = segments[k];
		if (a.band.max === b.band.min) {
			edges.push({
				value: a.band.max,
				moves: [
					{ index: a.index, field: 'max' },
					{ index: b.index, field: 'min' }
				],
				label: `Edge between ${a.band.label} and ${b.band.label}`,
				low: a.band.min + 1,
				high: b.band.max - 1
			});
			continue;
		}
		edges.push({ value: a.band.max, moves: [{ index: a.index, field: 'max' }], label: `Top of ${a.band.label}`, low: a.band.min + 1, high: 100 });
		edges.push({ value: b.band.min, moves: [{ index: b.index, field: 'min' }], label: `Bottom of ${b.band.label}`, low: 0, high: b.band.max - 1 });
		if (b.band.min > a.band.max) troubles.push({ kind: 'gap', from: a.band.max, to: b.band.min });
		else troubles.push({ kind: 'overlap', from: b.band.min, to: Math.min(a.band.max, b.band.max) });
	}
	const last = segments.at(-1);
	if (last && last.band.max < 100) troubles.push({ kind: 'gap', from: last.band.max, to: 100 });
	return { segments, edges, troubles };
}

/** Per whole score 0..max, how many composite bands hold it (both ends included). */
export function scoreCoverage(bands: { rating: string; min: number; max: number }[], max: number): { score: number; ratings: string[] }[] {
	const top = Number.isFinite(max) && max >= 0 ? Math.min(Math.floor(max), 500) : 0;
	return Array.from({ length: top + 1 }, (_, score) => ({ score, ratings: bands.filter((b) => score >= b.min && score <= b.max).map((b) => b.rating) }));
}

/** Runs of scores held by no band or by more than one, for words beside the bar. */
export function scoreTroubles(cells: { score: number; ratings: string[] }[]): Trouble[] {
	const out: Trouble[] = [];
	for (const cell of cells) {
		const kind = cell.ratings.length === 0 ? 'gap' : cell.ratings.length > 1 ? 'overlap' : null;
		const last = out.at(-1);
		if (!kind) continue;
		if (last && last.kind === kind && last.to === cell.score - 1) last.to = cell.score;
		else out.push({ kind, from: cell.score, to: cell.score });
	}
	return out;
}
