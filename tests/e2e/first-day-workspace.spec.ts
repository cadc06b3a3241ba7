// Issue 11, as the people who tripped did it: the answer grid (2), adding cases (3), read-only
// roles (6), the panel (9) and the report (11). Reflow and width (7): every-page.spec.ts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { EVERYONE, signInAs } from '../support/accounts';
import { seriousViolations } from '../support/axe';
import { whenHydrated } from '../support/hydration';
import { createInspection, enterTallies, expectSaved, openTab } from '../support/workspace-e2e';
import type { Role } from '../../src/lib/server/accounts/roles';

const grid = (page: Page, name: RegExp = /Court disposals/) => page.getByRole('grid', { name });
const cell = (page: Page, row: number, column: number) => grid(page).getByRole('row').nth(row).getByRole('gridcell').nth(column);
const addForm = (page: Page) => page.getByRole('group', { name: 'Case facts' }).locator('xpath=ancestor::form');

async function as(browser: Browser, role: Role) {
	const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
	const page = await context.newPage();
	await signInAs(page, role);
	return page;
}

test('the grid skips a cell that takes no answer, and a key that does nothing says why', async ({ page }) => {
	await createInspection(page, { service: 'Skipford YOS', version: '2018' });
	const form = addForm(page);
	await form.getByLabel('Case reference').fill('S1\nS2');
	await form.getByRole('radio', { name: 'Court disposals', exact: true }).check();
	await form.getByRole('button', { name: 'Add case' }).click();
	await expect(grid(page, /Court disposals: 2 cases/)).toBeVisible();
	// 2.2.2 and 2.2.3 (columns 4 and 5) need safety factors: not relevant to S1 or S2
	await expect(cell(page, 1, 4)).toHaveText('–not relevant');

	await cell(page, 1, 0).click();
	await page.keyboard.type('yyny');
	// past the two shaded cells (2.2.2, 2.2.3) to 2.3.1, where the next answer lands
	await expect(cell(page, 1, 6)).toBeFocused();
	await page.keyboard.type('n');
	await expect(cell(page, 1, 6)).toHaveText('No');
	await expect(cell(page, 1, 6)).not.toBeFocused();

	// a key that is not an answer is not silently dropped
	await page.keyboard.press('q');
	await expect(page.getByRole('status').filter({ hasText: '"q" is not an answer: press y for yes, n for no or x for not applicable.' })).toHaveCount(1);
	// nor is an answer to a question the rules do not ask of the case: it says why, every time
	await cell(page, 2, 5).click();
	await page.keyboard.press('y');
	const why = page.getByRole('status').filter({ hasText: '2.2.3 is not relevant to case S2' });
	await expect(why).toHaveCount(1);
	await expect(cell(page, 2, 5)).toHaveText('–not relevant');
	const first = await why.textContent();
	await page.keyboard.press('y');
	// the same words again, changed for the live region so it reads them out again
	await expect.poll(() => why.textContent()).not.toBe(first);
	await expectSaved(page);
});

