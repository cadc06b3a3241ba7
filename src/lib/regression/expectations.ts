// A golden file's expectations against an evaluation: what differs, and the changes that would
// make the expectations say what the evaluation gives ("accept actual as expected").
import type { EvaluationResult } from '../engine/types';

export interface GoldenExpected {
	standards?: Record<string, string>;
	computed?: Record<string, string>;
	composite?: { score?: number | null; max?: number; rating?: string; scoreRange?: [number, number]; limiter?: string | null; challenges?: string[] };
	violations?: string[];
	flagged?: string[];
	guidance?: string[];
	unexplained?: string[];
	allowed?: Record<string, string[]>;
	/** warning codes the result must hold */
	warnings?: string[];
}

export interface Difference {
	/** "standards.2.1", "composite.rating", "violations" …: the section, then the key within it */
	what: string;
	expected: unknown;
	actual: unknown;
	/** the evaluation names no such standard: accepting removes the expectation */
	missing?: true;
	/** the trace of the standard or composite concerned */
	trace?: string;
}

export interface ExpectationChange {
	what: string;
	/** where in the golden file, as JSON path segments */
	path: string[];
	/** undefined: not there before */
	from: unknown;
	/** undefined: removed */
	to: unknown;
}

const NO_SUCH_STANDARD = 'no such standard';

/** The difference a golden file's pinned `hash` makes when the version's content has changed. */
export const VERSION_CHANGED = 'version changed';

/** A pinned hash that differs: reported alone, since every rating difference would follow from it. */
export function versionChanged(pinned: string | undefined, result: Pick<EvaluationResult, 'hash' | 'framework'>): Difference[] {
	if (!pinned || pinned === result.hash) return [];
	return [{ what: VERSION_CHANGED, expected: pinned, actual: result.hash, trace: `${result.framework} has changed since this file was written: its content hash is ${result.hash}, the file pins ${pinned}` }];
}

export function compare(expected: GoldenExpected, result: EvaluationResult): Difference[] {
	const out: Difference[] = [];
	// ids from the golden file: only the result's own standards, never what an object inherits ("constructor")
	const standard = (id: string) => (Object.hasOwn(result.standards, id) ? result.standards[id] : undefined);
	for (const section of ['standards', 'computed'] as const) {
		for (const [id, rating] of Object.entries(expected[section] ?? {})) {
			const s = standard(id);
			const actual = s ? (section === 'standards' ? s.final : s.computed) : undefined;
			if (actual !== rating) out.push({ what: `${section}.${id}`, expected: rating, actual: actual ?? NO_SUCH_STANDARD, ...(s ? { trace: s.trace } : { missing: true }) });
		}
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
	if (expected.warnings) {
		const held = new Set<string>(result.warnings.map((w) => w.code));
		const absent = expected.warnings.filter((code) => !held.has(code));
		if (absent.length) {
			out.push({ what: 'warnings', expected: expected.warnings, actual: expected.warnings.filter((code) => held.has(code)), trace: `not warned: ${absent.join(', ')}` });
		}
	}
	for (const [id, allowed] of Object.entries(expected.allowed ?? {})) {
		const s = standard(id);
		const a = [...allowed].sort();
		const b = [...(s?.allowed ?? [])].sort();
		if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ what: `allowed.${id}`, expected: a, actual: b, ...(s ? { trace: s.trace } : { missing: true }) });
	}
	return out;
}

/** The changes to a golden file that make its expectations agree with the evaluation. */
export function acceptActual(differences: Difference[]): ExpectationChange[] {
	return differences.map((d) => {
		const dot = d.what.indexOf('.');
		const path = d.what === VERSION_CHANGED ? ['hash'] : dot < 0 ? ['expected', d.what] : ['expected', d.what.slice(0, dot), d.what.slice(dot + 1)];
		return { what: d.what, path, from: d.expected, to: d.missing ? undefined : d.actual };
	});
}

/** The expectations with the changes applied (a copy). */
export function applyChanges<T extends { expected: GoldenExpected }>(golden: T, changes: ExpectationChange[]): T {
	const copy = structuredClone(golden) as Record<string, unknown>;
	for (const change of changes) {
		const parents = change.path.slice(0, -1);
		const last = change.path[change.path.length - 1];
		let node = copy;
		// Keys come from the golden file (standard ids it names): own properties only, defined rather
		// than assigned, so a key such as "__proto__" is a plain key and never reaches a prototype.
		for (const key of parents) {
			if (!Object.hasOwn(node, key)) ownKey(node, key, {});
			node = node[key] as Record<string, unknown>;
		}
		if (change.to === undefined) {
			if (Object.hasOwn(node, last)) delete node[last];
		} else ownKey(node, last, change.to);
	}
	return copy as T;
}

function ownKey(node: Record<string, unknown>, key: string, value: unknown) {
	Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true });
}

const show = (value: unknown) => (value === undefined ? '(not listed)' : typeof value === 'string' ? value : JSON.stringify(value));

/** "standards.2.1: outstanding → good", or "… → (removed: no such standard)". */
export function describeChange(change: ExpectationChange): string {
	const to = change.to === undefined ? `(removed: ${NO_SUCH_STANDARD})` : show(change.to);
	return `${change.what}: ${show(change.from)} → ${to}`;
}
