// npm run bench:pages: how fast the framework pages open in Chromium. Builds the app (unless
// --no-build), starts the built server on a free port with a fresh data folder, signs in a
// methodology lead, makes drafts, and for each page times the navigation from its start to the
// first usable control: the moment the root layout has hydrated (html[data-hydrated], set when the
// layout mounts, after every component the page renders at once) and the page's first control is
// in the document, visible and enabled. Which control is named beside each page. Median of RUNS
// loads after one warm-up, each a new tab in one signed-in browser context (so the app's hashed
// scripts and styles come from the browser's cache, as for anyone who has opened a page before).
// Beside it, the median time to the HTML's first byte (the server's part) and to the load event.
// Also the HTML's bytes as sent (and compressed, when the server compresses for a browser that
// accepts it). The machine's 2 cores are shared: compare figures taken in the same conditions.
import { request } from 'node:http';
import { availableParallelism } from 'node:os';
import { chromium, type BrowserContext } from '@playwright/test';
import { TestServer, PASSWORD } from '../tests/support/server';
import { buildUnlessAsked } from './build';

const RUNS = Number(process.env.RUNS ?? 7);
const TARGET_MS = 1000;

buildUnlessAsked();

interface Subject {
	name: string;
	path: string;
	/** the control that makes the page usable, and its words for the output */
	control: string;
	says: string;
}

/** A draft of a published version, made through the app's own form; the editor's path. */
async function makeDraft(context: BrowserContext, origin: string, from: string, version: string): Promise<string> {
	const response = await context.request.post(`${origin}/frameworks/hmip-youth/${from}/new-draft`, {
		form: { version },
		headers: { origin, accept: 'application/json' }
	});
	// an action asked for JSON answers with where it would redirect
	const location = response.ok() ? ((await response.json()) as { location?: string }).location : undefined;
	if (!location?.endsWith('/edit')) throw new Error(`making a draft from ${from} answered ${response.status()}: ${(await response.text()).slice(0, 300)}`);
	return location;
}

/** Bytes of a page's HTML as sent, plain and with the encodings a browser accepts (the server may not compress). */
function htmlBytes(url: string, cookie: string, encoding?: string): Promise<{ bytes: number; encoding: string }> {
	return new Promise((resolve, reject) => {
		const req = request(url, { headers: { cookie, accept: 'text/html', ...(encoding ? { 'accept-encoding': encoding } : {}) } }, (res) => {
			let bytes = 0;
			res.on('data', (chunk: Buffer) => (bytes += chunk.length));
			res.on('end', () => (res.statusCode === 200 ? resolve({ bytes, encoding: String(res.headers['content-encoding'] ?? 'identity') }) : reject(new Error(`${url} answered ${res.statusCode}`))));
		});
		req.on('error', reject);
		req.end();
	});
}

// Watches the document from the first byte: the first moment the layout has hydrated and the
// control is there, visible and enabled, in ms since navigation start (performance.now()).
// A string: tsx would wrap a function's inner names in a helper the page lacks.
const watch = (css: string) => `(() => {
	const css = ${JSON.stringify(css)};
	const check = () => {
		if (window.__usable !== undefined) return;
		if (!document.documentElement.hasAttribute('data-hydrated')) return;
		const el = document.querySelector(css);
		if (!el || el.disabled || !el.getClientRects().length) return;
		window.__usable = performance.now();
	};
	new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
	const frame = () => { check(); if (window.__usable === undefined) requestAnimationFrame(frame); };
	requestAnimationFrame(frame);
})()`;

