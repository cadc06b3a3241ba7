// The one rating path: find the version, load it, check the evidence against it, evaluate.
// `npm run rate`, `npm run golden`, `npm run impact`, /api/evaluate, the regression pages, a
// version's rate form and try-it all rate through here.
import path from 'node:path';
import { evaluate, validateInspection, type EvaluationResult, type FrameworkVersion, type Inspection, type Issue } from '../../engine/index';
import { defaultRulesDir, findVersion, loadFramework } from '../frameworks/frameworks';

/** Evidence to rate, with where it came from: the file and the pointer its inspection sits under. */
export interface Evidence {
	inspection: unknown;
	file: string;
	at: string;
}

export interface VersionOptions {
	rulesDir?: string;
	/** versions already loaded (for example a draft), by "id@version"; others come from the rules folder */
	versions?: Record<string, FrameworkVersion>;
}

/** Why rating stopped: the version is not there, it does not load, or the evidence does not fit it. */
export type RatingFailure = { ok: false; stage: 'find' | 'load' | 'check'; errors: Issue[] };
export type Rated = { ok: true; version: FrameworkVersion; inspection: Inspection; result: EvaluationResult };

// Versions found in a rules folder, by folder and reference: a published version never changes,
// and looking it up again for each of thousands of files would read the folder each time.
const found = new Map<string, FrameworkVersion>();

/** A version by reference: one handed in, or one from the rules folder. */
export function versionFor(ref: string, options: VersionOptions = {}): { ok: true; value: FrameworkVersion } | RatingFailure {
	const given = options.versions?.[ref];
	if (given) return { ok: true, value: given };
	const rulesDir = options.rulesDir ?? defaultRulesDir();
	const key = `${path.resolve(rulesDir)}\u0000${ref}`;
	const known = found.get(key);
	if (known) return { ok: true, value: known };
	const where = findVersion(ref, rulesDir);
	if ('message' in where) return { ok: false, stage: 'find', errors: [where] };
	const loaded = loadFramework(ref, rulesDir);
	if (!loaded.ok) return { ok: false, stage: 'load', errors: loaded.errors };
	found.set(key, loaded.value);
	return { ok: true, value: loaded.value };
}

/** Check evidence against a version, every problem named with its file and pointer, then evaluate it. */
export async function rateWith(version: FrameworkVersion, evidence: Evidence): Promise<Rated | RatingFailure> {
	const checked = validateInspection(version, evidence.inspection, evidence.file, evidence.at);
	if (!checked.ok) return { ok: false, stage: 'check', errors: checked.errors };
	return { ok: true, version, inspection: checked.value, result: await evaluate(version, checked.value) };
}

/** Find and load the version a reference names, then rate the evidence against it. */
export async function rate(ref: string, evidence: Evidence, options: VersionOptions = {}): Promise<Rated | RatingFailure> {
	const version = versionFor(ref, options);
	if (!version.ok) return version;
	return rateWith(version.value, evidence);
}
