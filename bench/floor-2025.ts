// The floor to compare the engine with: 2025's rating written by hand in plain TypeScript,
// with its facts (bands, matrix, composite bands) as code. Benchmark use only.
import type { Inspection } from '../src/lib/engine/index';

const SCALE = ['inadequate', 'requires-improvement', 'good', 'outstanding'];
const band = (share: number) => (share < 50 ? 0 : share < 65 ? 1 : share < 80 ? 2 : 3);
const MATRIX: Record<string, number[]> = {
	'3yes': [2, 3], '3no': [2, 3], '2yes': [2, 3], '2no': [1, 2],
	'1yes': [1, 2], '1no': [0, 1], '0yes': [0, 1], '0no': [0, 1]
};

export function floor2025(inspection: Inspection) {
	const counts: Record<string, [number, number]> = {};
	for (const c of inspection.cases ?? []) {
		const children = c.sample === 'court' || c.sample === 'out-of-court';
		for (const [id, a] of Object.entries(c.answers ?? {})) {
			if (a === 'n/a' || (id === 'V1.1') === children) continue;
			const t = (counts[id] ??= [0, 0]);
			t[0]++;
			if (a === 'yes') t[1]++;
		}
	}
	const standards: Record<string, string> = {};
	const flags: Record<string, boolean> = {};
	const scores: number[][] = [];
	for (const s of ['2.1', '2.2', '2.3']) {
		const kqs = [`${s}.1`, `${s}.2`].map((id) => counts[id]).filter(Boolean);
		const shares = kqs.map(([n, y]) => (100 * y) / n);
		const low = Math.min(...shares.map(band));
		const lowest = Math.min(...shares);
		const margin = Math.min(...[50, 65, 80].map((e) => Math.abs(lowest - e)));
		const oneCase = kqs.some(([n, y], i) =>
			[y - 1, y + 1].some((yy) => yy >= 0 && yy <= n && Math.min(...shares.map((sh, j) => (j === i ? band((100 * yy) / n) : band(sh)))) !== low)
		);
		flags[s] = margin <= 5 || oneCase || Math.min(...kqs.map(([n]) => n)) <= 5;
		const decided = inspection.decisions?.[s]?.rating;
		standards[s] = decided ?? SCALE[low];
		scores.push([SCALE.indexOf(standards[s])]);
	}
	const [n, y] = counts['V1.1'] ?? [0, 0];
	const allowed = n ? MATRIX[`${band((100 * y) / n)}${inspection.judgements?.V1?.keyQuestions?.['V1.2'] ?? ''}`] ?? [0, 1, 2, 3] : [0, 1, 2, 3];
	const v1 = inspection.decisions?.V1?.rating;
	standards.V1 = v1 ?? (allowed.length === 1 ? SCALE[allowed[0]] : 'needs-decision');
	scores.push(v1 ? [SCALE.indexOf(v1)] : allowed);
	const low = scores.reduce((a, s) => a + Math.min(...s), 0);
	const high = scores.reduce((a, s) => a + Math.max(...s), 0);
	const overall = (score: number) => (score <= 2 ? 0 : score <= 6 ? 1 : score <= 10 ? 2 : 3);
	for (const d of ['1.1', '1.2', '1.3']) standards[d] = inspection.judgements?.[d]?.rating ?? 'needs-decision';
	return { standards, flags, scoreRange: [low, high], rating: overall(low) === overall(high) ? SCALE[overall(low)] : 'needs-decision' };
}
