import { expect, test, type Browser, type Page } from '@playwright/test';
import { createInspection, enterTallies, expectSaved, strip } from '../support/workspace-e2e';
import { EVERYONE, accountFor, signInAs } from '../support/accounts';
import { whenHydrated } from '../support/hydration';

// Two people at once: Ann is the inspector account, Bob the account with every role.
const NAMES = { Ann: accountFor('inspector'), Bob: EVERYONE } as const;

async function personNamed(browser: Browser, name: keyof typeof NAMES) {
	const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
	const page = await context.newPage();
	await signInAs(page, name === 'Ann' ? 'inspector' : EVERYONE);
	return { context, page };
}

/** Ann makes the inspection and puts Bob on its team, so that both may change it. */
async function sharedInspection(ann: Page, service: string): Promise<string> {
	const address = await createInspection(ann, { service, version: '2018' });
	await ann.getByLabel('Add an inspector to the team').fill(NAMES.Bob);
	await ann.getByRole('button', { name: 'Add', exact: true }).click();
	await expectSaved(ann);
	await expect(ann.getByRole('term').filter({ hasText: 'Team' }).locator('xpath=..')).toContainText(NAMES.Bob);
	return address;
}

test('a stale write is refused, saying who changed what, and nothing typed is lost', async ({ browser }) => {
	const ann = await personNamed(browser, 'Ann');
	const bob = await personNamed(browser, 'Bob');
	const address = await sharedInspection(ann.page, 'Midshire YOS');
	await bob.page.goto(address);
	await whenHydrated(bob.page);

	// Ann saves first
	await enterTallies(ann.page, { '2.1.1': [25, 18] });
	await expectSaved(ann.page);

	// Bob, on the page he opened before, enters his own count for the same key question
	await enterTallies(bob.page, { '2.1.1': [25, 10] });
	const banner = bob.page.getByRole('alert').filter({ hasText: 'Not saved' });
	await expect(banner).toContainText(/Not saved: e2e-inspector changed this inspection at \d\d:\d\d \(set 2\.1\.1 to 18 of 25 cases\) after you opened it\./);
	await expect(bob.page.getByRole('status').filter({ hasText: 'Not saved: 1 change kept on this page.' })).toBeVisible();
	// his numbers are still on the page, and still rated
	await expect(bob.page.getByLabel('2.1.1: relevant cases')).toHaveValue('25');
	await expect(bob.page.getByLabel("2.1.1: number 'Yes'")).toHaveValue('10');
	await expect(strip(bob.page).getByRole('listitem').filter({ hasText: /^\s*2\.1\s/ })).toContainText('Inadequate');

	// the server kept Ann's
	await ann.page.reload();
	await expect(ann.page.getByLabel("2.1.1: number 'Yes'")).toHaveValue('18');

	// Bob replays his change on Ann's version and saves
	await banner.getByRole('button', { name: 'Apply my changes to their version and save' }).click();
	await expectSaved(bob.page);
	await expect(bob.page.getByRole('status').filter({ hasText: 'last by e2e-everyone' })).toBeVisible();
	await ann.page.reload();
	await expect(ann.page.getByLabel("2.1.1: number 'Yes'")).toHaveValue('10');

	await ann.context.close();
	await bob.context.close();
});

test('after a stale write, the inspector can take the other version instead', async ({ browser }) => {
	const ann = await personNamed(browser, 'Ann');
	const bob = await personNamed(browser, 'Bob');
	const address = await sharedInspection(ann.page, 'Lowshire YOS');
	await bob.page.goto(address);
	await whenHydrated(bob.page);
	await enterTallies(ann.page, { '3.1.1': [20, 19] });
	await expectSaved(ann.page);
	await enterTallies(bob.page, { '3.1.1': [20, 2] });
	const banner = bob.page.getByRole('alert').filter({ hasText: 'Not saved' });
	await banner.getByRole('button', { name: 'Discard my changes and show theirs' }).click();
	await expect(bob.page.getByLabel("3.1.1: number 'Yes'")).toHaveValue('19');
	await expectSaved(bob.page);
	await ann.context.close();
	await bob.context.close();
});
