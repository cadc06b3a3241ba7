// Issue 11, as the methodology lead, the inspector, the admin and the newcomer met it: a draft
// broken beyond repair (1), errors in the file format's words (4), audit noise (5), misleading
// words (8), finding things (10). The first run (14) is in first-run.spec.ts.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { signInAs } from '../support/accounts';
import { seriousViolations } from '../support/axe';
import { whenHydrated } from '../support/hydration';
import { expectSaved, openTab } from '../support/workspace-e2e';

const dataDir = process.env.E2E_DATA_DIR!;

async function noSeriousViolations(page: Page) {
	expect(await seriousViolations(page)).toEqual([]);
}

/** A page that throws in the browser (a Svelte each_key_duplicate, say) goes blank: collect them. */
function pageErrors(page: Page): string[] {
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(e.message));
	return errors;
}

async function newDraft(page: Page, version: string) {
	await page.goto('/frameworks/hmip-youth/2025/new-draft');
	await page.getByLabel('New draft from hmip-youth@2025').fill(version);
	await page.getByRole('button', { name: 'Make the draft' }).click();
	await expect(page).toHaveURL(new RegExp(`/frameworks/hmip-youth/${version}/edit$`));
	await whenHydrated(page);
}

test('item 1: standard 2.2 renumbered 2.1 is refused at its field and never saved; a broken stored draft still shows, with discard and the raw files', async ({ page, baseURL }) => {
	test.setTimeout(180_000);
	page.on('dialog', (dialog) => dialog.accept());
	const errors = pageErrors(page);
	await signInAs(page, 'methodology-lead');
	await newDraft(page, 'dup-trial');

	await page.locator('summary').filter({ hasText: 'Standard 2.2' }).click();
	const number = page.getByRole('textbox', { name: 'Standard 2.2: Number', exact: true });
	const id = await number.getAttribute('id');
	await number.fill('2.1');
	const field = page.locator(`#${id}`);
	await expect(field).toHaveAccessibleDescription(/"2\.1" is already the number of another standard: each needs a number of its own/);
	const summary = page.locator('#validation-summary');
	await expect(summary.getByRole('heading')).toHaveText('1 problem to fix before this draft can be saved');
	await expect(summary.getByRole('link', { name: 'Number of standard 2.1: "2.1" is already the number of another standard: each needs a number of its own' })).toBeVisible();
	await expect(summary).toContainText('(domains/2.json /standards/1/id)');
	await noSeriousViolations(page);

	await page.getByRole('button', { name: 'Save draft' }).click();
	await expect(page.getByRole('alert').filter({ hasText: 'Not saved: fix the problem listed below first' })).toBeVisible();
	await expect(page.getByText('Unsaved changes')).toBeVisible();
	// the server refuses it too, whatever the browser does
	const stored = await (await page.request.get('/frameworks/hmip-youth/dup-trial/draft')).json();
	expect(stored.revision).toBe(1);
	stored.files['domains/2.json'].standards[1].id = '2.1';
	const put = await page.request.put('/frameworks/hmip-youth/dup-trial/draft', { data: { revision: 1, files: stored.files }, headers: { origin: baseURL! } });
	expect(put.status()).toBe(400);
	const refused = await put.json();
	expect(refused.issues[0]).toMatchObject({ file: 'domains/2.json', pointer: '/standards/1/id' });
	expect(refused.message).toMatch(/^Not saved: 1 problem must be fixed first/);
	await page.getByRole('button', { name: 'Undo' }).click();
	await expect(page.getByText('This draft passes every schema and meaning check')).toBeVisible();
	await expect(page.getByText('Not saved: fix the problem listed below first')).toHaveCount(0);

	// a draft stored broken (before this check, or by hand) still opens, says what is wrong and offers a way out
	const file = path.join(dataDir, 'drafts', 'hmip-youth__dup-trial.json');
	const doc = JSON.parse(readFileSync(file, 'utf8'));
	doc.value['domains/2.json'].standards[1].id = '2.1';
	writeFileSync(file, JSON.stringify(doc));
	await page.goto('/frameworks/hmip-youth/dup-trial');
	await whenHydrated(page);
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expect(page.getByText('This version does not validate.')).toBeVisible();
	await expect(page.getByText('Number of standard 2.1: "2.1" is already the number of another standard')).toBeVisible();
	await expect(page.locator('#broken-draft')).toContainText('Its files break the format');
	await expect(page.locator('#broken-draft').getByRole('link', { name: 'download its raw files' })).toHaveAttribute('href', '/frameworks/hmip-youth/dup-trial/export');
	await expect(page.getByRole('heading', { name: '2.1 Planning', exact: true })).toBeVisible();
	await noSeriousViolations(page);

	await page.getByRole('link', { name: 'Edit this draft' }).click();
	await whenHydrated(page);
	await expect(page.getByRole('heading', { name: 'Edit the draft' })).toBeVisible();
	await expect(page.getByText('This draft has 1 problem that stops it being saved.')).toBeVisible();
	await expect(page.locator('#validation-summary').getByRole('link', { name: /^Number of standard 2\.1: "2\.1" is already the number/ })).toBeVisible();
	// the fix is made where the problem is
	await page.locator('#validation-summary').getByRole('link', { name: /^Number of standard 2\.1/ }).click();
	await expect(page.locator(`#${id}`)).toBeFocused();
	await page.locator(`#${id}`).fill('2.2');
	await expect(page.getByText('This draft passes every schema and meaning check')).toBeVisible();
	await page.getByRole('button', { name: 'Save draft' }).click();
	await expect(page.getByText(/All changes saved \(revision 2\)/)).toBeVisible();

	// or thrown away from its page
	await page.goto('/frameworks/hmip-youth/dup-trial');
	await page.getByRole('button', { name: 'Discard this draft' }).click();
	await expect(page).toHaveURL(/\/frameworks$/);
	expect(errors).toEqual([]);
});

