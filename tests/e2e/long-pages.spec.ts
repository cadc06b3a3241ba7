// The long framework pages. The diff skips laying out changes that are off-screen until they near
// the viewport (content-visibility: auto); the document page does not (its nested blocks vary too
// much in height for an estimate: End stopped short of the end). What a reader does must work on
// both: a link to a standard opens at it, the end of the page is reached, late words are in the page.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { whenHydrated } from '../support/hydration';

const domain = (n: number) => JSON.parse(readFileSync(`rules/hmip-youth/2021/domains/${n}.json`, 'utf8')) as { standards: { id: string; title: string }[] };

test('a link to a standard far down the 2021 document page opens at that standard, and the page ends where it should', async ({ page }) => {
	const standard = domain(3).standards.at(-1)!;
	await page.goto(`/frameworks/hmip-youth/2021#standard-${standard.id}`);
	await whenHydrated(page);
	const heading = page.getByRole('heading', { level: 3, name: `${standard.id} ${standard.title}`, exact: true });
	await expect(heading).toBeInViewport();
	// a standard never shown is still in the page's text (find in page reaches it)
	const first = domain(1).standards[0];
	await expect(page.locator('main')).toContainText(`${first.id} ${first.title}`);
	await page.keyboard.press('End');
	await expect(page.locator('footer').first()).toBeInViewport();
});

test('the end of the 2018 → 2021 diff is reached with the keyboard and its last change is on screen', async ({ page }) => {
	await page.goto('/frameworks/hmip-youth/diff?from=2018&to=2021');
	await whenHydrated(page);
	const last = page.locator('li.change').last();
	await expect(last).not.toBeInViewport();
	// End again if the first press was lost: one clean-clone run saw it scroll nothing (the page is
	// 683 KB; the cause is not known, see the closing note), and a person would press it again
	await expect(async () => {
		await page.keyboard.press('End');
		await expect(last).toBeInViewport({ timeout: 2000 });
	}).toPass({ timeout: 15_000 });
	await expect(page.locator('footer').first()).toBeInViewport();
});
