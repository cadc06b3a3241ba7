import { expect, test } from '@playwright/test';
import { createInspection, enterTallies, expectAccessible, expectRatings, expectSaved, openTab, strip } from '../support/workspace-e2e';

// 2025, IYJWCV (domain one not rated). By hand:
//   2.1  23/25 92%, 23/25 92%  -> outstanding (3)
//   2.2  23/25 92%, 23/25 92%  -> outstanding (3)
//   2.3  18/25 72%, 23/25 92%  -> good (2)
//   V1   V1.1 17/20 85%, outstanding; V1.2 answered no: the victims' matrix allows good or
//        outstanding, so the panel must choose.
// Composite 8 + 2..3 = 10..11 of 12: 10 is good (7-10), 11 outstanding (11-12), so the overall
// rating waits on the panel. The panel decides good: 10 of 12, good.
test("a 2025 inspection whose victims' standard needs the panel: the decision is recorded and the composite settles", async ({ page }) => {
	test.slow(); // an axe run over the whole workspace
	await createInspection(page, { service: 'Southshire Youth Justice Service', version: '2025', type: 'Inspection of Youth Justice Work with Children and Victims' });
	await expect(page.getByText('Inspection of Youth Justice Work with Children and Victims', { exact: true })).toBeVisible();
	await enterTallies(page, {
		'2.1.1': [25, 23], '2.1.2': [25, 23],
		'2.2.1': [25, 23], '2.2.2': [25, 23],
		'2.3.1': [25, 18], '2.3.2': [25, 23],
		'V1.1': [20, 17]
	});
	await openTab(page, 'Qualitative standards');
	await page.getByRole('group', { name: /^Key question V1\.2/ }).getByRole('radio', { name: 'No' }).check();
	await expect(page.getByRole('tabpanel', { name: 'Qualitative standards' }).getByText('V1.1 rated Outstanding and V1.2 answered No: Outstanding or Good.')).toBeVisible();
	await expect(page.getByRole('region', { name: /^1\.1 Governance/ })).toContainText('Not rated');

	await expectRatings(page, { '2.1': 'Outstanding', '2.2': 'Outstanding', '2.3': 'Good', V1: 'Pending' });
	await expect(strip(page)).toContainText('Overall: Pending score 10–11 of 12');
	await openTab(page, 'Ratings');
	await expect(page.getByRole('region', { name: /Overall rating/ })).toContainText('between 10 and 11 of 12, until the panel decides');

	await openTab(page, 'Panel');
	const v1 = page.getByRole('region', { name: /^V1 Work with victims/ });
	await expect(v1).toContainText(/The rules allow\s*Outstanding or Good/);
	await expect(page.getByRole('tabpanel', { name: 'Panel' }).getByRole('region')).toHaveCount(1);
	await expectAccessible(page);

	// both fields are required
	await v1.getByRole('button', { name: 'Record the decision on V1' }).click();
	await expect(v1.getByText("Error: Select the panel's final rating")).toBeVisible();
	// a rating outside the matrix pair is not offered (the server refuses it too: access.spec.ts)
	await expect(v1.getByRole('group', { name: 'Final rating for V1' }).getByRole('radio')).toHaveCount(2);
	await expect(v1.getByRole('radio', { name: 'Inadequate' })).toHaveCount(0);
	await expectRatings(page, { V1: 'Pending' });

	await v1.getByRole('radio', { name: 'Good', exact: true }).check();
	await v1.getByLabel('Reason for the decision on V1').fill('Strong case work, but arrangements for victims are not yet embedded.');
	await v1.getByRole('button', { name: 'Record the decision on V1' }).click();
	await expect(v1).toContainText(/Panel decision\s*Good: Strong case work, but arrangements for victims are not yet embedded\./);
	await expectRatings(page, { V1: 'Good' });
	await expect(strip(page)).toContainText('Overall: Good score 10 of 12');
	await expectSaved(page);

	await page.reload();
	await expectRatings(page, { '2.1': 'Outstanding', '2.2': 'Outstanding', '2.3': 'Good', V1: 'Good' });
	await expect(strip(page)).toContainText('Overall: Good score 10 of 12');

	// the decision and its reason are in the inspection's audit trail
	await page.getByRole('link', { name: 'Audit trail' }).click();
	const decision = page.getByRole('row').filter({ hasText: 'panel decision on V1: good' });
	await expect(decision).toContainText('Reason: Strong case work, but arrangements for victims are not yet embedded.');
	await expect(decision).toContainText('e2e-everyone');
});

