// Where the framework editor's opening goes in Chromium (a diagnostic beside bench:pages): for a
// draft of each shipped version, usable as bench:pages times it (the Title field), the first byte,
// DOMContentLoaded, the bytes transferred, the elements on the page when usable, and Chromium's
// main-thread totals (all tasks; script, layout, style) from navigation start until usable was
// seen: read within about 50 ms of it, so they may include a task that ran after. BY_SCRIPT=1
// adds the CPU profile's self time by script for the first measured load. Median of RUNS (5).
//   npm run build && node --import tsx bench/editor-profile.ts [2018 2021 2025]
import { chromium, type CDPSession } from '@playwright/test';
import { TestServer, PASSWORD } from '../tests/support/server';

const versions = process.argv.slice(2).length ? process.argv.slice(2) : ['2018', '2021', '2025'];
const RUNS = Number(process.env.RUNS ?? 5);
const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const server = await TestServer.start();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-gpu'] });
try {
	await server.accounts(['prof-lead'], ['methodology-lead']);
	const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
	const signIn = await context.newPage();
	await signIn.goto(`${server.url}/sign-in`);
	await signIn.getByLabel('Name').fill('prof-lead');
	await signIn.getByLabel('Password').fill(PASSWORD);
	await signIn.getByRole('button', { name: 'Sign in' }).click();
	await signIn.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
	await signIn.close();
	for (const from of versions) {
		const response = await context.request.post(`${server.url}/frameworks/hmip-youth/${from}/new-draft`, { form: { version: `prof-${from}` }, headers: { origin: server.url, accept: 'application/json' } });
		const path = ((await response.json()) as { location: string }).location;
		const rows: Record<string, number>[] = [];
		for (let i = 0; i <= RUNS; i++) {
			const page = await context.newPage();
			const cdp: CDPSession = await context.newCDPSession(page);
			await cdp.send('Performance.enable');
			await cdp.send('Network.enable');
			let bytes = 0;
			cdp.on('Network.loadingFinished', (e) => (bytes += e.encodedDataLength));
			await cdp.send('Profiler.enable');
			await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
			await cdp.send('Profiler.start');
			await page.addInitScript(`(() => { const check = () => { if (window.__usable !== undefined) return; if (!document.documentElement.hasAttribute('data-hydrated')) return; const el = document.querySelector('#f-framework_1a_json_1b_title'); if (!el || el.disabled || !el.getClientRects().length) return; window.__usable = performance.now(); window.__elements = document.getElementsByTagName('*').length; }; new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true }); const frame = () => { check(); if (window.__usable === undefined) requestAnimationFrame(frame); }; requestAnimationFrame(frame); })()`);
			await page.goto(server.url + path, { waitUntil: 'commit' });
			// a function, not a string: the page's CSP refuses eval, and Playwright evals a string predicate
			await page.waitForFunction(() => (window as unknown as { __usable?: number }).__usable !== undefined, undefined, { timeout: 60_000, polling: 50 });
			const { profile } = await cdp.send('Profiler.stop');
			const metrics = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
			const t = (await page.evaluate(`(() => { const n = performance.getEntriesByType('navigation')[0]; return { usable: window.__usable, firstByte: n.responseStart, htmlEnd: n.responseEnd, dcl: n.domContentLoadedEventEnd, nodes: window.__elements }; })()`)) as Record<string, number>;
			if (i === 0) {
				await page.close();
				continue;
			}
			const byId = new Map(profile.nodes.map((n) => [n.id, n]));
			const self = new Map<string, number>();
			const deltas = profile.timeDeltas ?? [];
			(profile.samples ?? []).forEach((id, k) => {
				const f = byId.get(id)!.callFrame;
				const key = f.url ? f.url.replace(server.url, '').replace(/^.*\/immutable\//, '') : `(${f.functionName || 'program'})`;
				self.set(key, (self.get(key) ?? 0) + (deltas[k + 1] ?? 0) / 1000);
			});
			rows.push({ usable: t.usable, firstByte: t.firstByte, dcl: t.dcl, kb: bytes / 1024, task: metrics.TaskDuration * 1000, script: metrics.ScriptDuration * 1000, layout: metrics.LayoutDuration * 1000, style: metrics.RecalcStyleDuration * 1000, elements: t.nodes });
			if (i === 1 && process.env.BY_SCRIPT) console.log(`  ${from} self time by script:`, [...self].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([k, v]) => `${k} ${v.toFixed(0)} ms`).join(', '));
			await page.close();
		}
		const med = (k: string) => median(rows.map((r) => r[k])).toFixed(0);
		console.log(`editor, draft of ${from}: usable ${med('usable')} ms (${rows.map((r) => r.usable.toFixed(0)).join(', ')}), first byte ${med('firstByte')} ms, DOMContentLoaded ${med('dcl')} ms; ${med('kb')} KB transferred; main thread until usable was seen: tasks ${med('task')} ms (script ${med('script')}, layout ${med('layout')}, style ${med('style')}); ${med('elements')} elements when usable`);
	}
	await context.close();
} finally {
	await browser.close();
	await server.dispose();
}