const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const server = await TestServer.start();
const browser = await chromium.launch({
	executablePath: '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-gpu']
});
try {
	await server.accounts(['bench-lead'], ['methodology-lead']);
	const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
	const signIn = await context.newPage();
	await signIn.goto(`${server.url}/sign-in`);
	await signIn.getByLabel('Name').fill('bench-lead');
	await signIn.getByLabel('Password').fill(PASSWORD);
	await signIn.getByRole('button', { name: 'Sign in' }).click();
	await signIn.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
	await signIn.close();
	const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');

	const subjects: Subject[] = [
		{ name: 'editor, draft of 2025', path: await makeDraft(context, server.url, '2025', 'bench-2025'), control: '#f-framework_1a_json_1b_title', says: 'the Title field' },
		{ name: 'editor, draft of 2021', path: await makeDraft(context, server.url, '2021', 'bench-2021'), control: '#f-framework_1a_json_1b_title', says: 'the Title field' },
		{ name: 'editor, draft of 2018', path: await makeDraft(context, server.url, '2018', 'bench-2018'), control: '#f-framework_1a_json_1b_title', says: 'the Title field' },
		{ name: 'document page, 2025', path: '/frameworks/hmip-youth/2025', control: 'main a.govuk-button, main button', says: 'the first button in main' },
		{ name: 'document page, 2021', path: '/frameworks/hmip-youth/2021', control: 'main a.govuk-button, main button', says: 'the first button in main' },
		{ name: 'diff, 2018 → 2021', path: '/frameworks/hmip-youth/diff?from=2018&to=2021', control: 'main select#from', says: 'the From version list' }
	];

	console.log(`\nframework pages in Chromium (${chromium.name()} at /usr/bin/chromium), the built server on loopback: Node ${process.version}, ${availableParallelism()} cores shared by the server and the browser`);
	console.log(`usable: navigation start to the root layout hydrated and the page's first control visible and enabled; median of ${RUNS} loads after one warm-up, in one signed-in context\n`);
	const rows: string[][] = [['page', 'usable (median)', 'range', 'first byte', 'load event', 'target', 'HTML', 'compressed', 'control']];
	let missed = 0;
	for (const subject of subjects) {
		const times: number[] = [];
		const loads: number[] = [];
		const firstBytes: number[] = [];
		for (let i = 0; i <= RUNS; i++) {
			const page = await context.newPage();
			await page.addInitScript(watch(subject.control));
			await page.goto(server.url + subject.path, { waitUntil: 'commit' });
			// a function, not a string: the page's CSP refuses eval, and Playwright evals a string predicate
			await page.waitForFunction(() => (window as unknown as { __usable?: number }).__usable !== undefined, undefined, { timeout: 60_000, polling: 50 });
			await page.waitForLoadState('load');
			const usable = (await page.evaluate('window.__usable')) as number;
			const [load, firstByte] = (await page.evaluate('(({ loadEventEnd, responseStart }) => [loadEventEnd, responseStart])(performance.getEntriesByType("navigation")[0])')) as number[];
			if (i > 0) {
				times.push(usable);
				loads.push(load);
				firstBytes.push(firstByte);
			}
			await page.close();
		}
		const plain = await htmlBytes(server.url + subject.path, cookie);
		const packed = await htmlBytes(server.url + subject.path, cookie, 'br, gzip');
		const m = median(times);
		if (m > TARGET_MS) missed++;
		const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
		rows.push([
			subject.name,
			`${m.toFixed(0)} ms`,
			`${Math.min(...times).toFixed(0)}–${Math.max(...times).toFixed(0)} ms`,
			`${median(firstBytes).toFixed(0)} ms`,
			`${median(loads).toFixed(0)} ms`,
			`< ${TARGET_MS} ms ${m <= TARGET_MS ? 'met' : 'MISSED'}`,
			kb(plain.bytes),
			packed.encoding === 'identity' ? 'not compressed' : `${kb(packed.bytes)} (${packed.encoding})`,
			subject.says
		]);
	}
	const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
	for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd());
	console.log(`\n${missed ? `${missed} page${missed === 1 ? '' : 's'} missed` : 'every page met'} the ${TARGET_MS} ms target`);
	if (missed) process.exitCode = 1;
	await context.close();
} finally {
	await browser.close();
	await server.dispose();
}
