import { expect, test, type Page } from '@playwright/test';
import { createInspection, expectAccessible, expectRatings, expectSaved } from '../support/workspace-e2e';

async function addCase(page: Page, reference: string, facts: string[] = []) {
	const form = page.getByRole('group', { name: 'Case facts' }).locator('xpath=ancestor::form');
	await form.getByLabel('Case reference').fill(reference);
	await form.getByRole('radio', { name: 'Court disposals', exact: true }).check();
	for (const fact of facts) await form.getByRole('checkbox', { name: fact }).check();
	await form.getByLabel('Case reference').press('Enter');
	await expect(page.getByRole('button', { name: `Open case ${reference}` })).toBeVisible();
}

const cell = (page: Page, row: number, column: number) => page.getByRole('grid', { name: /Court disposals/ }).getByRole('row').nth(row).getByRole('gridcell').nth(column);

test('answering cases one by one with the keyboard', async ({ page }) => {
	test.slow(); // an axe run over the whole workspace
	await createInspection(page, { service: 'Westshire YOS', version: '2018' });
	await addCase(page, 'C1', ['There are factors related to keeping the child safe']);
	await addCase(page, 'C2');

	const grid = page.getByRole('grid', { name: 'Court disposals: 2 cases, key questions' });
	await expect(grid).toBeVisible();
	// 2.2.2 applies only where there are child-safety factors: relevant to C1, not to C2
	await expect(cell(page, 2, 4)).toHaveText('–not relevant');

	// the grid is one tab stop, after the add-case form: its first cell
	await page.getByRole('button', { name: 'Add case' }).focus();
	await page.keyboard.press('Tab');
	await expect(cell(page, 1, 0)).toBeFocused();

	// C1: 2.1.1 yes, 2.1.2 yes, 2.1.3 no, 2.2.1 yes, 2.2.2 yes; each answer moves on, past
	// 2.2.3 (not relevant to C1) to 2.3.1
	await page.keyboard.type('yynyy');
	await expect(cell(page, 1, 0)).toHaveText('Yes');
	await expect(cell(page, 1, 2)).toHaveText('No');
	await expect(cell(page, 1, 4)).toHaveText('Yes');
	await expect(cell(page, 1, 6)).toBeFocused();
	// 2.2.3 needs factors about other people's safety: yes is refused, not applicable is taken
	await page.keyboard.press('ArrowLeft');
	await expect(cell(page, 1, 5)).toBeFocused();
	await page.keyboard.press('y');
	await expect(page.getByRole('status').filter({ hasText: '2.2.3 is not relevant to case C1' })).toHaveCount(1);
	await expect(cell(page, 1, 5)).toBeFocused();
	await page.keyboard.press('x');
	await expect(cell(page, 1, 5)).toHaveText('N/A');

	// down to C2, back to its first question, answer 2.1.1 no and 2.1.2 yes
	await page.keyboard.press('ArrowDown');
	await page.keyboard.press('Home');
	await expect(cell(page, 2, 0)).toBeFocused();
	await page.keyboard.type('ny');
	// up to C1 2.1.2 and change its answer; Delete clears 2.1.3
	await page.keyboard.press('ArrowUp');
	await page.keyboard.press('ArrowLeft');
	await expect(cell(page, 1, 1)).toBeFocused();
	await page.keyboard.press('n');
	await page.keyboard.press('Delete');
	await expect(cell(page, 1, 2)).toHaveText('');

	// the count row under each key question, as the engine counts it
	const counts = grid.getByRole('row').last();
	// with each share's margin at 80% confidence: 1.2816 × √(0.25 / 2) = 45 points
	const half = '1 of 250% ± 45 points at 80% confidenceRequires improvementa band edge lies inside the margin';
	await expect(counts.getByRole('gridcell').nth(0)).toHaveText(half);
	await expect(counts.getByRole('gridcell').nth(1)).toHaveText(half);
	await expect(counts.getByRole('gridcell').nth(4)).toHaveText('1 of 1100% ± 0 points at 80% confidenceOutstanding');
	// 2.1: 2.1.1 50%, 2.1.2 50%, 2.1.3 has no answers: requires improvement (2 cases: flagged);
	// 2.2: 2.2.1 1 of 1, 2.2.2 1 of 1: outstanding
	await expectRatings(page, { '2.1': 'Requires improvement \\(flagged\\)', '2.2': 'Outstanding \\(flagged\\)' });
	await expectSaved(page);

	// Enter opens the case: its prompts, in a grid of their own
	await cell(page, 1, 0).focus();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: 'Case C1' })).toBeFocused();
	const sheet = page.getByRole('grid', { name: 'Key questions and prompts for case C1' });
	const firstPrompt = sheet.getByRole('row', { name: /^2\.1\.1\.a / }).getByRole('gridcell');
	await firstPrompt.focus();
	await page.keyboard.type('yn');
	await expect(firstPrompt).toHaveText('Yes');
	await expect(sheet.getByRole('row', { name: /^2\.1\.1\.b / }).getByRole('gridcell')).toHaveText('No');
	await expectAccessible(page);
	await expectSaved(page);

	// all of it is on the server
	await page.reload();
	await expect(cell(page, 1, 0)).toHaveText('Yes');
	await expect(cell(page, 1, 1)).toHaveText('No');
	await expect(cell(page, 2, 1)).toHaveText('Yes');
});

test('a case can be changed (its facts decide what applies) and removed after confirming', async ({ page }) => {
	await createInspection(page, { service: 'Casefield YOS', version: '2018' });
	await addCase(page, 'K1');
	await addCase(page, 'K2');
	await expect(cell(page, 1, 4)).toHaveText('–not relevant');

	await page.getByRole('button', { name: 'Open case K1' }).click();
	const sheet = page.getByRole('region', { name: 'Case K1' });
	await sheet.getByLabel('Case reference').fill('K1-A');
	await sheet.getByRole('checkbox', { name: 'There are factors related to keeping the child safe' }).check();
	await sheet.getByRole('button', { name: 'Save case' }).click();
	await expect(page.getByRole('heading', { name: 'Case K1-A' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Open case K1-A' })).toBeVisible();
	// 2.2.2 now applies to K1-A
	await expect(cell(page, 1, 4)).toHaveText('');

	await page.getByRole('region', { name: 'Case K1-A' }).getByRole('button', { name: 'Remove case' }).click();
	await page.getByRole('button', { name: 'Yes, remove case K1-A' }).click();
	await expect(page.getByRole('button', { name: 'Open case K1-A' })).toHaveCount(0);
	await expect(page.getByRole('grid', { name: 'Court disposals: 1 case, key questions' })).toBeVisible();
	await expectSaved(page);
	await page.reload();
	await expect(page.getByRole('grid', { name: 'Court disposals: 1 case, key questions' })).toBeVisible();
});
