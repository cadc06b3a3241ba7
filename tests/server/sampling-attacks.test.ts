// The case sample pages against the built server, as an attacker (or a second tab) uses them: a
// draw is made from the exclusions its page showed, or refused.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { TestServer, type Client } from '../support/server';

const Attacks = suite('case sample pages, attacked');
let server: TestServer;
let inspector: Client;

Attacks.before(async () => {
	server = await TestServer.start();
	[inspector] = await server.accounts(['ines'], ['inspector']);
});
Attacks.after(async () => {
	await server?.dispose();
});

/** A form action posted as the browser's enhanced form does: the JSON answer. */
async function action(pathname: string, body: FormData | URLSearchParams, client = inspector) {
	const response = await client.request(pathname, { method: 'POST', headers: { accept: 'application/json', origin: server.url }, body });
	const text = await response.text();
	return { http: response.status, text, answer: JSON.parse(text) as { type: string; status?: number; location?: string; data?: string } };
}

async function upload(id: string, name: string, bytes: Uint8Array | string, client = inspector) {
	const form = new FormData();
	form.set('longlist', new Blob([bytes as BlobPart]), name);
	return action(`/inspections/${id}/sample?/upload`, form, client);
}

/** The page as a browser tab shows it. */
async function page(pathname: string, client = inspector): Promise<string> {
	const response = await client.request(pathname);
	assert.is(response.status, 200, pathname);
	return response.text();
}

Attacks('a draw from a page shown before an exclusion made in another tab is refused, saying what changed, and draws nothing', async () => {
	const id = await inspector.createInspection('Two tabs');
	const uploaded = await upload(id, 'longlist.csv', 'Case reference,Stratum\nA1,court\nA2,court\nA3,court\nA4,court\n');
	assert.is(uploaded.answer.type, 'redirect', uploaded.text);
	const review = uploaded.answer.location!;
	// tab A shows the review page: no case excluded
	const tabA = await page(review);
	const shown = tabA.match(/name="pendingRevision" value="(\d+)"/)?.[1];
	assert.ok(shown, 'the page carries the revision of the exclusions it shows');
	assert.match(tabA, /<form method="POST" action="\?\/draw"[^]*?name="pendingRevision"[^]*?<\/form>/, 'the draw form sends it');
	// tab B excludes A1
	const excluded = await action(`${review}?/exclude`, new URLSearchParams({ pendingRevision: shown!, reference: 'A1', reason: 'other', other: 'Hosted for another area' }));
	assert.is(excluded.answer.type, 'redirect', excluded.text);
	// tab A draws all four it showed
	const revision = await inspector.revision(id);
	const stale = await action(`${review}?/draw`, new URLSearchParams({ seed: '1', 'size-court': '4', revision: String(revision), pendingRevision: shown! }));
	assert.is(stale.answer.type, 'failure', stale.text);
	assert.is(stale.answer.status, 409);
	assert.match(stale.text, /Not drawn: since this page was shown, ines excluded A1 in another window/);
	assert.is(await inspector.revision(id), revision, 'nothing was drawn');
	// a draw without the page's revision is refused too
	const unsent = await action(`${review}?/draw`, new URLSearchParams({ seed: '1', 'size-court': '3', revision: String(revision) }));
	assert.is(unsent.answer.status, 409, unsent.text);
	// shown again, the page has the exclusion, and its draw is made
	const again = await page(review);
	assert.match(again, /Hosted for another area/);
	const now = again.match(/name="pendingRevision" value="(\d+)"/)![1];
	const drawn = await action(`${review}?/draw`, new URLSearchParams({ seed: '1', 'size-court': '3', revision: String(revision), pendingRevision: now }));
	assert.is(drawn.answer.type, 'redirect', drawn.text);
	const selected = await (await inspector.request(`/inspections/${id}/sample/selected.csv`)).text();
	assert.not.match(selected, /^A1,/m, 'the excluded case is not drawn');
	assert.match(selected, /^A2,/m);
});

Attacks.run();