test('item 4: a new prompt without a source is named in words at its own field, not at the domain heading', async ({ page }) => {
	test.setTimeout(120_000);
	page.on('dialog', (dialog) => dialog.accept());
	await signInAs(page, 'methodology-lead');
	await newDraft(page, 'words-trial');
	await page.locator('summary').filter({ hasText: 'Standard 2.1' }).click();
	await page.getByRole('button', { name: 'Add a prompt to key question 2.1.1' }).click();
	const summary = page.locator('#validation-summary');
	await expect(summary.getByRole('link', { name: 'Enter the source document of prompt 2.1.1.a' })).toBeVisible();
	await expect(summary.getByRole('link', { name: 'Enter the source section of prompt 2.1.1.a' })).toBeVisible();
	await expect(summary).toContainText('(domains/2.json /standards/0/keyQuestions/0/prompts/0/source/document)');
	await expect(summary).not.toContainText('must not be empty');
	const document = page.getByRole('textbox', { name: 'Prompt 2.1.1.a: Source document', exact: true });
	await expect(document).toHaveAccessibleDescription(/Enter the source document of prompt 2\.1\.1\.a/);

	// with the standard closed the problems wait at it (its tag counts them), not at the domain's heading
	await page.locator('summary').filter({ hasText: 'Standard 2.1' }).click();
	await expect(page.locator('summary').filter({ hasText: 'Standard 2.1' })).toContainText('2 errors');
	await expect(page.locator('section.domain > .govuk-error-message')).toHaveCount(0);
	await summary.getByRole('link', { name: 'Enter the source document of prompt 2.1.1.a' }).click();
	await expect(document).toBeFocused();
	await noSeriousViolations(page);
	await document.fill('methodology-review-2026.txt');
	await page.getByRole('textbox', { name: 'Prompt 2.1.1.a: Source section', exact: true }).fill('2.1 Assessing');
	await expect(summary.getByRole('link', { name: 'Enter the wording of prompt 2.1.1.a' })).toBeVisible();
	await page.getByRole('textbox', { name: 'Prompt 2.1.1.a: Wording', exact: true }).fill('Does assessing draw on the child’s own account?');
	await expect(page.getByText('This draft passes every schema and meaning check')).toBeVisible();
});

