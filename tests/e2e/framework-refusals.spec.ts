// The server, not only the page, refuses any change to a published version; saves based on a
// stale revision are refused with nothing lost; only methodology leads change frameworks.
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { signInAs } from '../support/accounts';
import { whenHydrated } from '../support/hydration';

const rulesDir = process.env.E2E_RULES_DIR!;
const published = () => readFileSync(path.join(rulesDir, 'hmip-youth', '2025', 'domains', '2.json'), 'utf8');

test('a published version cannot be changed over HTTP, whatever is sent', async ({ page, baseURL }) => {
	await signInAs(page, 'methodology-lead');
	const before = published();
	const api = page.request;
	const { files, status } = await (await api.get('/frameworks/hmip-youth/2025/draft')).json();
	expect(status).toBe('published');
	(files['domains/2.json'] as { title: string }).title = 'Changed behind the page';

	const save = await api.put('/frameworks/hmip-youth/2025/draft', { data: { revision: 1, files } });
	expect(save.status()).toBe(403);
	expect((await save.json()).message).toBe('hmip-youth@2025 is published, and a published version is never changed. Make a new draft from it instead.');

	const garbage = await api.put('/frameworks/hmip-youth/2025/draft', { data: 'not a draft', headers: { 'content-type': 'application/json' } });
	expect(garbage.status()).toBe(403);

	const discard = await api.delete('/frameworks/hmip-youth/2025/draft?revision=1');
	expect(discard.status()).toBe(403);

	// the edit page explains and offers a new draft instead of an editor (the saves above are refused whatever it shows)
	const edit = await api.get('/frameworks/hmip-youth/2025/edit');
	expect(edit.status()).toBe(200);
	const text = await edit.text();
	expect(text).toContain('Published versions never change');
	expect(text).toContain('href="/frameworks/hmip-youth/2025/new-draft"');
	expect(text).not.toContain('Save draft');

	// publishing it again: as a browser posts the form, and as an enhanced form asks for JSON
	const form = { revision: '1', 'effective-day': '1', 'effective-month': '1', 'effective-year': '2030', summary: 'again' };
	// a browser's form post carries its Origin, which SvelteKit checks before anything else
	const publish = await api.post('/frameworks/hmip-youth/2025/publish', { form, headers: { accept: 'text/html', origin: baseURL! } });
	expect(publish.status()).toBe(409);
	expect(await publish.text()).toContain('hmip-youth@2025 is already published, and a published version is never changed.');
	const enhanced = await (await api.post('/frameworks/hmip-youth/2025/publish', { form, headers: { 'x-sveltekit-action': 'true', origin: baseURL! } })).json();
	expect([enhanced.type, enhanced.status]).toEqual(['failure', 403]);
	expect(enhanced.data).toContain('hmip-youth@2025 is published, and a published version is never changed.');

	expect(published()).toBe(before);
});

test('only a methodology lead may change a framework; anonymous requests are refused', async ({ page, playwright, baseURL }) => {
	const anonymous = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
	expect((await anonymous.put('/frameworks/hmip-youth/2025/draft', { data: { revision: 1, files: {} } })).status()).toBe(401);
	const list = await anonymous.get('/frameworks', { headers: { accept: 'text/html' }, maxRedirects: 0 });
	expect(list.status()).toBe(303);
	expect(list.headers().location).toBe('/sign-in?next=%2Fframeworks');
	expect((await anonymous.get('/frameworks/__data.json')).status()).toBe(401);
	expect((await anonymous.get('/frameworks/hmip-youth/2025/export')).status()).toBe(401);
	await anonymous.dispose();

	await signInAs(page, 'inspector');
	const save = await page.request.put('/frameworks/hmip-youth/2025/draft', { data: { revision: 1, files: {} } });
	expect(save.status()).toBe(403);
	expect((await save.json()).message).toContain('Your role does not allow this');
	const newDraft = await page.request.post('/frameworks/hmip-youth/2025/new-draft', { form: { version: 'by-an-inspector' }, headers: { origin: baseURL! } });
	expect(newDraft.status()).toBe(403);
	expect(await newDraft.text()).toContain('Your role does not allow this');
	await page.goto('/frameworks/hmip-youth/2025');
	await expect(page.getByRole('link', { name: 'Make a new draft from this version' })).toHaveCount(0);
});

