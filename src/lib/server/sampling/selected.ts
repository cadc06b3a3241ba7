// The selected cases of the current draw, to send back to the service: a workbook (.xlsx) or a
// CSV with the case reference, the stratum and the sample, and a sheet of those excluded.
import ExcelJS from 'exceljs';
import { csvCell } from '../inspections/export';
import type { FrameworkVersion } from '../../engine/index';
import type { InspectionRecord } from '../../inspection/record';
import type { DrawRecord } from '../../sampling/draw-edit';
import { sampleLabels } from './labels';

const HEADINGS = ['Case reference', 'Stratum', 'Sample'];

function rowsOf(draw: DrawRecord, framework: FrameworkVersion): string[][] {
	const { groups, samples } = sampleLabels(framework);
	const label = (labels: Record<string, string>, id: string) => (Object.hasOwn(labels, id) ? labels[id] : id);
	return draw.selected.map((c) => [c.reference, label(groups, c.group), label(samples, c.sample)]);
}

/** case-sample-<service>-<date of the draw>.<extension> */
export function selectedName(record: InspectionRecord, draw: DrawRecord, extension: string): string {
	const slug = record.serviceName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'inspection';
	return `case-sample-${slug}-${draw.at.slice(0, 10)}.${extension}`;
}

export function selectedCsv(draw: DrawRecord, framework: FrameworkVersion): string {
	return [HEADINGS, ...rowsOf(draw, framework)].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export async function selectedXlsx(record: InspectionRecord, draw: DrawRecord, framework: FrameworkVersion): Promise<Uint8Array> {
	const workbook = new ExcelJS.Workbook();
	workbook.creator = 'Yardstick';
	const sheet = workbook.addWorksheet('Selected cases');
	sheet.addRow(HEADINGS).font = { bold: true };
	// Cells are written as text: a reference like "=1+1" or "00123" stays what the service wrote.
	for (const row of rowsOf(draw, framework)) sheet.addRow(row.map((text) => ({ richText: [{ text }] })));
	sheet.columns.forEach((column) => (column.width = 28));
	const about = workbook.addWorksheet('About this draw');
	about.addRows([
		['Service', record.serviceName],
		['Framework', record.framework],
		['Drawn', `${draw.at} by ${draw.by}`],
		['Seed', String(draw.seed)],
		['Longlist', `${draw.file ?? ''} ${draw.longlist.cases} cases, ${draw.longlist.excluded} excluded`.trim()],
		...(draw.reason ? [['Why it was drawn again', draw.reason]] : []),
		...draw.samples.map((s) => [s.label, `${s.size} of ${s.eligible} eligible cases${s.chosen ? ' (size chosen by the lead inspector)' : ''}`])
	]);
	about.getColumn(1).width = 28;
	about.getColumn(2).width = 60;
	if (draw.excluded.length) {
		const excluded = workbook.addWorksheet('Excluded cases');
		excluded.addRow(['Case reference', 'Reason']).font = { bold: true };
		for (const e of draw.excluded) excluded.addRow([{ richText: [{ text: e.reference }] }, { richText: [{ text: e.reason }] }]);
		excluded.columns.forEach((column) => (column.width = 40));
	}
	return new Uint8Array(await workbook.xlsx.writeBuffer());
}