test('adding cases: the sample stays, the reference clears, errors in a summary, and a pasted list adds several', async ({ page }) => {
	await createInspection(page, { service: 'Addington YOS', version: '2018' });
	const form = addForm(page);
	const reference = form.getByLabel('Case reference');
	await form.getByRole('radio', { name: 'Out-of-court disposals' }).check();
	await reference.fill('O001');
	await reference.press('Enter');
	await expect(page.getByRole('button', { name: 'Open case O001' })).toBeVisible();
	// ready for the next: the reference empty and focused, the sample still chosen
	await expect(reference).toHaveValue('');
	await expect(reference).toBeFocused();
	await expect(form.getByRole('radio', { name: 'Out-of-court disposals' })).toBeChecked();
	await page.keyboard.type('O002');
	await page.keyboard.press('Enter');
	await expect(grid(page, /Out-of-court disposals: 2 cases/)).toBeVisible();

	// a list pasted from a spreadsheet: one per line, or comma-separated, all from the sample chosen
	await form.getByRole('radio', { name: 'Court disposals', exact: true }).check();
	await reference.fill('C003\nC004, C005\n\nC006');
	await form.getByRole('button', { name: 'Add case' }).click();
	await expect(grid(page, /Court disposals: 4 cases/)).toBeVisible();
	for (const id of ['C003', 'C004', 'C005', 'C006']) await expect(page.getByRole('button', { name: `Open case ${id}` })).toBeVisible();
	await expect(page.getByRole('button', { name: /C003C004/ })).toHaveCount(0);

	// duplicates are refused by name, nothing is added, and the list stays to be put right
	await reference.fill('C007\nC004\nO001\nC007');
	await form.getByRole('button', { name: 'Add case' }).click();
	const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
	await expect(summary).toContainText('There are already cases with the reference "C004", "O001": remove them from the list. The list names "C007" more than once');
	await expect(page.getByRole('button', { name: 'Open case C007' })).toHaveCount(0);
	await expect(reference).toHaveValue('C007\nC004\nO001\nC007');
	// the summary links to the field
	await summary.getByRole('link').click();
	await expect(reference).toBeFocused();
	expect(await seriousViolations(page)).toEqual([]);

	await reference.fill('C007');
	await reference.press('Enter');
	await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toHaveCount(0);
	await expectSaved(page);
	await page.reload();
	await expect(grid(page, /Court disposals: 5 cases/)).toBeVisible();
	await expect(grid(page, /Out-of-court disposals: 2 cases/)).toBeVisible();
});

test('without JavaScript a pasted list of references adds each case', async ({ browser, page }) => {
	const address = await createInspection(page, { service: 'Plainlist YOS', version: '2018' });
	const context = await browser.newContext({ javaScriptEnabled: false });
	const plain = await context.newPage();
	await plain.goto(address);
	const form = addForm(plain);
	await form.getByLabel('Case reference').fill('P1, P2\nP3');
	await form.getByRole('radio', { name: 'Court disposals', exact: true }).check();
	await form.getByRole('button', { name: 'Add case' }).click();
	for (const id of ['P1', 'P2', 'P3']) await expect(plain.getByRole('button', { name: `Open case ${id}` })).toBeVisible();
	await context.close();
});

for (const role of ['viewer', 'panel-member', 'inspector'] as const) {
	test(`a ${role === 'inspector' ? 'inspector off the team' : role} sees the cases read only, with no control that ignores keys`, async ({ page, browser }) => {
		test.slow(); // axe over the workspace
		const address = await createInspection(page, { service: `Readonly ${role} YOS`, version: '2018' });
		await addForm(page).getByLabel('Case reference').fill('R1\nR2\nR3');
		await addForm(page).getByRole('button', { name: 'Add case' }).click();
		await cell(page, 1, 0).click();
		await page.keyboard.type('yn');
		await expectSaved(page);

		const reader = await as(browser, role);
		await reader.goto(address);
		// "Open case" below is the page's own script: a click before it has taken over does nothing
		await whenHydrated(reader);
		await expect(reader.getByText('Add a case')).toHaveCount(0);
		await expect(reader.getByRole('grid')).toHaveCount(0);
		// the answers, as a table in a region that scrolls and takes focus, its cells out of the tab order
		const region = reader.getByRole('region', { name: 'Court disposals: 3 cases, key questions' });
		await expect(region).toHaveAttribute('tabindex', '0');
		const table = region.getByRole('table');
		await expect(table.getByRole('row').nth(1).getByRole('cell').nth(0)).toHaveText('Yes');
		await expect(table.getByRole('row').nth(1).getByRole('cell').nth(1)).toHaveText('No');
		await expect(table.locator('td[tabindex]')).toHaveCount(0);
		// a case opens to be read, not changed
		await reader.getByRole('button', { name: 'Open case R1' }).click();
		const sheet = reader.getByRole('region', { name: 'Case R1', exact: true });
		await expect(sheet.getByRole('textbox')).toHaveCount(0);
		await expect(sheet.getByRole('button', { name: 'Remove case' })).toHaveCount(0);
		await expect(sheet).toContainText('Court disposals');
		// the viewer's workspace failed axe's scrollable-region-focusable: not any more
		expect(await seriousViolations(reader)).toEqual([]);
		if (role !== 'panel-member') {
			await openTab(reader, 'Panel');
			await expect(reader.getByText("recording them takes the panel member role")).toBeVisible();
		}
		await reader.context().close();
	});
}

