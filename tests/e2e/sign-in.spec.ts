import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { PASSWORD, accountFor, signInAs } from '../support/accounts';
import { holdScripts } from '../support/hydration';

test('a user signs in, sees who they are, and signs out', async ({ page }) => {
	await signInAs(page, 'inspector');
	await expect(page.getByText(`Signed in as ${accountFor('inspector')}`)).toBeVisible();
	const cookie = (await page.context().cookies()).find((c) => c.name === 'yardstick_session');
	expect(cookie?.httpOnly).toBe(true);
	expect(cookie?.sameSite).toBe('Strict');
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
	await expect(page.getByText('Signed in as')).toHaveCount(0);
});

test('a wrong password is refused with the error at the field, by keyboard alone', async ({ page }) => {
	await page.goto('/sign-in');
	await page.keyboard.press('Tab'); // skip link
	await page.getByLabel('Name').focus();
	await page.keyboard.type(accountFor('viewer'));
	await page.keyboard.press('Tab');
	await page.keyboard.type(PASSWORD + 'x');
	await page.keyboard.press('Enter');
	await expect(page.getByRole('alert')).toContainText('The name or password is not right.');
	await expect(page.locator('#password-error')).toContainText('The name or password is not right.');
	await expect(page.getByLabel('Name')).toHaveValue(accountFor('viewer'));
	const results = await new AxeBuilder({ page }).analyze();
	expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
});

test('a name typed while the page is still loading its script is kept, and signs in', async ({ page }) => {
	// a slow connection: the page shows and takes typing before its script has run
	const scripts = await holdScripts(page);
	await page.goto('/sign-in', { waitUntil: 'commit' });
	await page.getByLabel('Name').fill(accountFor('viewer'));
	await page.getByLabel('Password').fill(PASSWORD);
	await scripts.release();
	await expect(page.getByLabel('Name')).toHaveValue(accountFor('viewer'));
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByText(`Signed in as ${accountFor('viewer')}`)).toBeVisible();
});
