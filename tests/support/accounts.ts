// The accounts the browser tests sign in with (made by e2e-setup.ts).
import type { Page } from '@playwright/test';
import type { Role } from '../../src/lib/server/accounts/roles';

export const PASSWORD = 'correct horse battery staple';
export const accountFor = (role: Role) => `e2e-${role}`;

/** Every browser test starts signed in as this account (every role but admin), unless it signs in as another. */
export const EVERYONE = 'e2e-everyone';
export const EVERYONE_ROLES: Role[] = ['inspector', 'panel-member', 'methodology-lead', 'tester'];
export const SIGNED_IN_STATE = 'playwright-report/.signed-in.json';

export async function signInAs(page: Page, role: Role | typeof EVERYONE) {
	await page.goto('/sign-in');
	await page.getByLabel('Name').fill(role === EVERYONE ? EVERYONE : accountFor(role));
	await page.getByLabel('Password').fill(PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}
