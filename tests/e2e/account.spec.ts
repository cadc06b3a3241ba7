// Accounts after issue 10: a user changes their own password; an admin revokes a token, ends
// someone's sessions and resets a password; anonymous pages go to sign-in and come back; every
// page hydrates under the Content-Security-Policy with nothing refused.
import { test, expect, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { PASSWORD, signInAs } from '../support/accounts';
import { seriousViolations } from '../support/axe';
import { createInspection } from '../support/workspace-e2e';

const signedOut = { storageState: { cookies: [], origins: [] } };

/** A fresh account made on the server's data folder, as the first admin is made. */
function makeAccount(name: string, role: string) {
	const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/user.ts', 'add', name, '--role', role], {
		input: PASSWORD + '\n',
		encoding: 'utf8',
		env: { ...process.env, DATA_DIR: process.env.E2E_DATA_DIR }
	});
	if (run.status !== 0) throw new Error(run.stderr);
}

async function signInWith(page: Page, name: string, password: string) {
	await page.goto('/sign-in');
	await page.getByLabel('Name').fill(name);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
}

test.describe('your account', () => {
	test.use(signedOut);
	test('a user changes their own password by keyboard, with errors in a summary; the old one stops working', async ({ page }) => {
		makeAccount('e2e-pat', 'viewer');
		await signInWith(page, 'e2e-pat', PASSWORD);
		await page.getByRole('link', { name: 'Your account' }).click();
		await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
		await page.setViewportSize({ width: 320, height: 800 });
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

		await page.getByRole('button', { name: 'Change password' }).press('Enter');
		const summary = page.locator('.govuk-error-summary');
		await expect(summary).toBeFocused();
		await expect(summary.getByRole('link')).toHaveText(['Enter your current password', 'Enter a new password']);
		await expect(page).toHaveTitle(/^Error: /);
		expect(await seriousViolations(page)).toEqual([]);

		await summary.getByRole('link', { name: 'Enter your current password' }).press('Enter');
		await expect(page.getByLabel('Current password')).toBeFocused();
		await page.keyboard.type(PASSWORD);
		await page.keyboard.press('Tab');
		await page.keyboard.type('a new phrase for pat');
		await page.keyboard.press('Tab');
		await page.keyboard.type('a new phrase for pat');
		await page.keyboard.press('Enter');
		await expect(page.getByText('Your password has been changed.')).toBeVisible();
		expect(await seriousViolations(page)).toEqual([]);

		await page.getByRole('button', { name: 'Sign out' }).click();
		await signInWith(page, 'e2e-pat', PASSWORD);
		await expect(page.locator('#password-error')).toContainText('The name or password is not right.');
		await signInWith(page, 'e2e-pat', 'a new phrase for pat');
		await expect(page.getByText('Signed in as e2e-pat')).toBeVisible();
	});
});

test.describe('an admin recovers an account', () => {
	test.use(signedOut);
	test('revoke a token, end sessions, reset a password: the account is signed out and signs in with the new one', async ({ page, browser, playwright, baseURL }) => {
		makeAccount('e2e-lou', 'tester');
		const lou = await browser.newContext(signedOut);
		const louPage = await lou.newPage();
		await signInWith(louPage, 'e2e-lou', PASSWORD);
		await expect(louPage.getByText('Signed in as e2e-lou')).toBeVisible();

		await signInAs(page, 'admin');
		await page.goto('/admin/users');
		await page.getByLabel('Token for e2e-lou: what is it for?').fill('nightly');
		await page.getByRole('button', { name: 'Issue token to e2e-lou' }).click();
		const token = await page.getByLabel('API token').inputValue();
		const api = await playwright.request.newContext({ baseURL, ...signedOut });
		const evaluate = () => api.post('/api/evaluate', { data: { framework: 'hmip-youth@2018', inspection: {} }, headers: { authorization: `Bearer ${token}` } });
		expect((await evaluate()).status()).toBe(200);
		await page.getByRole('button', { name: 'Revoke token "nightly" of e2e-lou' }).click();
		await expect(page.getByText('Token "nightly" of e2e-lou revoked.')).toBeVisible();
		expect((await evaluate()).status()).toBe(401);
		await api.dispose();

		await expect(page.getByRole('row', { name: /e2e-lou/ })).toContainText('1 open session');
		await page.getByRole('button', { name: 'End sessions of e2e-lou' }).click();
		await expect(page.getByText('1 session of e2e-lou ended.')).toBeVisible();
		await louPage.goto('/regression');
		await expect(louPage).toHaveURL('/sign-in?next=%2Fregression');

		await page.getByRole('button', { name: 'Reset password of e2e-lou' }).click();
		await expect(page.locator('.govuk-error-summary')).toContainText('New password must be at least 12 characters');
		expect(await seriousViolations(page)).toEqual([]);
		await page.getByLabel('New password for e2e-lou').fill('reset by the admin');
		await page.getByRole('button', { name: 'Reset password of e2e-lou' }).click();
		await expect(page.getByText('Password of e2e-lou reset')).toBeVisible();
		expect(await seriousViolations(page)).toEqual([]);

		// the sign-in page brings lou back where they were going
		await louPage.getByLabel('Name').fill('e2e-lou');
		await louPage.getByLabel('Password').fill('reset by the admin');
		await louPage.getByRole('button', { name: 'Sign in' }).click();
		await expect(louPage).toHaveURL('/regression');
		await lou.close();

		await page.goto('/audit?kind=user&id=e2e-lou');
		for (const what of [/API token "nightly" of e2e-lou revoked/, /sessions of e2e-lou ended/, /password of e2e-lou reset/]) await expect(page.getByRole('cell', { name: what })).toBeVisible();
	});
});

test('every page hydrates under the Content-Security-Policy, with nothing refused', async ({ page }) => {
	const refused: string[] = [];
	page.on('console', (message) => {
		if (/Content Security Policy|Refused to/i.test(message.text())) refused.push(`${page.url()}: ${message.text()}`);
	});
	page.on('pageerror', (error) => refused.push(`${page.url()}: ${error.message}`));
	const workspace = await createInspection(page, { service: 'CSP checkshire', version: '2018' });
	const pages = ['/', '/inspections', '/inspections/new', '/inspections/import', workspace, `${workspace}/report`, '/frameworks', '/frameworks/hmip-youth/2025', '/frameworks/hmip-youth/diff?from=2021&to=2025', '/regression', '/regression/impact', '/audit', '/account'];
	for (const path of pages) {
		const response = await page.goto(path);
		expect(response?.status(), path).toBe(200);
		expect(response?.headers()['content-security-policy'], path).toMatch(/script-src 'self'[^;]* 'nonce-/);
		await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	}
	// the draft editor checks drafts with compiled schemas as you type
	await page.goto('/frameworks/hmip-youth/2025/new-draft');
	await page.getByLabel('New draft from hmip-youth@2025').fill('csp-check');
	await page.getByRole('button', { name: 'Make the draft' }).click();
	await expect(page).toHaveURL(/csp-check\/edit$/);
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	await page.getByRole('textbox', { name: 'The framework: Title', exact: true }).fill('Checked under the CSP');
	await expect(page.getByText('Unsaved changes')).toBeVisible();
	expect(refused).toEqual([]);
});
