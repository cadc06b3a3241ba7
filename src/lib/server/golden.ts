// Golden files: evidence plus the ratings it must produce (contract: shared/DESIGN.md).
import { readFileSync } from 'node:fs';
import { evaluate, parseJson, validateAgainst, validateInspection, type EvaluationResult, type Inspection, type Issue } from '../engine/index';
import { defaultRulesDir, findVersion, loadFramework } from './frameworks';

export interface GoldenFile {
	name: string;
	description?: string;
	framework: string;
	inspection: Inspection;
	expected: {
		standards?: Record<string, string>;
		computed?: Record<string, string>;
		composite?: { score?: number | null; max?: number; rating?: string; scoreRange?: [number, number]; limiter?: string | null; challenges?: string[] };
		violations?: string[];
		flagged?: string[];
		guidance?: string[];
		unexplained?: string[];
		allowed?: Record<string, string[]>;
	};
}

export interface Difference {
	what: string;
	expected: unknown;
	actual: unknown;
	/** the trace of the standard or composite concerned */
	trace?: string;
}

export type GoldenOutcome =
	| { status: 'pass' | 'fail'; file: string; name: string; differences: Difference[]; result: EvaluationResult }
	| { status: 'invalid'; file: string; name?: string; errors: Issue[] };

export function readGolden(file: string): { ok: true; golden: GoldenFile } | { ok: false; errors: Issue[] } {
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (e) {
		return { ok: false, errors: [{ file, pointer: '', message: `cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`, severity: 'error' }] };
	}
	const parsed = parseJson(text, file);
	if (!parsed.ok) return { ok: false, errors: parsed.errors };
	const errors = validateAgainst('golden', parsed.value, file);
	return errors.length ? { ok: false, errors } : { ok: true, golden: parsed.value as GoldenFile };
}

/** Rate a golden file's evidence (against its own version, or `framework` when given) and compare. */
export async function runGolden(file: string, options: { framework?: string; rulesDir?: string } = {}): Promise<GoldenOutcome> {
	const read = readGolden(file);
	if (!read.ok) return { status: 'invalid', file, errors: read.errors };
	const { golden } = read;
	const ref = options.framework ?? golden.framework;
	const rulesDir = options.rulesDir ?? defaultRulesDir();
	const found = findVersion(ref, rulesDir);
	// A version that does not exist is this file's fault (unless --framework named it); a broken one is the rules'.
	if ('message' in found) return { status: 'invalid', file, name: golden.name, errors: [options.framework ? found : { ...found, file, pointer: '/framework' }] };
	const loaded = loadFramework(ref, rulesDir);
	if (!loaded.ok) return { status: 'invalid', file, name: golden.name, errors: loaded.errors };
	const checked = validateInspection(loaded.value, golden.inspection, file, '/inspection');
	if (!checked.ok) return { status: 'invalid', file, name: golden.name, errors: checked.errors };
	const result = await evaluate(loaded.value, checked.value);
	const differences = compare(golden.expected, result);
	return { status: differences.length ? 'fail' : 'pass', file, name: golden.name, differences, result };
}

export function compare(expected: GoldenFile['expected'], result: EvaluationResult): Difference[] {
	const out: Difference[] = [];
	const standard = (id: string) => result.standards[id];
	for (const [id, rating] of Object.entries(expected.standards ?? {})) {
		const s = standard(id);
		if (s?.final !== rating) out.push({ what: `standards.${id}`, expected: rating, actual: s?.final ?? 'no such standard', trace: s?.trace });
	}
	for (const [id, rating] of Object.entries(expected.computed ?? {})) {
		const s = standard(id);
		if (s?.computed !== rating) out.push({ what: `computed.${id}`, expected: rating, actual: s?.computed ?? 'no such standard', trace: s?.trace });
	}
	const c = result.composite;
	const e = expected.composite ?? {};
	const actual = { score: c.score, max: c.max, rating: c.rating, scoreRange: c.scoreRange, limiter: c.limiter?.id ?? null, challenges: c.challenges.map((l) => l.id) };
	for (const key of ['score', 'max', 'rating', 'scoreRange', 'limiter', 'challenges'] as const) {
		if (key in e && JSON.stringify(e[key]) !== JSON.stringify(actual[key])) out.push({ what: `composite.${key}`, expected: e[key], actual: actual[key], trace: c.trace });
	}
	const sameSet = (what: string, want: string[] | undefined, got: string[]) => {
		if (!want) return;
		const a = [...new Set(want)].sort();
		const b = [...new Set(got)].sort();
		if (JSON.stringify(a) !== JSON.stringify(b)) {
			const traces = [...new Set([...a, ...b])].filter((id) => a.includes(id) !== b.includes(id)).map((id) => standard(id)?.trace).filter(Boolean);
			out.push({ what, expected: a, actual: b, trace: traces.join('\n') || undefined });
		}
	};
	sameSet('violations', expected.violations, result.violations.map((v) => v.standard));
	sameSet('flagged', expected.flagged, Object.values(result.standards).filter((s) => s.discretion.length).map((s) => s.id));
	const departures = Object.values(result.standards).filter((s) => s.guidance.length);
	sameSet('guidance', expected.guidance, departures.map((s) => s.id));
	sameSet('unexplained', expected.unexplained, departures.filter((s) => s.guidance.some((g) => !g.reason)).map((s) => s.id));
	for (const [id, allowed] of Object.entries(expected.allowed ?? {})) {
		const s = standard(id);
		const a = [...allowed].sort();
		const b = [...(s?.allowed ?? [])].sort();
		if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ what: `allowed.${id}`, expected: a, actual: b, trace: s?.trace });
	}
	return out;
}
