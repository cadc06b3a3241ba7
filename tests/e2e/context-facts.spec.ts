import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { signInAs } from '../support/accounts';
import { whenHydrated } from '../support/hydration';
import { enterTallies, expectAccessible, expectRatings, expectSaved, propose, strip } from '../support/workspace-e2e';

// As tests/golden/2021/resettlement-limiter-caps-outstanding.json: every domain two and three
// key question 23 of 25 (92%, outstanding), 3.4 judged outstanding, 1.1 and 1.3 outstanding, 1.2
// and 1.4 good: 10 x 3 + 2 x 2 = 34 of 36, in the outstanding band. With resettlement cases
// recorded, 4.1 is rated; judged inadequate, the resettlement limiter caps the overall at good.
const TALLIES = Object.fromEntries(['2.1.1', '2.2.1', '2.3.1', '2.4.1', '3.1.1', '3.2.1', '3.3.1'].map((id) => [id, [25, 23] as [number, number]]));
const RESETTLEMENT = 'Resettlement cases in the 12 months before fieldwork';
const DIVERSITY = "The panel considers the service's practice on diversity insufficient";
const SERVICE = 'Westshire Youth Justice Service';

const DECLARED: { id: string; whenUnknown?: string }[] = JSON.parse(readFileSync('rules/hmip-youth/2021/framework.json', 'utf8')).contextFacts;

const diversity = (page: Page | Locator) => page.getByRole('group', { name: DIVERSITY });

