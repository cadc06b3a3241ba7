// Issue 13, the lead inspector's way through: a longlist workbook of 300 cases whose headings
// need mapping, two cases excluded with reasons, a draw with a seed, the drawn cases in the
// workspace, the selected list downloaded, and the draw in the audit trail. Every new page is
// checked with axe, at 320 px, and the exclusion is made from the keyboard.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect, test, type Page } from '@playwright/test';
import { seriousViolations } from '../support/axe';
import { holdScripts, whenHydrated } from '../support/hydration';
import { createInspection, openTab } from '../support/workspace-e2e';
import { EVERYONE, SIGNED_IN_STATE, signInAs } from '../support/accounts';
import { planSample, type LonglistCase } from '../../src/lib/sampling/index';
import { rules2025 } from '../support/sampling';

const STRATA = [
	{ id: 'resettlement', cell: 'Resettlement cases' },
	{ id: 'community-sentences', cell: 'community sentences' },
	{ id: 'out-of-court', cell: 'Out-of-court cases' },
	{ id: 'bail-remand', cell: 'BAIL-REMAND' }
];
/** 300 cases, the strata about 5:50:35:10; the service marked one excluded itself */
const ROWS = Array.from({ length: 300 }, (_, i) => ({
	reference: `YJ${String(i).padStart(4, '0')}`,
	stratum: STRATA[i % 20 === 0 ? 0 : i % 10 === 1 ? 3 : i % 20 < 8 ? 2 : 1],
	excluded: i === 7
}));
const SEED = 2718;
const TRANSFERRED = 'Children who have been formally transferred out of the YJS';

async function longlistWorkbook(): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook();
	const sheet = workbook.addWorksheet('Longlist');
	// a name and a birth date the draw does not need: they must not be kept
	sheet.addRow(['Ref no', 'Child name', 'Date of birth', 'Disposal type', 'Exclude?', 'Why excluded']);
	for (const [i, r] of ROWS.entries()) sheet.addRow([r.reference, `Child ${i}`, '2010-01-01', r.stratum.cell, r.excluded ? 'Yes' : '', r.excluded ? 'Hosted for another area' : '']);
	return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** What the draw must select: the same module, the same longlist and seed. */
function expected(excluded: Record<string, string>) {
	const cases: LonglistCase[] = ROWS.map((r, i) => {
		const reason = r.excluded ? 'Hosted for another area' : excluded[r.reference];
		return { row: i + 2, reference: r.reference, sample: 'children', group: r.stratum.id, excluded: reason !== undefined, ...(reason ? { reason } : {}) };
	});
	return planSample(rules2025(), cases, SEED).samples[0];
}

async function checkPage(page: Page) {
	await whenHydrated(page);
	expect(await seriousViolations(page)).toEqual([]);
	await page.setViewportSize({ width: 320, height: 800 });
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
	await page.setViewportSize({ width: 1280, height: 800 });
}

