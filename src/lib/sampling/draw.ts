// The seeded draw: random within each group, the same cases for the same seed whatever the
// longlist's row order (each group is sorted by reference first).
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { SizeResult } from './size';

export interface EligibleCase {
	reference: string;
	/** a group id from groupsOf: the stratum, or the sample itself when it has no strata */
	group: string;
}

export interface DrawnCase {
	reference: string;
	group: string;
	/** the framework sample the case is recorded in */
	sample: string;
}

export interface Draw {
	seed: number;
	sample: string;
	selected: DrawnCase[];
	counts: { group: string; eligible: number; drawn: number }[];
}

/** The largest seed; seeds are whole numbers from 0. */
export const MAX_SEED = 0xffffffff;

/**
 * FNV-1a over the seed and the text, then murmur3's finaliser: each group gets its own
 * generator, so one group's cases never move another's draw. (The seed is hashed as text only:
 * also XORed into the start, it cancelled the digit of seeds 1 to 9, which all drew alike.)
 */
function mix(seed: number, text: string): number {
	let h = 0x811c9dc5;
	for (const ch of `${seed}:${text}`) {
		h ^= ch.codePointAt(0)!;
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	h ^= h >>> 16;
	h = Math.imul(h, 0x85ebca6b);
	h ^= h >>> 13;
	h = Math.imul(h, 0xc2b2ae35);
	h ^= h >>> 16;
	return h | 0;
}

const byReference = (a: EligibleCase, b: EligibleCase) => (a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : 0);

/** Draw each group's allocation from its eligible cases (references must be unique). */
export function drawSample(size: SizeResult, cases: EligibleCase[], seed: number): Draw {
	if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) throw new RangeError(`a seed is a whole number from 0 to ${MAX_SEED}, not ${seed}`);
	const selected: DrawnCase[] = [];
	const counts: Draw['counts'] = [];
	for (const a of size.allocation) {
		const pool = cases.filter((c) => c.group === a.group).sort(byReference);
		const rng = xoroshiro128plus(mix(seed, `${size.sample}/${a.group}`));
		const take = Math.min(a.allocated, pool.length);
		// A partial Fisher-Yates shuffle: the first `take` places are a uniform random choice.
		for (let i = 0; i < take; i++) {
			const j = uniformInt(rng, i, pool.length - 1);
			[pool[i], pool[j]] = [pool[j], pool[i]];
		}
		const chosen = pool.slice(0, take).sort(byReference);
		selected.push(...chosen.map((c) => ({ reference: c.reference, group: a.group, sample: a.sample })));
		counts.push({ group: a.group, eligible: pool.length, drawn: take });
	}
	return { seed, sample: size.sample, selected, counts };
}
