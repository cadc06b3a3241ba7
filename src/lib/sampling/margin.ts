// How sure a share from a sample is: the margin of error at a confidence level, with the finite
// population correction when the eligible caseload is known.
import { zForConfidence } from './normal';
import { num } from './format';

export interface Margin {
	/** percentage points either side of the share */
	margin: number;
	/** the interval, in per cent, clipped to 0-100 */
	low: number;
	high: number;
	z: number;
	/** sqrt((N - n) / (N - 1)), or 1 when the caseload is not known */
	fpc: number;
	/** the arithmetic, for a page or a trace */
	text: string;
}

/**
 * share: the finding in per cent (0-100); n: cases it is from; population: the eligible caseload
 * (optional); confidence: the version's level in per cent. Null when there are no cases.
 */
export function marginOfError(share: number, n: number, confidence: number, population?: number): Margin | null {
	if (!(n > 0) || !Number.isFinite(share) || share < 0 || share > 100) return null;
	const z = zForConfidence(confidence);
	const p = share / 100;
	const se = Math.sqrt((p * (1 - p)) / n);
	const known = population !== undefined && Number.isFinite(population) && population >= n && population > 1;
	const fpc = known ? Math.sqrt((population - n) / (population - 1)) : 1;
	const margin = 100 * z * se * fpc;
	const correction = known ? ` × √((${population} − ${n}) / (${population} − 1))` : '';
	const text = `${num(share)}% of ${n}: ±${num(margin)} points at ${num(confidence)}% confidence = ${num(z)} × √(${num(p)} × ${num(1 - p)} / ${n})${correction} × 100`;
	return { margin, low: Math.max(0, share - margin), high: Math.min(100, share + margin), z, fpc, text };
}
