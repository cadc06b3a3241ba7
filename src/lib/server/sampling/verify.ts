// Whether a recorded draw was what the rules draw: the longlist's fingerprint computed again and
// compared with the one recorded, then the sample drawn again from the same rows, seed and chosen
// sizes and compared with the selection recorded (or exported in selected.csv).
import { planSample, type LonglistCase, type SamplePlan, type SamplingRules } from '../../sampling/index';
import { longlistFingerprint } from './fingerprint';

export interface RecordedDraw {
	/** the longlist's SHA-256 as the draw recorded it */
	sha256: string;
	/** the cases recorded as selected, by framework sample id: those of samples this longlist does not draw are set aside, and counted */
	selected: { reference: string; sample: string }[];
}

export interface Verdict {
	/** the longlist's fingerprint as computed here */
	sha256: string;
	sameLonglist: boolean;
	selection: { same: boolean; drawn: number; missing: string[]; extra: string[]; otherSamples: number };
	ok: boolean;
	plan: SamplePlan;
}

/** `sizes`: the sizes chosen at the draw, by case sample id, as the draw recorded them. */
export function verifyDraw(rules: SamplingRules, cases: LonglistCase[], seed: number, sizes: Record<string, number>, recorded: RecordedDraw): Verdict {
	const sha256 = longlistFingerprint(cases);
	const plan = planSample(rules, cases, seed, sizes);
	const drawn = plan.samples.flatMap(({ draw }) => draw.selected);
	const samples = new Set(drawn.map((c) => c.sample));
	// the samples this longlist draws: a case sample's strata may feed several framework samples
	for (const { size } of plan.samples) for (const a of size.allocation) samples.add(a.sample);
	const mine = recorded.selected.filter((c) => samples.has(c.sample));
	// a case is the same case only in the same framework sample
	const key = (c: { sample: string; reference: string }) => `${c.sample}\u0000${c.reference}`;
	const wanted = new Set(mine.map(key));
	const got = new Set(drawn.map(key));
	const missing = drawn.filter((c) => !wanted.has(key(c))).map((c) => c.reference);
	const extra = mine.filter((c) => !got.has(key(c))).map((c) => c.reference);
	const sameLonglist = sha256 === recorded.sha256.trim().toLowerCase();
	const same = !missing.length && !extra.length && mine.length === drawn.length;
	return { sha256, sameLonglist, selection: { same, drawn: drawn.length, missing, extra, otherSamples: recorded.selected.length - mine.length }, ok: sameLonglist && same, plan };
}
