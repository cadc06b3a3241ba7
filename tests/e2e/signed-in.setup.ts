// Signs in once as the account with every role but admin; the other tests start from its cookie.
import { test as setup, expect } from '@playwright/test';
import { EVERYONE, SIGNED_IN_STATE, signInAs } from '../support/accounts';

setup('sign in for the browser tests', async ({ page }) => {
	await signInAs(page, EVERYONE);
	await expect(page.getByText(`Signed in as ${EVERYONE}`)).toBeVisible();
	await page.context().storageState({ path: SIGNED_IN_STATE });
});
