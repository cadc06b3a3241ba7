// Found by probing the case sample pages as an attacker (branch probe): each test shows a bug
// against the built server, and fails until it is fixed.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { TestServer, report, type Client } from '../support/server';
import { zeros, zip } from '../support/zip';

const Probe = suite('case sample pages, probed');
let server: TestServer;
let inspector: Client;
let other: Client;

Probe.before(async () => {
	server = await TestServer.start();
	[inspector, other] = await server.accounts(['ines', 'otto'], ['inspector']);
});
Probe.after(async () => {
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

/** The largest the server's memory has been (VmHWM, in MB), read from Linux's /proc. */
function peakMemoryMB(): number {
	const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
	return Number(status.match(/^VmHWM:\s+(\d+) kB/m)![1]) / 1024;
}

// Run first, on a fresh server, so the peak it reads is this upload's.
Probe('an .xlsx whose zip directory understates an entry is refused before it is unpacked', async () => {
	const id = await inspector.createInspection('Zip bomb');
	// 200 MB of zeros that the zip's directory says is 1,000 bytes: the 50 MB unzip limit reads the directory only
	const bomb = zeros(200);
	const workbook = zip([{ name: 'xl/worksheets/sheet1.xml', method: 8, data: bomb.data, size: 1000 }]);
	assert.ok(workbook.length < 5 * 1024 * 1024, 'the upload is within the 5 MB limit');
	const before = peakMemoryMB();
	const started = performance.now();
	const answered = await upload(id, 'longlist.xlsx', workbook);
	const grew = peakMemoryMB() - before;
	report(`${(workbook.length / 1024).toFixed(0)} KB upload answered in ${((performance.now() - started) / 1000).toFixed(1)} s; the server's peak memory grew ${grew.toFixed(0)} MB: ${answered.text.slice(0, 200)}`);
	assert.is(answered.answer.type, 'failure');
	assert.ok(grew < 100, `the server's peak memory grew ${grew.toFixed(0)} MB: the entry was unpacked past the 50 MB limit before being refused`);
});

Probe('a longlist with a case reference "__proto__" is refused by name, or drawn and the inspection still opens', async () => {
	const id = await inspector.createInspection('Prototype longlist');
	const csv = 'Case reference,Stratum\n__proto__,court\nA1,court\nA2,court\nA3,court\n';
	const uploaded = await upload(id, 'longlist.csv', csv);
	// refusing the reference, saying which, is a fix as good as drawing it safely
	if (uploaded.answer.type === 'failure') {
		assert.match(uploaded.text, /__proto__/);
		return;
	}
	assert.is(uploaded.answer.type, 'redirect', uploaded.text);
	const review = uploaded.answer.location!;
	assert.match(review, /^\/inspections\/[^/]+\/sample\/[^/]+$/);
	const drawn = await action(`${review}?/draw`, new URLSearchParams({ seed: '1', 'size-court': '4', revision: String(await inspector.revision(id)) }));
	assert.is(drawn.answer.type, 'redirect', drawn.text);
	// a size of 4 from 4 cases: every case is drawn, "__proto__" too
	const csvOut = await (await inspector.request(`/inspections/${id}/sample/selected.csv`)).text();
	assert.match(csvOut, /^__proto__,/m);
	const workspace = await inspector.request(`/inspections/${id}`);
	assert.is(workspace.status, 200, `the workspace answered ${workspace.status}: a case called "__proto__" becomes the prototype of a per-case object (the relevance map) the page cannot send`);
});

Probe.run();
