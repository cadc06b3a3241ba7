// A methodology lead makes the next revision of the framework with no code change: drafts
// hmip-youth@2026-trial from 2025, adds a standard, moves a band edge, adds a limiter and tries
// it, fixes a validation error at its field, reads the diff, publishes, and rates evidence
// against the published version. The server publishes into a temporary copy of rules/.
import { expect, test, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { signInAs } from '../support/accounts';
import { seriousViolations } from '../support/axe';
import { whenHydrated } from '../support/hydration';

const rulesDir = process.env.E2E_RULES_DIR!;

// The other browser tests share the server's rules folder and expect the shipped versions there:
// take the version this test publishes away again.
test.afterAll(() => rmSync(path.join(rulesDir, 'hmip-youth', '2026-trial'), { recursive: true, force: true }));

/** Evidence that exercises the new standard, the moved band edge and the new limiter. */
const evidence = {
	context: { inspectionType: 'iyjwcv' },
	tallies: {
		'2.1.1': { relevant: 20, yes: 18 },
		'2.1.2': { relevant: 20, yes: 18 },
		// 62%: "too few" (requires improvement) under 2025's bands; "reasonable majority" once the edge is at 60
		'2.2.1': { relevant: 50, yes: 31 },
		'2.2.2': { relevant: 50, yes: 40 },
		'2.3.1': { relevant: 20, yes: 18 },
		'2.3.2': { relevant: 20, yes: 18 },
		'V1.1': { relevant: 10, yes: 9 },
		// the new standard: 30% is inadequate
		'2.4.1': { relevant: 10, yes: 3 },
		'2.4.2': { relevant: 10, yes: 3 }
	},
	judgements: { V1: { keyQuestions: { 'V1.2': 'yes' } } },
	decisions: { V1: { rating: 'outstanding', reason: 'The panel weighed the victims work as outstanding.' } }
};

async function noSeriousViolations(page: Page) {
	expect(await seriousViolations(page)).toEqual([]);
}

/** Editor fields are named with what they belong to: "Standard 2.4: Title". */
const textbox = (page: Page, name: string) => page.getByRole('textbox', { name, exact: true });
const select = (page: Page, name: string) => page.getByRole('combobox', { name, exact: true });

async function fillSource(page: Page, what: string) {
	await textbox(page, `${what}: Source document`).fill('methodology-review-2026.txt');
	await textbox(page, `${what}: Source section`).fill('3. Reviewing');
}

test('a methodology lead drafts, edits, publishes and rates hmip-youth@2026-trial with no code change', async ({ page }) => {
	test.setTimeout(180_000);
	await signInAs(page, 'methodology-lead');

	// every framework and its versions
	await page.goto('/frameworks');
	const table = page.getByRole('table', { name: /hmip-youth/ });
	const row2025 = table.getByRole('row', { name: /^2025/ });
	await expect(row2025.getByText('Published')).toBeVisible();
	await expect(row2025.getByText('In force')).toBeVisible();
	await noSeriousViolations(page);

	// a new draft from 2025
	await row2025.getByRole('link', { name: '2025' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('2025');
	await noSeriousViolations(page);
	await page.getByRole('link', { name: 'Make a new draft from this version' }).click();
	await noSeriousViolations(page);
	await page.getByLabel('New draft from hmip-youth@2025').fill('2026-trial');
	await page.getByRole('button', { name: 'Make the draft' }).click();
	await expect(page).toHaveURL(/\/frameworks\/hmip-youth\/2026-trial\/edit$/);
	await whenHydrated(page);
	await expect(page.getByText('This draft passes every schema and meaning check')).toBeVisible();
	await textbox(page, 'The framework: Title').fill('HM Inspectorate of Probation youth justice inspection framework (2026 trial: reviewing)');

	// a standard with two key questions, each with a prompt
	await page.getByRole('button', { name: 'Add a standard to domain 2' }).click();
	await textbox(page, 'Standard 2.4: Title').fill('Reviewing');
	await textbox(page, 'Standard 2.4: Wording').fill('Reviewing of progress is well informed, analytical and personalised, actively involving the child and their parents or carers.');
	await fillSource(page, 'Standard 2.4');
	await textbox(page, 'Key question 2.4.1: Wording').fill('Does reviewing focus sufficiently on supporting the child’s desistance?');
	await fillSource(page, 'Key question 2.4.1');
	await page.getByRole('button', { name: 'Add a prompt to key question 2.4.1' }).click();
	await textbox(page, 'Prompt 2.4.1.a: Wording').fill('Does reviewing identify and respond to changes in the factors linked to desistance?');
	await fillSource(page, 'Prompt 2.4.1.a');
	await page.getByRole('button', { name: 'Add a key question to standard 2.4' }).click();
	await textbox(page, 'Key question 2.4.2: Wording').fill('Does reviewing focus sufficiently on keeping the child and other people safe?');
	await fillSource(page, 'Key question 2.4.2');
	await page.getByRole('button', { name: 'Add a prompt to key question 2.4.2' }).click();
	await textbox(page, 'Prompt 2.4.2.a: Wording').fill('Does reviewing identify and respond to changes in factors related to safety?');
	await fillSource(page, 'Prompt 2.4.2.a');

	// move the edge between "too few" and "reasonable majority" from 65% to 60% by dragging
	const caseBands = page.getByRole('group', { name: 'Key-question bands: share of relevant cases answered yes: bands on a 0 to 100% bar' });
	const edge = caseBands.getByRole('slider', { name: 'Edge between too few and reasonable majority' });
	await expect(edge).toHaveAttribute('aria-valuenow', '65');
	await edge.scrollIntoViewIfNeeded();
	const track = (await caseBands.locator('.track').boundingBox())!;
	const handle = (await edge.boundingBox())!;
	await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
	await page.mouse.down();
	await page.mouse.move(track.x + track.width * 0.62, track.y + track.height / 2, { steps: 4 });
	await page.mouse.move(track.x + track.width * 0.6, track.y + track.height / 2, { steps: 4 });
	await page.mouse.up();
	await expect(edge).toHaveAttribute('aria-valuenow', '60');
	await expect(textbox(page, 'Band reasonable majority of “case”: Lower edge')).toHaveValue('60');
	await expect(textbox(page, 'Band too few of “case”: Upper edge')).toHaveValue('60');
	// the keyboard moves it too, and undo puts it back
	await edge.focus();
	await page.keyboard.press('ArrowLeft');
	await expect(edge).toHaveAttribute('aria-valuenow', '59');
	await page.getByRole('button', { name: 'Undo' }).click();
	await expect(edge).toHaveAttribute('aria-valuenow', '60');

	// the new standard counts in the composite: the maximum no longer fits, and the error is at its field
	await page.getByRole('group', { name: 'The composite: Standards that count' }).getByRole('checkbox', { name: '2.4 Reviewing' }).check();
	const max = textbox(page, 'The composite: Maximum score');
	await expect(max).toHaveAccessibleDescription(/max is 12, but 5 standards scoring up to 3 make 15/);
	await page.getByRole('link', { name: /Maximum score of the composite: max is 12, but 5 standards scoring up to 3 make 15/ }).click();
	await expect(max).toBeFocused();
	await max.fill('15');
	await expect(max).not.toHaveAccessibleDescription(/max is/);
	await expect(page.getByText('no band holds scores 13 to 15')).toBeVisible();
	await textbox(page, 'Outstanding scores: To').fill('15');
	await expect(page.getByText('Every score from 0 to 15 has exactly one rating.')).toBeVisible();

	// a limiter made with the condition builder
	await page.getByRole('button', { name: 'Add a limiter' }).click();
	await textbox(page, 'Limiter new-limiter: Id').fill('reviewing-cap');
	const limiter = page.getByRole('group', { name: 'Limiter reviewing-cap', exact: true });
	await textbox(page, 'Limiter reviewing-cap: Text').fill('A service whose reviewing (2.4) is inadequate cannot be rated better than requires improvement overall.');
	await fillSource(page, 'Limiter reviewing-cap');
	await limiter.getByRole('combobox', { name: 'Limiter reviewing-cap: Overall rating at most', exact: true }).selectOption({ label: 'Requires improvement' });
	await limiter.getByRole('button', { name: 'Add a condition to the conditions' }).click();
	await limiter.getByRole('combobox', { name: 'Condition 1: Fact', exact: true }).selectOption({ label: 'Rating of a standard' });
	await limiter.getByRole('combobox', { name: 'Condition 1: Standard', exact: true }).selectOption({ label: '2.4 Reviewing' });
	await limiter.getByRole('combobox', { name: 'Condition 1: Comparison', exact: true }).selectOption({ label: 'is' });
	await limiter.getByRole('combobox', { name: 'Condition 1: Value', exact: true }).selectOption({ label: 'Inadequate' });
	const raw = limiter.getByLabel('Raw JSON (json-rules-engine)');
	expect(JSON.parse(await raw.inputValue())).toEqual({ all: [{ fact: 'rating', params: { standard: '2.4' }, operator: 'equal', value: 'inadequate' }] });
	await expect(limiter.getByText('In words: rating of 2.4 is inadequate')).toBeVisible();

	// try it: against a golden file it does not fire (2.4 has no evidence there), against evidence for 2.4 it does
	await limiter.getByLabel('Evidence to try limiter reviewing-cap against').selectOption({ label: '2025/planning-worked-example.json' });
	await limiter.getByRole('button', { name: 'Try it against limiter reviewing-cap' }).click();
	await expect(limiter.getByText('The condition does not hold for this evidence')).toBeVisible();
	const why = limiter.getByRole('listitem').filter({ hasText: 'rating of 2.4 is inadequate: it was' }).last();
	await expect(why).toContainText('it was no rating yet (needs decision)');
	await limiter.getByText('Or paste evidence').click();
	await limiter.getByLabel(/Evidence as JSON/).fill(JSON.stringify({ inspection: evidence }));
	await limiter.getByRole('button', { name: 'Try it against limiter reviewing-cap' }).click();
	await expect(limiter.getByText('The condition holds for this evidence', { exact: true })).toBeVisible();
	await expect(why).toContainText('it was inadequate');

	await expect(page.getByText('This draft passes every schema and meaning check')).toBeVisible();
	await noSeriousViolations(page);
	await page.getByRole('button', { name: 'Save draft' }).click();
	await expect(page.getByText(/All changes saved \(revision 2\)/)).toBeVisible();

	// the diff against 2025, as a methodology lead reads it
	await page.getByRole('link', { name: 'compare the saved draft with 2025' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('What changed from 2025 to 2026-trial');
	const section = (name: string) => page.getByRole('region', { name });
	await expect(section('Standards')).toContainText('Standard 2.4 Reviewing');
	await expect(section('Key questions')).toContainText('Key question 2.4.1');
	await expect(section('Key questions')).toContainText('Key question 2.4.2');
	await expect(section('Prompts')).toContainText('Prompt 2.4.1.a');
	await expect(section('Bandings')).toContainText('good (reasonable majority): range');
	await expect(section('Bandings')).toContainText('65–80%');
	await expect(section('Bandings')).toContainText('60–80%');
	await expect(section('Limiters')).toContainText('Limiter reviewing-cap');
	await expect(section('Limiters')).toContainText('when: rating of 2.4 is inadequate');
	await expect(section('Composite (overall rating)')).toContainText('maximum score');
	await noSeriousViolations(page);

	// publish
	await page.goto('/frameworks/hmip-youth/2026-trial/publish');
	await noSeriousViolations(page);
	await page.getByRole('button', { name: 'Publish hmip-youth@2026-trial' }).click();
	await expect(page.locator('#effective-error')).toContainText('Enter the date this version takes effect');
	await page.getByLabel('Day').fill('1');
	await page.getByLabel('Month').fill('4');
	await page.getByLabel('Year').fill('2026');
	await page.getByLabel('Change summary').fill('Trial of a reviewing standard (2.4) in the composite, the good band from 60%, and a limiter on inadequate reviewing.');
	await page.getByRole('button', { name: 'Publish hmip-youth@2026-trial' }).click();
	await expect(page.getByText('hmip-youth@2026-trial is published.')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Edit this draft' })).toHaveCount(0);
	const row = (key: string) => page.locator('.govuk-summary-list__row').filter({ has: page.getByRole('term').getByText(key, { exact: true }) });
	await expect(row('Status')).toContainText('Published');
	await expect(row('Effective from')).toContainText('1 April 2026');
	await page.getByRole('link', { name: 'Audit trail' }).click();
	await expect(page.getByRole('heading', { name: 'Audit trail: hmip-youth@2026-trial' })).toBeVisible();
	await expect(page.getByRole('row').filter({ hasText: 'published, effective from 2026-04-01: Trial of a reviewing standard' })).toContainText('e2e-methodology-lead');
	await page.goBack();
	await whenHydrated(page);

	// the files are under the (temporary) rules folder, with the hash the page shows
	const dir = path.join(rulesDir, 'hmip-youth', '2026-trial');
	expect(existsSync(path.join(dir, 'domains', '2.json'))).toBe(true);
	const publication = JSON.parse(readFileSync(path.join(dir, 'publication.json'), 'utf8'));
	await expect(page.locator('code.hash')).toHaveText(publication.hash);
	expect(readFileSync(path.join(dir, 'bandings.json'), 'utf8')).toContain('"min": 60');

	// rate evidence against the published version: the new standard, band and limiter are in effect
	await page.getByLabel('Or paste evidence as JSON').fill(JSON.stringify({ inspection: evidence }));
	await page.getByRole('button', { name: 'Rate' }).click();
	const ratings = page.getByRole('table', { name: 'Standards' });
	await expect(ratings.getByRole('row', { name: /^2\.4 Reviewing/ })).toContainText('Inadequate');
	await expect(ratings.getByRole('row', { name: /^2\.2 Planning/ })).toContainText('Good');
	await expect(page.getByRole('heading', { name: 'Overall: Requires improvement' })).toBeVisible();
	await expect(row('Limiter')).toContainText('reviewing-cap: A service whose reviewing (2.4) is inadequate');

	// and the command line agrees, reading the published files
	const file = path.join(mkdtempSync(path.join(tmpdir(), 'yardstick-rate-')), 'inspection.json');
	writeFileSync(file, JSON.stringify({ framework: 'hmip-youth@2026-trial', inspection: evidence }));
	const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/rate.ts', file, '--json'], { encoding: 'utf8', env: { ...process.env, RULES_DIR: rulesDir } });
	expect(run.status, run.stderr).toBe(0);
	const result = JSON.parse(run.stdout);
	expect(result.standards['2.4'].final).toBe('inadequate');
	expect(result.standards['2.2'].final).toBe('good');
	expect(result.composite.score).toBe(11);
	expect(result.composite.limiter.id).toBe('reviewing-cap');
	expect(result.composite.rating).toBe('requires-improvement');

	// the list shows it published, in force from its date
	await page.goto('/frameworks?on=2026-04-01');
	const listed = page.getByRole('table', { name: /hmip-youth/ }).getByRole('row', { name: /^2026-trial/ });
	await expect(listed.getByText('Published')).toBeVisible();
	await expect(listed.getByText('In force')).toBeVisible();
});
