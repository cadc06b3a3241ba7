// Band look-ups. A band holds shares p with min <= p < max; a band whose max is 100 also holds 100.
import type { Band, Banding, Composite, RatingId } from './types';

export function inBand(band: Band, share: number): boolean {
	return share >= band.min && (share < band.max || (band.max === 100 && share === 100));
}

export function bandOf(banding: Banding, share: number): Band | null {
	return banding.bands.find((band) => inBand(band, share)) ?? null;
}

/** Edges strictly inside 0-100 where one band gives way to another (or to a gap). */
export function interiorEdges(banding: Banding): number[] {
	const edges = new Set<number>();
	for (const band of banding.bands) {
		for (const edge of [band.min, band.max]) if (edge > 0 && edge < 100) edges.add(edge);
	}
	return [...edges].sort((a, b) => a - b);
}

export function marginToBoundary(banding: Banding, share: number): number {
	const distances = interiorEdges(banding).map((edge) => Math.abs(share - edge));
	return distances.length ? Math.min(...distances) : Infinity;
}

export function compositeBandOf(composite: Composite, score: number): RatingId | null {
	return composite.bands.find((band) => score >= band.min && score <= band.max)?.rating ?? null;
}

/** A share as people read it: whole numbers, unless rounding would carry it across an edge. */
export function formatShare(share: number, edges: number[] = []): string {
	const whole = Math.round(share);
	const crosses = edges.some((edge) => (share < edge) !== (whole < edge));
	const shown = crosses ? Math.floor(share * 10) / 10 : whole;
	return `${shown}%`;
}