test('a lead inspector draws the case sample from a longlist workbook, and it becomes the inspection’s cases', async ({ page }) => {
	const workspace = await createInspection(page, { service: 'Longlistshire YJS', version: '2025', type: 'Inspection of Youth Justice Services' });
	await page.getByRole('link', { name: 'Draw the case sample' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Case sample' })).toBeVisible();
	await expect(page.getByText('Yardstick keeps only four columns of it')).toBeVisible();
	await checkPage(page);

	await page.getByLabel('Upload the longlist').setInputFiles({ name: 'longlist.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await longlistWorkbook() });
	await page.getByRole('button', { name: 'Upload', exact: true }).click();

	// The headings are not the usual ones: say which is which
	await expect(page.getByRole('heading', { level: 1, name: 'Which column is which' })).toBeVisible();
	await checkPage(page);
	await page.getByRole('button', { name: 'Continue' }).click();
	await expect(page.locator('.govuk-error-summary')).toContainText('Select the column that holds the case reference');
	await page.getByLabel('Case reference').selectOption({ label: 'Ref no' });
	await page.getByLabel('Stratum').selectOption({ label: 'Disposal type' });
	await page.getByLabel('Excluded').selectOption({ label: 'Exclude?' });
	await page.getByLabel('Reason for exclusion').selectOption({ label: 'Why excluded' });
	await page.getByRole('button', { name: 'Continue' }).click();

	await expect(page.getByRole('heading', { level: 1, name: 'Review the longlist and draw' })).toBeVisible();
	await expect(page.getByText('300 cases on the longlist, 1 excluded')).toBeVisible();
	// What is kept between the steps is the four columns: no name, no date of birth
	const pendingDir = path.join(process.env.E2E_DATA_DIR!, 'sampling-pending');
	const kept = readdirSync(pendingDir).filter((f) => f.endsWith('.json')).map((f) => readFileSync(path.join(pendingDir, f), 'utf8')).find((t) => t.includes('YJ0299'));
	expect(kept).toBeDefined();
	expect(kept).not.toContain('Child 1');
	expect(kept).not.toContain('2010-01-01');
	const before = expected({});
	await expect(page.getByTestId('size-children')).toHaveText(`${before.size.eligible} eligible cases: a sample of ${before.size.size}.`);
	await page.getByText('How the size of the Children (domain two) sample is worked out').click();
	await expect(page.getByText(/n0 = z² × p × \(1 − p\) \/ m²/)).toBeVisible();
	await checkPage(page);

	// An unknown reference is refused in an error summary
	await page.getByLabel('Case reference').fill('NOPE1');
	await page.getByRole('radio', { name: TRANSFERRED }).check();
	await page.getByRole('button', { name: 'Exclude the case' }).click();
	await expect(page.locator('.govuk-error-summary')).toContainText('There is no case "NOPE1" on the longlist');
	await expect(page).toHaveTitle(/^Error: /);

	// Two exclusions: one from the keyboard with a reason from the manual, one in the inspector's words
	await page.getByLabel('Case reference').fill('');
	await page.getByLabel('Case reference').focus();
	await page.keyboard.type('YJ0010');
	await page.keyboard.press('Tab');
	await page.keyboard.press('Space');
	await expect(page.getByRole('radio', { name: TRANSFERRED })).toBeChecked();
	await page.keyboard.press('Enter');
	await expect(page.getByText('Case YJ0010 is excluded.')).toBeVisible();
	await page.getByLabel('Case reference').fill('YJ0020');
	await page.getByRole('radio', { name: 'Another reason' }).check();
	await page.getByLabel('If another reason, say what it is').fill('Case closed before the timeframe began');
	await page.getByRole('button', { name: 'Exclude the case' }).click();
	const excludedTable = page.getByRole('table', { name: 'Excluded cases' });
	await expect(excludedTable.getByRole('row')).toHaveCount(4);
	await expect(excludedTable).toContainText(`YJ0010${TRANSFERRED}`);
	await expect(excludedTable).toContainText('YJ0020Case closed before the timeframe began');
	await expect(excludedTable).toContainText('YJ0007Hosted for another areamarked in the file');

	const plan = expected({ YJ0010: TRANSFERRED, YJ0020: 'Case closed before the timeframe began' });
	await expect(page.getByTestId('size-children')).toHaveText(`${plan.size.eligible} eligible cases: a sample of ${plan.size.size}.`);
	await page.getByLabel('Seed').fill(String(SEED));
	await page.getByRole('button', { name: 'Draw the sample' }).click();

	await expect(page.getByRole('heading', { level: 1, name: 'Case sample' })).toBeVisible();
	await expect(page.getByText(`${plan.draw.selected.length} cases drawn with seed ${SEED}`)).toBeVisible();
	await expect(page.getByTestId('current-seed')).toHaveText(String(SEED));
	// the commands that draw it again, and verify it, name the cases excluded: two on the review page, which the service's file does not mark
	await expect(page.getByTestId('current-command')).toHaveText(`npm run sample -- LONGLIST --framework hmip-youth@2025 --seed ${SEED} --exclude YJ0007,YJ0010,YJ0020`);
	await expect(page.getByTestId('current-verify')).toContainText(`--seed ${SEED} --exclude YJ0007,YJ0010,YJ0020`);
	await checkPage(page);

	// The selected list, as the service gets it back: the cases the same seed draws, every one
	const downloading = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Download the selected cases (.xlsx)' }).click();
	const download = await downloading;
	expect(download.suggestedFilename()).toMatch(/^case-sample-longlistshire-yjs-\d{4}-\d{2}-\d{2}\.xlsx$/);
	const book = new ExcelJS.Workbook();
	await book.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
	const sheet = book.getWorksheet('Selected cases')!;
	const rows = sheet.getSheetValues().slice(1) as unknown[][];
	const text = (v: unknown) => (v && typeof v === 'object' && 'richText' in v ? (v as { richText: { text: string }[] }).richText.map((t) => t.text).join('') : String(v));
	expect(rows.map((r) => text(r[1]))).toEqual(['Case reference', ...plan.draw.selected.map((c) => c.reference)]);
	expect(rows.slice(1).some((r) => ['YJ0007', 'YJ0010', 'YJ0020'].includes(text(r[1])))).toBe(false);
	expect(text(rows[1][3])).toMatch(/^Children: /);

	// The drawn cases are the inspection's cases, each in its framework sample
	const count = (sample: string) => plan.draw.selected.filter((c) => c.sample === sample).length;
	await page.goto(workspace);
	await whenHydrated(page);
	await openTab(page, 'Cases');
	await expect(page.getByRole('grid', { name: new RegExp(`^Children: court disposals .*: ${count('court')} cases`) })).toBeVisible();
	await expect(page.getByRole('grid', { name: new RegExp(`^Children: out-of-court disposals: ${count('out-of-court')} cases`) })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Case sample' })).toBeVisible();

	// The pending longlist is gone once drawn from
	expect(readdirSync(pendingDir).filter((f) => f.endsWith('.json')).map((f) => readFileSync(path.join(pendingDir, f), 'utf8')).some((t) => t.includes('YJ0299'))).toBe(false);

	// The audit trail has the draw with its seed
	await page.goto(`/audit?kind=inspection&id=${workspace.split('/').pop()}`);
	await expect(page.getByText(`case sample drawn for Longlistshire YJS with seed ${SEED}: ${plan.draw.selected.length} cases from a longlist of 300, 3 excluded`)).toBeVisible();
});

test('only the inspection’s team draws: anyone else may look, but is refused the upload', async ({ page, browser, baseURL }) => {
	const workspace = await createInspection(page, { service: 'Teamshire YJS', version: '2025', type: 'Inspection of Youth Justice Services' });
	for (const role of ['viewer', 'inspector'] as const) {
		const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
		const other = await context.newPage();
		await signInAs(other, role);
		await other.goto(`${workspace}/sample`);
		await expect(other.getByRole('heading', { level: 1, name: 'Case sample' })).toBeVisible();
		await expect(other.getByLabel('Upload the longlist')).toHaveCount(0);
		const upload = await other.request.post(`${workspace}/sample?/upload`, {
			multipart: { longlist: { name: 'longlist.csv', mimeType: 'text/csv', buffer: Buffer.from('Case reference,Stratum\nA1,out-of-court\n') } },
			headers: { origin: baseURL!, accept: 'text/html' },
			maxRedirects: 0
		});
		expect(upload.status(), role).toBe(403);
		await context.close();
	}
});

test('a redraw needs a reason, is refused if it would lose answers, keeps an answered case it draws again, and is in the trail as a redraw', async ({ page }) => {
	const workspace = await createInspection(page, { service: 'Redrawshire YJS', version: '2025', type: 'Inspection of Youth Justice Services' });
	const id = workspace.split('/').pop();
	const rows = ROWS.slice(0, 60);
	const csv = ['Case reference,Stratum', ...rows.map((r) => `${r.reference},${r.stratum.id}`)].join('\n');
	const drawn = (seed: number) => {
		const cases: LonglistCase[] = rows.map((r, i) => ({ row: i + 2, reference: r.reference, sample: 'children', group: r.stratum.id, excluded: false }));
		return planSample(rules2025(), cases, seed).samples[0].draw.selected;
	};
	const upload = async () => {
		await page.goto(`/inspections/${id}/sample`);
		await page.getByLabel('Upload the longlist').setInputFiles({ name: 'longlist.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
		await page.getByRole('button', { name: 'Upload', exact: true }).click();
		// the usual headings: straight to the review
		await expect(page.getByRole('heading', { level: 1, name: 'Review the longlist and draw' })).toBeVisible();
		await whenHydrated(page);
		await whenHydrated(page);
	};
	const draw = async (seed: number) => {
		await page.getByLabel('Seed').fill(String(seed));
		await page.getByRole('button', { name: 'Draw the sample' }).click();
	};
	await upload();
	await draw(1);
	await expect(page.getByTestId('current-seed')).toHaveText('1');

	// The first court case is read and answered
	const answered = drawn(1).find((c) => c.sample === 'court')!.reference;
	await page.goto(workspace);
	await whenHydrated(page);
	await openTab(page, 'Cases');
	const grid = page.getByRole('grid', { name: /^Children: court disposals/ });
	await grid.getByRole('row').nth(1).getByRole('gridcell').first().click();
	await page.keyboard.type('y');
	await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();

	const losing = [2, 3, 4, 5, 6, 7, 8, 9].find((seed) => !drawn(seed).some((c) => c.reference === answered))!;
	const keeping = [2, 3, 4, 5, 6, 7, 8, 9].find((seed) => drawn(seed).some((c) => c.reference === answered))!;
	await upload();
	await draw(losing);
	await expect(page.locator('.govuk-error-summary')).toContainText('The inspection already has');
	await page.getByLabel('Why draw the sample again').fill('The service sent the longlist for the wrong months');
	await draw(losing);
	await expect(page.locator('.govuk-error-summary')).toContainText(`This draw would lose the answers of case it does not select: ${answered}.`);
	await page.getByLabel('Why draw the sample again').fill('The service sent the longlist for the wrong months');
	await draw(keeping);
	await expect(page.getByTestId('current-seed')).toHaveText(String(keeping));
	await expect(page.getByRole('table', { name: 'Earlier draws, newest first' })).toContainText('the first draw');
	await expect(page.getByText('The service sent the longlist for the wrong months')).toBeVisible();

	const exported = await (await page.request.get(`/inspections/${id}/export.json`)).json();
	const cases = exported.inspection.cases as { id: string; answers?: Record<string, string> }[];
	expect(cases.map((c) => c.id).sort()).toEqual(drawn(keeping).map((c) => c.reference).sort());
	expect(cases.find((c) => c.id === answered)?.answers).toEqual({ '2.1.1': 'yes' });

	await page.goto(`/audit?kind=inspection&id=${id}`);
	await expect(page.getByText(`case sample drawn again for Redrawshire YJS with seed ${keeping}`)).toBeVisible();
	await expect(page.getByText('Reason: The service sent the longlist for the wrong months')).toBeVisible();
});

test('a seed typed while the review page is still loading its script is the seed drawn', async ({ page }) => {
	const workspace = await createInspection(page, { service: 'Earlyshire YJS', version: '2025', type: 'Inspection of Youth Justice Services' });
	const id = workspace.split('/').pop();
	const csv = ['Case reference,Stratum', ...ROWS.slice(0, 40).map((r) => `${r.reference},${r.stratum.id}`)].join('\n');
	await page.goto(`/inspections/${id}/sample`);
	await page.getByLabel('Upload the longlist').setInputFiles({ name: 'longlist.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
	// the next page's script is held back until the seed is typed
	const scripts = await holdScripts(page);
	await page.getByRole('button', { name: 'Upload', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Review the longlist and draw' })).toBeVisible();
	expect(await page.locator('html[data-hydrated]').count(), 'not hydrated yet').toBe(0);
	await page.getByLabel('Seed').fill('4242');
	await scripts.release();
	await expect(page.getByLabel('Seed')).toHaveValue('4242');
	await page.getByRole('button', { name: 'Draw the sample' }).click();
	await expect(page.getByTestId('current-seed')).toHaveText('4242');
});

test('a victims’ longlist drawn after the children’s: the size is the lead inspector’s to choose, and the children’s draw stays current', async ({ page }) => {
	const workspace = await createInspection(page, { service: 'Victimshire YJS', version: '2025', type: 'Inspection of Youth Justice Services' });
	const upload = async (name: string, lines: string[]) => {
		await page.goto(`${workspace}/sample`);
		await page.getByLabel('Upload the longlist').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
		await page.getByRole('button', { name: 'Upload', exact: true }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Review the longlist and draw' })).toBeVisible();
		await whenHydrated(page);
	};
	await upload('children.csv', ['Case reference,Stratum', ...ROWS.slice(0, 40).map((r) => `${r.reference},${r.stratum.id}`)]);
	await page.getByLabel('Seed').fill('11');
	await page.getByRole('button', { name: 'Draw the sample' }).click();
	await expect(page.getByTestId('current-seed')).toHaveText('11');
	const children = planSample(rules2025(), ROWS.slice(0, 40).map((r, i) => ({ row: i + 2, reference: r.reference, sample: 'children', group: r.stratum.id, excluded: false })), 11).samples[0].draw.selected;

	await upload('victims.csv', ['Case reference,Stratum', ...Array.from({ length: 20 }, (_, i) => `V${String(i).padStart(2, '0')},Victims`)]);
	await expect(page.getByTestId('size-victims')).toContainText('The version gives no rule for the size of this sample: choose it below (9 to 30)');
	await expect(page.getByLabel('Why draw the sample again')).toHaveCount(0);
	await page.getByLabel('Seed').fill('12');
	await page.getByRole('button', { name: 'Draw the sample' }).click();
	await expect(page.locator('.govuk-error-summary')).toContainText('Enter the size of the Victims sample as a whole number');
	await page.getByLabel('Size of the Victims sample').fill('31');
	await page.getByRole('button', { name: 'Draw the sample' }).click();
	await expect(page.locator('.govuk-error-summary')).toContainText('Victims: the size is a whole number from 9 to 30');
	await page.getByLabel('Size of the Victims sample').fill('12');
	await page.getByRole('button', { name: 'Draw the sample' }).click();

	await expect(page.getByRole('heading', { name: 'The current draw of Victims' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'The current draw of Children (domain two)' })).toBeVisible();
	await expect(page.getByText(`Victims (size chosen by ${EVERYONE})`)).toBeVisible();
	await expect(page.getByText('--seed 12 --size victims=12')).toBeVisible();
	const csv = await (await page.request.get(`${workspace}/sample/selected.csv`)).text();
	const lines = csv.trim().split('\r\n');
	expect(lines.length).toBe(1 + children.length + 12);
	expect(lines.filter((l) => l.endsWith(',Victims')).length).toBe(12);
	expect(lines.slice(1, 1 + children.length).map((l) => l.split(',')[0])).toEqual(children.map((c) => c.reference));
});

test('a file waiting for its columns let go for newer uploads is said to be, with why, and not offered to be continued', async ({ page }) => {
	const workspace = await createInspection(page, { service: 'Manyuploadshire YJS', version: '2025', type: 'Inspection of Youth Justice Services' });
	const csv = Buffer.from('Ref,Disposal\nA1,out-of-court\n');
	let first = '';
	for (const name of ['first.csv', 'second.csv', 'third.csv', 'fourth.csv']) {
		await page.goto(`${workspace}/sample`);
		await page.getByLabel('Upload the longlist').setInputFiles({ name, mimeType: 'text/csv', buffer: csv });
		await page.getByRole('button', { name: 'Upload', exact: true }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Which column is which' })).toBeVisible();
		first ||= page.url();
	}
	await page.goto(`${workspace}/sample`);
	await expect(page.getByText('first.csv is no longer held, so its columns cannot be mapped: you uploaded 3 more files with columns to map after it')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Continue with first.csv' })).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'Continue with fourth.csv' })).toBeVisible();
	await checkPage(page);
	await page.goto(first);
	await expect(page.getByText(/The file is no longer held: you uploaded 3 more files/)).toBeVisible();
	await expect(page.getByRole('combobox')).toHaveCount(0);
	await checkPage(page);
	await page.getByRole('link', { name: 'Upload it again' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Case sample' })).toBeVisible();
});

test('a draw from a tab shown before an exclusion made in another tab is refused, saying what changed, and the page shows it', async ({ page }) => {
	const workspace = await createInspection(page, { service: 'Twotabshire YJS', version: '2025', type: 'Inspection of Youth Justice Services' });
	const csv = ['Case reference,Stratum', ...ROWS.slice(0, 40).map((r) => `${r.reference},${r.stratum.id}`)].join('\n');
	await page.goto(`${workspace}/sample`);
	await page.getByLabel('Upload the longlist').setInputFiles({ name: 'longlist.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
	await page.getByRole('button', { name: 'Upload', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Review the longlist and draw' })).toBeVisible();
	await whenHydrated(page);
	const other = await page.context().newPage();
	await other.goto(page.url());
	await other.getByLabel('Case reference').fill('YJ0003');
	await other.getByRole('radio', { name: TRANSFERRED }).check();
	await other.getByRole('button', { name: 'Exclude the case' }).click();
	await expect(other.getByText('Case YJ0003 is excluded.')).toBeVisible();
	await other.close();
	await page.getByRole('button', { name: 'Draw the sample' }).click();
	await expect(page.locator('.govuk-error-summary')).toContainText('Not drawn: since this page was shown, e2e-');
	await expect(page.locator('.govuk-error-summary')).toContainText('excluded YJ0003 in another window');
	await expect(page.getByRole('table', { name: 'Excluded cases' })).toContainText(`YJ0003${TRANSFERRED}`);
	await checkPage(page);
	await page.getByRole('button', { name: 'Draw the sample' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Case sample' })).toBeVisible();
	await expect(page.getByTestId('current-seed')).toBeVisible();
});

test('a draw refused because the inspection was drawn in another tab meanwhile says nothing was drawn, keeps what was typed, and says what to do', async ({ page }) => {
	const workspace = await createInspection(page, { service: 'Meanwhileshire YJS', version: '2025', type: 'Inspection of Youth Justice Services' });
	const csv = ['Case reference,Stratum', ...ROWS.slice(0, 40).map((r) => `${r.reference},${r.stratum.id}`)].join('\n');
	await uploadLonglist(page, workspace, 'longlist.csv', csv);
	await expect(page.getByRole('heading', { level: 1, name: 'Review the longlist and draw' })).toBeVisible();
	await whenHydrated(page);
	await page.getByLabel('Seed').fill('777');
	// meanwhile the same longlist is uploaded and drawn in another tab
	const other = await page.context().newPage();
	await uploadLonglist(other, workspace, 'longlist.csv', csv);
	await other.getByLabel('Seed').fill('5');
	await other.getByRole('button', { name: 'Draw the sample' }).click();
	await expect(other.getByTestId('current-seed')).toHaveText('5');
	await other.close();

	await page.getByRole('button', { name: 'Draw the sample' }).click();
	const summary = page.locator('.govuk-error-summary');
	await expect(summary).toContainText(`Not drawn: ${EVERYONE} changed this inspection at`);
	await expect(summary).toContainText('(drew the case sample (seed 5)) after this page was shown. Nothing was drawn from this longlist: it is still here with its exclusions, and what you entered is filled in below.');
	await expect(summary).not.toContainText('Your change is kept');
	await expect(page.getByLabel('Seed')).toHaveValue('777');
	// drawing again now replaces their draw: the page asks why, as for any redraw
	await expect(page.getByLabel('Why draw the sample again')).toBeVisible();
	await checkPage(page);
	await page.getByLabel('Why draw the sample again').fill('Drawn twice by mistake: this is the seed agreed');
	await page.getByRole('button', { name: 'Draw the sample' }).click();
	await expect(page.getByTestId('current-seed')).toHaveText('777');
});

test('discarding a longlist asks first, without JavaScript too: going back keeps it and its exclusions, confirming discards it', async ({ page: withScript, browser }) => {
	const workspace = await createInspection(withScript, { service: 'Discardshire YJS', version: '2025', type: 'Inspection of Youth Justice Services' });
	// then no script at all: the question is a page of its own, reached by a link, answered by a form
	const context = await browser.newContext({ javaScriptEnabled: false, storageState: SIGNED_IN_STATE });
	const page = await context.newPage();
	const csv = ['Case reference,Stratum', ...ROWS.slice(0, 40).map((r) => `${r.reference},${r.stratum.id}`)].join('\n');
	await uploadLonglist(page, workspace, 'discard-me.csv', csv);
	await expect(page.getByRole('heading', { level: 1, name: 'Review the longlist and draw' })).toBeVisible();
	await page.getByLabel('Case reference').fill('YJ0003');
	await page.getByRole('radio', { name: TRANSFERRED }).check();
	await page.getByRole('button', { name: 'Exclude the case' }).click();
	await expect(page.getByText('Case YJ0003 is excluded.')).toBeVisible();

	await page.getByRole('button', { name: 'Discard this longlist' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Are you sure you want to discard discard-me.csv?' })).toBeVisible();
	await expect(page.getByText('Its 40 cases, and the 1 exclusion you marked on the review page, will be deleted.')).toBeVisible();
	await page.getByRole('link', { name: 'No, go back to the longlist' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Review the longlist and draw' })).toBeVisible();
	await expect(page.getByRole('table', { name: 'Excluded cases' })).toContainText(`YJ0003${TRANSFERRED}`);

	await page.getByRole('button', { name: 'Discard this longlist' }).click();
	// the same question open in another tab
	const other = await context.newPage();
	await other.goto(page.url());
	await page.getByRole('button', { name: 'Yes, discard this longlist' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Case sample' })).toBeVisible();
	await expect(page.getByText('discard-me.csv is discarded: nothing was drawn from it.')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Continue with discard-me.csv' })).toHaveCount(0);
	// answered there too: nothing is left to discard, and it is not claimed
	await other.getByRole('button', { name: 'Yes, discard this longlist' }).click();
	await expect(other.getByText('That longlist was no longer kept, so nothing was discarded')).toBeVisible();
	await expect(other.getByText('is discarded: nothing was drawn from it')).toHaveCount(0);
	await context.close();
});

test('the page that asks before a longlist is discarded is accessible, keyboard usable and fits 320 px', async ({ page }) => {
	const workspace = await createInspection(page, { service: 'Askshire YJS', version: '2025', type: 'Inspection of Youth Justice Services' });
	await uploadLonglist(page, workspace, 'longlist.csv', ['Case reference,Stratum', ...ROWS.slice(0, 10).map((r) => `${r.reference},${r.stratum.id}`)].join('\n'));
	await expect(page.getByRole('heading', { level: 1, name: 'Review the longlist and draw' })).toBeVisible();
	await page.getByRole('button', { name: 'Discard this longlist' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Are you sure you want to discard longlist.csv?' })).toBeVisible();
	await checkPage(page);
	await page.getByRole('button', { name: 'Yes, discard this longlist' }).focus();
	await page.keyboard.press('Enter');
	await expect(page.getByText('longlist.csv is discarded: nothing was drawn from it.')).toBeVisible();
});

test('seed and stratum are explained where they are asked for, and “If another reason” is shown only for another reason (always, without JavaScript)', async ({ page, browser }) => {
	const workspace = await createInspection(page, { service: 'Hintshire YJS', version: '2025', type: 'Inspection of Youth Justice Services' });
	await page.goto(`${workspace}/sample`);
	await expect(page.getByLabel('Upload the longlist')).toHaveAccessibleDescription(/Each case’s stratum is the group it is drawn in|Each case's stratum is the group it is drawn in/);
	// headings to map: the stratum's select says what a stratum is
	await uploadLonglist(page, workspace, 'hints.csv', ['Ref,Disposal', ...ROWS.slice(0, 40).map((r) => `${r.reference},${r.stratum.id}`)].join('\n'));
	await expect(page.getByRole('heading', { level: 1, name: 'Which column is which' })).toBeVisible();
	await expect(page.getByLabel('Stratum')).toHaveAccessibleDescription(/The group the case is drawn in.*each is drawn from separately, so each gets its share of the sample/);
	await page.getByLabel('Case reference').selectOption({ label: 'Ref' });
	await page.getByLabel('Stratum').selectOption({ label: 'Disposal' });
	await page.getByRole('button', { name: 'Continue' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Review the longlist and draw' })).toBeVisible();
	const review = page.url();
	await whenHydrated(page);
	await expect(page.getByLabel('Seed')).toHaveAccessibleDescription(/^The seed is the number the random draw starts from: the same longlist and seed always draw the same cases/);
	await expect(page.getByText('A stratum is a group of cases, usually by type of disposal. Each stratum is drawn from separately')).toBeVisible();

	const other = page.getByLabel('If another reason, say what it is');
	await expect(other).toBeHidden();
	await page.getByRole('radio', { name: 'Another reason' }).check();
	await expect(other).toBeVisible();
	await expect(page.getByRole('radio', { name: 'Another reason' })).toHaveAttribute('aria-controls', 'conditional-other');
	await page.getByRole('radio', { name: TRANSFERRED }).check();
	await expect(other).toBeHidden();
	// a refusal with another reason chosen shows the box again, with its error
	await page.getByLabel('Case reference').fill('YJ0001');
	await page.getByRole('radio', { name: 'Another reason' }).check();
	await page.getByRole('button', { name: 'Exclude the case' }).click();
	await expect(page.locator('.govuk-error-summary')).toContainText('Enter the reason for excluding the case');
	await expect(other).toBeVisible();
	await checkPage(page);

	// without JavaScript the box is always there, and works
	const context = await browser.newContext({ javaScriptEnabled: false, storageState: SIGNED_IN_STATE });
	const noScript = await context.newPage();
	await noScript.goto(review);
	await expect(noScript.getByLabel('If another reason, say what it is')).toBeVisible();
	await noScript.getByLabel('Case reference').fill('YJ0002');
	await noScript.getByRole('radio', { name: 'Another reason' }).check();
	await noScript.getByLabel('If another reason, say what it is').fill('Moved away before the timeframe');
	await noScript.getByRole('button', { name: 'Exclude the case' }).click();
	await expect(noScript.getByRole('table', { name: 'Excluded cases' })).toContainText('YJ0002Moved away before the timeframe');
	await context.close();
});

test('the sample page shows the longlist’s fingerprint and whether the seed drawn was the one proposed', async ({ page }) => {
	const workspace = await createInspection(page, { service: 'Fairshire YJS', version: '2025', type: 'Inspection of Youth Justice Services' });
	const rows = ROWS.slice(0, 40);
	const csv = ['Case reference,Stratum', ...rows.map((r) => `${r.reference},${r.stratum.cell}`)].join('\n');
	// what anyone can compute from the longlist: SHA-256 of one JSON array per row (reference, stratum id, excluded)
	const fingerprint = createHash('sha256')
		.update(rows.map((r) => `${JSON.stringify([r.reference, r.stratum.id, false])}\n`).join(''))
		.digest('hex');
	const upload = async () => {
		await page.goto(`${workspace}/sample`);
		await page.getByLabel('Upload the longlist').setInputFiles({ name: 'longlist.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
		await page.getByRole('button', { name: 'Upload', exact: true }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Review the longlist and draw' })).toBeVisible();
		await whenHydrated(page);
	};
	// drawn with the seed proposed
	await upload();
	const proposed = await page.getByLabel('Seed').inputValue();
	expect(proposed).toMatch(/^\d+$/);
	await page.reload();
	await expect(page.getByLabel('Seed'), 'the proposal is the server’s, kept with the longlist').toHaveValue(proposed);
	await page.getByRole('button', { name: 'Draw the sample' }).click();
	await expect(page.getByTestId('current-seed')).toHaveText(proposed);
	await expect(page.getByTestId('current-proposal')).toHaveText(`${proposed}, used as proposed`);
	await expect(page.getByTestId('current-fingerprint')).toHaveText(fingerprint);
	await expect(page.getByText(`npm run sample -- verify LONGLIST --selected SELECTED.csv --sha256 ${fingerprint} --framework hmip-youth@2025 --seed ${proposed}`)).toBeVisible();

	// drawn again with a seed of the inspector's own: allowed, and said
	await upload();
	const second = await page.getByLabel('Seed').inputValue();
	const typed = second === '12345' ? '54321' : '12345';
	await page.getByLabel('Seed').fill(typed);
	await page.getByLabel('Why draw the sample again').fill('The team agreed a seed beforehand');
	await page.getByRole('button', { name: 'Draw the sample' }).click();
	await expect(page.getByTestId('current-seed')).toHaveText(typed);
	await expect(page.getByTestId('current-proposal')).toHaveText(`${second}, changed by ${EVERYONE} to ${typed}`);
	await expect(page.getByTestId('current-fingerprint')).toHaveText(fingerprint);
	await expect(page.getByRole('table', { name: 'Earlier draws, newest first' })).toContainText(`${proposed}, used as proposed`);
	await checkPage(page);

	// the audit trail says it too
	const id = workspace.split('/').pop();
	await page.goto(`/audit?kind=inspection&id=${id}`);
	await expect(page.getByText(`the proposed seed ${second} was changed to ${typed}; longlist SHA-256 ${fingerprint}`)).toBeVisible();
});

/** Upload a longlist on the case sample page, as the lead inspector does. */
async function uploadLonglist(page: Page, workspace: string, name: string, content: string | Buffer) {
	await page.goto(`${workspace}/sample`);
	const xlsx = name.endsWith('.xlsx');
	const mimeType = xlsx ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv';
	await page.getByLabel('Upload the longlist').setInputFiles({ name, mimeType, buffer: typeof content === 'string' ? Buffer.from(content) : content });
	await page.getByRole('button', { name: 'Upload', exact: true }).click();
}

test('a CSV saved with semicolons or tabs between its columns is read as it is, and says so; one whose delimiter cannot be told says what was found', async ({ page }) => {
	const workspace = await createInspection(page, { service: 'Semicolonshire YJS', version: '2025', type: 'Inspection of Youth Justice Services' });
	const rows = ROWS.slice(0, 40);
	// as Excel saves a CSV where the decimal mark is a comma: semicolons, and commas inside cells
	const semicolons = ['Case reference;Stratum;Excluded;Reason', ...rows.map((r, i) => `${r.reference};${r.stratum.id};${i === 3 ? 'yes;Hosted, for another area' : ';'}`)].join('\r\n');
	await uploadLonglist(page, workspace, 'semicolons.csv', semicolons);
	await expect(page.getByRole('heading', { level: 1, name: 'Review the longlist and draw' })).toBeVisible();
	await expect(page.getByText('40 cases on the longlist, 1 excluded')).toBeVisible();
	await expect(page.getByTestId('read-from')).toHaveText('Read as a CSV file with its columns separated by semicolons.');
	await expect(page.getByRole('table', { name: 'Excluded cases' })).toContainText('YJ0003Hosted, for another area');

	await uploadLonglist(page, workspace, 'tabs.csv', ['Case reference\tStratum', ...rows.map((r) => `${r.reference}\t${r.stratum.id}`)].join('\n'));
	await expect(page.getByRole('heading', { level: 1, name: 'Review the longlist and draw' })).toBeVisible();
	await expect(page.getByText('40 cases on the longlist, 0 excluded')).toBeVisible();
	await expect(page.getByTestId('read-from')).toHaveText('Read as a CSV file with its columns separated by tabs.');

	// as many commas as semicolons in the heading line: which is meant cannot be told
	await uploadLonglist(page, workspace, 'mixed.csv', 'Case reference;Stratum,Notes\nA1;out-of-court,x\n');
	await expect(page.locator('.govuk-error-summary')).toContainText(
		'mixed.csv: Row 1: the heading row has 1 comma and 1 semicolon, so which of them separates the columns cannot be told: save the CSV with one of commas, semicolons or tabs between the columns'
	);
	await checkPage(page);
	// a delimiter Yardstick does not know: one heading holding the whole line, said plainly
	await uploadLonglist(page, workspace, 'pipes.csv', 'Case reference|Stratum\nA1|out-of-court\n');
	await expect(page.locator('.govuk-error-summary')).toContainText('pipes.csv: Row 1: the heading row is one column, "Case reference|Stratum": a longlist\'s columns are separated by commas, semicolons or tabs');
	await expect(page.getByRole('heading', { level: 1, name: 'Case sample' })).toBeVisible();
});

test('the column step says which sheet of a workbook was read; an empty first sheet is passed over for the next, saying so', async ({ page }) => {
	const workspace = await createInspection(page, { service: 'Sheetshire YJS', version: '2025', type: 'Inspection of Youth Justice Services' });
	const rows = ROWS.slice(0, 40);
	/** the cases on the sheet named Cases, the others empty but for a lookup table */
	const book = async (sheets: string[]) => {
		const workbook = new ExcelJS.Workbook();
		for (const name of sheets) {
			const sheet = workbook.addWorksheet(name);
			if (name === 'Lookups') sheet.addRow(['Disposal type', 'Code']);
			if (name !== 'Cases') continue;
			sheet.addRow(['Ref no', 'Disposal type']);
			for (const r of rows) sheet.addRow([r.reference, r.stratum.cell]);
		}
		return Buffer.from(await workbook.xlsx.writeBuffer());
	};
	await uploadLonglist(page, workspace, 'two-sheets.xlsx', await book(['Cases', 'Lookups']));
	await expect(page.getByRole('heading', { level: 1, name: 'Which column is which' })).toBeVisible();
	await expect(page.getByTestId('read-from')).toHaveText("Read from sheet 'Cases' (the first of 2).");

	// the service's cover sheet first, left empty: the cases are on the next sheet
	await uploadLonglist(page, workspace, 'cover-sheet.xlsx', await book(['Instructions', 'Cases', 'Lookups']));
	await expect(page.getByRole('heading', { level: 1, name: 'Which column is which' })).toBeVisible();
	await expect(page.getByTestId('read-from')).toHaveText("Read from sheet 'Cases' (the second of 3): the sheet before it, 'Instructions', is empty.");
	await checkPage(page);
	await page.getByLabel('Case reference').selectOption({ label: 'Ref no' });
	await page.getByLabel('Stratum').selectOption({ label: 'Disposal type' });
	await page.getByRole('button', { name: 'Continue' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Review the longlist and draw' })).toBeVisible();
	await expect(page.getByText('40 cases on the longlist, 0 excluded')).toBeVisible();
	await expect(page.getByTestId('read-from')).toHaveText("Read from sheet 'Cases' (the second of 3): the sheet before it, 'Instructions', is empty.");
});

test('the service’s own stratum names are matched in any case or spacing; names the version does not have are one error on the stratum column, each with its rows, saying what is accepted', async ({ page }) => {
	const workspace = await createInspection(page, { service: 'Disposalshire YJS', version: '2025', type: 'Inspection of Youth Justice Services' });
	// the service's case management system: its own words for some disposals, and the version's in its own case and spacing
	const words = ['Referral Order', 'out of court  cases', 'Community Sentences', 'YRO', 'referral order', 'RESETTLEMENT CASES'];
	const lines = ['Ref no,Disposal', ...ROWS.slice(0, 40).map((r, i) => `${r.reference},${words[i % words.length]}`)];
	await uploadLonglist(page, workspace, 'disposals.csv', lines.join('\n'));
	await expect(page.getByRole('heading', { level: 1, name: 'Which column is which' })).toBeVisible();
	await page.getByLabel('Case reference').selectOption({ label: 'Ref no' });
	await page.getByLabel('Stratum').selectOption({ label: 'Disposal' });
	await page.getByRole('button', { name: 'Continue' }).click();
	const message =
		'the stratum column ("Disposal", column B (2)) has 2 values that are not one of this version\'s strata: "Referral Order" (13 rows: rows 2, 6, 8, …) and "YRO" (7 rows: rows 5, 11, 17, …). Accepted, in any case or spacing: Resettlement cases (resettlement), Community sentences (community-sentences), Out-of-court cases (out-of-court), Bail and remand (bail-remand), Victims (victims)';
	// one error, on the stratum column, not one per row on the case reference
	const summary = page.locator('.govuk-error-summary');
	await expect(summary.getByRole('link')).toHaveCount(1);
	await expect(summary.getByRole('link', { name: message })).toHaveAttribute('href', '#stratum');
	await expect(page.locator('#stratum-error')).toContainText(message);
	await expect(page.locator('#reference-error')).toHaveCount(0);
	await checkPage(page);

	// the same file with the service's words changed to the version's: in its own case and spacing, it is read
	const fixed = lines.map((l) => l.replace(/,(Referral Order|referral order)$/, ',community sentences').replace(/,YRO$/, ',Community-Sentences'));
	await uploadLonglist(page, workspace, 'disposals-fixed.csv', fixed.join('\n'));
	await page.getByLabel('Case reference').selectOption({ label: 'Ref no' });
	await page.getByLabel('Stratum').selectOption({ label: 'Disposal' });
	await page.getByRole('button', { name: 'Continue' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Review the longlist and draw' })).toBeVisible();
	await expect(page.getByText('40 cases on the longlist, 0 excluded')).toBeVisible();
	const strata = page.getByRole('table', { name: 'Cases per stratum' });
	await expect(strata.getByRole('row', { name: /^Out-of-court cases 7 / })).toBeVisible();
	await expect(strata.getByRole('row', { name: /^Resettlement cases 6 / })).toBeVisible();
	await expect(strata.getByRole('row', { name: /^Community sentences 27 / })).toBeVisible();
});

test('headings Yardstick recognises are chosen already on the column step when another is not, and the step says which is missing', async ({ page }) => {
	const workspace = await createInspection(page, { service: 'Halfmappedshire YJS', version: '2025', type: 'Inspection of Youth Justice Services' });
	const rows = ROWS.slice(0, 40);
	const lines = ['Case reference,Disposal type,Excluded,Reason', ...rows.map((r, i) => `${r.reference},${r.stratum.cell},${i === 5 ? 'yes,Hosted for another area' : ','}`)];
	await uploadLonglist(page, workspace, 'half.csv', lines.join('\n'));
	await expect(page.getByRole('heading', { level: 1, name: 'Which column is which' })).toBeVisible();
	await expect(page.getByText('The file has no heading Yardstick recognises for the stratum ("stratum", in any case): say which column holds it. The headings it did recognise ("Case reference", "Excluded", "Reason") are chosen already.')).toBeVisible();
	const chosen = (label: string) => page.getByLabel(label, { exact: true }).locator('option:checked');
	await expect(chosen('Case reference')).toHaveText('Case reference');
	await expect(chosen('Excluded')).toHaveText('Excluded');
	await expect(chosen('Reason for exclusion')).toHaveText('Reason');
	await expect(chosen('Stratum')).toHaveText('Select a heading');
	await checkPage(page);
	// only the missing one is left to choose
	await page.getByLabel('Stratum').selectOption({ label: 'Disposal type' });
	await page.getByRole('button', { name: 'Continue' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Review the longlist and draw' })).toBeVisible();
	await expect(page.getByText('40 cases on the longlist, 1 excluded')).toBeVisible();
	await expect(page.getByRole('table', { name: 'Excluded cases' })).toContainText('YJ0005Hosted for another area');
});
