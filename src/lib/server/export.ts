// An inspection out of Yardstick: as a golden file (the DESIGN.md contract, with `expected`
// filled from the current result, so `npm run golden` reproduces it) and as a data workbook
// (CSV, one row per case and key question, and one per tally).
import { NEEDS_DECISION, relevantKeyQuestions, type EvaluationResult, type FrameworkVersion } from '../engine/index';
import type { InspectionRecord } from '../inspection/record';
import type { GoldenFile } from './golden';

export function toGolden(record: InspectionRecord, result: EvaluationResult, about: { revision: number; exportedAt: string }): GoldenFile {
	const standards = Object.values(result.standards);
	const c = result.composite;
	const departures = standards.filter((s) => s.guidance.length);
	const expected: GoldenFile['expected'] = {
		standards: Object.fromEntries(standards.map((s) => [s.id, s.final])),
		computed: Object.fromEntries(standards.map((s) => [s.id, s.computed])),
		composite: { score: c.score, max: c.max, rating: c.rating, scoreRange: c.scoreRange, limiter: c.limiter?.id ?? null, challenges: c.challenges.map((ch) => ch.id) },
		violations: [...new Set(result.violations.map((v) => v.standard))],
		flagged: standards.filter((s) => s.discretion.length).map((s) => s.id),
		guidance: departures.map((s) => s.id),
		unexplained: departures.filter((s) => s.guidance.some((g) => !g.reason)).map((s) => s.id),
		allowed: Object.fromEntries(standards.filter((s) => s.final === NEEDS_DECISION).map((s) => [s.id, s.allowed]))
	};
	return {
		name: record.serviceName,
		description: `Exported from Yardstick at revision ${about.revision} on ${about.exportedAt.slice(0, 10)}; the expected results are the ratings ${record.framework} computed for this evidence then.`,
		framework: record.framework,
		inspection: record.evidence,
		expected
	};
}

/** A file name from the service name: letters, digits and hyphens. */
export function exportName(record: InspectionRecord, extension: string): string {
	const slug = record.serviceName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'inspection';
	return `${slug}-${record.framework.replace('@', '-')}.${extension}`;
}

/**
 * One row per case and case-based key question of its sample (with whether the rules make it
 * relevant, the answer and the prompt answers), then one row per tally. The two count columns
 * add up, per key question, to the numbers the ratings are computed from.
 */
export async function toCsv(record: InspectionRecord, framework: FrameworkVersion): Promise<string> {
	const facts = framework.meta.caseFacts ?? [];
	const keyQuestions = framework.domains.flatMap((d) => d.standards.flatMap((s) => s.keyQuestions)).filter((kq) => kq.kind === 'case');
	const rows: string[][] = [['Case reference', 'Sample', ...facts.map((f) => f.label), 'Key question', 'Relevant to this case', 'Answer', 'Counted cases', "Counted 'Yes'", 'Prompt answers']];
	const evidence = record.evidence;
	for (const c of evidence.cases ?? []) {
		const relevant = await relevantKeyQuestions(framework, evidence.context, c);
		const answers = c.answers ?? {};
		for (const kq of keyQuestions) {
			if (!(kq.samples ?? []).includes(c.sample) && !(kq.id in answers)) continue;
			const answer = answers[kq.id] ?? '';
			const counted = relevant.has(kq.id) && (answer === 'yes' || answer === 'no');
			const prompts = kq.prompts.filter((p) => p.id in answers).map((p) => `${p.id} ${answers[p.id]}`);
			rows.push([
				c.id,
				c.sample,
				...facts.map((f) => (c.facts?.[f.id] === undefined ? '' : String(c.facts[f.id]))),
				kq.id,
				relevant.has(kq.id) ? 'yes' : 'no',
				answer,
				counted ? '1' : '0',
				counted && answer === 'yes' ? '1' : '0',
				prompts.join('; ')
			]);
		}
	}
	for (const [id, tally] of Object.entries(evidence.tallies ?? {})) {
		rows.push(['', '(tally)', ...facts.map(() => ''), id, '', '', String(tally.relevant), String(tally.yes), '']);
	}
	return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** RFC 4180 quoting; a leading = + - @ is escaped so a spreadsheet does not run it as a formula. */
export function csvCell(value: string): string {
	const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
	return /[",\r\n]/.test(safe) || safe !== value ? `"${safe.replace(/"/g, '""')}"` : safe;
}
