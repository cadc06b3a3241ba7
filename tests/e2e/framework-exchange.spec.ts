// Export a version as a zip of its files; import one, checked in full before anything is kept.
import { expect, test } from '@playwright/test';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { signInAs } from '../support/accounts';
import { seriousViolations } from '../support/axe';

async function exported(request: import('@playwright/test').APIRequestContext) {
	const response = await request.get('/frameworks/hmip-youth/2025/export');
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toBe('application/zip');
	expect(response.headers()['content-disposition']).toBe('attachment; filename="hmip-youth-2025.zip"');
	const entries = unzipSync(new Uint8Array(await response.body()));
	return Object.fromEntries(Object.entries(entries).map(([name, bytes]) => [name, JSON.parse(strFromU8(bytes))]));
}
const zipOf = (files: Record<string, unknown>) => Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([n, v]) => [n, strToU8(JSON.stringify(v, null, 2))]))));

test('a version exported and imported under a new id becomes a draft', async ({ page }) => {
	await signInAs(page, 'methodology-lead');
	const files = await exported(page.request);
	expect(Object.keys(files).sort()).toEqual(['bandings.json', 'composite.json', 'domains/1.json', 'domains/2.json', 'domains/V.json', 'framework.json', 'rules.json', 'sampling.json']);
	files['framework.json'].version = 'imported-2027';

	await page.goto('/frameworks/import');
	expect(await seriousViolations(page)).toEqual([]);
	await page.getByLabel('Zip file').setInputFiles({ name: 'imported-2027.zip', mimeType: 'application/zip', buffer: zipOf(files) });
	await page.getByRole('button', { name: 'Import' }).click();
	await expect(page).toHaveURL(/\/frameworks\/hmip-youth\/imported-2027$/);
	await expect(page.getByText('Draft', { exact: true })).toBeVisible();
	await expect(page.getByText('Valid: it can be published.')).toBeVisible();

	await page.getByRole('button', { name: 'Discard this draft' }).click();
	await expect(page).toHaveURL(/\/frameworks$/);
	await expect(page.getByRole('link', { name: 'imported-2027' })).toHaveCount(0);
});

test('an archive that does not validate is refused, each problem named by file and pointer, and nothing is kept', async ({ page }) => {
	await signInAs(page, 'methodology-lead');
	const files = await exported(page.request);
	files['framework.json'].version = 'broken-2027';
	files['composite.json'].standards.push('9.9');
	await page.goto('/frameworks/import');
	await page.getByLabel('Zip file').setInputFiles({ name: 'broken.zip', mimeType: 'application/zip', buffer: zipOf(files) });
	await page.getByRole('button', { name: 'Import' }).click();
	const summary = page.getByRole('alert');
	await expect(summary).toContainText('broken.zip is not a valid version: nothing was imported');
	// in words, with the file and pointer beside them
	await expect(summary).toContainText('Standards of the composite: unknown standard "9.9" (broken.zip/composite.json /standards/4)');
	await expect(page.locator('#archive-error')).toBeVisible();
	expect(await seriousViolations(page)).toEqual([]);
	await page.goto('/frameworks');
	await expect(page.getByRole('link', { name: 'broken-2027' })).toHaveCount(0);
});

test('importing a version that is already published is refused', async ({ page }) => {
	await signInAs(page, 'methodology-lead');
	const files = await exported(page.request);
	await page.goto('/frameworks/import');
	await page.getByLabel('Zip file').setInputFiles({ name: '2025.zip', mimeType: 'application/zip', buffer: zipOf(files) });
	await page.getByRole('button', { name: 'Import' }).click();
	await expect(page.getByRole('alert')).toContainText('hmip-youth@2025 is already published: choose another version id');
});