test('context facts: recorded on the new form and in the workspace, 4.1 rated, the limiter caps the overall, the report says why', async ({ page }) => {
	await page.goto('/inspections/new');
	await whenHydrated(page);
	await page.getByLabel('Service inspected').fill(SERVICE);
	await page.getByRole('radio', { name: /\(2021/ }).check();
	// the fields are the version's declarations: its labels, its sources, not recorded at first
	await expect(page.getByLabel(RESETTLEMENT)).toHaveValue('');
	await expect(page.getByLabel(RESETTLEMENT)).toHaveAccessibleDescription(/Not recorded$/);
	await expect(page.getByText('Source: domain-one-rules-and-guidance-v3.4-2024.txt, Introduction: the stand-alone resettlement standard')).toBeVisible();
	await expect(diversity(page).getByRole('radio', { name: 'Not recorded' })).toBeChecked();
	// what an unknown value means, where the version says so
	for (const fact of DECLARED) if (fact.whenUnknown) await expect(page.getByText(`If not recorded: ${fact.whenUnknown.replace(/\.$/, '')}.`)).toBeVisible();
	await expectAccessible(page);

	// a count that is not a number is refused at the field, in the error summary
	await page.getByLabel(RESETTLEMENT).fill('three');
	await page.getByRole('button', { name: 'Create inspection' }).click();
	const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
	await expect(summary.getByRole('link', { name: `${RESETTLEMENT} must be a number, 0 or more` })).toBeVisible();
	await expect(page.getByLabel(RESETTLEMENT)).toHaveValue('three');
	await expectAccessible(page);
	await summary.getByRole('link').click();
	await expect(page.getByLabel(RESETTLEMENT)).toBeFocused();

	await page.getByLabel(RESETTLEMENT).fill('3');
	await page.getByRole('button', { name: 'Create inspection' }).click();
	await expect(page.getByRole('heading', { level: 1, name: SERVICE })).toBeVisible();
	await whenHydrated(page);
	const workspace = new URL(page.url()).pathname;

	// the workspace's Context section holds what the form recorded; the diversity finding is made here
	const context = page.getByRole('region', { name: 'Context' });
	await expect(context.getByLabel(RESETTLEMENT)).toHaveValue('3');
	await expect(context.getByLabel(RESETTLEMENT)).not.toHaveAccessibleDescription(/Not recorded/);
	await expect(diversity(context).getByRole('radio', { name: 'Not recorded' })).toBeChecked();
	await diversity(context).getByRole('radio', { name: 'No', exact: true }).check();
	await expectSaved(page);

	await enterTallies(page, TALLIES);
	await propose(page, { '1.1': 'Outstanding', '1.2': 'Good', '1.3': 'Outstanding', '1.4': 'Good', '3.4': 'Outstanding', '4.1': 'Inadequate' });
	await expectSaved(page);
	await expectRatings(page, { '4.1': 'Inadequate', '1.1': 'Outstanding', '2.1': 'Outstanding' });
	await expect(strip(page)).toContainText('Overall: Good score 34 of 36');
	await expectAccessible(page);

	// saved: the server rates the same after a reload, and keeps the context
	await page.reload();
	await whenHydrated(page);
	await expect(context.getByLabel(RESETTLEMENT)).toHaveValue('3');
	await expect(diversity(context).getByRole('radio', { name: 'No', exact: true })).toBeChecked();
	await expectRatings(page, { '4.1': 'Inadequate' });
	await expect(strip(page)).toContainText('Overall: Good score 34 of 36');

	await page.goto(`${workspace}/report`);
	const ratings = page.getByRole('table', { name: `Ratings for ${SERVICE}` });
	await expect(ratings.getByRole('row', { name: /Overall rating \(score 34 of 36\)/ })).toContainText('Good');
	await expect(ratings.getByRole('row', { name: /^4\.1 / })).toContainText('Inadequate');
	await expect(page.getByText('The overall rating is limited to good: Any YJS that is rated as inadequate on the resettlement standard (4.1) is unable to achieve an outstanding overall rating.')).toBeVisible();
	const facts = page.getByRole('term').filter({ hasText: RESETTLEMENT });
	await expect(facts).toHaveCount(1);
	await expect(page.locator('.govuk-summary-list__row', { has: facts })).toContainText('3');
	await expect(page.locator('.govuk-summary-list__row', { has: page.getByRole('term').filter({ hasText: DIVERSITY }) })).toContainText('No');
	await expectAccessible(page);

	// the data workbook carries the context, the ratings with their reasons and the judgements
	await page.goto(workspace);
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export the data workbook (CSV)' }).click()]);
	const csv = readFileSync(await download.path(), 'utf8');
	expect(csv).toContain(`\r\n${RESETTLEMENT},3,3\r\n`);
	expect(csv).toContain(`\r\n${DIVERSITY},No,false\r\n`);
	expect(csv).toMatch(/\r\nOverall,Overall provider rating \(score 34 of 36\),Good,good,[^\r\n]*limited by resettlement-inadequate/);
	expect(csv).toContain('\r\n4.1,Inadequate,inadequate,,,\r\n');

	// the audit trail says what was set
	await page.goto(`/audit?kind=inspection&id=${workspace.split('/').at(-1)}`);
	await expect(page.getByText('context fact diversityPracticeInsufficient set to No')).toBeVisible();

	// cleared: not recorded, after a reload too
	await page.goto(workspace);
	await whenHydrated(page);
	await context.getByLabel(RESETTLEMENT).fill('');
	await context.getByLabel(RESETTLEMENT).press('Tab');
	await expectSaved(page);
	await page.reload();
	await whenHydrated(page);
	await expect(context.getByLabel(RESETTLEMENT)).toHaveValue('');
	await expect(context.getByLabel(RESETTLEMENT)).toHaveAccessibleDescription(/Not recorded$/);
	await page.goto(`${workspace}/report`);
	await expect(page.locator('.govuk-summary-list__row', { has: page.getByRole('term').filter({ hasText: RESETTLEMENT }) })).toContainText('Not recorded');
	await page.goto(`/audit?kind=inspection&id=${workspace.split('/').at(-1)}`);
	await expect(page.getByText('context fact resettlementCases cleared')).toBeVisible();
});

test('context facts: a value that does not fit is refused at the field; a viewer sees the values, not controls', async ({ page }) => {
	await page.goto('/inspections/new');
	await whenHydrated(page);
	await page.getByLabel('Service inspected').fill('Northshire YJS (context)');
	await page.getByRole('radio', { name: /\(2021/ }).check();
	await page.getByLabel(RESETTLEMENT).fill('2');
	await diversity(page).getByRole('radio', { name: 'Yes', exact: true }).check();
	await page.getByRole('button', { name: 'Create inspection' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Northshire YJS (context)' })).toBeVisible();
	await whenHydrated(page);
	const workspace = new URL(page.url()).pathname;
	const context = page.getByRole('region', { name: 'Context' });
	await expect(diversity(context).getByRole('radio', { name: 'Yes', exact: true })).toBeChecked();

	await context.getByLabel(RESETTLEMENT).fill('-1');
	await context.getByLabel(RESETTLEMENT).press('Tab');
	await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toContainText(`${RESETTLEMENT} must be a number, 0 or more`);
	await expect(context.getByText(`Error: ${RESETTLEMENT} must be a number, 0 or more`)).toBeVisible();
	await expectAccessible(page);
	await context.getByLabel(RESETTLEMENT).fill('4');
	await context.getByLabel(RESETTLEMENT).press('Tab');
	await expect(page.getByRole('alert').filter({ hasText: 'There is a problem' })).toHaveCount(0);
	await expectSaved(page);

	await signInAs(page, 'viewer');
	await page.goto(workspace);
	await whenHydrated(page);
	await expect(context.getByRole('textbox')).toHaveCount(0);
	await expect(context.getByRole('radio')).toHaveCount(0);
	await expect(context.locator('.govuk-summary-list__row', { hasText: RESETTLEMENT })).toContainText('4');
	await expect(context.locator('.govuk-summary-list__row', { hasText: DIVERSITY })).toContainText('Yes');
	await expectAccessible(page);
});

test('the new-inspection form with context facts fits 320 px', async ({ page }) => {
	await page.setViewportSize({ width: 320, height: 900 });
	await page.goto('/inspections/new');
	await whenHydrated(page);
	await page.getByRole('radio', { name: /\(2021/ }).check();
	await expect(page.getByLabel(RESETTLEMENT)).toBeVisible();
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });
	test('the new form and the workspace\'s Context form record and clear context facts', async ({ page }) => {
		await page.goto('/inspections/new');
		await page.getByLabel('Service inspected').fill('Southshire YJS (no script)');
		await page.getByRole('radio', { name: /\(2021/ }).check();
		await page.getByLabel(RESETTLEMENT).fill('1');
		await page.getByRole('button', { name: 'Create inspection' }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Southshire YJS (no script)' })).toBeVisible();
		const context = page.getByRole('region', { name: 'Context' });
		await expect(context.getByLabel(RESETTLEMENT)).toHaveValue('1');

		await context.getByLabel(RESETTLEMENT).fill('5');
		await diversity(context).getByRole('radio', { name: 'Yes', exact: true }).check();
		await context.getByRole('button', { name: 'Save the context' }).click();
		await expect(context.getByLabel(RESETTLEMENT)).toHaveValue('5');
		await expect(diversity(context).getByRole('radio', { name: 'Yes', exact: true })).toBeChecked();

		await context.getByLabel(RESETTLEMENT).fill('');
		await context.getByRole('button', { name: 'Save the context' }).click();
		await expect(context.getByLabel(RESETTLEMENT)).toHaveValue('');
		await expect(diversity(context).getByRole('radio', { name: 'Yes', exact: true })).toBeChecked();

		await context.getByLabel(RESETTLEMENT).fill('lots');
		await context.getByRole('button', { name: 'Save the context' }).click();
		await expect(page.getByRole('alert')).toContainText(`${RESETTLEMENT} must be a number, 0 or more`);
		// the form comes back as typed, the error at its field and linked to it from the summary
		await expect(context.getByLabel(RESETTLEMENT)).toHaveValue('lots');
		await expect(context.locator('.govuk-error-message')).toContainText(`${RESETTLEMENT} must be a number, 0 or more`);
		const fieldId = await context.getByLabel(RESETTLEMENT).getAttribute('id');
		await expect(page.getByRole('alert').getByRole('link', { name: `${RESETTLEMENT} must be a number, 0 or more` })).toHaveAttribute('href', `#${fieldId}`);
		await expect(page.getByRole('alert')).toHaveCount(1);
	});
});
