// An inspection out of Yardstick: as a golden file (the DESIGN.md contract, with `expected`
// filled from the current result, so `npm run golden` reproduces it) and as a data workbook
// (the details and context, ratings with their reasons, key-question shares with their margins,
// judgements, panel decisions, and the evidence, one row per case and key question and one per
// tally), as one CSV in sections or as an .xlsx workbook with a sheet per section.
import ExcelJS from 'exceljs';
import { NEEDS_DECISION, evaluate, relevantKeyQuestions, type EvaluationResult, type FrameworkVersion } from '../../engine/index';
import { contextValueText } from '../../inspection/context';
import { longDate } from '../../inspection/dates';
import { outcomeLabel } from '../../inspection/ratings';
import { STATUS_LABELS, type InspectionRecord } from '../../inspection/record';
import type { GoldenFile } from '../regression/golden';

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

/** A cell: text, or a number a spreadsheet can count with. */
type Cell = string | number;
interface Section {
	title: string;
	/** the sheet's name in the .xlsx workbook, when it differs from the title */
	sheet?: string;
	/** a header row, then the rows */
	rows: Cell[][];
}

/**
 * The data workbook's sections. Codes (as the files hold them) sit beside the labels a person
 * reads ("Court" beside court, "Yes" beside yes).
 *
 * - Inspection: the details, the inspection type and each context fact the version declares;
 * - Ratings: the overall rating and every standard's, computed and final, with the reason;
 * - Key questions: each case key question's counts, share and band, and the share's margin of
 *   error at the version's confidence level (rules/README.md: margins);
 * - Judgements: the lead inspector's proposed ratings with their reasons and the key questions
 *   and prompts judged;
 * - Panel decisions, with their reasons;
 * - Warnings of the evaluation, if any;
 * - Evidence: one row per case and case-based key question of its sample (whether the rules make
 *   it relevant, the answer, the prompt answers), then one row per tally. The two count columns
 *   add up, per key question, to the numbers the ratings are computed from.
 */
async function workbook(record: InspectionRecord, framework: FrameworkVersion): Promise<Section[]> {
	const meta = framework.meta;
	const scale = meta.ratings;
	const evidence = record.evidence;
	const result = await evaluate(framework, evidence);
	const label = (outcome: string) => outcomeLabel(scale, outcome);
	const sections: Section[] = [];

	const type = evidence.context?.inspectionType;
	const details: string[][] = [
		['Item', 'Value', 'Code'],
		['Service inspected', record.serviceName, ''],
		['Framework version', meta.title, record.framework],
		['Content hash of the version', '', record.frameworkHash]
	];
	if (type !== undefined) details.push(['Inspection type', meta.inspectionTypes?.find((t) => t.id === type)?.label ?? String(type), String(type)]);
	if (record.fieldwork?.from) details.push(['First day of fieldwork', longDate(record.fieldwork.from), record.fieldwork.from]);
	if (record.fieldwork?.to) details.push(['Last day of fieldwork', longDate(record.fieldwork.to), record.fieldwork.to]);
	details.push(['Status', STATUS_LABELS[record.status] ?? record.status, record.status]);
	details.push(['Team', (record.team ?? []).join(', '), '']);
	for (const fact of meta.contextFacts ?? []) {
		const value = evidence.context?.[fact.id];
		details.push([fact.label, contextValueText(value), value === undefined ? '' : String(value)]);
	}
	sections.push({ title: 'Inspection', rows: details });

	const c = result.composite;
	const ratings: string[][] = [
		['Standard', 'Title', 'Rating', 'Rating code', 'Computed by the rules', 'Computed code', 'Reason'],
		['Overall', c.score === null ? c.title : `${c.title} (score ${c.score} of ${c.max})`, label(c.rating), c.rating, label(c.computed), c.computed, c.trace]
	];
	for (const s of Object.values(result.standards)) ratings.push([s.id, s.title, label(s.final), s.final, label(s.computed), s.computed, s.trace]);
	sections.push({ title: 'Ratings', rows: ratings });

	const confidence = framework.sampling?.confidence?.value;
	const shares: Cell[][] = [
		[
			'Key question',
			'Standard',
			'Relevant cases',
			"Number 'Yes'",
			"% 'Yes'",
			'Band',
			'Band rating code',
			'Confidence level (%)',
			'Margin of error (± points)',
			'Interval from (%)',
			'Interval to (%)',
			'Eligible caseload (finite population correction)',
			'Band edges inside the interval (%)'
		]
	];
	for (const kq of Object.values(result.keyQuestions)) {
		if (kq.kind !== 'case') continue;
		const m = kq.margin;
		const edges = m?.edgeInside.join('; ') ?? '';
		shares.push([
			kq.id,
			kq.standard,
			kq.relevant,
			kq.yes,
			kq.share === null ? '' : round(kq.share),
			kq.band?.label ?? '',
			kq.band?.rating ?? '',
			m ? m.confidence : kq.share === null ? '' : typeof confidence === 'number' ? '' : 'not stated by the sources',
			m ? round(m.plusMinus) : '',
			m ? round(m.low) : '',
			m ? round(m.high) : '',
			m?.population ?? '',
			edges
		]);
	}
	sections.push({ title: 'Key questions', rows: shares });

	const order = new Map(Object.keys(result.standards).map((id, i) => [id, i]));
	const byStandard = <T>(entries: [string, T][]) => entries.sort(([a], [b]) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity));
	const judgements: string[][] = [['Standard', 'Proposed rating', 'Rating code', 'Reason', 'Key questions answered', 'Prompts judged']];
	for (const [id, j] of byStandard(Object.entries(evidence.judgements ?? {}))) {
		judgements.push([
			id,
			j.rating ? label(j.rating) : '',
			j.rating ?? '',
			j.reason ?? '',
			Object.entries(j.keyQuestions ?? {}).map(([kq, answer]) => `${kq} ${ANSWER_LABELS[answer]}`).join('; '),
			Object.entries(j.prompts ?? {}).map(([prompt, side]) => `${prompt} ${ANSWER_LABELS[side]}`).join('; ')
		]);
	}
	sections.push({ title: 'Judgements', rows: judgements });

	const decisions: string[][] = [['Standard', 'Rating', 'Rating code', 'Reason']];
	for (const [id, d] of byStandard(Object.entries(evidence.decisions ?? {}))) decisions.push([id, label(d.rating), d.rating, d.reason]);
	sections.push({ title: 'Panel decisions', rows: decisions });

	if (result.warnings.length) sections.push({ title: 'Warnings', rows: [['Code', 'Subject', 'Warning'], ...result.warnings.map((w) => [w.code, w.subject, w.message])] });

	const facts = meta.caseFacts ?? [];
	const samples = new Map(meta.samples.map((t) => [t.id, t.label]));
	const keyQuestions = framework.domains.flatMap((d) => d.standards.flatMap((s) => s.keyQuestions)).filter((kq) => kq.kind === 'case');
	const rows: Cell[][] = [['Case reference', 'Sample', 'Sample code', ...facts.map((f) => f.label), 'Key question', 'Relevant to this case', 'Answer', 'Answer code', 'Counted cases', "Counted 'Yes'", 'Prompt answers']];
	for (const c of evidence.cases ?? []) {
		const relevant = await relevantKeyQuestions(framework, evidence.context, c);
		const answers = c.answers ?? {};
		for (const kq of keyQuestions) {
			if (!(kq.samples ?? []).includes(c.sample) && !(kq.id in answers)) continue;
			const answer = answers[kq.id] ?? '';
			const counted = relevant.has(kq.id) && (answer === 'yes' || answer === 'no');
			const prompts = kq.prompts.filter((p) => p.id in answers).map((p) => `${p.id} ${ANSWER_LABELS[answers[p.id]] ?? answers[p.id]}`);
			rows.push([
				c.id,
				samples.get(c.sample) ?? c.sample,
				c.sample,
				...facts.map((f) => (c.facts?.[f.id] === undefined ? '' : contextValueText(c.facts[f.id]))),
				kq.id,
				relevant.has(kq.id) ? 'Yes' : 'No',
				ANSWER_LABELS[answer] ?? answer,
				answer,
				counted ? 1 : 0,
				counted && answer === 'yes' ? 1 : 0,
				prompts.join('; ')
			]);
		}
	}
	for (const [id, tally] of Object.entries(evidence.tallies ?? {})) {
		rows.push(['', 'Tally', '', ...facts.map(() => ''), id, '', '', '', tally.relevant, tally.yes, '']);
	}
	sections.push({ title: 'Evidence', sheet: 'Cases and answers', rows });
	return sections;
}

