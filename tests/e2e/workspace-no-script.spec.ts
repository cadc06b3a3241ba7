// The workspace without JavaScript, as someone whose browser runs none uses it: each form posts
// and comes back; a refused form comes back as it was typed, its errors linked to their fields.
import { expect, test, type Browser, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { createInspection } from '../support/workspace-e2e';

/** The workspace at `address`, in a browser that runs no JavaScript (signed in as the test's inspector). */
async function withoutScript(browser: Browser, address: string): Promise<Page> {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const plain = await context.newPage();
	await plain.goto(address);
	return plain;
}

const summaryOf = (page: Page) => page.getByRole('alert').filter({ hasText: 'There is a problem' });

test('without JavaScript a refused case comes back as typed, the disclosure open, its error linked to the field', async ({ browser, page }) => {
	const address = await createInspection(page, { service: 'Keepform YOS', version: '2018' });
	const plain = await withoutScript(browser, address);
	const add = plain.locator('details').filter({ hasText: 'Add a case' });
	await add.getByLabel('Case reference').fill('K1');
	await add.getByRole('radio', { name: 'Court disposals', exact: true }).check();
	await add.getByRole('button', { name: 'Add case' }).click();
	await expect(plain.getByRole('button', { name: 'Open case K1' })).toBeVisible();
	// with a case, "Add a case" starts closed
	await expect(add).not.toHaveAttribute('open');

	await add.locator('summary').click();
	await add.getByLabel('Case reference').fill('K1');
	await add.getByRole('radio', { name: 'Out-of-court disposals', exact: true }).check();
	await add.getByLabel('The disposal is a youth conditional caution').check();
	await add.getByRole('button', { name: 'Add case' }).click();

	const summary = summaryOf(plain);
	await expect(summary).toBeVisible();
	const link = summary.getByRole('link', { name: 'A case with reference "K1" already exists' });
	await expect(link).toHaveAttribute('href', '#new-case-reference');
	// the form as it was sent: open, the reference, the sample and the fact as typed
	await expect(add).toHaveAttribute('open');
	const reference = add.getByLabel('Case reference');
	await expect(reference).toHaveValue('K1');
	await expect(add.getByRole('radio', { name: 'Out-of-court disposals', exact: true })).toBeChecked();
	await expect(add.getByLabel('The disposal is a youth conditional caution')).toBeChecked();
	// the field shows the error, in the GOV.UK way
	await expect(plain.locator('#new-case-reference-error')).toContainText('A case with reference "K1" already exists');
	await expect(reference).toHaveAttribute('aria-describedby', /new-case-reference-error/);
	await expect(plain.locator('.govuk-form-group--error').filter({ has: plain.locator('#new-case-reference') })).toHaveCount(1);

	// put right, it is added
	await reference.fill('K2');
	await add.getByRole('button', { name: 'Add case' }).click();
	await expect(plain.getByRole('button', { name: 'Open case K2' })).toBeVisible();
	await expect(summaryOf(plain)).toHaveCount(0);
	await plain.context().close();
});

test('without JavaScript refused tallies come back as typed, the error at its row and linked from the summary', async ({ browser, page }) => {
	const address = await createInspection(page, { service: 'Tallyform YOS', version: '2018' });
	const plain = await withoutScript(browser, address);
	await plain.getByRole('link', { name: 'Tallies', exact: true }).click();
	await plain.getByLabel('2.1.1: relevant cases').fill('10');
	await plain.getByLabel("2.1.1: number 'Yes'").fill('7');
	await plain.getByLabel('2.1.2: relevant cases').fill('3');
	await plain.getByLabel("2.1.2: number 'Yes'").fill('5');
	await plain.getByRole('button', { name: 'Save tallies' }).click();

	const summary = summaryOf(plain);
	const link = summary.getByRole('link');
	await expect(link).toHaveCount(1);
	// a sentence, naming the key question in the version's words: no JSON pointer
	await expect(link).toHaveText(/^The tally of key question 2\.1\.2 \(Does assessment .*\): the number answered 'yes' \(5\) cannot be more than the relevant cases \(3\)$/);
	await expect(link).toHaveAttribute('href', '#tally-2-1-2-yes');
	await expect(summary).not.toContainText('/evidence');
	// every number as typed, the one refused marked
	await expect(plain.getByLabel('2.1.1: relevant cases')).toHaveValue('10');
	await expect(plain.getByLabel("2.1.1: number 'Yes'")).toHaveValue('7');
	await expect(plain.getByLabel('2.1.2: relevant cases')).toHaveValue('3');
	await expect(plain.getByLabel("2.1.2: number 'Yes'")).toHaveValue('5');
	await expect(plain.locator('#tally-2-1-2-relevant-error')).toContainText("cannot be more than the relevant cases (3)");
	await expect(plain.getByLabel("2.1.2: number 'Yes'")).toHaveAttribute('aria-describedby', 'tally-2-1-2-relevant-error');

	await plain.getByLabel("2.1.2: number 'Yes'").fill('2');
	await plain.getByRole('button', { name: 'Save tallies' }).click();
	await expect(summaryOf(plain)).toHaveCount(0);
	await expect(plain.getByLabel("2.1.2: number 'Yes'")).toHaveValue('2');
	await expect(plain.getByLabel("2.1.1: number 'Yes'")).toHaveValue('7');
	await plain.context().close();
});

test('without JavaScript the Qualitative tab saves its answers with a button; ids the version does not know are refused in words', async ({ browser, page }) => {
	const address = await createInspection(page, { service: 'Judgeform YOS', version: '2018' });
	// with JavaScript each answer saves itself: no button
	await page.getByRole('tab', { name: 'Qualitative standards' }).click();
	await expect(page.getByRole('group', { name: 'Proposed rating for 1.1' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Save answers' })).toHaveCount(0);

	const plain = await withoutScript(browser, address);
	await plain.getByRole('link', { name: 'Qualitative standards', exact: true }).click();
	await plain.getByRole('group', { name: /^1\.1\.1\.a / }).getByRole('radio', { name: 'Below the line' }).check();
	await plain.getByRole('group', { name: /^Key question 1\.1\.1:/ }).getByRole('radio', { name: 'No' }).check();
	await plain.getByRole('group', { name: 'Proposed rating for 1.1' }).getByRole('radio', { name: 'Requires improvement' }).check();
	await plain.getByLabel('Reason, where the proposal departs from the guidance').first().fill('Partnership arrangements are new.');
	await plain.getByRole('button', { name: 'Save answers' }).click();
	await expect(plain).toHaveURL(/\?tab=qualitative#qualitative$/);
	await expect(summaryOf(plain)).toHaveCount(0);

	// saved: the workspace with JavaScript reads them back
	await page.reload();
	await page.getByRole('tab', { name: 'Qualitative standards' }).click();
	await expect(page.getByRole('group', { name: /^1\.1\.1\.a / }).getByRole('radio', { name: 'Below the line' })).toBeChecked();
	await expect(page.getByRole('group', { name: /^Key question 1\.1\.1:/ }).getByRole('radio', { name: 'No' })).toBeChecked();
	await expect(page.getByRole('group', { name: 'Proposed rating for 1.1' }).getByRole('radio', { name: 'Requires improvement' })).toBeChecked();
	await expect(page.getByLabel('Reason, where the proposal departs from the guidance').first()).toHaveValue('Partnership arrangements are new.');

	// a forged form: an id the version does not know is refused, by name, and nothing is saved
	const revision = await plain.locator('form[action$="/judgements"] input[name="revision"]').getAttribute('value');
	const headers = { origin: new URL(plain.url()).origin, accept: 'text/html' };
	const forged = await plain.request.post(`${address}?/judgements`, { form: { revision: revision!, 'prompt-9.9.9.z': 'above', 'kq-1.1.2': 'yes', 'propose-__proto__': 'good' }, headers });
	expect(forged.status()).toBe(400);
	const body = await forged.text();
	expect(body).toContain('"9.9.9.z" is not a prompt of a qualitative standard of hmip-youth@2018');
	expect(body).toContain('"__proto__" is not a standard of hmip-youth@2018 that takes a proposed rating');
	// a value the edit does not take: refused at its field, in words
	const sideways = await plain.request.post(`${address}?/judgements`, { form: { revision: revision!, 'prompt-1.1.2.a': 'sideways' }, headers });
	expect(sideways.status()).toBe(400);
	expect(await sideways.text()).toMatch(/<a href="#prompt-1-1-2-a">Prompt 1\.1\.2\.a \(.*\) of standard 1\.1 Governance and leadership: judge the prompt above or below the line<\/a>/);
	await plain.reload();
	await expect(plain.getByRole('group', { name: /^Key question 1\.1\.2:/ }).getByRole('radio', { name: 'Yes' })).not.toBeChecked();
	await plain.context().close();
});

test('without JavaScript "All changes saved" is said in the tab the form was posted from, in view', async ({ browser, page }) => {
	const address = await createInspection(page, { service: 'Savedhere YOS', version: '2018' });
	const plain = await withoutScript(browser, address);
	await plain.setViewportSize({ width: 1024, height: 600 });
	await plain.getByRole('link', { name: 'Tallies', exact: true }).click();
	await plain.getByLabel('3.4.2: relevant cases').fill('4');
	await plain.getByLabel("3.4.2: number 'Yes'").fill('3');
	await plain.getByRole('button', { name: 'Save tallies' }).click();
	await expect(plain).toHaveURL(/\?tab=tallies#tallies$/);
	const saved = plain.locator('#tallies').getByRole('status');
	await expect(saved).toHaveText(/^All changes saved, last by .* at .*\.$/);
	await expect(saved).toBeInViewport();
	await expect(plain.getByLabel("3.4.2: number 'Yes'")).toHaveValue('3');
	await plain.context().close();
});

test('each tab names its region for a standard apart from the other tabs (axe landmark-unique)', async ({ page }) => {
	await createInspection(page, { service: 'Namesake YOS', version: '2018' });
	for (const [tab, name] of [
		['Qualitative standards', '1.1 Governance and leadership: answers'],
		['Ratings', '1.1 Governance and leadership: rating']
	] as const) {
		await page.getByRole('tab', { name: tab }).click();
		await expect(page.getByRole('region', { name, exact: true })).toBeVisible();
		const { violations } = await new AxeBuilder({ page }).withRules(['landmark-unique']).analyze();
		expect(violations.map((v) => v.nodes.map((n) => n.target))).toEqual([]);
	}
	// every tab drawn now (kept in the page, hidden): one region of each name
	await expect(page.getByRole('region', { name: /^1\.1 Governance and leadership/, includeHidden: true })).toHaveCount(2);
});

test('without JavaScript a form refused because someone saved meanwhile shows what they saved, and saving again keeps it', async ({ browser, page }) => {
	const address = await createInspection(page, { service: 'Staleform YOS', version: '2018' });
	const mine = await withoutScript(browser, address);
	const theirs = await withoutScript(browser, address);
	for (const tab of [mine, theirs]) await tab.getByRole('link', { name: 'Tallies', exact: true }).click();
	await theirs.getByLabel('2.1.2: relevant cases').fill('20');
	await theirs.getByLabel("2.1.2: number 'Yes'").fill('15');
	await theirs.getByRole('button', { name: 'Save tallies' }).click();
	await expect(theirs.getByLabel("2.1.2: number 'Yes'")).toHaveValue('15');

	// opened before their save, this form still holds 2.1.2 empty: sent again as it is, it would clear theirs
	await mine.getByLabel('2.1.1: relevant cases').fill('9');
	await mine.getByLabel("2.1.1: number 'Yes'").fill('4');
	await mine.getByRole('button', { name: 'Save tallies' }).click();
	await expect(summaryOf(mine)).toContainText(/Not saved: .+ changed this inspection at \d{1,2} \w+ \d{4}, .+ after you opened it\. The page now shows what they saved/);
	await expect(mine.getByLabel('2.1.2: relevant cases')).toHaveValue('20');
	await expect(mine.getByLabel("2.1.2: number 'Yes'")).toHaveValue('15');

	await mine.getByLabel('2.1.1: relevant cases').fill('9');
	await mine.getByLabel("2.1.1: number 'Yes'").fill('4');
	await mine.getByRole('button', { name: 'Save tallies' }).click();
	await expect(summaryOf(mine)).toHaveCount(0);
	await mine.reload();
	await expect(mine.getByLabel("2.1.2: number 'Yes'")).toHaveValue('15');
	await expect(mine.getByLabel("2.1.1: number 'Yes'")).toHaveValue('4');

	// a count written another way ("0x10" is 16 to Number()) is not taken for one
	await mine.getByLabel('2.1.3: relevant cases').fill('0x10');
	await mine.getByLabel("2.1.3: number 'Yes'").fill('1');
	await mine.getByRole('button', { name: 'Save tallies' }).click();
	await expect(summaryOf(mine)).toContainText('must be a whole number from 0 to 1,000,000');
	for (const tab of [mine, theirs]) await tab.context().close();
});
