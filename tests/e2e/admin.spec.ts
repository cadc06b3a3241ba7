import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { accountFor, signInAs } from '../support/accounts';

test('an admin adds an account, sets its roles and issues it a token; all of it is in the audit trail', async ({ page }) => {
	await signInAs(page, 'admin');
	await page.goto('/admin/users');
	await page.getByRole('button', { name: 'Add account' }).click();
	await expect(page.getByRole('alert').first()).toContainText('Enter a name');
	await page.getByLabel('Name', { exact: true }).fill('grace');
	await page.locator('#new-role-viewer').check();
	await page.getByLabel('Password', { exact: true }).fill('a long enough passphrase');
	await page.getByRole('button', { name: 'Add account' }).click();
	await expect(page.getByText('Account grace created.')).toBeVisible();

	await page.locator('#roles-grace-tester').check();
	await page.getByRole('button', { name: 'Save roles of grace' }).click();
	await expect(page.getByText('Roles of grace saved.')).toBeVisible();
	await expect(page.locator('#roles-grace-tester')).toBeChecked();

	await page.getByLabel('Token for grace: what is it for?').fill('CI runner');
	await page.getByRole('button', { name: 'Issue token to grace' }).click();
	const token = await page.getByLabel('API token').inputValue();
	expect(token).toMatch(/^ys_/);
	const results = await new AxeBuilder({ page }).analyze();
	expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);

	await page.goto('/audit?kind=user&id=grace');
	await expect(page.getByRole('cell', { name: /account grace created with roles viewer/ })).toBeVisible();
	await expect(page.getByRole('cell', { name: /roles of grace changed/ })).toBeVisible();
	await expect(page.getByRole('cell', { name: /API token "CI runner" issued to grace/ })).toBeVisible();
	await expect(page.getByRole('cell', { name: '{"roles":["tester","viewer"],"disabled":false}' })).toBeVisible();
	const exported = await page.request.get('/audit/export.jsonl?kind=user&id=grace');
	expect((await exported.text()).trim().split('\n')).toHaveLength(3);
});

test('only an admin may manage accounts', async ({ page, playwright, baseURL }) => {
	const anonymous = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
	expect((await anonymous.get('/admin/users')).status()).toBe(401);
	expect((await anonymous.post('/admin/users?/add', { form: { name: 'x' }, headers: { origin: baseURL! } })).status()).toBe(401);
	await signInAs(page, 'inspector');
	const response = await page.goto('/admin/users');
	expect(response?.status()).toBe(403);
	const post = await page.request.post('/admin/users?/roles', { form: { name: accountFor('inspector'), roles: 'admin', revision: '1' }, headers: { origin: baseURL! } });
	expect(post.status()).toBe(403);
});
