// What a person calls the ids a draw records.
import type { FrameworkVersion } from '../../engine/index';

/** Labels for the ids a draw records: each stratum (or sample without strata) and each framework sample. */
export function sampleLabels(framework: FrameworkVersion): { groups: Record<string, string>; samples: Record<string, string> } {
	const groups: Record<string, string> = Object.create(null);
	for (const sample of framework.sampling?.samples ?? []) {
		groups[sample.id] = sample.label;
		for (const stratum of sample.strata) groups[stratum.id] = stratum.label;
	}
	const samples: Record<string, string> = Object.create(null);
	for (const sample of framework.meta.samples) samples[sample.id] = sample.label;
	return { groups: { ...groups }, samples: { ...samples } };
}
