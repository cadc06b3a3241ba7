// Every page, for every role that can open it: no serious axe violation, WCAG reflow at 320 px
// (the page never scrolls sideways; a wide table scrolls inside a labelled region that takes
// keyboard focus), no sideways scroll at 1280 px, and the page's main controls reached with Tab.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { EVERYONE, PASSWORD, accountFor } from '../support/accounts';
import { seriousViolations } from '../support/axe';
import { whenHydrated } from '../support/hydration';
import { MOVED_VERSION } from '../support/e2e-rules';
import { ROLES, type Role } from '../../src/lib/server/accounts/roles';

type Who = Role | typeof EVERYONE | 'nobody';

interface Visit {
	name: string;
	path: () => string;
	who: readonly Who[];
	/** the controls a person came to the page for, each reached by Tab from the top */
	main: (page: Page, who: Who) => Locator[];
	/** Tab presses allowed to reach them, when the page lists many controls before them (150 otherwise) */
	tabs?: number;
}

const everyone: readonly Who[] = [...ROLES, EVERYONE];
const lead: readonly Who[] = ['methodology-lead', EVERYONE];
const inspector: readonly Who[] = ['inspector', EVERYONE];
const tester: readonly Who[] = ['tester', EVERYONE];

/** Made once, before the pages are visited: an inspection of each version with cases, a draft, runs. */
const made = { inspections: {} as Record<'2018' | '2021' | '2025', string>, draft: '', run: '', impact: '', columns: '', review: '' };

const button = (page: Page, name: string | RegExp) => page.getByRole('button', { name, exact: typeof name === 'string' });
const link = (page: Page, name: string | RegExp) => page.getByRole('link', { name, exact: typeof name === 'string' });
const nav = (page: Page) => [link(page, 'Inspections'), link(page, 'Frameworks')];

const visits: Visit[] = [
	{ name: 'sign-in', path: () => '/sign-in', who: ['nobody'], main: (page) => [page.getByLabel('Name'), page.getByLabel('Password'), button(page, 'Sign in')] },
	{ name: 'home', path: () => '/', who: everyone, main: (page) => nav(page) },
	{
		name: 'inspections',
		path: () => '/inspections',
		who: everyone,
		main: (page, who) => [...nav(page), link(page, 'Sweepshire 2018 YOS').first(), ...(inspector.includes(who) ? [button(page, 'Create an inspection')] : [])]
	},
	{ name: 'new inspection', path: () => '/inspections/new', who: inspector, main: (page) => [page.getByLabel('Service inspected'), button(page, 'Create inspection')] },
	{ name: 'import an inspection', path: () => '/inspections/import', who: inspector, main: (page) => [button(page, 'Import')] },
	...(['2018', '2021', '2025'] as const).flatMap((version): Visit[] => [
		{
			name: `workspace ${version}`,
			path: () => made.inspections[version],
			who: everyone,
			main: (page) => [button(page, 'Report'), page.getByRole('tab', { name: 'Ratings' }).or(page.getByRole('tab', { selected: true })).first()]
		},
		{ name: `report ${version}`, path: () => `${made.inspections[version]}/report`, who: everyone, main: (page) => [button(page, 'Print this report')] }
	]),
	{
		name: 'case sample',
		path: () => `${made.inspections['2025']}/sample`,
		who: [...ROLES, EVERYONE],
		main: (page, who) => (who === EVERYONE ? [page.getByLabel('Upload the longlist'), button(page, 'Upload')] : [link(page, 'Back to the inspection')])
	},
	{ name: 'longlist columns', path: () => made.columns, who: [EVERYONE], main: (page) => [page.getByLabel('Case reference'), button(page, 'Continue')] },
	{ name: 'longlist review and draw', path: () => made.review, who: [EVERYONE], main: (page) => [page.getByLabel('Case reference'), page.getByLabel('Seed'), button(page, 'Draw the sample')] },
	{ name: 'discard a longlist', path: () => `${made.review}/discard`, who: [EVERYONE], main: (page) => [button(page, 'Yes, discard this longlist'), link(page, 'No, go back to the longlist')] },
	{ name: 'delete an inspection', path: () => `${made.inspections['2018']}/delete`, who: [EVERYONE], main: (page) => [button(page, 'Delete inspection')] },
	{ name: 'frameworks', path: () => '/frameworks', who: everyone, main: (page) => [...nav(page), link(page, /2025/).first()] },
	{ name: 'a published version', path: () => '/frameworks/hmip-youth/2025', who: everyone, main: (page) => [button(page, 'Rate')] },
	{ name: 'the diff', path: () => '/frameworks/hmip-youth/diff?from=2021&to=2025', who: everyone, main: (page) => nav(page) },
	{ name: 'new draft', path: () => '/frameworks/hmip-youth/2025/new-draft', who: lead, main: (page) => [page.getByRole('textbox').first(), button(page, 'Make the draft')] },
	{ name: 'import a version', path: () => '/frameworks/import', who: lead, main: (page) => [button(page, 'Import')] },
	{ name: 'the draft editor', path: () => `/frameworks/hmip-youth/${made.draft}/edit`, who: lead, main: (page) => [page.getByRole('textbox').first()] },
	{ name: 'publish a draft', path: () => `/frameworks/hmip-youth/${made.draft}/publish`, who: lead, main: (page) => [page.getByRole('button', { name: /Publish/ }).first()] },
	{ name: 'regression', path: () => '/regression', who: everyone, main: (page, who) => (tester.includes(who) ? [button(page, 'Run golden files')] : nav(page)) },
	{ name: 'a golden run', path: () => `/regression/runs/${made.run}`, who: everyone, main: (page) => nav(page) },
	{ name: 'impact', path: () => '/regression/impact', who: everyone, main: (page) => nav(page) },
	{ name: 'an impact run', path: () => `/regression/impact/${made.impact}`, who: everyone, main: (page) => nav(page) },
	{ name: 'the audit trail', path: () => '/audit', who: everyone, main: (page) => nav(page) },
	// every account has its roles, tokens, sessions and password controls before the form that adds one
	{ name: 'accounts', path: () => '/admin/users', who: ['admin'], main: (page) => [button(page, 'Add account')], tabs: 1000 }
];

