import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { signInAs } from '../support/accounts';
import { MOVED_VERSION } from '../support/e2e-rules';

async function expectNoSeriousViolations(page: Page) {
	const { violations } = await new AxeBuilder({ page }).analyze();
	const serious = violations
		.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
		.map(({ id, impact, help, nodes }) => ({ id, impact, help, targets: nodes.map((node) => node.target) }));
	expect(serious).toEqual([]);
}

/** A copy of the shipped golden files inside the project (test-results/…), never the repository's own. */
function goldenCopy(): { absolute: string; relative: string } {
	const absolute = test.info().outputPath('golden');
	cpSync('tests/golden', absolute, { recursive: true });
	return { absolute, relative: path.relative(process.cwd(), absolute) };
}

async function runGoldenFiles(page: Page, folder: string) {
	await page.goto('/regression');
	await page.getByRole('radio', { name: 'Golden files in a folder of the project' }).check();
	await page.getByRole('textbox', { name: 'Folder in the project' }).fill(folder);
	await page.getByRole('button', { name: 'Run golden files' }).click();
	// The run page shows a progress bar, then the results.
	await expect(page.getByRole('heading', { level: 1, name: 'Golden run' })).toBeVisible();
	await expect(page.getByRole('table', { name: 'Results' })).toBeVisible({ timeout: 30_000 });
}

