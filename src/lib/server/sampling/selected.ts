// The cases the current draws selected, to send back to the service: a workbook (.xlsx) or a
// CSV with the case reference, the stratum and the sample, with what each draw was and the
// cases excluded.
import ExcelJS from 'exceljs';
import { csvCell } from '../inspections/export';
import type { FrameworkVersion } from '../../engine/index';
import type { InspectionRecord } from '../../inspection/record';
import { currentDraws, currentSelection, type DrawRecord } from '../../sampling/draw-edit';
import { proposalInWords } from './draw-audit';
import { sampleLabels } from './labels';

const HEADINGS = ['Case reference', 'Stratum', 'Sample'];

function rowsOf(draws: DrawRecord[], framework: FrameworkVersion): string[][] {
	const { groups, samples } = sampleLabels(framework);
	const label = (labels: Record<string, string>, id: string) => (Object.hasOwn(labels, id) ? labels[id] : id);
	return currentSelection(draws).map((c) => [c.reference, label(groups, c.group), label(samples, c.sample)]);
}

/** case-sample-<service>-<date of the latest draw>.<extension> */
export function selectedName(record: InspectionRecord, extension: string): string {
	const slug = record.serviceName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'inspection';
	return `case-sample-${slug}-${(record.draws?.at(-1)?.at ?? '').slice(0, 10)}.${extension}`;
}

export function selectedCsv(draws: DrawRecord[], framework: FrameworkVersion): string {
	return [HEADINGS, ...rowsOf(draws, framework)].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export async function selectedXlsx(record: InspectionRecord, framework: FrameworkVersion): Promise<Uint8Array> {
	const draws = record.draws ?? [];
	const workbook = new ExcelJS.Workbook();
	workbook.creator = 'Yardstick';
	const sheet = workbook.addWorksheet('Selected cases');
	sheet.addRow(HEADINGS).font = { bold: true };
	// Cells are written as text: a reference like "=1+1" or "00123" stays what the service wrote.
	for (const row of rowsOf(draws, framework)) sheet.addRow(row.map((text) => ({ richText: [{ text }] })));
	sheet.columns.forEach((column) => (column.width = 28));
	const about = workbook.addWorksheet('About the draw');
	about.addRows([
		['Service', record.serviceName],
		['Framework', record.framework]
	]);
	const excluded: DrawRecord['excluded'] = [];
	for (const { index, samples } of currentDraws(draws)) {
		const draw = draws[index];
		const mine = draw.samples.filter((s) => samples.includes(s.sample));
		const groups = new Set(mine.flatMap((s) => s.groups.map((g) => g.group)));
		excluded.push(...draw.excluded.filter((e) => groups.has(e.group)));
		about.addRows([
			[],
			['Drawn', `${draw.at} by ${draw.by}`],
			['Seed', String(draw.seed)],
			['Proposed seed', proposalInWords(draw)],
			['Longlist', `${draw.file ?? ''} ${draw.longlist.cases} cases, ${draw.longlist.excluded} excluded`.trim()],
			['Longlist SHA-256', draw.longlist.sha256 ?? 'not recorded'],
			...(draw.reason ? [['Why it was drawn again', draw.reason]] : []),
			...mine.map((s) => [s.label, `${s.size} of ${s.eligible} eligible cases${s.chosen ? ` (size chosen by ${draw.by})` : ''}`])
		]);
	}
	about.getColumn(1).width = 28;
	about.getColumn(2).width = 60;
	if (excluded.length) {
		const sheet = workbook.addWorksheet('Excluded cases');
		sheet.addRow(['Case reference', 'Reason']).font = { bold: true };
		for (const e of excluded) sheet.addRow([{ richText: [{ text: e.reference }] }, { richText: [{ text: e.reason }] }]);
		sheet.columns.forEach((column) => (column.width = 40));
	}
	return new Uint8Array(await workbook.xlsx.writeBuffer());
}
