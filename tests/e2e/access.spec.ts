// Every write route refuses a request without a session (401) and one with the wrong role (403),
// and a cross-site form post is refused whoever sends it.
import { test, expect, type APIRequestContext } from '@playwright/test';
import { EVERYONE, accountFor, signInAs } from '../support/accounts';
import { createInspection, expectSaved, openTab } from '../support/workspace-e2e';
import type { Role } from '../../src/lib/server/accounts/roles';

const writes: { name: string; path: string; form?: Record<string, string>; json?: unknown; allowed: Role }[] = [
	{ name: 'create an inspection', path: '/inspections/new', form: { serviceName: 'X', framework: 'hmip-youth@2018' }, allowed: 'inspector' },
	{ name: 'import an inspection', path: '/inspections/import', form: {}, allowed: 'inspector' },
	{ name: 'duplicate an inspection', path: '/inspections?/duplicate', form: { id: 'nope' }, allowed: 'inspector' },
	{ name: 'save edits', path: '/inspections/nope/edits', json: { baseRevision: 1, edits: [{ type: 'status', status: 'complete' }] }, allowed: 'inspector' },
	{ name: 'record a panel decision', path: '/inspections/nope/edits', json: { baseRevision: 1, edits: [{ type: 'decide', standard: '2.1', decision: { rating: 'good', reason: 'r' } }] }, allowed: 'panel-member' },
	{ name: 'delete an inspection', path: '/inspections/nope/delete', form: { revision: '1' }, allowed: 'inspector' },
	{ name: 'upload a longlist', path: '/inspections/nope/sample?/upload', form: {}, allowed: 'inspector' },
	{ name: 'map a longlist’s columns', path: '/inspections/nope/sample/nope/columns', form: { reference: '0', stratum: '1' }, allowed: 'inspector' },
	{ name: 'exclude a case from a longlist', path: '/inspections/nope/sample/nope?/exclude', form: { reference: 'A1', reason: 'other', other: 'x' }, allowed: 'inspector' },
	{ name: 'draw the case sample', path: '/inspections/nope/sample/nope?/draw', form: { seed: '1', revision: '1' }, allowed: 'inspector' },
	{ name: 'evaluate over the API', path: '/api/evaluate', json: { framework: 'hmip-youth@2018', inspection: {} }, allowed: 'tester' },
	{ name: 'start a regression run', path: '/regression', form: { source: 'folder', folder: 'tests/golden', framework: '' }, allowed: 'tester' },
	{ name: 'manage accounts', path: '/admin/users?/add', form: { name: 'x' }, allowed: 'admin' }
];

const post = (request: APIRequestContext, w: (typeof writes)[number], origin: string) =>
	request.post(w.path, { ...(w.json ? { data: w.json } : { form: w.form }), headers: { origin }, maxRedirects: 0 });

test.describe('without a session', () => {
	test.use({ storageState: { cookies: [], origins: [] } });
	for (const w of writes) {
		test(`${w.name}: 401`, async ({ request, baseURL }) => {
			expect((await post(request, w, baseURL!)).status()).toBe(401);
		});
	}
});

test.describe('with the wrong role', () => {
	test.use({ storageState: { cookies: [], origins: [] } });
	for (const w of writes) {
		test(`${w.name}: 403 for a viewer`, async ({ page, baseURL }) => {
			await signInAs(page, w.allowed === 'admin' ? 'tester' : 'viewer');
			expect((await post(page.request, w, baseURL!)).status()).toBe(403);
		});
	}
});

test('an inspector off the team may read the inspection but not change or delete it, until added', async ({ page, browser, baseURL }) => {
	// the default account (every role) makes it; the inspector account is another inspector
	const address = await createInspection(page, { service: 'Teamshire YOS', version: '2018' });
	const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
	const other = await context.newPage();
	await signInAs(other, 'inspector');
	await other.goto(address);
	await expect(other.getByText(`You can read this inspection but not change its evidence: that is for its team (${EVERYONE})`)).toBeVisible();
	await expect(other.getByLabel('Add an inspector to the team')).toHaveCount(0);
	await openTab(other, 'Tallies');
	// the tallies are shown as numbers, with no box to type in
	await expect(other.getByText('The counts entered as tallies, read only.')).toBeVisible();
	await expect(other.getByLabel('2.1.1: relevant cases')).toHaveCount(0);

	const headers = { origin: baseURL! };
	const edit = { baseRevision: 1, edits: [{ type: 'status', status: 'complete' }] };
	const refused = await other.request.post(`${address}/edits`, { data: edit, headers });
	expect(refused.status()).toBe(403);
	expect((await refused.json()).message).toBe(`Only the inspection's team (${EVERYONE}) can change it: ask one of them to add you.`);
	expect((await other.request.post(`${address}/delete`, { form: { revision: '1' }, headers, maxRedirects: 0 })).status()).toBe(403);

	// a name that is not an inspector's account is refused by the server, with the reason
	await page.getByLabel('Add an inspector to the team').fill('e2e-viewer');
	await page.getByRole('button', { name: 'Add', exact: true }).click();
	await expect(page.getByRole('alert')).toContainText('e2e-viewer is not an inspector');
	await page.getByRole('button', { name: 'Undo the unsaved changes' }).click();

	await page.getByLabel('Add an inspector to the team').fill(accountFor('inspector'));
	await page.getByRole('button', { name: 'Add', exact: true }).click();
	await expectSaved(page);
	// created at revision 1, the team named at 2 (the refused change was never saved)
	const allowed = await other.request.post(`${address}/edits`, { data: { ...edit, baseRevision: 2 }, headers });
	expect(allowed.status()).toBe(200);
	await context.close();
});

test('a cross-site form post is refused even with a valid session, and one with no Origin at all', async ({ request }) => {
	const response = await request.post('/inspections?/duplicate', { form: { id: 'nope' }, headers: { origin: 'https://evil.example' } });
	expect(response.status()).toBe(403);
	expect(await response.text()).toContain('Cross-site POST form submissions are forbidden');
	const unsaid = await request.post('/inspections?/duplicate', { form: { id: 'nope' }, headers: { referer: 'https://evil.example/' } });
	expect(unsaid.status()).toBe(403);
});

test('an API token an admin issued works for the evaluate API, and a wrong one does not', async ({ page, playwright, baseURL }) => {
	await signInAs(page, 'admin');
	await page.goto('/admin/users');
	await page.getByLabel('Token for e2e-tester: what is it for?').fill('access test');
	await page.getByRole('button', { name: 'Issue token to e2e-tester' }).click();
	const token = await page.getByLabel('API token').inputValue();
	const api = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
	const body = { framework: 'hmip-youth@2018', inspection: { tallies: { '2.1.1': { relevant: 4, yes: 4 } } } };
	const ok = await api.post('/api/evaluate', { data: body, headers: { authorization: `Bearer ${token}` } });
	expect(ok.status()).toBe(200);
	expect((await ok.json()).standards['2.1'].computed).toBe('outstanding');
	const wrong = await api.post('/api/evaluate', { data: body, headers: { authorization: `Bearer ${token}x` } });
	expect(wrong.status()).toBe(401);
});
