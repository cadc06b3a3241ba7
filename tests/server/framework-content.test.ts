// Issue 12: a version's content is sent once, as its own response named by its content hash, and
// answers are compressed when the browser accepts it. Over HTTP against the built server.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { contentHash } from '../../src/lib/server/frameworks/frameworks';
import { TestServer, type Client } from '../support/server';

const Content = suite('a version content by its hash, and compressed answers (issue 12)');
let server: TestServer;
let inspector: Client;
let lead: Client;

Content.before(async () => {
	server = await TestServer.start();
	[inspector] = await server.accounts(['content-inspector'], ['inspector']);
	[lead] = await server.accounts(['content-lead'], ['methodology-lead']);
});
Content.after(async () => {
	await server?.dispose();
});

/** The content reference a workspace page carries, read from its HTML. */
function contentUrl(html: string): string {
	const url = html.match(/\/frameworks\/[^"\\]+\/content\.[0-9a-f]{64}\.json/)?.[0];
	assert.ok(url, 'the page names its version content by hash');
	return url!;
}

async function workspace(framework: string): Promise<{ id: string; html: string }> {
	const id = await inspector.createInspection(`Content ${framework}`, framework);
	const response = await inspector.request(`/inspections/${id}`, { headers: { accept: 'text/html' } });
	assert.is(response.status, 200);
	return { id, html: await response.text() };
}

Content('a workspace carries a reference to its version, not the version; the content is kept for good under its hash', async () => {
	const { html } = await workspace('hmip-youth@2021');
	const url = contentUrl(html);
	const first = await inspector.request(url);
	assert.is(first.status, 200);
	assert.is(first.headers.get('cache-control'), 'private, max-age=31536000, immutable');
	const etag = first.headers.get('etag');
	assert.ok(etag && etag.length > 60, `an ETag (${etag})`);
	const version = (await first.json()) as { hash: string; meta: { id: string; version: string }; domains: { standards: { keyQuestions: { text?: string }[] }[] }[] };
	assert.is(`${version.meta.id}@${version.meta.version}`, 'hmip-youth@2021');
	assert.ok(url.includes(version.hash.replace('sha256:', '')), 'the URL names the hash of what it answers');
	// the page itself no longer carries the version: a rule file's text is not in it, though the content has it
	const ruleFile = JSON.stringify((version as unknown as { rules: unknown }).rules);
	assert.ok(ruleFile.length > 1000 && !html.includes(ruleFile.slice(0, 200)), 'the rule sets are not inlined in the page');
	assert.ok(html.length < JSON.stringify(version).length, `the page (${html.length} bytes) is smaller than the version alone`);

	const again = await inspector.request(url, { headers: { 'if-none-match': etag! } });
	assert.is(again.status, 304, 'asked again with its ETag: not modified');
	assert.is(await again.text(), '');

	const wrong = url.replace(/content\.([0-9a-f])/, (_m, d: string) => `content.${d === '0' ? '1' : '0'}`);
	const stale = await inspector.request(wrong);
	assert.is(stale.status, 404, 'a hash the version does not have is not answered with content');
	const said = await stale.text();
	assert.not.ok(said.includes('"domains"'));
	// the hash asked for, said once and plainly; the version's own is not named beside it
	const asked = wrong.match(/content\.([0-9a-f]+)\.json/)![1];
	assert.equal(said.match(/[0-9a-f]{64}/g), [asked], said);
	assert.match(said, `hmip-youth@2021 has no content with the hash ${asked}: it has changed since the page that asked for it was loaded`);
	// and the page a browser gets says it once too
	const notFoundPage = await (await inspector.request(wrong, { headers: { accept: 'text/html' } })).text();
	assert.is(notFoundPage.split(asked).length - 1, 1, notFoundPage.slice(0, 2000));
	const staleWithTag = await inspector.request(wrong, { headers: { 'if-none-match': etag! } });
	assert.is(staleWithTag.status, 404, 'nor is it answered "not modified"');
});

Content('a workspace carries a key to its rating, not the rating: the page shows it, its data does not hold it', async () => {
	const golden = JSON.parse(readFileSync('tests/golden/2018/cases-mixed-with-tallies.json', 'utf8'));
	const id = await server.addInspection(inspector, golden.name, golden.framework, golden.inspection);
	const html = await (await inspector.request(`/inspections/${id}?tab=ratings`, { headers: { accept: 'text/html' } })).text();
	assert.match(html, /Outstanding/, 'the server renders the rating it worked out');
	// what the browser is given to come alive with (inline, or asked for on a later visit)
	const data = await (await inspector.request(`/inspections/${id}/__data.json`)).text();
	assert.ok(data.includes(golden.name), 'the page data holds the record');
	for (const part of ['"composite"', '"keyQuestions"', '"violations"', '"relevance"']) assert.not.ok(data.includes(part), `the page data holds no ${part} of a rating`);
	assert.ok(data.length < 8000, `the page data is the record and little more (${data.length} bytes)`);
});

Content('without an account the content is not answered', async () => {
	const { html } = await workspace('hmip-youth@2018');
	const response = await fetch(server.url + contentUrl(html), { redirect: 'manual' });
	assert.is(response.status, 401);
});

Content('a draft is never served from a stale cache: changed, its old hash is gone and the next answer is the new content', async () => {
	const made = await lead.request('/frameworks/hmip-youth/2025/new-draft', {
		method: 'POST',
		headers: { accept: 'application/json', origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ version: 'content-trial' })
	});
	assert.is(made.status, 200, await made.clone().text());
	const opened = (await (await lead.request('/frameworks/hmip-youth/content-trial/draft')).json()) as { revision: number; files: Record<string, Record<string, unknown>> };
	const before = contentHash(opened.files).replace('sha256:', '');
	const url = (hex: string) => `/frameworks/hmip-youth/content-trial/content.${hex}.json`;

	const first = await lead.request(url(before));
	assert.is(first.status, 200);
	const cacheControl = first.headers.get('cache-control') ?? '';
	assert.ok(cacheControl.includes('no-cache') && !cacheControl.includes('immutable') && !cacheControl.includes('max-age'), `a draft is asked for again every time (${cacheControl})`);
	const etag = first.headers.get('etag')!;
	assert.is(((await first.json()) as { meta: { title: string } }).meta.title, opened.files['framework.json'].title);

	const files = structuredClone(opened.files);
	files['framework.json'].title = 'A changed draft title';
	const saved = await lead.request('/frameworks/hmip-youth/content-trial/draft', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ revision: opened.revision, files, change: 'title' }) });
	assert.is(saved.status, 200, await saved.clone().text());
	const after = contentHash(files).replace('sha256:', '');
	assert.is.not(after, before);

	const old = await lead.request(url(before), { headers: { 'if-none-match': etag } });
	assert.is(old.status, 404, 'the old hash is not answered, not even "not modified"');
	const current = await lead.request(url(after), { headers: { 'if-none-match': etag } });
	assert.is(current.status, 200, 'the old ETag does not stand for the new content');
	assert.is(((await current.json()) as { meta: { title: string } }).meta.title, 'A changed draft title');
});