test('without JavaScript the server refuses a panel decision outside the allowed ratings, with the rule’s text', async ({ browser }) => {
	const setup = await browser.newPage();
	await createInspection(setup, { service: 'Plain Forms YJS', version: '2025', type: 'Inspection of Youth Justice Work with Children and Victims' });
	await enterTallies(setup, { 'V1.1': [20, 11] });
	await openTab(setup, 'Qualitative standards');
	await setup.getByRole('group', { name: /^Key question V1\.2/ }).getByRole('radio', { name: 'Yes' }).check();
	await expectSaved(setup);
	const { origin, pathname } = new URL(setup.url());
	const address = origin + pathname;
	await setup.close();

	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto(address);
	// without JavaScript each tab is a page of its own, reached by its link
	await page.getByRole('link', { name: 'Panel', exact: true }).click();
	await expect(page).toHaveURL(/\?tab=panel#panel$/);
	await expect(page.getByRole('link', { name: 'Panel', exact: true })).toHaveAttribute('aria-current', 'page');
	const v1 = page.getByRole('region', { name: /^V1 Work with victims/ });
	// the form offers only what the rules allow; a post of another rating is refused all the same
	await expect(v1.getByRole('radio', { name: 'Outstanding' })).toHaveCount(0);
	const revision = await v1.locator('input[name="revision"]').getAttribute('value');
	const refused = await page.request.post(`${address}?/decide`, {
		form: { revision: revision!, standard: 'V1', rating: 'outstanding', reason: 'We liked it.' },
		headers: { origin: new URL(address).origin, accept: 'text/html' }
	});
	expect(refused.status()).toBe(400);
	// in words, naming the standard as the version does, and linked to the field: not a JSON pointer
	const page0 = await refused.text();
	expect(page0).toContain(
		'<a href="#decide-V1-rating">The panel\'s final rating for standard V1 Work with victims: the rules do not allow this decision: V1.1 rated Requires improvement and V1.2 answered Yes: Requires improvement or Good.</a>'
	);
	expect(page0).not.toContain('/evidence/');
	// a rating the version does not have is refused as that, not as no rating chosen
	const forged = await page.request.post(`${address}?/decide`, {
		form: { revision: revision!, standard: 'V1', rating: 'superb', reason: 'We liked it.' },
		headers: { origin: new URL(address).origin, accept: 'text/html' }
	});
	expect(forged.status()).toBe(400);
	const forgedPage = await forged.text();
	expect(forgedPage).toContain('The panel\'s final rating for standard V1 Work with victims: "superb" is not one of the ratings of hmip-youth@2025 (Outstanding, Good, Requires improvement, Inadequate)');
	expect(forgedPage).not.toContain("Select the panel's final rating");
	await page.getByRole('region', { name: /^V1 Work with victims/ }).getByRole('radio', { name: 'Requires improvement' }).check();
	await page.getByRole('region', { name: /^V1 Work with victims/ }).getByLabel('Reason for the decision on V1').fill('Too few victims were contacted in time.');
	await page.getByRole('region', { name: /^V1 Work with victims/ }).getByRole('button', { name: 'Record the decision on V1' }).click();
	await expect(page.getByRole('region', { name: 'Ratings now' }).getByRole('listitem').filter({ hasText: /^\s*V1\s/ })).toContainText('Requires improvement');
	await context.close();
});
