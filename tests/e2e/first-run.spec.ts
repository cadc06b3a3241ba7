// Issue 11 item 14, the newcomer's first run: `npm run serve` on an empty data folder prints a
// one-time set-up link; the first person chooses the admin's name and password there, once.
// A server of its own (the shared one has accounts already), started as `npm start` starts it.
import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { seriousViolations } from '../support/axe';

let server: ChildProcess | null = null;
let output = '';
const dataDir = mkdtempSync(path.join(tmpdir(), 'yardstick-first-run-'));

test.afterAll(() => {
	server?.kill('SIGTERM');
	rmSync(dataDir, { recursive: true, force: true });
});

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer().once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as { port: number };
			probe.close(() => resolve(port));
		});
	});
}

async function start(): Promise<{ origin: string; link: string }> {
	const port = await freePort();
	const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATA_DIR: dataDir, RULES_DIR: process.env.E2E_RULES_DIR };
	delete env.HOST; // the default: this machine only
	delete env.ORIGIN;
	server = spawn(process.execPath, ['scripts/serve.mjs'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
	server.stdout!.on('data', (chunk) => (output += chunk));
	server.stderr!.on('data', (chunk) => (output += chunk));
	await expect.poll(() => output, { timeout: 30_000 }).toContain('Press Ctrl+C to stop it');
	const link = output.match(/http:\/\/127\.0\.0\.1:\d+\/setup\?token=[A-Za-z0-9_-]+/)?.[0];
	expect(link, output).toBeTruthy();
	return { origin: `http://127.0.0.1:${port}`, link: link! };
}

test('item 14: the first run prints a one-time set-up link; it makes the first admin once, by keyboard, at 320 px', async ({ browser }) => {
	test.setTimeout(120_000);
	const { origin, link } = await start();
	expect(output).toContain(`Yardstick is running at ${origin}`);
	expect(output).toContain(`No accounts yet. Open this link once to choose the first admin's name and password`);
	expect(output.match(/setup\?token=/g)).toHaveLength(1);
	// item 13: the README says what the newcomer now sees, and the address to open
	const readme = readFileSync('README.md', 'utf8');
	expect(readme).toContain("No accounts yet. Open this link once to choose the first admin's name and password:");
	expect(readme).toContain('http://127.0.0.1:3000/setup?token=…');
	expect(readme).toContain('Press Ctrl+C to stop it');
	expect(readme).toContain('`npm run user -- --help`');
	expect(readme).toContain('give both the same `DATA_DIR`');

	const context = await browser.newContext({ baseURL: origin, storageState: { cookies: [], origins: [] }, viewport: { width: 320, height: 800 } });
	const page = await context.newPage();
	// without the token, or with another, there is nothing here
	expect((await page.goto('/setup'))?.status()).toBe(404);
	expect((await page.goto('/setup?token=guessed'))?.status()).toBe(404);
	// the sign-in page points at the link
	await page.goto('/sign-in');
	await expect(page.getByText('Open the set-up link the server printed when it started')).toBeVisible();

	expect((await page.goto(link))?.status()).toBe(200);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Set up Yardstick');
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
	expect(await seriousViolations(page)).toEqual([]);

	// by keyboard: nothing typed, then passwords that differ
	await page.getByLabel('Admin name').focus();
	await page.keyboard.press('Enter');
	const summary = page.locator('.govuk-error-summary');
	await expect(summary).toContainText('Enter a name for the admin account');
	await expect(summary).toContainText('Enter a password');
	expect(await seriousViolations(page)).toEqual([]);
	await page.getByLabel('Admin name').focus();
	await page.keyboard.type('first-admin');
	await page.keyboard.press('Tab');
	await expect(page.getByLabel('Password', { exact: true })).toBeFocused();
	await page.keyboard.type('correct horse battery staple');
	await page.keyboard.press('Tab');
	await expect(page.getByLabel('Type the password again')).toBeFocused();
	await page.keyboard.type('correct horse battery');
	await page.keyboard.press('Enter');
	await expect(summary).toContainText('The passwords do not match');
	await page.getByLabel('Password', { exact: true }).fill('correct horse battery staple');
	await page.getByLabel('Type the password again').fill('correct horse battery staple');
	await page.getByLabel('Type the password again').press('Enter');

	// signed in as the admin, on Accounts
	await expect(page).toHaveURL(/\/admin\/users/);
	await expect(page.getByText('Signed in as')).toContainText('first-admin');
	// the link is spent
	expect((await page.goto(link))?.status()).toBe(404);
	await page.goto('/audit?kind=user&id=first-admin');
	await expect(page.locator('tbody')).toContainText('first admin first-admin created with the set-up link');

	// and the account signs in as any other
	const fresh = await browser.newContext({ baseURL: origin, storageState: { cookies: [], origins: [] } });
	const again = await fresh.newPage();
	await again.goto('/sign-in');
	await again.getByLabel('Name').fill('first-admin');
	await again.getByLabel('Password').fill('correct horse battery staple');
	await again.getByRole('button', { name: 'Sign in' }).click();
	await expect(again.getByText('Signed in as')).toContainText('first-admin');
	await fresh.close();
	await context.close();
});