Content('a workspace page is never one from before a save, nor another person\'s, and has a nonce of its own', async () => {
	const { id } = await workspace('hmip-youth@2018');
	const page = async (client: Client) => {
		const response = await client.request(`/inspections/${id}`, { headers: { accept: 'text/html' } });
		assert.is(response.status, 200);
		const html = await response.text();
		const nonce = html.match(/nonce="([^"]+)"/)?.[1];
		assert.ok(nonce && response.headers.get('content-security-policy')?.includes(`'nonce-${nonce}'`), 'the page runs its own script under its own nonce');
		// its own nonce makes every answer new, so an ETag could never match: none is made (patches/@sveltejs+kit)
		assert.is(response.headers.get('etag'), null, 'no ETag on a page with a nonce');
		return { html, nonce };
	};
	const first = await page(inspector);
	const again = await page(inspector);
	assert.is.not(again.nonce, first.nonce, 'a new nonce every time');
	assert.is(sameOtherwise(again.html), sameOtherwise(first.html));
	assert.ok(first.html.includes('Mark as complete'));

	const saved = await inspector.save(id, await inspector.revision(id), [{ type: 'status', status: 'complete' }]);
	assert.is(saved.status, 200);
	const after = await page(inspector);
	assert.ok(after.html.includes('Reopen the inspection') && !after.html.includes('Mark as complete'), 'the page after the save shows it');

	const [viewer] = await server.accounts(['content-viewer'], ['viewer']);
	const theirs = await page(viewer);
	assert.ok(theirs.html.includes('You can read this inspection but not change its evidence'), 'a viewer gets a page of their own');
	assert.not.ok(theirs.html.includes('Reopen the inspection'));
});

