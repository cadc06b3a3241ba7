// Case samples: sizing, allocation to strata, the seeded draw and the margin of a finding.
// Pure: no I/O; the rules come from a version's sampling.json, the cases from a longlist.
export * from './types';
export { checkSampling } from './check';
export { normalQuantile, zForConfidence } from './normal';
export { marginOfError, type Margin } from './margin';
export { groupsOf, sizeSample, type Allocation, type Group, type SamplingWarning, type SizeResult, type Step } from './size';
export { drawSample, MAX_SEED, type Draw, type DrawnCase, type EligibleCase } from './draw';
export { checkHeader, columnName, CSV_DELIMITERS, csvDelimiter, describeColumn, stratumKey, type CsvDelimiter, LONGLIST_FIELDS, LONGLIST_LIMITS, parseCsv, readCases, resolveColumns, usualHeadings, type Columns, type LonglistCase, type LonglistField, type LonglistProblem, type LonglistRow } from './longlist';

import { drawSample, type Draw } from './draw';
import type { LonglistCase } from './longlist';
import { sizeSample, type SamplingWarning, type SizeResult } from './size';
import type { SamplingRules } from './types';

export interface SamplePlan {
	seed: number;
	/** one per case sample the longlist names, in the order sampling.json lists them */
	samples: { size: SizeResult; draw: Draw }[];
	excluded: { reference: string; sample: string; group: string; reason: string }[];
	warnings: SamplingWarning[];
}

/**
 * Size and draw every case sample the longlist's cases belong to. `chosen`: sizes by case
 * sample id, for the samples the version gives no rule to size (see sizeSample).
 */
export function planSample(rules: SamplingRules, cases: LonglistCase[], seed: number, chosen: Record<string, number> = {}): SamplePlan {
	const samples: SamplePlan['samples'] = [];
	for (const sample of rules.samples) {
		const mine = cases.filter((c) => c.sample === sample.id);
		if (!mine.length) continue;
		const eligible = mine.filter((c) => !c.excluded);
		const counts: Record<string, number> = Object.create(null); // a stratum id may be any slug, "constructor" too
		for (const c of eligible) counts[c.group] = (counts[c.group] ?? 0) + 1;
		const size = sizeSample(rules, sample.id, counts, Object.hasOwn(chosen, sample.id) ? chosen[sample.id] : undefined);
		samples.push({ size, draw: drawSample(size, eligible, seed) });
	}
	const excluded = cases.filter((c) => c.excluded).map((c) => ({ reference: c.reference, sample: c.sample, group: c.group, reason: c.reason ?? '' }));
	return { seed, samples, excluded, warnings: samples.flatMap((s) => s.size.warnings) };
}
