// The shipped sampling rules, and made-up ones for edge cases the shipped bounds never reach.
import { readFileSync } from 'node:fs';
import type { SamplingRules } from '../../src/lib/sampling/index';

export const rules2025 = (): SamplingRules => JSON.parse(readFileSync('rules/hmip-youth/2025/sampling.json', 'utf8'));
export const rules2018 = (): SamplingRules => JSON.parse(readFileSync('rules/hmip-youth/2018/sampling.json', 'utf8'));

const src = { document: 'test', section: 'test' };

/** One stratified sample "s" with strata a, b, c, d (all recorded in "court"), sized at 80% and 5 points. */
export function madeUp(bounds: { min: number; max: number }): SamplingRules {
	return {
		confidence: { value: 80, source: src },
		proportion: { value: 50, source: src },
		samples: [
			{
				id: 's',
				label: 'Made up',
				recordedIn: ['court'],
				sizing: { method: 'proportion', marginOfError: { value: 5, source: src } },
				bounds: { ...bounds, source: src },
				strata: ['a', 'b', 'c', 'd'].map((id) => ({ id, label: `Stratum ${id}`, sample: 'court', source: src })),
				source: src
			}
		]
	};
}