Content('a workspace draws only the tab its address names: each tab is a page of its own without JavaScript', async () => {
	const id = await inspector.createInspection('Content tabs', 'hmip-youth@2021');
	const panels = async (query: string) => {
		const response = await inspector.request(`/inspections/${id}${query}`, { headers: { accept: 'text/html' } });
		assert.is(response.status, 200);
		const html = await response.text();
		return { html, ids: [...html.matchAll(/<div class="govuk-tabs__panel[^"]*" id="([^"]+)"/g)].map((m) => m[1]) };
	};
	const first = await panels('');
	assert.equal(first.ids, ['cases'], 'the first tab only');
	for (const tab of ['cases', 'tallies', 'qualitative', 'ratings', 'panel']) {
		assert.ok(first.html.includes(`href="?tab=${tab}#${tab}"`), `a link to the ${tab} tab's own address`);
		assert.equal((await panels(`?tab=${tab}`)).ids, [tab], `?tab=${tab} draws that tab`);
	}
	const qualitative = await panels('?tab=qualitative');
	assert.ok(qualitative.html.includes('name="prompt') && !first.html.includes('name="prompt'), 'the qualitative prompts are drawn on their tab only');
	assert.ok(first.html.length < qualitative.html.length / 2, `the first tab's page (${first.html.length} bytes) is not weighed down by the others (${qualitative.html.length} with the qualitative tab)`);
	for (const query of ['?tab=__proto__', '?tab=constructor', '?tab=%3Cscript%3E', '?tab=']) assert.equal((await panels(query)).ids, ['cases'], `${query}: the first tab`);
});

/** The raw bytes of an answer, as sent (fetch would decode them). */
function raw(pathname: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
	return new Promise((resolve, reject) => {
		const req = httpRequest(server.url + pathname, { headers: { ...inspector.headers, ...headers } }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
			res.on('error', reject);
		});
		req.on('error', reject);
		req.end();
	});
}

// a page's CSP nonce is new at every request; nothing else differs
const sameOtherwise = (html: string) => html.replace(/nonce="[^"]+"/g, 'nonce=""');

Content('a compressed answer (gzip, brotli) decodes to the same bytes as the uncompressed one', async () => {
	const { id, html } = await workspace('hmip-youth@2018');
	for (const pathname of [contentUrl(html), `/inspections/${id}`, `/inspections/${id}/export.json`]) {
		const plain = await raw(pathname, { accept: 'text/html', 'accept-encoding': 'identity' });
		assert.is(plain.status, 200);
		assert.is(plain.headers['content-encoding'], undefined, `${pathname}: not compressed unless asked`);
		const gzip = await raw(pathname, { accept: 'text/html', 'accept-encoding': 'gzip' });
		assert.is(gzip.headers['content-encoding'], 'gzip', pathname);
		assert.ok(gzip.body.length < plain.body.length / 3, `${pathname}: gzip ${gzip.body.length} bytes of ${plain.body.length}`);
		const br = await raw(pathname, { accept: 'text/html', 'accept-encoding': 'br' });
		assert.is(br.headers['content-encoding'], 'br', pathname);
		const decoded = [gunzipSync(gzip.body), brotliDecompressSync(br.body)].map((b) => b.toString('utf8'));
		const expected = plain.body.toString('utf8');
		const page = pathname === `/inspections/${id}`;
		for (const text of decoded) assert.is(page ? sameOtherwise(text) : text, page ? sameOtherwise(expected) : expected, `${pathname} decodes to the same bytes`);
		// every header the app sets is still there
		for (const r of [plain, gzip, br]) {
			assert.is(r.headers['x-frame-options'], 'DENY');
			assert.is(r.headers['x-content-type-options'], 'nosniff');
			assert.ok(r.headers['content-security-policy']);
		}
	}
});

Content('the report, like the workspace, carries a reference to its version, not the version, and still renders from it', async () => {
	const { id, html: workspaceHtml } = await workspace('hmip-youth@2021');
	const response = await inspector.request(`/inspections/${id}/report`, { headers: { accept: 'text/html' } });
	assert.is(response.status, 200);
	const html = await response.text();
	const url = contentUrl(html);
	assert.is(url, contentUrl(workspaceHtml), 'the same content the workspace fetched: the browser has it already');
	const version = (await (await inspector.request(url)).json()) as { rules: unknown; domains: { standards: { title: string }[] }[] };
	const ruleFile = JSON.stringify(version.rules);
	assert.ok(ruleFile.length > 1000 && !html.includes(ruleFile.slice(0, 200)), 'the rule sets are not inlined in the report');
	const data = await (await inspector.request(`/inspections/${id}/report/__data.json?x-sveltekit-invalidated=01`)).text();
	assert.ok(data.length < JSON.stringify(version).length / 2, `the report's data (${data.length} bytes) carries no version (${JSON.stringify(version).length} bytes)`);
	assert.not.ok(data.includes(ruleFile.slice(0, 200)));
	// rendered on the server with the version it loaded: every standard's name is in the page as sent
	for (const { title } of version.domains.flatMap((d) => d.standards)) assert.ok(html.includes(title.replaceAll('&', '&amp;').replaceAll('<', '&lt;')), title);
});

Content.run();