test('item 4: a version import refused in words, with the file and pointer beside them', async ({ page }) => {
	await signInAs(page, 'methodology-lead');
	const dir = 'rules/hmip-youth/2025';
	const read = (f: string) => JSON.parse(readFileSync(path.join(dir, f), 'utf8'));
	const meta = read('framework.json');
	meta.version = 'import-words';
	delete meta.title;
	const files: Record<string, Uint8Array> = { 'framework.json': strToU8(JSON.stringify(meta)) };
	for (const f of ['bandings.json', 'rules.json', 'composite.json', ...meta.domains]) files[f] = strToU8(readFileSync(path.join(dir, f), 'utf8'));
	const zip = path.join(mkdtempSync(path.join(tmpdir(), 'yardstick-import-')), 'no-title.zip');
	writeFileSync(zip, zipSync(files));
	await page.goto('/frameworks/import');
	await page.getByLabel('Zip file').setInputFiles(zip);
	await page.getByRole('button', { name: 'Import' }).click();
	const summary = page.locator('.govuk-error-summary');
	await expect(summary).toContainText('no-title.zip is not a valid version: nothing was imported');
	await expect(summary.getByRole('link', { name: /^Enter the title of the framework \(no-title\.zip\/framework\.json \/\)$/ })).toBeVisible();
	await noSeriousViolations(page);
});

test('item 4: an inspection import refused in words: a golden file without its name', async ({ page }) => {
	await signInAs(page, 'inspector');
	const golden = JSON.parse(readFileSync('tests/golden/2018/panel-decision-within-discretion.json', 'utf8'));
	delete golden.name;
	const file = path.join(mkdtempSync(path.join(tmpdir(), 'yardstick-noname-')), 'no-name.json');
	writeFileSync(file, JSON.stringify(golden));
	await page.goto('/inspections/import');
	await page.getByLabel('Upload a file').setInputFiles(file);
	await page.getByRole('button', { name: /Import/ }).click();
	const summary = page.getByRole('alert');
	await expect(summary.getByRole('link')).toHaveText('The file has no service name ("name") (no-name.json at /)');
	await expect(summary).not.toContainText('missing required property');
	await noSeriousViolations(page);
});

test('item 8: a published version’s edit page says it never changes and offers a new draft', async ({ page }) => {
	await signInAs(page, 'methodology-lead');
	const response = await page.goto('/frameworks/hmip-youth/2025/edit');
	expect(response?.status()).toBe(200);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Published versions never change');
	await expect(page.getByText('You do not have access to this')).toHaveCount(0);
	await noSeriousViolations(page);
	await page.setViewportSize({ width: 320, height: 800 });
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
	await page.getByRole('link', { name: 'Make a new draft from hmip-youth@2025' }).focus();
	await expect(page.getByRole('link', { name: 'Make a new draft from hmip-youth@2025' })).toBeFocused();
	await page.getByRole('link', { name: 'Make a new draft from hmip-youth@2025' }).click();
	await expect(page).toHaveURL(/\/frameworks\/hmip-youth\/2025\/new-draft$/);
});