test('the panel is offered only the ratings the rules allow, and a decision shows who made it and when', async ({ page, browser, baseURL }) => {
	const address = await createInspection(page, { service: 'Panelton YJS', version: '2025', type: 'Inspection of Youth Justice Work with Children and Victims' });
	await enterTallies(page, { 'V1.1': [20, 11] });
	await openTab(page, 'Qualitative standards');
	await page.getByRole('group', { name: /^Key question V1\.2/ }).getByRole('radio', { name: 'Yes' }).check();
	await expectSaved(page);

	const panel = await as(browser, 'panel-member');
	await panel.goto(`${address}#panel`);
	// the Panel tab's section for V1, named apart from the other tabs' regions for V1
	const v1 = panel.getByRole('region', { name: 'V1 Work with victims: panel decision', exact: true });
	await expect(v1).toContainText(/The rules allow\s*Good or Requires improvement/);
	const choices = v1.getByRole('group', { name: 'Final rating for V1' }).getByRole('radio');
	await expect(choices).toHaveCount(2);
	await expect(choices.nth(0)).toHaveAccessibleName('Good');
	await expect(choices.nth(1)).toHaveAccessibleName('Requires improvement');

	await v1.getByRole('radio', { name: 'Good', exact: true }).check();
	await v1.getByLabel('Reason for the decision on V1').fill('Contact with victims was timely once the backlog cleared.');
	const before = Date.now();
	await v1.getByRole('button', { name: 'Record the decision on V1' }).click();
	const today = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Europe/London' }).format(before);
	const recorded = new RegExp(`Recorded by e2e-panel-member on ${today} at \\d{1,2}:\\d{2}(am|pm)`);
	await expect(v1).toContainText(recorded);
	await expectSaved(panel);
	await panel.reload();
	await whenHydrated(panel);
	await expect(panel.getByRole('region', { name: /^V1 Work with victims/ })).toContainText(recorded);

	// who and when come from the session, never the request: a decision posted with its own "by" is stamped with the sender
	const revision = Number(await panel.getByRole('region', { name: /^V1 Work with victims/ }).locator('input[name="revision"]').getAttribute('value'));
	const forged = await page.request.post(`${address}/edits`, {
		data: { baseRevision: revision, edits: [{ type: 'decide', standard: 'V1', decision: { rating: 'requires-improvement', reason: 'Late contact.', by: 'mallory', at: '2020-01-01T00:00:00.000Z' }, by: 'mallory' }] },
		headers: { origin: baseURL! }
	});
	expect(forged.status(), await forged.text()).toBe(200);
	expect((await forged.json()).decided.V1.by).toBe(EVERYONE);
	await panel.reload();
	await whenHydrated(panel);
	await expect(panel.getByRole('region', { name: /^V1 Work with victims/ })).toContainText(new RegExp(`Recorded by ${EVERYONE} on ${today}`));
	await expect(panel.getByText('mallory')).toHaveCount(0);
	await panel.context().close();
});

