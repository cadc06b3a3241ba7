// Steps the browser tests of the inspections pages share, done as an inspector would.
import { expect, type Page } from '@playwright/test';
import { seriousViolations } from './axe';
import { whenHydrated } from './hydration';

export type Tallies = Record<string, [relevant: number, yes: number]>;

/** No serious or critical axe violation on the page as it is now. */
export async function expectAccessible(page: Page) {
	expect(await seriousViolations(page)).toEqual([]);
}

/** Create an inspection through the form; returns its workspace address. */
export async function createInspection(page: Page, options: { service: string; version: '2018' | '2021' | '2025'; type?: string }): Promise<string> {
	await page.goto('/inspections/new');
	await whenHydrated(page);
	await page.getByLabel('Service inspected').fill(options.service);
	await page.getByRole('radio', { name: new RegExp(`\\(${options.version}`) }).check();
	if (options.type) await page.getByRole('radio', { name: options.type }).check();
	await page.getByRole('button', { name: 'Create inspection' }).click();
	await expect(page.getByRole('heading', { level: 1, name: options.service })).toBeVisible();
	await whenHydrated(page);
	return new URL(page.url()).pathname;
}

export async function openTab(page: Page, name: string) {
	await page.getByRole('tab', { name }).click();
	await expect(page.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
}

export async function enterTallies(page: Page, tallies: Tallies) {
	await openTab(page, 'Tallies');
	for (const [id, [relevant, yes]] of Object.entries(tallies)) {
		await page.getByLabel(`${id}: relevant cases`).fill(String(relevant));
		await page.getByLabel(`${id}: number 'Yes'`).fill(String(yes));
		await page.getByLabel(`${id}: number 'Yes'`).press('Tab');
	}
}

export async function propose(page: Page, ratings: Record<string, string>) {
	await openTab(page, 'Qualitative standards');
	for (const [standard, rating] of Object.entries(ratings)) {
		await page.getByRole('group', { name: `Proposed rating for ${standard}` }).getByRole('radio', { name: rating, exact: true }).check();
	}
}

export async function expectSaved(page: Page) {
	await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();
}

/** The "Ratings now" summary above every tab. */
export const strip = (page: Page) => page.getByRole('region', { name: 'Ratings now' });

export async function expectRatings(page: Page, ratings: Record<string, string>) {
	const region = strip(page);
	for (const [standard, rating] of Object.entries(ratings)) {
		await expect(region.getByRole('listitem').filter({ hasText: new RegExp(`^\\s*${standard.replace(/\./g, '\\.')}\\s`) })).toHaveText(new RegExp(`^\\s*${standard.replace(/\./g, '\\.')}\\s+${rating}\\s*$`));
	}
}
