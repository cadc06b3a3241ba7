// sampling.json as the engine reads it (schema/sampling.schema.json): a version's case samples.
import type { Source } from '../engine/types';

/** A number with where it comes from; null with a gap when the sources leave it open. */
export interface Figure {
	value: number | null;
	source?: Source;
	interpretation?: string;
	gap?: string;
}

export interface Bounds {
	min: number | null;
	max: number | null;
	source?: Source;
	interpretation?: string;
	gap?: string;
}

export interface Stratum {
	id: string;
	label: string;
	/** the framework sample a drawn case from this stratum is recorded in */
	sample: string;
	description?: string;
	source: Source;
}

export interface SmallServiceRule {
	eligibleBelow: number;
	emptyStratum: boolean;
	aim: number;
	onePerStratum?: boolean;
	action: string;
	source: Source;
}

export interface Exclusion {
	id: string;
	reason: string;
	source: Source;
}

export interface Sizing {
	method: 'proportion' | 'workload';
	marginOfError?: Figure;
	text?: string;
	source?: Source;
	gap?: string;
}

export interface CaseSample {
	id: string;
	label: string;
	population?: string;
	recordedIn: string[];
	sizing: Sizing;
	bounds: Bounds;
	strata: Stratum[];
	smallService?: SmallServiceRule;
	exclusions?: Exclusion[];
	source: Source;
}

export interface SamplingNote {
	kind: 'gap' | 'interpretation';
	text: string;
	source?: Source;
}

export interface SamplingRules {
	note?: string;
	confidence: Figure;
	proportion: Figure;
	samples: CaseSample[];
	notes?: SamplingNote[];
}
