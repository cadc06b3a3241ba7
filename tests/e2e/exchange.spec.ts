import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, expectSaved, strip } from '../support/workspace-e2e';
import { whenHydrated } from '../support/hydration';

const temp = () => mkdtempSync(path.join(tmpdir(), 'yardstick-exchange-e2e-'));

async function importFile(page: Page, file: string) {
	await page.goto('/inspections/import');
	await page.getByLabel('Upload a file').setInputFiles(file);
	await page.getByRole('button', { name: 'Import' }).click();
}

/** Every rating in the "Ratings now" summary, in order: "2.1 Good", … */
const ratingsNow = async (page: Page) => (await strip(page).getByRole('listitem').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());

test('export as a golden file, npm run golden passes on it, and importing it gives the same ratings', async ({ page }) => {
	await importFile(page, 'tests/golden/2025/victims-matrix-decided-iyjs.json');
	await expect(page.getByText('Imported from victims-matrix-decided-iyjs.json')).toBeVisible();
	await whenHydrated(page);
	await expect(strip(page)).toContainText('Overall: Good score 9 of 12');

	// one victim case answered in the grid, so the export carries cases as well as tallies
	const form = page.getByRole('button', { name: 'Add case' }).locator('xpath=ancestor::form');
	await form.getByLabel('Case reference').fill('V-1');
	await form.getByRole('radio', { name: 'Victims' }).check();
	await form.getByRole('button', { name: 'Add case' }).click();
	const grid = page.getByRole('grid', { name: 'Victims: 1 case, key questions' });
	await grid.getByRole('gridcell').first().focus();
	await page.keyboard.press('y');
	await expect(grid.getByRole('gridcell').first()).toHaveText('Yes');
	await expect(grid.getByRole('row').last()).toContainText('16 of 21');
	await expectSaved(page);
	const before = await ratingsNow(page);
	expect(before).toContain('V1 Good');

	const dir = temp();
	const file = path.join(dir, 'exported.json');
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export as a golden file (JSON)' }).click()]);
	expect(download.suggestedFilename()).toMatch(/^2025-victims-matrix-decided.*-hmip-youth-2025\.json$/);
	await download.saveAs(file);
	const golden = JSON.parse(readFileSync(file, 'utf8'));
	expect(golden.inspection.cases).toEqual([{ id: 'V-1', sample: 'victim', answers: { 'V1.1': 'yes' } }]);
	expect(golden.expected.composite).toMatchObject({ score: 9, max: 12, rating: 'good' });

	const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/golden.ts', file], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
	expect(run.stdout).toContain("PASS 2025: victims' matrix decided by the panel");
	expect(run.stdout).toContain('1 passed, 0 failed');
	expect(run.status).toBe(0);

	await importFile(page, file);
	await expect(page.getByText('Imported from exported.json')).toBeVisible();
	expect(await ratingsNow(page)).toEqual(before);
	await expect(strip(page)).toContainText('Overall: Good score 9 of 12');
	await expect(page.getByRole('grid', { name: 'Victims: 1 case, key questions' }).getByRole('gridcell').first()).toHaveText('Yes');
});

test('the CSV workbook has the details, the ratings with reasons, a row per case and key question, and one per tally', async ({ page }) => {
	await importFile(page, 'tests/golden/2018/cases-mixed-with-tallies.json');
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export the data workbook (CSV)' }).click()]);
	const csv = readFileSync(await download.path(), 'utf8');
	const sections = Object.fromEntries(csv.trimEnd().split('\r\n\r\n').map((block) => { const [title, ...lines] = block.split('\r\n'); return [title, lines]; }));
	expect(sections.Inspection).toContain('Status,In progress,in-progress');
	expect(sections.Ratings[0]).toBe('Standard,Title,Rating,Rating code,Computed by the rules,Computed code,Reason');
	expect(sections.Ratings[1]).toMatch(/^Overall,/);
	const lines: string[] = sections.Evidence;
	expect(lines[0]).toContain('Case reference,Sample,Sample code,There are factors related to keeping the child safe');
	expect(lines[0]).toMatch(/Key question,Relevant to this case,Answer,Answer code,Counted cases,Counted 'Yes',Prompt answers$/);
	expect(lines.filter((l) => l.includes(',Tally,')).length).toBeGreaterThan(0);
	expect(lines.some((l) => /,Court disposals,court,/.test(l))).toBe(true);
});

test('an import the version refuses names the place in the file and the problem', async ({ page }) => {
	const file = path.join(temp(), 'broken.json');
	writeFileSync(file, JSON.stringify({ name: 'Broken', framework: 'hmip-youth@2018', inspection: { cases: [{ id: 'c1', sample: 'prison' }] }, expected: {} }));
	await importFile(page, file);
	await expect(page).toHaveTitle(/^Error: Import an inspection/);
	const summary = page.getByRole('alert');
	await expect(summary).toContainText('There is a problem');
	await expect(summary.getByRole('link')).toHaveText('Sample of case 1: unknown sample "prison" (court, out-of-court) (broken.json at /inspection/cases/0/sample)');
	await expect(page.getByText('Error: Sample of case 1: unknown sample "prison"')).toBeVisible();
	await expectAccessible(page);

	writeFileSync(file, '{ "name": "Broken", ');
	await importFile(page, file);
	await expect(page.getByRole('alert').getByRole('link')).toHaveText(/^The file: not valid JSON: .* \(broken\.json at \/\)$/);
});

test('a file too large to import is refused on the form, and a far larger one before the route sees it', async ({ page, baseURL }) => {
	const dir = temp();
	const large = path.join(dir, 'large.json');
	writeFileSync(large, JSON.stringify({ padding: 'x'.repeat(2 * 1024 * 1024 + 10_000) }));
	await importFile(page, large);
	await expect(page.getByRole('alert')).toContainText('large.json is 2 MB: an inspection to import may be at most 2 MB');

	const huge = await page.request.post('/inspections/import', { multipart: { file: { name: 'huge.json', mimeType: 'application/json', buffer: Buffer.alloc(3 * 1024 * 1024, 32) } }, headers: { origin: baseURL!, accept: 'text/html' } });
	expect(huge.status()).toBe(413);
	expect(await huge.text()).toContain('The request is 3 MB: an inspection to import may be at most 2.1 MB.');
	const api = await page.request.post('/api/evaluate', { data: { framework: 'hmip-youth@2018', inspection: { padding: 'x'.repeat(3 * 1024 * 1024) } }, headers: { origin: baseURL! } });
	expect(api.status()).toBe(413);
	expect((await api.json()).errors[0].message).toBe('The request is 3 MB: an inspection to rate may be at most 2 MB.');
});
