import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, openTab } from '../support/workspace-e2e';
import { whenHydrated } from '../support/hydration';

// A 2025 inspection of 20 cases answered one by one (12 court, 8 out-of-court), from a sample
// whose eligible caseload was 60 court and 40 out-of-court cases. By hand, at 80% confidence
// (z = 1.2816) with the finite population correction √((100 − 20) / 99) = 0.8989:
//   2.1.1  13 of 20 = 65%: 1.2816 × √(0.65 × 0.35 / 20) × 0.8989 = 12.29 points, 52.7% to 77.3%:
//          the 65% edge lies inside
//   2.1.2  18 of 20 = 90%: 1.2816 × √(0.9 × 0.1 / 20) × 0.8989 = 7.73 points, 82.3% to 97.7%
const yes211 = 13;
const yes212 = 18;
const cases = [
	...Array.from({ length: 12 }, (_, i) => ({ id: `C${i + 1}`, sample: 'court' })),
	...Array.from({ length: 8 }, (_, i) => ({ id: `O${i + 1}`, sample: 'out-of-court' }))
].map((c, i) => ({ ...c, answers: { '2.1.1': i < yes211 ? 'yes' : 'no', '2.1.2': i < yes212 ? 'yes' : 'no' } }));

function inspectionFile(): string {
	const file = path.join(mkdtempSync(path.join(tmpdir(), 'yardstick-margins-e2e-')), 'margins.json');
	const inspection = { context: { inspectionType: 'iyjwcv' }, cases, caseload: { court: 60, 'out-of-court': 40 } };
	writeFileSync(file, JSON.stringify({ name: 'Marginshire YJS', framework: 'hmip-youth@2025', inspection, expected: {} }));
	return file;
}

async function importInspection(page: Page): Promise<string> {
	await page.goto('/inspections/import');
	await page.getByLabel('Upload a file').setInputFiles(inspectionFile());
	await page.getByRole('button', { name: 'Import' }).click();
	await expect(page.getByText('Imported from margins.json')).toBeVisible();
	await whenHydrated(page);
	return new URL(page.url()).pathname;
}

