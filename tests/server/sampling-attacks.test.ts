// The case sample pages against the built server, as an attacker (or a second tab) uses them: a
// workbook is unzipped counting what inflates, a heading row is bounded where the file is read, a file waiting for its columns is not lost to
// someone else's uploads, and a draw is made from the exclusions its page showed, or refused.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { LONGLIST_LIMITS } from '../../src/lib/sampling/index';
import { TestServer, report, type Client } from '../support/server';
import { zeros, zip } from '../support/zip';

const Attacks = suite('case sample pages, attacked');
let server: TestServer;
let inspector: Client;
let other: Client;

Attacks.before(async () => {
	server = await TestServer.start();
	[inspector, other] = await server.accounts(['ines', 'otto'], ['inspector']);
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

/** The largest the server's memory has been (VmHWM, in MB), read from Linux's /proc. */
function peakMemoryMB(): number {
	const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
	return Number(status.match(/^VmHWM:\s+(\d+) kB/m)![1]) / 1024;
}

// Run first, on a fresh server, so the peak it reads is this upload's.
Attacks('an .xlsx whose zip directory understates an entry is refused before it is unpacked', async () => {
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

Attacks('a CSV whose first row has 400,000 headings is refused at once, saying the limit; every column within it can be mapped', async () => {
	const id = await inspector.createInspection('Wide longlist');
	const wide = `${Array.from({ length: 400_000 }, (_, i) => `h${i}`).join(',')}\nA1,court\n`;
	const started = performance.now();
	const refused = await upload(id, 'wide.csv', wide);
	report(`${(wide.length / 1024 / 1024).toFixed(1)} MB of headings refused in ${((performance.now() - started) / 1000).toFixed(2)} s`);
	assert.is(refused.answer.type, 'failure', refused.text.slice(0, 300));
	assert.match(refused.text, `wide.csv: Row 1: more than ${LONGLIST_LIMITS.columns} columns; a longlist has at most ${LONGLIST_LIMITS.columns}`);
	assert.not.match(await page(`/inspections/${id}/sample`), /Continue with wide\.csv/, 'nothing is kept');
	// as many headings as allowed: the last two are the reference and the stratum
	const headings = Array.from({ length: LONGLIST_LIMITS.columns }, (_, i) => `Column ${i + 1}`);
	const cells = headings.map((_, i) => (i === headings.length - 2 ? 'A1' : i === headings.length - 1 ? 'court' : ''));
	const uploaded = await upload(id, 'widest.csv', `${headings.join(',')}\n${cells.join(',')}\n`);
	assert.match(uploaded.answer.location ?? '', /\/columns$/, uploaded.text.slice(0, 300));
	assert.match(await page(uploaded.answer.location!), `<option value="${headings.length - 1}"`);
	const mapped = await action(uploaded.answer.location!, new URLSearchParams({ reference: String(headings.length - 2), stratum: String(headings.length - 1) }));
	assert.is(mapped.answer.type, 'redirect', mapped.text.slice(0, 300));
	assert.match(await page(mapped.answer.location!), /1 cases on the longlist/);
});

Attacks("another inspector's uploads, on another inspection, do not lose a file waiting for its columns", async () => {
	const mine = await inspector.createInspection('Columns to map');
	const theirs = await other.createInspection('Someone else');
	// headings Yardstick does not know: the file is held in memory until its columns are mapped
	const csv = 'Ref,Group\nA1,court\nA2,court\n';
	const uploaded = await upload(mine, 'longlist.csv', csv);
	assert.match(uploaded.answer.location ?? '', /\/columns$/, uploaded.text);
	// eight uploads of the same kind by someone else, within the hour
	for (let i = 0; i < 8; i++) assert.is((await upload(theirs, `theirs-${i}.csv`, csv, other)).answer.type, 'redirect');
	const mapped = await action(uploaded.answer.location!, new URLSearchParams({ reference: '0', stratum: '1' }));
	assert.is(mapped.answer.type, 'redirect', `mapping the columns answered: ${mapped.text.slice(0, 300)}`);
});

Attacks('a file let go for your own newer uploads is said to be, with why, and never offered to be continued', async () => {
	const id = await inspector.createInspection('Many uploads');
	const csv = 'Ref,Group\nA1,court\n';
	const first = await upload(id, 'first.csv', csv);
	assert.match(first.answer.location ?? '', /\/columns$/, first.text);
	for (const name of ['second.csv', 'third.csv', 'fourth.csv']) assert.is((await upload(id, name, csv)).answer.type, 'redirect');
	const listed = await page(`/inspections/${id}/sample`);
	assert.not.match(listed, /Continue with first\.csv/);
	assert.match(listed, /Continue with fourth\.csv/);
	assert.match(listed, /first\.csv is no longer held, so its columns cannot be mapped: you uploaded 3 more files with columns to map after it/);
	assert.not.match(await page(`/inspections/${id}/sample`), /first\.csv is no longer held/, 'said once');
	const columns = await page(first.answer.location!);
	assert.match(columns, /The file is no longer held: you uploaded 3 more files with columns to map after it, and only each person(&#39;|')s latest 3 are held/);
	assert.not.match(columns, /<select/, 'nothing to map');
	const mapped = await action(first.answer.location!, new URLSearchParams({ reference: '0', stratum: '1' }));
	assert.is(mapped.answer.status, 410, mapped.text);
});

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

Attacks('the draw keeps the longlist\'s fingerprint and the seed the server proposed; a proposal the form claims is not believed', async () => {
	const id = await inspector.createInspection('Fair draw');
	const uploaded = await upload(id, 'fair.csv', 'Case reference,Stratum\n B1 ,court\nB2,court\nB3,court\nB4,court\n');
	assert.is(uploaded.answer.type, 'redirect', uploaded.text);
	const review = uploaded.answer.location!;
	// the proposal is the server's own, kept with the pending longlist, and the page shows that one each time
	const pendingId = review.split('/').at(-1)!;
	const kept = JSON.parse(readFileSync(path.join(server.dataDir, 'sampling-pending', `${pendingId}.json`), 'utf8')).value.seed as number;
	assert.ok(Number.isInteger(kept));
	const shown = await page(review);
	assert.is(Number(shown.match(/id="seed"[^>]*value="(\d+)"/)?.[1] ?? NaN), kept);
	assert.is(Number((await page(review)).match(/id="seed"[^>]*value="(\d+)"/)?.[1] ?? NaN), kept, 'the same proposal on a reload');
	const typed = (kept + 1) % 4294967296;
	const pendingRevision = shown.match(/name="pendingRevision" value="(\d+)"/)![1];
	// the form claims the typed seed was the proposed one, every way it might
	const forged = new URLSearchParams({ seed: String(typed), 'size-court': '3', revision: String(await inspector.revision(id)), pendingRevision, proposedSeed: String(typed), proposal: String(typed), seedChanged: 'false', sha256: 'f'.repeat(64) });
	const drawn = await action(`${review}?/draw`, forged);
	assert.is(drawn.answer.type, 'redirect', drawn.text);
	const stored = JSON.parse(readFileSync(path.join(server.dataDir, 'inspections', `${id}.json`), 'utf8')).value;
	const draw = stored.draws.at(-1);
	assert.equal(draw.proposal, { seed: kept, changed: true });
	// SHA-256 of the rows as read: references trimmed, the stratum's id, excluded or not, in the file's order
	const rows = ['B1', 'B2', 'B3', 'B4'].map((r) => `["${r}","court",false]\n`).join('');
	assert.is(draw.longlist.sha256, createHash('sha256').update(rows).digest('hex'));
	// the audit record says both
	const audit = readFileSync(path.join(server.dataDir, 'audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l)).filter((r) => r.action === 'inspection.sample-draw' && r.target.id === id);
	assert.is(audit.length, 1);
	assert.equal(audit[0].after.proposal, { seed: kept, changed: true });
	assert.is(audit[0].after.longlistSha256, draw.longlist.sha256);
	assert.match(audit[0].summary, `the proposed seed ${kept} was changed to ${typed}`);
	// and the sample page
	const sample = await page(`/inspections/${id}/sample`);
	assert.match(sample, `${kept}, changed by ines to ${typed}`);
	assert.match(sample, draw.longlist.sha256);
	// drawn again with the seed proposed for the new upload: recorded as used as proposed
	const again = await upload(id, 'fair.csv', 'Case reference,Stratum\nB1,court\nB2,court\nB3,court\nB4,court\n');
	const page2 = await page(again.answer.location!);
	const proposed = page2.match(/id="seed"[^>]*value="(\d+)"/)![1];
	const redrawn = await action(`${again.answer.location!}?/draw`, new URLSearchParams({ seed: proposed, 'size-court': '3', reason: 'again', revision: String(await inspector.revision(id)), pendingRevision: page2.match(/name="pendingRevision" value="(\d+)"/)![1] }));
	assert.is(redrawn.answer.type, 'redirect', redrawn.text);
	const latest = JSON.parse(readFileSync(path.join(server.dataDir, 'inspections', `${id}.json`), 'utf8')).value.draws.at(-1);
	assert.equal(latest.proposal, { seed: Number(proposed), changed: false });
	assert.is(latest.longlist.sha256, draw.longlist.sha256, 'the same rows: the same fingerprint');
	// a draw recorded before either was kept: the page says so, rather than guessing
	const file = path.join(server.dataDir, 'inspections', `${id}.json`);
	const doc = JSON.parse(readFileSync(file, 'utf8'));
	const last = doc.value.draws.at(-1);
	delete last.proposal;
	delete last.longlist.sha256;
	writeFileSync(`${file}.tmp`, JSON.stringify(doc));
	renameSync(`${file}.tmp`, file);
	const old = await page(`/inspections/${id}/sample`);
	assert.match(old, 'Not recorded (drawn before proposed seeds were kept)');
	assert.match(old, 'Not recorded (drawn before fingerprints were kept)');
	assert.not.match(old, 'npm run sample -- verify', 'no check to offer without a fingerprint');
});

Attacks('two draws in one edits request are refused in a sentence saying one draw is allowed, and nothing is drawn', async () => {
	const id = await inspector.createInspection('Two draws');
	const revision = await inspector.revision(id);
	const longlist = ['C1', 'C2', 'C3'].map((reference) => ({ reference, group: 'court' }));
	const response = await inspector.request(`/inspections/${id}/edits`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ baseRevision: revision, edits: [{ type: 'draw', seed: 1, longlist, sizes: { court: 2 } }, { type: 'draw', seed: 2, longlist, sizes: { court: 2 } }] })
	});
	const text = await response.text();
	assert.is(response.status, 400, text);
	const { errors } = JSON.parse(text) as { errors: { message: string }[] };
	assert.equal(errors.map((e) => e.message), ['One draw is allowed per request, and this one has 2: send each draw in a request of its own.']);
	assert.is(await inspector.revision(id), revision, 'nothing was drawn');
});

Attacks.run();
