import { expect, test } from '@playwright/test';
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInspection, enterTallies, expectAccessible, expectSaved, openTab } from '../support/workspace-e2e';
import { whenHydrated } from '../support/hydration';
import { serialise } from '../../src/lib/server/storage/durable-file';

test('the new-inspection form: the version in force today is chosen, types appear under their version, and refused fields are named', async ({ page }) => {
	await page.goto('/inspections/new');
	await expectAccessible(page);
	// published versions only; 2025 is in force from 1 April 2025
	await expect(page.getByRole('radio')).toHaveCount(5);
	await expect(page.getByRole('radio', { name: /\(2025/ })).toBeChecked();
	await expect(page.getByText('hmip-youth@2025, in force from 1 April 2025 (in force today)')).toBeVisible();
	await expect(page.getByRole('group', { name: 'Type of inspection' })).toBeVisible();
	await page.getByRole('radio', { name: /\(2018/ }).check();
	await expect(page.getByRole('group', { name: 'Type of inspection' })).toBeHidden();
	await page.getByRole('radio', { name: /\(2025/ }).check();

	await page.getByRole('group', { name: 'First day of fieldwork' }).getByLabel('Day').fill('31');
	await page.getByRole('group', { name: 'First day of fieldwork' }).getByLabel('Month').fill('2');
	await page.getByRole('group', { name: 'First day of fieldwork' }).getByLabel('Year').fill('2025');
	await page.getByRole('button', { name: 'Create inspection' }).click();
	await expect(page).toHaveTitle(/^Error: New inspection/);
	const summary = page.getByRole('alert');
	await expect(summary.getByRole('link', { name: 'Enter the name of the service inspected' })).toBeVisible();
	await expect(summary.getByRole('link', { name: 'Select the type of inspection' })).toBeVisible();
	await expect(summary.getByRole('link', { name: 'The first day of fieldwork must be a real date, for example 14 5 2025' })).toBeVisible();
	await expect(page.getByText('Error: Enter the name of the service inspected')).toBeVisible();
	await expectAccessible(page);
	await summary.getByRole('link', { name: 'Enter the name of the service inspected' }).click();
	await expect(page.getByLabel('Service inspected')).toBeFocused();

	await page.getByLabel('Service inspected').fill('Eastborough YJS');
	await page.getByRole('radio', { name: 'Inspection of Youth Justice Services' }).check();
	await page.getByRole('group', { name: 'First day of fieldwork' }).getByLabel('Day').fill('12');
	await page.getByRole('group', { name: 'First day of fieldwork' }).getByLabel('Month').fill('5');
	await page.getByRole('group', { name: 'Last day of fieldwork' }).getByLabel('Day').fill('16');
	await page.getByRole('group', { name: 'Last day of fieldwork' }).getByLabel('Month').fill('5');
	await page.getByRole('group', { name: 'Last day of fieldwork' }).getByLabel('Year').fill('2025');
	await page.getByRole('button', { name: 'Create inspection' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Eastborough YJS' })).toBeVisible();
	await expect(page.getByText('12 May 2025 to 16 May 2025')).toBeVisible();
	await expect(page.getByText('Inspection of Youth Justice Services', { exact: true })).toBeVisible();
});

test('the list: each inspection with its version, type, team, status and overall rating; duplicate; delete after confirming', async ({ page }) => {
	const address = await createInspection(page, { service: 'Listshire YOS', version: '2018' });
	await enterTallies(page, { '2.1.1': [25, 18] });
	await page.getByRole('button', { name: 'Mark as complete' }).click();
	await expectSaved(page);

	await page.goto('/inspections');
	await expectAccessible(page);
	const table = page.getByRole('table', { name: 'All inspections' });
	const row = table.getByRole('row', { name: /^Listshire YOS Created by/ });
	await expect(row.getByRole('cell').nth(0)).toHaveText('hmip-youth@2018');
	await expect(row.getByRole('cell').nth(1)).toHaveText('—');
	await expect(row.getByRole('cell').nth(2)).toHaveText('e2e-everyone');
	await expect(row.getByRole('cell').nth(3)).toHaveText('Complete');
	await expect(row.getByRole('cell').nth(4)).toHaveText('Needs a panel decision');

	await row.getByRole('button', { name: 'Duplicate the inspection of Listshire YOS' }).click();
	await expect(page.getByRole('alert')).toContainText('Duplicated as Listshire YOS (copy)');
	const copy = table.getByRole('row', { name: /^Listshire YOS \(copy\) / });
	await expect(copy.getByRole('cell').nth(3)).toHaveText('In progress');
	await page.getByRole('alert').getByRole('link', { name: 'Listshire YOS (copy)' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Listshire YOS (copy)' })).toBeVisible();
	await whenHydrated(page);
	await openTab(page, 'Tallies');
	await expect(page.getByLabel("2.1.1: number 'Yes'")).toHaveValue('18');

	await page.goto('/inspections');
	await table.getByRole('row', { name: /^Listshire YOS Created by/ }).getByRole('link', { name: 'Delete the inspection of Listshire YOS', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'Are you sure you want to delete the inspection of Listshire YOS?' })).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Cancel' }).click();
	await expect(table.getByRole('row', { name: /^Listshire YOS Created by/ })).toHaveCount(1);
	await page.goto(`${address}/delete`);
	await page.getByRole('button', { name: 'Delete inspection' }).click();
	await expect(page.getByRole('alert')).toContainText('Deleted the inspection of Listshire YOS');
	await expect(table.getByRole('row', { name: /^Listshire YOS Created by/ })).toHaveCount(0);
	await expect(table.getByRole('row', { name: /^Listshire YOS \(copy\) / })).toHaveCount(1);
	await page.goto(address);
	await expect(page.getByText('There is no such inspection')).toBeVisible();
	await page.goto(`/audit?kind=inspection&id=${address.split('/').pop()}`);
	await expect(page.getByRole('row').filter({ hasText: 'inspection of Listshire YOS deleted' })).toContainText('e2e-everyone');
});

test('POST /api/evaluate answers the engine’s result, or 400 with the validation errors', async ({ request }) => {
	const ok = await request.post('/api/evaluate', {
		data: { framework: 'hmip-youth@2025', inspection: { context: { inspectionType: 'iyjwcv' }, tallies: { 'V1.1': { relevant: 20, yes: 17 } }, judgements: { V1: { keyQuestions: { 'V1.2': 'no' } } } } }
	});
	expect(ok.status()).toBe(200);
	const result = await ok.json();
	expect(result.standards.V1).toMatchObject({ final: 'needs-decision', allowed: ['outstanding', 'good'] });
	expect(result.framework).toBe('hmip-youth@2025');

	const bad = await request.post('/api/evaluate', { data: { framework: 'hmip-youth@2018', inspection: { cases: [{ id: 'a', sample: 'court', answers: { '2.1.1': 'perhaps' } }] } } });
	expect(bad.status()).toBe(400);
	expect(await bad.json()).toEqual({ errors: [{ file: 'request body', pointer: '/inspection/cases/0/answers/2.1.1', message: 'must be one of "yes", "no", "n/a"', severity: 'error' }] });
});

test('the list a page at a time: GOV.UK pagination, by keyboard, at 320 px', async ({ page }) => {
	// sixty old inspections, written as the store writes them by another process (as an import of ten years would)
	const { hash } = JSON.parse(readFileSync(path.join(process.env.E2E_RULES_DIR!, 'hmip-youth', '2018', 'publication.json'), 'utf8')) as { hash: string };
	const dir = path.join(process.env.E2E_DATA_DIR!, 'inspections');
	mkdirSync(dir, { recursive: true });
	const files: string[] = [];
	try {
		for (let i = 0; i < 60; i++) {
			const at = new Date(Date.UTC(2019, 0, 1 + i)).toISOString();
			const id = `paging-${String(i).padStart(2, '0')}`;
			const value = { serviceName: `Pageshire ${String(i).padStart(2, '0')} YOS`, framework: 'hmip-youth@2018', frameworkHash: hash, status: 'complete', team: ['e2e-everyone'], evidence: { tallies: { '2.1.1': { relevant: 20, yes: 15 } } } };
			files.push(path.join(dir, `${id}.json`));
			writeFileSync(files.at(-1)!, serialise({ id, revision: 1, createdAt: at, updatedAt: at, updatedBy: 'e2e-everyone', change: 'created', value }));
		}
		await page.goto('/inspections');
		await expect(page.getByText(/^Showing 1 to 50 of \d+ inspections, most recently changed first$/)).toBeVisible();
		const table = page.getByRole('table', { name: 'All inspections' });
		await expect(table.getByRole('row')).toHaveCount(51);
		const pages = page.getByRole('navigation', { name: 'Pages of inspections' });
		await expect(pages.getByRole('link', { name: 'Page 1' })).toHaveAttribute('aria-current', 'page');
		await expectAccessible(page);
		// by keyboard: to the next page's link, and Enter
		const next = pages.getByRole('link', { name: 'Next page' });
		await next.focus();
		await page.keyboard.press('Enter');
		await expect(page).toHaveURL(/\/inspections\?page=2$/);
		await expect(pages.getByRole('link', { name: 'Page 2' })).toHaveAttribute('aria-current', 'page');
		// the oldest are last: the first of the sixty is on the last page
		await pages.getByRole('link', { name: /^Page \d+$/ }).last().click();
		await expect(table.getByRole('row', { name: /^Pageshire 00 YOS / })).toHaveCount(1);
		await expect(pages.getByRole('link', { name: 'Next page' })).toHaveCount(0);
		await expectAccessible(page);
		await page.setViewportSize({ width: 320, height: 800 });
		await expect(pages.getByRole('link', { name: 'Previous page' })).toBeVisible();
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
	} finally {
		for (const file of files) unlinkSync(file);
	}
	// removed by another process: gone from the list
	await page.goto('/inspections');
	await expect(page.getByRole('row', { name: /^Pageshire / })).toHaveCount(0);
});
