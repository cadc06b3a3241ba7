import type { Page } from '@playwright/test';

/**
 * Waits until the page now shown has hydrated (the root layout marks <html> when it mounts).
 * A fill before then can be undone by hydration on a loaded machine. Wait for the URL of a
 * new page first, or this returns at once on the page being left.
 */
export async function whenHydrated(page: Page) {
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
}
