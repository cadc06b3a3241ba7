import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

test('the home page lists the shipped framework versions', async ({ page }) => {
	await page.goto('/');

	await expect(page).toHaveTitle('Yardstick');
	await expect(page.getByRole('heading', { level: 1, name: 'Yardstick' })).toBeVisible();

	const table = page.getByRole('table', { name: 'Framework versions' });
	for (const version of ['2018', '2021', '2025']) {
		const row = table.getByRole('row').filter({ has: page.getByRole('cell', { name: version, exact: true }) });
		await expect(row).toHaveCount(1);
		await expect(row.getByRole('cell', { name: 'hmip-youth', exact: true })).toBeVisible();
	}
});

test('the home page has no serious or critical accessibility violations', async ({ page }) => {
	await page.goto('/');

	const { violations } = await new AxeBuilder({ page }).analyze();
	const serious = violations
		.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
		.map(({ id, impact, help, nodes }) => ({ id, impact, help, targets: nodes.map((node) => node.target) }));
	expect(serious).toEqual([]);
});

test('the skip link moves focus to the main content', async ({ page }) => {
	await page.goto('/');

	await page.keyboard.press('Tab');
	const skipLink = page.getByRole('link', { name: 'Skip to main content' });
	await expect(skipLink).toBeFocused();
	await skipLink.press('Enter');
	await expect(page.locator('main')).toBeFocused();
});