test.describe('as a tester', () => {
	test.beforeEach(async ({ page }) => {
		await signInAs(page, 'tester');
	});

	test('a tester runs the shipped golden files and every one passes', async ({ page }) => {
		await runGoldenFiles(page, 'tests/golden');

		await expect(page.getByRole('status')).toHaveText('38 files passed, 0 files failed, 0 invalid');
		const results = page.getByRole('table', { name: 'Results' });
		await expect(results.getByRole('row')).toHaveCount(39);
		await expect(results.getByRole('cell', { name: 'Pass', exact: true })).toHaveCount(38);
		await expect(results.getByRole('row').filter({ hasText: '2021/rule-1.1-outstanding-kept.json' })).toContainText('Pass');
		await expectNoSeriousViolations(page);
	});

	test('a broken expectation shows its diff and trace, and accepting the actual rating rewrites the file', async ({ page }) => {
		const golden = goldenCopy();
		const label = '2021/guidance-departure-reason-in-decision.json';
		const file = path.join(golden.absolute, label);
		const original = readFileSync(file, 'utf8');
		// Break one expectation on purpose: 2.1 is good, expect outstanding.
		const expectation = JSON.parse(original).expected;
		expectation.standards = { ...expectation.standards, '2.1': 'outstanding' };
		writeFileSync(file, original.replace(/"expected": \{[\s\S]*\}\s*\}\s*$/, `"expected": ${JSON.stringify(expectation, null, 2).replace(/\n/g, '\n  ')}\n}\n`));

		await runGoldenFiles(page, golden.relative);
		await expect(page.getByRole('status')).toHaveText('37 files passed, 1 file failed, 0 invalid');
		await expect(page.getByRole('table', { name: 'Results' }).getByRole('row').filter({ hasText: label })).toContainText('Fail');

		const failure = page.getByRole('region', { name: label });
		const diff = failure.getByRole('table', { name: 'Expected and actual ratings that differ' });
		await expect(diff.getByRole('row', { name: '2.1 Assessment: final rating Outstanding Good' })).toBeVisible();
		await expect(failure.getByRole('listitem').filter({ hasText: '2.1 Assessment: good — 2.1.1 had 18 of 25 relevant cases (72%)' })).toBeVisible();
		await expectNoSeriousViolations(page);

		await failure.getByRole('link', { name: `Accept actual as expected for ${label}` }).click();
		await expect(page.getByRole('heading', { level: 1, name: 'Accept actual as expected' })).toBeVisible();
		const changes = page.getByRole('table', { name: 'What changes' });
		await expect(changes.getByRole('row')).toHaveCount(2);
		await expect(changes.getByRole('row', { name: '2.1 Assessment: final rating Outstanding Good' })).toBeVisible();
		await expect(page.locator('pre').getByText('"2.1": "outstanding"')).toBeVisible();
		await expect(page.locator('pre').getByText('"2.1": "good"')).toBeVisible();
		await expectNoSeriousViolations(page);

		await page.getByRole('button', { name: 'Accept and rewrite the file' }).click();
		await expect(page.getByRole('alert').filter({ hasText: 'Success' })).toContainText(`${label} now expects what it gets`);
		await expect(page.getByRole('alert')).toContainText('standards.2.1: outstanding → good');
		expect(JSON.parse(readFileSync(file, 'utf8')).expected.standards['2.1']).toBe('good');
		await expect(page.getByRole('table', { name: 'Results' }).getByRole('row').filter({ hasText: label })).toContainText('Pass');

		await page.goto('/audit?kind=golden-file');
		await expect(page.getByRole('row').filter({ hasText: `expectations of ${golden.relative}/${label} accepted from actual results: standards.2.1: outstanding → good` })).toContainText('e2e-tester');

		await runGoldenFiles(page, golden.relative);
		await expect(page.getByRole('status')).toHaveText('38 files passed, 0 files failed, 0 invalid');
	});

	test('an uploaded golden file can be run, accepted and downloaded again', async ({ page }) => {
		const text = readFileSync('tests/golden/2018/discretion-one-case.json', 'utf8');
		const golden = JSON.parse(text);
		const [id, rating] = Object.entries(golden.expected.standards as Record<string, string>)[0];
		const broken = text.replace(`"${id}": "${rating}"`, `"${id}": "${rating === 'inadequate' ? 'outstanding' : 'inadequate'}"`);

		await page.goto('/regression');
		await page.getByRole('radio', { name: 'Golden files I upload' }).check();
		await page.getByLabel('Golden files to upload').setInputFiles({ name: 'uploaded.json', mimeType: 'application/json', buffer: Buffer.from(broken) });
		await page.getByRole('button', { name: 'Run golden files' }).click();
		await expect(page.getByRole('status')).toHaveText('0 files passed, 1 file failed, 0 invalid', { timeout: 30_000 });

		await page.getByRole('link', { name: 'Accept actual as expected for uploaded.json' }).click();
		await page.getByRole('button', { name: 'Accept and rewrite the file' }).click();
		const download = page.waitForEvent('download');
		await page.getByRole('link', { name: 'Download the updated uploaded.json' }).click();
		const saved = await (await download).path();
		expect(readFileSync(saved, 'utf8')).toBe(text);
	});

	test('folders outside the project are refused, with the problem at the field', async ({ page }) => {
		await page.goto('/regression');
		await page.getByRole('radio', { name: 'Golden files in a folder of the project' }).check();
		await page.getByRole('textbox', { name: 'Folder in the project' }).fill('../');
		await page.getByRole('button', { name: 'Run golden files' }).click();

		const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
		await expect(summary.getByRole('link', { name: 'The path must stay inside the project folder: it cannot contain ..' })).toBeVisible();
		await expect(page.getByRole('textbox', { name: 'Folder in the project' })).toHaveAccessibleDescription(/Error:\s+The path must stay inside the project folder/);
		await expect(page).toHaveTitle(/^Error: /);
		await expectNoSeriousViolations(page);
	});

	test('the impact of a moved band edge: what moves, and the inspections whose overall rating changes, with why', async ({ page }) => {
		await page.goto('/regression/impact');
		await expectNoSeriousViolations(page);
		await page.getByRole('radio', { name: 'Golden files in a folder of the project' }).check();
		await page.getByRole('textbox', { name: 'Folder in the project' }).fill('tests/golden/2021');
		await page.getByLabel('Compare from').selectOption('hmip-youth@2021');
		await page.getByLabel('Compare with').selectOption(MOVED_VERSION);
		await page.getByRole('button', { name: 'Show the impact' }).click();

		await expect(page.getByRole('heading', { level: 1, name: `Impact of ${MOVED_VERSION} against hmip-youth@2021` })).toBeVisible();
		await expect(page.getByRole('status')).toHaveText('18 inspections, 18 rated under both versions. The overall rating would change for 2 inspections.', { timeout: 30_000 });

		await expect(page.getByRole('img', { name: 'Ratings that went down and up, per standard and overall' })).toBeVisible();
		const movement = page.getByRole('table', { name: 'Movement per standard' });
		// 18 of 25 (72%) was good and is now requires improvement.
		await expect(movement.getByRole('row', { name: /^2\.2 Planning 0 7 11 0 7 down 1 step$/ })).toBeVisible();
		await expect(movement.getByRole('row', { name: /^Overall \(composite\) 0 2 16 0 2 down 1 step/ })).toBeVisible();

		for (const name of [
			'2021: a panel decision departing from guidance, its reason taken from the decision',
			'2021: decision guidance departed from, once with a recorded reason and once without'
		]) {
			const changed = page.getByRole('region', { name });
			await expect(changed).toContainText('Good under hmip-youth@2021, Requires improvement under hmip-youth@2021-moved');
			const why = changed.getByRole('table', { name: 'Standards that moved, and why' });
			await expect(why.getByRole('row').filter({ hasText: '2.1 Assessment' })).toContainText('2.1.1 had 18 of 25 relevant cases (72%)');
		}
		await expectNoSeriousViolations(page);
	});

	test('the impact on stored inspections lists the ones whose rating would change', async ({ page }) => {
		const dir = path.join(process.env.E2E_DATA_DIR!, 'inspections');
		const id = `e2e-impact-${Date.now()}`;
		const evidence = JSON.parse(readFileSync('tests/golden/2021/guidance-departures-with-and-without-reason.json', 'utf8')).inspection;
		const now = new Date().toISOString();
		mkdirSync(dir, { recursive: true });
		const file = path.join(dir, `${id}.json`);
		writeFileSync(file, JSON.stringify({ id, revision: 1, createdAt: now, updatedAt: now, updatedBy: 'e2e', change: 'created', value: { serviceName: 'Example YOS (stored)', framework: 'hmip-youth@2021', frameworkHash: 'sha256:test', status: 'complete', evidence } }));
		try {
			await page.goto('/regression/impact');
			await page.getByRole('radio', { name: /^Stored inspections/ }).check();
			await page.getByLabel('Compare from').selectOption('hmip-youth@2021');
			await page.getByLabel('Compare with').selectOption(MOVED_VERSION);
			await page.getByRole('button', { name: 'Show the impact' }).click();
			const changed = page.getByRole('region', { name: 'Example YOS (stored)' });
			await expect(changed).toContainText('Good under hmip-youth@2021, Requires improvement under hmip-youth@2021-moved', { timeout: 30_000 });
		} finally {
			rmSync(file, { force: true });
		}
	});
});

test('a viewer can look at the regression pages but not start a run', async ({ page }) => {
	await signInAs(page, 'viewer');
	for (const address of ['/regression', '/regression/impact']) {
		await page.goto(address);
		await expect(page.getByText('Starting one takes the tester role')).toBeVisible();
		await expect(page.getByRole('button', { name: /Run golden files|Show the impact/ })).toHaveCount(0);
	}
	const refused = await page.request.post('/regression', { form: { source: 'folder', folder: 'tests/golden', framework: '' }, headers: { origin: new URL(page.url()).origin } });
	expect(refused.status()).toBe(403);
});

test.describe('signed out', () => {
	test.use({ storageState: { cookies: [], origins: [] } });
	test('the regression pages ask for a sign-in', async ({ page }) => {
		await page.goto('/regression');
		await expect(page).toHaveURL('/sign-in?next=%2Fregression');
		await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
	});
});