/** Two decimals: enough to place a share against a band edge, without float noise. */
const round = (n: number) => Math.round(n * 100) / 100;

/** The data workbook as one CSV in sections, each a title row, a header row, its rows and a blank line. */
export async function toCsv(record: InspectionRecord, framework: FrameworkVersion): Promise<string> {
	const sections = await workbook(record, framework);
	return sections.map(({ title, rows }) => [[title], ...rows].map((row) => row.map((cell) => csvCell(String(cell))).join(',')).join('\r\n')).join('\r\n\r\n') + '\r\n';
}

/**
 * The data workbook as .xlsx: a sheet per section, its header row bold and frozen. Text is
 * written as text (a cell that looks like a formula stays text); counts and shares as numbers.
 */
export async function toXlsx(record: InspectionRecord, framework: FrameworkVersion): Promise<Uint8Array> {
	const sections = await workbook(record, framework);
	const book = new ExcelJS.Workbook();
	book.creator = 'Yardstick';
	for (const { title, sheet, rows } of sections) {
		const ws = book.addWorksheet(sheet ?? title, { views: [{ state: 'frozen', ySplit: 1 }] });
		for (const row of rows) ws.addRow(row);
		ws.getRow(1).font = { bold: true };
		ws.columns.forEach((column, i) => {
			const widest = Math.max(...rows.map((row) => String(row[i] ?? '').length));
			column.width = Math.min(60, Math.max(8, widest + 2));
		});
	}
	return new Uint8Array(await book.xlsx.writeBuffer());
}

const ANSWER_LABELS: Record<string, string> = { yes: 'Yes', no: 'No', 'n/a': 'Not applicable', above: 'Above the line', below: 'Below the line', '': '' };


/** RFC 4180 quoting; a leading = + - @ is escaped so a spreadsheet does not run it as a formula. */
export function csvCell(value: string): string {
	const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
	return /[",\r\n]/.test(safe) || safe !== value ? `"${safe.replace(/"/g, '""')}"` : safe;
}