test('every share in the workspace and the report shows its margin, and the band bar its interval', async ({ page }) => {
	test.slow(); // axe runs over the workspace and the report
	const workspace = await importInspection(page);

	await openTab(page, 'Cases');
	const grid = page.getByRole('grid', { name: /^Children: court disposals/ });
	await expect(grid.getByRole('row').last()).toContainText('13 of 20');
	await expect(grid.getByRole('row').last()).toContainText('65% ± 12 points at 80% confidence');
	await expect(grid.getByRole('row').last()).toContainText('a band edge lies inside the margin');
	await expect(grid.getByRole('row').last()).toContainText('90% ± 8 points at 80% confidence');

	await openTab(page, 'Ratings');
	const assessing = page.getByRole('region', { name: /^2\.1 / });
	await expect(assessing).toContainText('65% ± 12 points at 80% confidence: 53% to 77% of an eligible caseload of 100; the band edge at 65% lies inside the interval.');
	await expect(assessing).toContainText('90% ± 8 points at 80% confidence: 82% to 98% of an eligible caseload of 100.');
	// the trace names the margins beside the rating
	await expect(assessing).toContainText('margins at 80% confidence, beside the rating: 2.1.1 65% ± 12 points (53% to 77%, of an eligible caseload of 100; the band edge at 65% lies inside)');
	// the interval is drawn over the share bar, from 52.7% to 77.3% of its width
	const bar = assessing.locator('.ys-bar').first();
	const interval = bar.locator('.ys-bar__interval');
	await expect(interval).toBeVisible();
	const [outer, inner] = [await bar.boundingBox(), await interval.boundingBox()];
	expect(Math.abs((inner!.x - outer!.x) / outer!.width - 0.527)).toBeLessThan(0.02);
	expect(Math.abs((inner!.x + inner!.width - outer!.x) / outer!.width - 0.773)).toBeLessThan(0.02);
	await expectAccessible(page);

	await page.goto(`${workspace}/report`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Marginshire YJS: provisional inspection report');
	await expect(page.getByText('Each share is from a sample of cases, so it has a margin of error: at 80% confidence')).toBeVisible();
	const table = page.getByRole('table', { name: /Key questions \(Of the 20 cases inspected:\)/ }).first();
	await expect(table.getByRole('columnheader', { name: 'Margin at 80% confidence' })).toBeVisible();
	await expect(table.getByRole('row').nth(1)).toContainText('± 12 points, 53% to 77%: the band edge at 65% lies inside the interval');
	await expect(table.getByRole('row').nth(2)).toContainText('± 8 points, 82% to 98%');
	// a band bar with the interval, where a band edge lies inside it; its words say the same
	const bands = page.getByRole('group', { name: /^2\.1\.1 bands: bands on a 0 to 100% bar; 2\.1\.1: 65% ± 12 points at 80% confidence, 53% to 77%; the band edge at 65% lies inside the interval$/ });
	await expect(bands).toBeVisible();
	await expect(bands.getByText('2.1.1: 65% ± 12 points at 80% confidence, 53% to 77%; the band edge at 65% lies inside the interval')).toBeVisible();
	await expect(page.getByRole('group', { name: /^2\.1\.2 bands/ })).toHaveCount(0);
	await expectAccessible(page);

	// 320 px: nothing but the tables' own scroll regions is wider than the screen
	await page.setViewportSize({ width: 320, height: 800 });
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
	await expect(bands).toBeVisible();
});

test('the data workbook downloads as .xlsx: cases and answers, key questions with their margins, ratings', async ({ page }) => {
	await importInspection(page);
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export the data workbook (Excel)' }).click()]);
	expect(download.suggestedFilename()).toBe('marginshire-yjs-hmip-youth-2025.xlsx');
	const book = new ExcelJS.Workbook();
	await book.xlsx.readFile(await download.path());
	expect(book.worksheets.map((w) => w.name)).toEqual(['Inspection', 'Ratings', 'Key questions', 'Judgements', 'Panel decisions', 'Warnings', 'Cases and answers']);

	const kqs = book.getWorksheet('Key questions')!;
	const header = (kqs.getRow(1).values as unknown[]).slice(1);
	const row = (id: string) => {
		let found: unknown[] = [];
		kqs.eachRow((r) => void (r.getCell(1).value === id && (found = (r.values as unknown[]).slice(1))));
		return Object.fromEntries(header.map((h, i) => [String(h), found[i]]));
	};
	expect(row('2.1.1')).toMatchObject({ 'Relevant cases': 20, "Number 'Yes'": 13, "% 'Yes'": 65, 'Confidence level (%)': 80, 'Margin of error (± points)': 12.29, 'Interval from (%)': 52.71, 'Interval to (%)': 77.29, 'Eligible caseload (finite population correction)': 100, 'Band edges inside the interval (%)': '65' });
	expect(row('2.1.2')).toMatchObject({ "% 'Yes'": 90, 'Margin of error (± points)': 7.73 });

	const ratings = book.getWorksheet('Ratings')!;
	expect(ratings.getRow(2).getCell(1).value).toBe('Overall');
	let assessing: unknown[] = [];
	ratings.eachRow((r) => void (r.getCell(1).value === '2.1' && (assessing = (r.values as unknown[]).slice(1))));
	expect(assessing[3]).toBe('good');
	expect(String(assessing[6])).toContain('margins at 80% confidence');

	// a row per case and key question of its sample; the counts add up to the shares
	const answers = book.getWorksheet('Cases and answers')!;
	const heads = (answers.getRow(1).values as unknown[]).slice(1).map(String);
	const col = (name: string) => heads.indexOf(name) + 1;
	const counts = { cases: 0, yes: 0, rows: 0 };
	answers.eachRow((r, n) => {
		if (n === 1 || r.getCell(col('Key question')).value !== '2.1.1') return;
		counts.rows++;
		counts.cases += Number(r.getCell(col('Counted cases')).value);
		counts.yes += Number(r.getCell(col("Counted 'Yes'")).value);
	});
	expect(counts).toEqual({ rows: 20, cases: 20, yes: 13 });
});
