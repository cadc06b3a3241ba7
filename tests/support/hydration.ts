import type { Page } from '@playwright/test';

/**
 * Waits until the page now shown has hydrated (the root layout marks <html> when it mounts).
 * A fill before then can be undone by hydration on a loaded machine. Wait for the URL of a
 * new page first, or this returns at once on the page being left.
 */
export async function whenHydrated(page: Page) {
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
}

/**
 * Holds back the app's scripts (not its styles) from now until `release` is called, as a slow
 * connection would: the page shows and takes typing before it hydrates. Routing also turns off
 * the browser's cache, so every script is asked for again.
 */
export async function holdScripts(page: Page): Promise<{ release: () => Promise<void> }> {
	const pattern = '**/_app/immutable/**/*.js';
	let open = () => {};
	const held = new Promise<void>((resolve) => (open = resolve));
	await page.route(pattern, async (route) => {
		await held;
		await route.continue();
	});
	return {
		release: async () => {
			open();
			await whenHydrated(page);
			await page.unroute(pattern);
		}
	};
}
