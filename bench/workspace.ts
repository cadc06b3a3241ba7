// npm run bench (second part): in Chromium, the time from a keypress in the cases grid to the
// updated ratings on screen, for a maximum-size 2025 inspection (125 children's cases and 30
// victims' cases, IYJS). Builds the app (unless --no-build), starts the built server on a free
// port with a fresh data folder, and times each answer from the keydown event to the DOM
// mutation that shows the recomputed count for that key question (and to the next frame).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { maximumInspection } from './inspection';
import { buildUnlessAsked } from './build';

const WARMUP = 20;
const RUNS = 200;
const TARGET_MS = 50;

buildUnlessAsked();

const dataDir = mkdtempSync(path.join(tmpdir(), 'yardstick-bench-'));
process.env.DATA_DIR = dataDir;
// imported after DATA_DIR is set: the store reads it
const { createInspection, pinnedRecord } = await import('../src/lib/server/inspections/inspections');
const doc = await createInspection(
	pinnedRecord({ serviceName: 'Benchmark YJS (maximum size)', framework: 'hmip-youth@2025', evidence: maximumInspection() }),
	'bench'
);

const port = await new Promise<number>((resolve) => {
	const probe = createServer().listen(0, '127.0.0.1', () => {
		const { port } = probe.address() as { port: number };
		probe.close(() => resolve(port));
	});
});
const origin = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, ['scripts/serve.mjs'], {
	env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), ORIGIN: origin, DATA_DIR: dataDir },
	stdio: ['ignore', 'pipe', 'pipe']
});
// the server goes with this process, however it ends
process.on('exit', () => {
	server.kill();
	rmSync(dataDir, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));
let serverLog = '';
server.stdout.on('data', (chunk) => (serverLog += chunk));
server.stderr.on('data', (chunk) => (serverLog += chunk));

async function waitForServer() {
	for (let i = 0; i < 100; i++) {
		try {
			if ((await fetch(`${origin}/inspections`)).ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`the server did not start:\n${serverLog}`);
}

const browser = await chromium.launch({
	executablePath: '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-gpu']
});

try {
	await waitForServer();
	const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
	await page.goto(`${origin}/inspections/${doc.id}`);
	const grid = page.getByRole('grid', { name: /^Children: court disposals/ });
	await grid.waitFor();
	await page.getByRole('tab', { name: 'Cases' }).waitFor();
	// hydrated; a function, not a string: the page's CSP refuses eval, and Playwright evals a string predicate
	await page.waitForFunction(() => document.querySelector('[role="tablist"]') !== null);
	const rows = await grid.locator('tbody tr').count();
	const cells = await page.locator('[role="grid"] td[data-r]').count();

	// In the page: time each keydown to the first mutation of the 2.1.1 count under the grid.
	// (A string, not a function: tsx would wrap a function's inner names in a helper the page lacks.)
	await page.evaluate(`(() => {
		const table = [...document.querySelectorAll('table[role="grid"]')].find((t) => t.querySelector('caption').textContent.startsWith('Children: court'));
		const count = table.querySelector('tfoot [data-key-question="2.1.1"]').parentElement;
		let resolve = () => {};
		const bench = { start: 0, done: null, arm() { bench.done = new Promise((r) => (resolve = r)); } };
		table.addEventListener('keydown', (event) => (bench.start = event.timeStamp), { capture: true });
		new MutationObserver(() => {
			const dom = performance.now() - bench.start;
			requestAnimationFrame(() => resolve([dom, performance.now() - bench.start]));
		}).observe(count, { subtree: true, childList: true, characterData: true });
		window.__bench = bench;
	})()`);

	const domTimes: number[] = [];
	const frameTimes: number[] = [];
	for (let i = 0; i < WARMUP + RUNS; i++) {
		const row = i % rows;
		const cell = grid.locator(`td[data-r="${row}"][data-c="0"]`);
		await cell.focus();
		const current = (await cell.textContent())?.trim();
		await page.evaluate('window.__bench.arm()');
		await page.keyboard.press(current === 'Yes' ? 'n' : 'y');
		const [dom, frame] = (await page.evaluate('window.__bench.done')) as [number, number];
		if (i >= WARMUP) {
			domTimes.push(dom);
			frameTimes.push(frame);
		}
	}
	const stats = (times: number[]) => {
		const sorted = [...times].sort((a, b) => a - b);
		return { median: sorted[Math.floor(sorted.length / 2)], p95: sorted[Math.floor(sorted.length * 0.95)], max: sorted.at(-1)! };
	};
	const dom = stats(domTimes);
	const frame = stats(frameTimes);
	const show = (label: string, s: { median: number; p95: number; max: number }) =>
		console.log(`${label.padEnd(40)} median ${s.median.toFixed(1)} ms   p95 ${s.p95.toFixed(1)} ms   max ${s.max.toFixed(1)} ms`);
	console.log(`\nworkspace in Chromium (${await browser.version()}): maximum-size inspection, ${cells} grid cells, hmip-youth@2025 (IYJS)`);
	console.log(`${RUNS} answers timed after ${WARMUP} warm-up answers, each flipping one case's 2.1.1 in the court grid\n`);
	show('keypress -> recomputed count in the DOM', dom);
	show('keypress -> next frame after it', frame);
	console.log(`\ntarget under ${TARGET_MS} ms from an answer to the updated ratings on screen: ${frame.p95 < TARGET_MS ? 'met' : 'NOT met'} (p95 to the next frame ${frame.p95.toFixed(1)} ms)`);
} finally {
	await browser.close();
}