/** One signed-in browser state per account, made once. */
const states = new Map<Who, Awaited<ReturnType<Awaited<ReturnType<Browser['newContext']>>['storageState']>>>();

async function signedIn(browser: Browser, who: Who) {
	if (who === 'nobody') return browser.newContext({ storageState: { cookies: [], origins: [] } });
	if (!states.has(who)) {
		const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
		const page = await context.newPage();
		await page.goto('/sign-in');
		await page.getByLabel('Name').fill(who === EVERYONE ? EVERYONE : accountFor(who));
		await page.getByLabel('Password').fill(PASSWORD);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
		states.set(who, await context.storageState());
		await context.close();
	}
	return browser.newContext({ storageState: states.get(who) });
}

test.beforeAll(async ({ browser, baseURL }) => {
	test.setTimeout(180_000);
	const context = await signedIn(browser, EVERYONE);
	const page = await context.newPage();
	// a form post as a browser makes it, answered with a redirect rather than JSON
	const headers = { origin: baseURL!, accept: 'text/html' };
	// made once per data folder: a worker started again after a failure reuses them
	const file = path.join(process.env.E2E_DATA_DIR!, 'every-page.json');
	if (existsSync(file)) Object.assign(made, JSON.parse(readFileSync(file, 'utf8')));
	else {
		const inspections = { '2018': ['court'], '2021': ['court', 'out-of-court'], '2025': ['court', 'out-of-court', 'victim'] } as const;
		for (const [version, samples] of Object.entries(inspections) as [keyof typeof inspections, readonly string[]][]) {
			await page.goto('/inspections/new');
			await whenHydrated(page);
			await page.getByLabel('Service inspected').fill(`Sweepshire ${version} YOS`);
			await page.getByRole('radio', { name: new RegExp(`\\(${version}`) }).check();
			const type = page.getByRole('radio', { name: /Inspection of Youth Justice Services|IYJS/ });
			if (version === '2025' && (await type.count())) await type.first().check();
			await page.getByRole('button', { name: 'Create inspection' }).click();
			await expect(page.getByRole('heading', { level: 1, name: `Sweepshire ${version} YOS` })).toBeVisible();
			const address = new URL(page.url()).pathname;
			made.inspections[version] = address;
			// twelve cases per sample: wide and long grids, as a real inspection has
			const edits = samples.flatMap((sample) => Array.from({ length: 12 }, (_, i) => ({ type: 'add-case', case: { id: `${sample.toUpperCase().slice(0, 3)}-${String(i + 1).padStart(3, '0')}`, sample } })));
			const added = await page.request.post(`${address}/edits`, { data: { baseRevision: 1, edits }, headers });
			expect(added.status(), await added.text()).toBe(200);
		}
		// a longlist whose headings need mapping, and one ready to draw from
		const longlist = (headings: string) => [headings, ...Array.from({ length: 40 }, (_, i) => `YJ${i},${['community-sentences', 'out-of-court', 'resettlement'][i % 3]}`)].join('\n');
		for (const [key, headings] of [['columns', 'Ref,Disposal'], ['review', 'Case reference,Stratum']] as const) {
			const upload = await page.request.post(`${made.inspections['2025']}/sample?/upload`, { multipart: { longlist: { name: 'longlist.csv', mimeType: 'text/csv', buffer: Buffer.from(longlist(headings)) } }, headers, maxRedirects: 0 });
			expect(upload.status(), await upload.text()).toBe(303);
			made[key] = new URL(upload.headers()['location']!, baseURL).pathname;
		}
		const run = await page.request.post('/regression', { form: { source: 'folder', folder: 'tests/golden/2018', framework: '' }, headers, maxRedirects: 0 });
		expect(run.status(), await run.text()).toBe(303);
		made.run = run.headers()['location']!.split('/').at(-1)!;
		const [id, version] = MOVED_VERSION.split('@');
		const impact = await page.request.post('/regression/impact', { form: { source: 'folder', folder: 'tests/golden/2021', from: `${id}@2021`, to: `${id}@${version}` }, headers, maxRedirects: 0 });
		expect(impact.status(), await impact.text()).toBe(303);
		made.impact = impact.headers()['location']!.split('/').at(-1)!;
		writeFileSync(file, JSON.stringify(made));
	}
	// a draft for this worker only: the afterAll discards it, so the other browser tests never see it
	made.draft = `sweep-${Date.now()}`;
	expect((await page.request.post('/frameworks/hmip-youth/2025/new-draft', { form: { version: made.draft }, headers, maxRedirects: 0 })).status()).toBe(303);
	await context.close();
});

