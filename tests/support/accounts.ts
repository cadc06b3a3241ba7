// The accounts the browser tests sign in with (made by e2e-setup.ts).
import type { Page } from '@playwright/test';
import type { Role } from '../../src/lib/server/roles';

export const PASSWORD = 'correct horse battery staple';
export const accountFor = (role: Role) => `e2e-${role}`;

export async function signInAs(page: Page, role: Role) {
	await page.goto('/sign-in');
	await page.getByLabel('Name').fill(accountFor(role));
	await page.getByLabel('Password').fill(PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}
