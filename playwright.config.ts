import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { e2eRules } from './tests/support/e2e-rules';
import { SIGNED_IN_STATE } from './tests/support/accounts';

const port = Number(process.env.E2E_PORT ?? 4173);

// Playwright loads this file again in every worker: make the data folder once and pass it on.
process.env.E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'yardstick-e2e-'));
// The shipped versions and a revision of 2021 with a moved band edge, for the impact tests.
process.env.E2E_RULES_DIR ??= e2eRules();

export default defineConfig({
	testDir: 'tests/e2e',
	globalSetup: './tests/support/e2e-setup.ts',
	globalTeardown: './tests/support/e2e-teardown.ts',
	workers: 1,
	// Generous per-test time: on a loaded 2-core machine a long test can pass 30 s without being wrong.
	timeout: 90_000,
	expect: { timeout: 15_000 },
	forbidOnly: !!process.env.CI,
	reporter: [['list'], ['json', { outputFile: 'playwright-report/results.json' }]],
	use: {
		baseURL: `http://127.0.0.1:${port}`,
		launchOptions: {
			executablePath: '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run',
				'--disable-quic',
				'--disable-gpu'
			]
		}
	},
	projects: [
		{ name: 'sign-in', testMatch: /signed-in\.setup\.ts/ },
		{ name: 'chromium', use: { browserName: 'chromium', storageState: SIGNED_IN_STATE }, dependencies: ['sign-in'] }
	],
	webServer: {
		command: 'node scripts/serve.mjs',
		url: `http://127.0.0.1:${port}/`,
		reuseExistingServer: false,
		timeout: 30_000,
		stdout: 'pipe',
		env: { HOST: '127.0.0.1', PORT: String(port), ORIGIN: `http://127.0.0.1:${port}`, DATA_DIR: process.env.E2E_DATA_DIR, RULES_DIR: process.env.E2E_RULES_DIR }
	}
});