test('a save based on a stale revision is refused, and the later editor keeps their changes', async ({ page, browser }) => {
	await signInAs(page, 'methodology-lead');
	await page.goto('/frameworks/hmip-youth/2025/new-draft');
	await page.getByLabel('New draft from hmip-youth@2025').fill('stale-check');
	await page.getByRole('button', { name: 'Make the draft' }).click();
	await expect(page).toHaveURL(/stale-check\/edit$/);

	// HTTP: two saves from revision 1, the second refused with the current version attached
	const api = page.request;
	const { files } = await (await api.get('/frameworks/hmip-youth/stale-check/draft')).json();
	files['framework.json'].title = 'First';
	const first = await api.put('/frameworks/hmip-youth/stale-check/draft', { data: { revision: 1, files, change: 'retitled' } });
	expect(first.status()).toBe(200);
	expect((await first.json()).revision).toBe(2);
	files['framework.json'].title = 'Second';
	const second = await api.put('/frameworks/hmip-youth/stale-check/draft', { data: { revision: 1, files } });
	expect(second.status()).toBe(409);
	const refused = await second.json();
	expect(refused.message).toMatch(/^Not saved: e2e-methodology-lead changed this at .* \(retitled\) after you opened it/);
	expect(refused.current.revision).toBe(2);
	expect((await (await api.get('/frameworks/hmip-youth/stale-check/draft')).json()).files['framework.json'].title).toBe('First');

	// in the editor: this page opened revision 1; its save is refused and its edit stays on screen
	await page.reload();
	await whenHydrated(page);
	const other = await (await browser.newContext()).newPage();
	await signInAs(other, 'methodology-lead');
	await other.goto('/frameworks/hmip-youth/stale-check/edit');
	await whenHydrated(other);
	await other.getByRole('textbox', { name: 'The framework: Title', exact: true }).fill('Theirs');
	await other.getByRole('button', { name: 'Save draft' }).click();
	await expect(other.getByText('All changes saved (revision 3)')).toBeVisible();

	const title = page.getByRole('textbox', { name: 'The framework: Title', exact: true });
	await title.fill('Mine');
	await page.getByRole('button', { name: 'Save draft' }).click();
	await expect(page.getByRole('alert')).toContainText('Not saved: e2e-methodology-lead changed this');
	await expect(title).toHaveValue('Mine');
	await page.getByRole('button', { name: 'Save mine over theirs' }).click();
	await expect(page.getByText('All changes saved (revision 4)')).toBeVisible();
	const saved = await (await api.get('/frameworks/hmip-youth/stale-check/draft')).json();
	expect(saved.files['framework.json'].title).toBe('Mine');
	await other.close();
	// leave the data folder as the other tests expect it
	expect((await api.delete(`/frameworks/hmip-youth/stale-check/draft?revision=${saved.revision}`)).status()).toBe(204);
});

test('following a link from the editor with unsaved edits asks first', async ({ page }) => {
	await signInAs(page, 'methodology-lead');
	await page.goto('/frameworks/hmip-youth/2025/new-draft');
	await page.getByLabel('New draft from hmip-youth@2025').fill('leave-check');
	await page.getByRole('button', { name: 'Make the draft' }).click();
	await expect(page).toHaveURL(/leave-check\/edit$/);
	await whenHydrated(page);
	await page.getByRole('textbox', { name: 'The framework: Title', exact: true }).fill('Not saved yet');
	await expect(page.getByText('Unsaved changes')).toBeVisible();
	page.once('dialog', (dialog) => dialog.dismiss());
	await page.getByRole('link', { name: 'Back to hmip-youth@leave-check' }).click();
	await expect(page).toHaveURL(/leave-check\/edit$/);
	await expect(page.getByRole('textbox', { name: 'The framework: Title', exact: true })).toHaveValue('Not saved yet');
	await page.getByRole('button', { name: 'Save draft' }).click();
	await expect(page.getByText('All changes saved (revision 2)')).toBeVisible();
	expect((await page.request.delete('/frameworks/hmip-youth/leave-check/draft?revision=2')).status()).toBe(204);
});