test('item 8: one line for what the guidance suggests; an empty inspection is "Not started" in the list', async ({ page }) => {
	test.setTimeout(120_000);
	await signInAs(page, 'inspector');
	// 2021's 1.1 has two guidance rules: the default judgement and the share of positive answers
	await page.goto('/inspections/new');
	await whenHydrated(page);
	await page.getByLabel('Service inspected').fill('Wordshire YJS');
	await page.getByRole('radio', { name: /\(2021/ }).check();
	await page.getByRole('button', { name: 'Create inspection' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Wordshire YJS' })).toBeVisible();
	await whenHydrated(page);
	const address = new URL(page.url()).pathname;

	await page.goto('/inspections');
	const row = page.getByRole('table', { name: 'All inspections' }).getByRole('row', { name: /^Wordshire YJS / });
	await expect(row).toContainText('Not started');
	await expect(row).not.toContainText('Needs a panel decision');

	await page.goto(address);
	await whenHydrated(page);
	await openTab(page, 'Qualitative standards');
	for (const kq of ['1.1.1', '1.1.2']) await page.locator(`#kq-${kq.replace(/\./g, '-')}-yes`).check();
	await page.locator('#kq-1-1-3-no').check();
	await expectSaved(page);
	const standard = page.locator('.govuk-inset-text').filter({ hasText: /guidance points|rules suggest/ }).first();
	await expect(standard).toContainText('The guidance points to different ratings');
	await expect(standard.getByText(/^The rules suggest/)).toHaveCount(0);
	await page.goto('/inspections');
	await expect(row).toContainText('Not yet rated');
});

test('item 8: "(flagged)" goes once the panel decides, and comes back when the decision is withdrawn', async ({ page }) => {
	test.setTimeout(120_000);
	// the default account is an inspector and a panel member; 2.1 and 2.2 are flagged and decided
	const golden = JSON.parse(readFileSync('tests/golden/2018/panel-decision-within-discretion.json', 'utf8'));
	golden.name = 'Flagshire YOS';
	const file = path.join(mkdtempSync(path.join(tmpdir(), 'yardstick-flag-')), 'flagshire.json');
	writeFileSync(file, JSON.stringify(golden));
	await page.goto('/inspections/import');
	await page.getByLabel('Upload a file').setInputFiles(file);
	await page.getByRole('button', { name: /Import/ }).click();
	await expect(page).toHaveURL(/\?imported=/);
	await whenHydrated(page);
	const item = (id: string) => page.getByRole('region', { name: 'Ratings now' }).getByRole('listitem').filter({ hasText: new RegExp(`^\\s*${id.replace('.', '\\.')}\\s`) });
	await expect(item('2.1')).toContainText('Requires improvement');
	await expect(item('2.1')).not.toContainText('(flagged)');
	await expect(item('2.2')).not.toContainText('(flagged)');
	await openTab(page, 'Panel');
	await page.getByRole('button', { name: 'Withdraw the decision on 2.1' }).click();
	await expectSaved(page);
	await expect(item('2.1')).toContainText('(flagged)');
	await expect(item('2.2')).not.toContainText('(flagged)');
});

test('item 5: a departure from decision guidance is audited once, with its reason, not while the reason is being typed', async ({ page }) => {
	test.setTimeout(120_000);
	await signInAs(page, 'inspector');
	// 2021 golden evidence where 1.3 good departs from its guidance; 1.3 not yet proposed
	const golden = JSON.parse(readFileSync('tests/golden/2021/guidance-departures-with-and-without-reason.json', 'utf8'));
	delete golden.inspection.judgements['1.3'];
	golden.name = 'Departshire YJS';
	const file = path.join(mkdtempSync(path.join(tmpdir(), 'yardstick-depart-')), 'departshire.json');
	writeFileSync(file, JSON.stringify(golden));
	await page.goto('/inspections/import');
	await page.getByLabel('Upload a file').setInputFiles(file);
	await page.getByRole('button', { name: /Import/ }).click();
	await expect(page).toHaveURL(/\/inspections\/[^/]+\?imported=/);
	await whenHydrated(page);
	const workspace = new URL(page.url()).pathname;
	const id = workspace.split('/').pop()!;

	await openTab(page, 'Qualitative standards');
	await page.getByRole('group', { name: 'Proposed rating for 1.3' }).getByRole('radio', { name: 'Good', exact: true }).check();
	await expectSaved(page);
	const audit = async () => {
		await page.goto(`/audit?kind=inspection&id=${id}`);
		return page.locator('tbody tr').filter({ hasText: 'departing from decision guidance' });
	};
	await expect(await audit()).toHaveCount(0);

	await page.goto(workspace);
	await whenHydrated(page);
	await openTab(page, 'Qualitative standards');
	const reason = page.locator('#reason-1-3');
	await reason.fill('Partnership work with courts is strong despite 2.3.');
	await reason.press('Tab');
	await expectSaved(page);
	const rows = await audit();
	await expect(rows).toHaveCount(1);
	await expect(rows).toContainText('1.3 rated good, departing from decision guidance partnerships-good');
	await expect(rows).toContainText('Reason: Partnership work with courts is strong despite 2.3.');
	await expect(page.getByText('with no reason recorded')).toHaveCount(0);
});

test('item 10: the admin’s header leads to Accounts and the audit trail; the trail names inspections and uses GOV.UK dates; copies are told apart', async ({ page }) => {
	test.setTimeout(120_000);
	// two copies of one imported file, made by an inspector
	await signInAs(page, 'inspector');
	const golden = readFileSync('tests/golden/2021/guidance-departures-with-and-without-reason.json', 'utf8');
	const file = path.join(mkdtempSync(path.join(tmpdir(), 'yardstick-twice-')), 'twice.json');
	writeFileSync(file, golden.replace(/"name": "[^"]*"/, '"name": "Twiceshire YJS"'));
	for (let i = 0; i < 2; i++) {
		await page.goto('/inspections/import');
		await page.getByLabel('Upload a file').setInputFiles(file);
		await page.getByRole('button', { name: /Import/ }).click();
		await expect(page).toHaveURL(/\?imported=/);
	}
	await page.goto('/inspections');
	const copies = page.getByRole('table', { name: 'All inspections' }).getByRole('rowheader').filter({ hasText: 'Imported from twice.json by e2e-inspector' });
	await expect(copies).toHaveCount(2);
	const [first, second] = await copies.allInnerTexts();
	expect(first).toMatch(/Imported from twice\.json by e2e-inspector, \d{1,2} [A-Z][a-z]+ \d{4}, (\d{1,2}:\d{2}[ap]m|midday|midnight)/);
	expect(second).toMatch(/Imported from twice\.json/);
	await page.getByRole('table', { name: 'All inspections' }).getByRole('row').filter({ hasText: 'Imported from twice.json' }).first().getByRole('button', { name: /^Duplicate/ }).click();
	await expect(page.getByRole('table', { name: 'All inspections' }).getByRole('rowheader').filter({ hasText: /Duplicated from .+ by e2e-inspector, \d{1,2} [A-Z][a-z]+ \d{4}/ })).toHaveCount(1);
	await expect(page.getByRole('link', { name: 'Accounts' })).toHaveCount(0);
	// one copy deleted: the trail still names it
	await page.getByRole('table', { name: 'All inspections' }).getByRole('row').filter({ hasText: 'Imported from twice.json' }).first().getByRole('link', { name: /^Delete/ }).click();
	await page.getByRole('button', { name: 'Delete inspection' }).click();
	await expect(page.getByRole('alert')).toContainText('Deleted the inspection of Twiceshire YJS');

	await signInAs(page, 'admin');
	const menu = page.getByRole('navigation', { name: 'Menu' });
	await menu.getByRole('link', { name: 'Accounts' }).click();
	await expect(page).toHaveURL(/\/admin\/users$/);
	await menu.getByRole('link', { name: 'Audit trail' }).click();
	await expect(page).toHaveURL(/\/audit$/);
	await expect(page.getByRole('link', { name: 'Audit trail' })).toHaveAttribute('aria-current', 'page');
	const when = page.locator('tbody tr').first().locator('time');
	await expect(when).toHaveText(/^\d{1,2} [A-Z][a-z]+ \d{4}, (\d{1,2}:\d{2}[ap]m|midday|midnight)$/);
	await expect(page.locator('tbody')).not.toContainText(' UTC');
	// an inspection by its service name, not its id
	await expect(page.locator('tbody tr').filter({ hasText: 'inspection of Twiceshire YJS deleted' }).getByRole('link', { name: 'inspection Twiceshire YJS (deleted)' })).toBeVisible();
	await expect(page.locator('tbody tr a').filter({ hasText: /^inspection [0-9a-f]{8}-[0-9a-f]{4}-/ })).toHaveCount(0);
	await noSeriousViolations(page);
});
