// Issue 12, "ten years on one machine", against the built server: the inspections list a page
// at a time from the kept summaries (right after saves, writes by another process and a
// restart), and the audit trail page by page through its links.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { TestServer, type Client } from '../support/server';

const Scale = suite('paged lists and the audit trail, over HTTP');

let server: TestServer;
let inspector: Client;
const ids: string[] = [];

Scale.before(async () => {
	server = await TestServer.start();
	[inspector] = await server.accounts(['ivy'], ['inspector', 'admin']);
	// written by this process, not the server's: as another process (or a crash before the index) leaves them
	for (let i = 0; i < 60; i++) ids.push(await server.addInspection(inspector, `Service ${String(i).padStart(2, '0')} YJS`, 'hmip-youth@2018', { tallies: { '2.1.1': { relevant: 20, yes: 4 + (i % 16) } } }));
});
Scale.after(async () => {
	await server?.dispose();
});

/** The inspections a list page shows, by id, in order. */
const rowsOf = (html: string) => [...html.matchAll(/<th scope="row" class="govuk-table__header"><a class="govuk-link" href="\/inspections\/([^"]+)"/g)].map((m) => m[1]);
const linkTo = (html: string, rel: 'next' | 'prev') => new RegExp(`<a [^>]*href="([^"]+)"[^>]*rel="${rel}"`).exec(html)?.[1]?.replaceAll('&amp;', '&');

Scale('the list comes fifty at a time, with GOV.UK pagination, and every inspection is on exactly one page', async () => {
	const first = await inspector.html('/inspections');
	assert.match(first, 'Showing 1 to 50 of 60 inspections');
	assert.match(first, 'aria-label="Pages of inspections"');
	assert.is(rowsOf(first).length, 50);
	assert.is(linkTo(first, 'next'), '/inspections?page=2');
	const second = await inspector.html(linkTo(first, 'next')!);
	assert.match(second, 'Showing 51 to 60 of 60 inspections');
	assert.is(rowsOf(second).length, 10);
	assert.is(linkTo(second, 'prev'), '/inspections');
	assert.equal([...rowsOf(first), ...rowsOf(second)].sort(), [...ids].sort());
	for (const bad of ['0', 'two', '-1', '1e3']) assert.is((await inspector.request(`/inspections?page=${bad}`, { headers: { accept: 'text/html' } })).status, 400, bad);
	assert.match(await inspector.html('/inspections?page=9'), 'There are no inspections on page 9: there are 2 pages');
});

Scale('a save shows at once: the inspection moves to the top with what changed; a restart shows the same list', async () => {
	const id = ids[0];
	const saved = await inspector.save(id, 1, [{ type: 'tally', keyQuestion: '2.1.1', tally: { relevant: 20, yes: 19 } }, { type: 'status', status: 'complete' }]);
	assert.is(saved.status, 200);
	const first = await inspector.html('/inspections');
	assert.is(rowsOf(first)[0], id);
	const row = first.slice(first.indexOf(`href="/inspections/${id}"`), first.indexOf('</tr>', first.indexOf(`href="/inspections/${id}"`)));
	assert.match(row, 'Complete');
	await server.restart();
	assert.ok(existsSync(path.join(server.dataDir, 'indexes', 'inspection-summaries.json')), 'the summaries are kept');
	const again = await inspector.html('/inspections');
	assert.equal(rowsOf(again), rowsOf(first));
	assert.match(again.slice(again.indexOf(`href="/inspections/${id}"`)), 'Complete');
});

Scale('the audit trail, newest first, page by page through its links: Older and Newer give the same pages however reached', async () => {
	const at = (i: number) => new Date(Date.UTC(2020, 0, 1, 0, i)).toISOString();
	const lines = Array.from({ length: 130 }, (_, i) => JSON.stringify({ at: at(i), actor: 'tests', action: 'framework.publish', target: { kind: 'framework', id: `v@${i}` }, summary: `record number ${i}.` }) + '\n');
	writeFileSync(path.join(server.dataDir, 'audit.jsonl'), lines.join(''));
	// as rendered in the table (the page's data, in a script, names them again)
	const shown = (html: string) => [...html.matchAll(/>\s*record number (\d+)\./g)].map((m) => Number(m[1]));
	const one = await inspector.html('/audit');
	assert.equal(shown(one), Array.from({ length: 50 }, (_, i) => 129 - i), 'page one');
	const older = linkTo(one, 'next')!;
	assert.match(older, /^\/audit\?page=2&before=\d+$/);
	const two = await inspector.html(older);
	assert.equal(shown(two), Array.from({ length: 50 }, (_, i) => 79 - i), 'page two');
	assert.equal(shown(two), shown(await inspector.html('/audit?page=2')), 'as the page asked for by number');
	const three = await inspector.html(linkTo(two, 'next')!);
	assert.equal(shown(three), Array.from({ length: 30 }, (_, i) => 29 - i), 'page three');
	assert.match(three, 'Records 101 to 130');
	assert.is(linkTo(three, 'next'), undefined);
	const back = await inspector.html(linkTo(three, 'prev')!);
	assert.equal(shown(back), shown(two), 'back to page two');
	assert.match(linkTo(back, 'next')!, /before=/);
	assert.is(linkTo(await inspector.html(linkTo(back, 'prev')!), 'prev'), undefined, 'back on the first page');
	// a place that is not a line's boundary, or not a number: refused, never read from
	for (const bad of ['before=5', 'after=5', 'before=99999999', 'before=x', 'after=-1']) assert.is((await inspector.request(`/audit?page=2&${bad}`, { headers: { accept: 'text/html' } })).status, 400, bad);
});

Scale.run();