test('the report: a row for a standard not inspected, in the rules’ words; provisional until complete; mixed counts said', async ({ page }) => {
	const address = await createInspection(page, { service: 'Reportham YOS', version: '2021' });
	// 2.1.1 from a tally of 10 and two cases answered one by one; 2.1.2 from the two cases only
	await enterTallies(page, { '2.1.1': [10, 8] });
	await openTab(page, 'Cases');
	await addForm(page).getByLabel('Case reference').fill('M1, M2');
	await addForm(page).getByRole('radio', { name: 'Court disposals', exact: true }).check();
	await addForm(page).getByRole('button', { name: 'Add case' }).click();
	await cell(page, 1, 0).click();
	await page.keyboard.type('yy');
	await cell(page, 2, 0).click();
	await page.keyboard.type('yn');
	await expectSaved(page);

	await page.getByRole('button', { name: 'Report' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Reportham YOS: provisional inspection report');
	await expect(page.getByText('Provisional: this inspection is still in progress, so its ratings may change.')).toBeVisible();

	// 4.1 is not rated (no resettlement cases): its row says so, with the note from the rules data
	const domain = JSON.parse(readFileSync(path.join(process.env.E2E_RULES_DIR!, 'hmip-youth', '2021', 'domains', '4.json'), 'utf8'));
	const standard = domain.standards[0];
	const ratings = page.getByRole('table', { name: 'Ratings for Reportham YOS' });
	const row = ratings.getByRole('row', { name: new RegExp(`^${standard.id.replace('.', '\\.')} `) });
	await expect(row.getByRole('cell')).toHaveText(`Not inspected: ${standard.ratedWhen?.note ?? domain.ratedWhen.note}`);

	// counts from tallies and from cases one by one, said so where they differ
	await expect(page.getByText('Some counts are tallies entered as totals and some are cases answered one by one')).toBeVisible();
	await expect(page.locator('p').filter({ hasText: 'The key questions of 2.1 count' })).toHaveText(
		'The key questions of 2.1 count different numbers of cases: 2.1.1: 12 cases (10 tallied, 2 answered one by one); 2.1.2: 2 cases (2 answered one by one); 2.1.3: 0 cases.'
	);

	// complete: no longer provisional
	await page.goto(address);
	await page.getByRole('button', { name: 'Mark as complete' }).click();
	await expectSaved(page);
	await page.goto(`${address}/report`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Reportham YOS: inspection report');
	await expect(page.getByText(/^Provisional/)).toHaveCount(0);
});

test('the tabs: one panel at a time at 320 px, brought into view; the address opens the tab again, without JavaScript too', async ({ page, browser }) => {
	const address = await createInspection(page, { service: 'Tabshire YJS', version: '2021' });
	await page.setViewportSize({ width: 320, height: 640 });
	await page.getByRole('tab', { name: 'Ratings' }).click();
	const ratings = page.getByRole('tabpanel', { name: 'Ratings' });
	await expect(ratings).toBeVisible();
	await expect(ratings).toBeInViewport();
	await expect(page.locator('#cases')).toBeHidden();
	await expect(page).toHaveURL(/\?tab=ratings#ratings$/);

	// the hash changed on the loaded page chooses the tab
	await page.evaluate(() => (location.hash = 'tallies'));
	await expect(page.getByRole('tab', { name: 'Tallies' })).toHaveAttribute('aria-selected', 'true');
	await expect(page.getByRole('tabpanel', { name: 'Tallies' })).toBeVisible();
	await expect(ratings).toBeHidden();

	// the address as it is now, opened without JavaScript: that tab
	const copied = page.url();
	expect(copied).toContain('?tab=tallies');
	const context = await browser.newContext({ javaScriptEnabled: false });
	const plain = await context.newPage();
	await plain.goto(copied);
	await expect(plain.locator('.govuk-tabs__panel')).toHaveCount(1);
	await expect(plain.locator('.govuk-tabs__panel#tallies')).toBeVisible();
	await expect(plain.getByRole('link', { name: 'Tallies', exact: true })).toHaveAttribute('aria-current', 'page');
	await context.close();
	expect(new URL(copied).pathname).toBe(address);
});