test.afterAll(async ({ browser, baseURL }) => {
	if (!made.draft) return;
	const context = await signedIn(browser, EVERYONE);
	const discarded = await context.request.post(`/frameworks/hmip-youth/${made.draft}?/discard`, { form: { revision: '1' }, headers: { origin: baseURL!, accept: 'text/html' }, maxRedirects: 0 });
	expect(discarded.status()).toBe(303);
	await context.close();
});

/** The page's width beyond the viewport, and each element that scrolls sideways without being a labelled, focusable region. */
function overflow(page: Page) {
	return page.evaluate(() => {
		const root = document.documentElement;
		const unreachable: string[] = [];
		for (const el of document.querySelectorAll<HTMLElement>('body *')) {
			if (el.scrollWidth <= el.clientWidth + 1) continue;
			const style = getComputedStyle(el);
			// a text box scrolls its own text, and is a labelled control already
			// not shown (a closed <details> skips its content without display: none) is not on the page
			if (!['auto', 'scroll'].includes(style.overflowX) || !el.checkVisibility({ visibilityProperty: true }) || el.matches('textarea, input, select')) continue;
			const focusable = el.tabIndex >= 0 || !!el.querySelector('[tabindex="0"], a[href], button:not([disabled]), input:not([disabled]), select, textarea');
			const labelled = el.getAttribute('role') === 'region' && !!(el.getAttribute('aria-label') || el.getAttribute('aria-labelledby'));
			if (!focusable || !labelled) unreachable.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')}: ${el.scrollWidth} px in ${el.clientWidth} px${focusable ? '' : ', not focusable'}${labelled ? '' : ', not a labelled region'}`);
		}
		const page = root.scrollWidth - root.clientWidth;
		// what sticks out past the page's edge, unclipped by a scrolling box: the outermost such, so a failure names its cause
		const vw = root.clientWidth + 1;
		const clipped = (el: HTMLElement) => {
			for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) if (getComputedStyle(a).overflowX !== 'visible' && a.getBoundingClientRect().right <= vw) return true;
			return false;
		};
		const past = (el: Element | null) => !!el && el.getBoundingClientRect().right > vw;
		const out = (el: Element | null) => past(el) && !clipped(el as HTMLElement);
		const all = [...document.querySelectorAll<HTMLElement>('body *')];
		const found = all.filter((el) => out(el) && !out(el.parentElement));
		const sticksOut = (page > 0 ? (found.length ? found : all.filter((el) => past(el) && !past(el.parentElement))) : [])
			.slice(0, 6)
			.map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent ?? '').trim().slice(0, 40)}" right ${Math.round(el.getBoundingClientRect().right)}`);
		return { page, unreachable, ...(sticksOut.length ? { sticksOut } : {}) };
	});
}

