// The meaning of sampling.json beyond its schema: what it names exists, ids are unique and
// numbers are in range. Pure: the caller passes the parsed file and the framework's samples.
import { pointer, type Issue } from '../engine/errors';
import { stratumKey } from './longlist';
import type { SamplingRules } from './types';

export function checkSampling(rules: SamplingRules, frameworkSamples: string[], file: string): Issue[] {
	const out: Issue[] = [];
	const error = (at: string, message: string) => out.push({ file, pointer: at, message, severity: 'error' });
	const declared = new Set(frameworkSamples);
	const known = frameworkSamples.join(', ') || 'none';

	const confidence = rules.confidence.value;
	if (confidence !== null && !(confidence > 0 && confidence < 100)) error('/confidence/value', `a confidence level is a percentage above 0 and below 100, not ${confidence}`);
	const proportion = rules.proportion.value;
	if (proportion !== null && !(proportion > 0 && proportion < 100)) error('/proportion/value', `a proportion is a percentage above 0 and below 100, not ${proportion}`);

	// A longlist's stratum cell names a stratum, or a sample without strata, by id or label
	// (matched as stratumKey compares them): both must be unambiguous across the file.
	const names = new Map<string, string>();
	const claim = (name: string, at: string, what: string) => {
		const key = stratumKey(name);
		const other = names.get(key);
		if (other) error(at, `${what} "${name}" is also used at ${other}: a longlist's stratum cell must name one thing`);
		else names.set(key, at);
	};

	rules.samples.forEach((sample, s) => {
		const at = pointer('samples', s);
		claim(sample.id, `${at}/id`, 'id');
		if (stratumKey(sample.label) !== stratumKey(sample.id)) claim(sample.label, `${at}/label`, 'label');
		sample.recordedIn.forEach((id, i) => {
			if (!declared.has(id)) error(`${at}${pointer('recordedIn', i)}`, `unknown sample "${id}" (framework.json declares ${known})`);
		});
		if (!sample.strata.length && sample.recordedIn.length !== 1)
			error(`${at}/recordedIn`, 'a sample without strata records its cases in exactly one framework sample');
		const { min, max } = sample.bounds;
		if (min !== null && max !== null && min > max) error(`${at}/bounds`, `bounds: min ${min} is more than max ${max}`);
		const margin = sample.sizing.marginOfError?.value;
		if (margin !== undefined && margin !== null && !(margin > 0 && margin < 100))
			error(`${at}/sizing/marginOfError/value`, `a margin of error is percentage points above 0 and below 100, not ${margin}`);
		if (sample.sizing.method === 'proportion' && confidence === null)
			error(`${at}/sizing`, 'a sample sized by proportion needs the confidence level, which is a gap');
		sample.strata.forEach((stratum, t) => {
			const sat = `${at}${pointer('strata', t)}`;
			claim(stratum.id, `${sat}/id`, 'id');
			if (stratumKey(stratum.label) !== stratumKey(stratum.id)) claim(stratum.label, `${sat}/label`, 'label');
			if (!declared.has(stratum.sample)) error(`${sat}/sample`, `unknown sample "${stratum.sample}" (framework.json declares ${known})`);
			else if (!sample.recordedIn.includes(stratum.sample))
				error(`${sat}/sample`, `stratum feeds "${stratum.sample}", which is not among the samples this case sample is recorded in (${sample.recordedIn.join(', ')})`);
		});
		const seen = new Set<string>();
		(sample.exclusions ?? []).forEach((exclusion, e) => {
			if (seen.has(exclusion.id)) error(`${at}${pointer('exclusions', e)}/id`, `duplicate exclusion "${exclusion.id}"`);
			seen.add(exclusion.id);
		});
	});
	return out;
}
