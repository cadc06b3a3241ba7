import { expect, test } from '@playwright/test';
import { createInspection, enterTallies, expectAccessible, expectSaved } from '../support/workspace-e2e';

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