/** Tab from the top of the page until each control has had focus (or give up after `limit` presses). */
async function tabbedTo(page: Page, controls: Locator[], limit = 150) {
	const marks: string[] = [];
	for (const [i, control] of controls.entries()) {
		await expect.soft(control, `main control ${i} is on the page`).toBeVisible();
		if (!(await control.isVisible())) continue;
		await control.evaluate((el, mark) => el.setAttribute('data-sweep', mark), `c${i}`);
		marks.push(`c${i}`);
	}
	await page.evaluate(() => {
		const seen = ((window as unknown as { sweepSeen: Set<string> }).sweepSeen = new Set<string>());
		document.addEventListener('focusin', (e) => {
			const mark = (e.target as HTMLElement).closest?.('[data-sweep]')?.getAttribute('data-sweep');
			if (mark) seen.add(mark);
		});
		(document.activeElement as HTMLElement | null)?.blur();
		window.scrollTo(0, 0);
	});
	const seen = () => page.evaluate(() => [...(window as unknown as { sweepSeen: Set<string> }).sweepSeen]);
	for (let pressed = 0; pressed < limit; pressed += 10) {
		for (let i = 0; i < 10; i++) await page.keyboard.press('Tab');
		const got = await seen();
		if (marks.every((m) => got.includes(m))) return [];
	}
	const got = await seen();
	return marks.filter((m) => !got.includes(m)).map((m) => `main control ${m.slice(1)} not reached by Tab`);
}

for (const visit of visits) {
	// one test per page, every role in it: each role's findings are reported, none stops the others
	test(`${visit.name}: axe, 320 px reflow, 1280 px and keyboard, as ${visit.who.join(', ')}`, async ({ browser }) => {
		test.setTimeout(60_000 + 45_000 * visit.who.length);
		for (const who of visit.who) {
			const context = await signedIn(browser, who);
			const page = await context.newPage();
			await page.setViewportSize({ width: 1280, height: 900 });
			await page.goto(visit.path());
			await whenHydrated(page);
			const wide = await overflow(page);
			expect.soft(wide.page, `as ${who}: sideways scroll at 1280 px: ${wide.sticksOut?.join('; ')}`).toBeLessThanOrEqual(0);

			await page.setViewportSize({ width: 320, height: 640 });
			await page.waitForTimeout(100);
			expect.soft(await overflow(page), `as ${who}, at 320 px`).toEqual({ page: 0, unreachable: [] });
			expect.soft(await seriousViolations(page), `as ${who}: axe at 320 px`).toEqual([]);
			expect.soft(await tabbedTo(page, visit.main(page, who), visit.tabs), `as ${who}: keyboard`).toEqual([]);
			await context.close();
		}
	});
}
