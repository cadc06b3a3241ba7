// One inspection's audit trail over HTTP against the built server: paged through the index of
// where each target's records lie, newest first, with records the server writes shown at once,
// a trail written behind the server's back read as it is, and the same pages after a restart;
// and its export (audit/export.jsonl), read through the same index.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { appendFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { TestServer, type Client } from '../support/server';

const Trail = suite('one inspection\'s audit trail, page by page');

let server: TestServer;
let ivy: Client;

Trail.before(async () => {
	server = await TestServer.start();
	[ivy] = await server.accounts(['ivy'], ['inspector', 'admin']);
});
Trail.after(async () => {
	await server?.dispose();
});

const linkTo = (html: string, rel: 'next' | 'prev') => new RegExp(`<a [^>]*href="([^"]+)"[^>]*rel="${rel}"`).exec(html)?.[1]?.replaceAll('&amp;', '&');
const shown = (html: string) => [...html.matchAll(/>\s*record number (\d+)\./g)].map((m) => Number(m[1]));
const record = (i: number, id: string) => JSON.stringify({ at: new Date(Date.UTC(2020, 0, 1, 0, i)).toISOString(), actor: 'tests', action: 'inspection.edit', target: { kind: 'inspection', id }, summary: `record number ${i}.` }) + '\n';

/** Every page of a trail by its Older links, from the first. */
async function allPages(first: string): Promise<number[][]> {
	const pages: number[][] = [];
	for (let href: string | undefined = first; href; ) {
		const html = await ivy.html(href);
		pages.push(shown(html));
		href = linkTo(html, 'next');
	}
	return pages;
}

Trail('newest first, fifty at a time, every record of this inspection once and none of another\'s; Newer goes back', async () => {
	const id = await server.addInspection(ivy, 'Trail YJS', 'hmip-youth@2025', { context: { inspectionType: 'iyjwcv' } });
	// written behind the server's back, over what it had: 260 records, every other one this inspection's
	writeFileSync(path.join(server.dataDir, 'audit.jsonl'), Array.from({ length: 260 }, (_, i) => record(i, i % 2 ? 'another' : id)).join(''));
	const first = `/audit?kind=inspection&id=${id}`;
	const pages = await allPages(first);
	assert.equal(pages.map((p) => p.length), [50, 50, 30]);
	assert.equal(pages.flat(), Array.from({ length: 130 }, (_, n) => 258 - 2 * n));
	const two = await ivy.html(linkTo(await ivy.html(first), 'next')!);
	const three = await ivy.html(linkTo(two, 'next')!);
	assert.equal(shown(await ivy.html(linkTo(three, 'prev')!)), pages[1], 'Newer from page three is page two');

	// a save the server audits is on the first page at once; a record appended by another process too
	const saved = await ivy.save(id, 1, [{ type: 'context', fact: 'inspectionType', value: 'iyjs' }]);
	assert.is(saved.status, 200);
	appendFileSync(path.join(server.dataDir, 'audit.jsonl'), record(999, id));
	const now = await ivy.html(first);
	assert.equal(shown(now).slice(0, 2), [999, 258]);
	assert.match(now, 'context fact inspectionType set to');
	assert.match(now, 'Trail YJS');
	const before = await allPages(first);
	assert.equal(before.flat(), [999, ...pages.flat()], 'the 130, the appended record and (not numbered) the save\'s');
	assert.equal(before.map((p) => p.length), [49, 50, 32]);
	await server.restart();
	assert.equal(await allPages(first), before, 'the same after a restart');
});

Trail('the export of one inspection: exactly its records, newest first, over a trail of many others\' records; with the index behind the trail, and deleted', async () => {
	const id = await server.addInspection(ivy, 'Export YJS', 'hmip-youth@2025', { context: { inspectionType: 'iyjwcv' } });
	const log = path.join(server.dataDir, 'audit.jsonl');
	const index = path.join(server.dataDir, 'indexes', 'audit-targets.json');
	// 3,000 records over 20 targets, one in 20 this inspection's
	writeFileSync(log, Array.from({ length: 3000 }, (_, i) => record(i, i % 20 ? `other-${i % 20}` : id)).join(''));
	const exported = async () => {
		const response = await ivy.request(`/audit/export.jsonl?kind=inspection&id=${id}`);
		const text = await response.text();
		assert.is(response.status, 200, text.slice(0, 300));
		assert.is(response.headers.get('content-type'), 'application/jsonl; charset=utf-8');
		assert.is(response.headers.get('content-disposition'), `attachment; filename="audit-inspection-${id}.jsonl"`);
		return text;
	};
	// what the export is to send: this inspection's lines of the trail as it is on disk, newest first, one JSON record a line
	const expected = () =>
		readFileSync(log, 'utf8')
			.split('\n')
			.filter(Boolean)
			.map((line) => JSON.parse(line) as { target: { kind: string; id: string } })
			.filter((r) => r.target.kind === 'inspection' && r.target.id === id)
			.reverse()
			.map((r) => JSON.stringify(r) + '\n')
			.join('');
	const numbers = (text: string) => [...text.matchAll(/record number (\d+)\./g)].map((m) => Number(m[1]));

	const first = await exported();
	assert.is(first, expected());
	assert.equal(numbers(first), Array.from({ length: 150 }, (_, n) => 2980 - 20 * n));

	// written behind the server's back while it runs: in the next export at once
	appendFileSync(log, record(3000, id) + record(3001, 'other-1'));
	assert.equal(numbers(await exported()).slice(0, 2), [3000, 2980]);
	assert.is(await exported(), expected());

	// stopped with its index kept, the trail written to meanwhile: the index is behind it at the restart
	await server.stop();
	assert.ok(existsSync(index), 'the server kept its index');
	appendFileSync(log, record(3002, 'other-2') + record(3003, id));
	await server.restart();
	assert.equal(numbers(await exported()).slice(0, 2), [3003, 3000]);
	assert.is(await exported(), expected());

	// stopped, its index deleted and the trail written to: built again from the trail
	await server.stop();
	rmSync(index);
	appendFileSync(log, record(3004, id));
	await server.restart();
	const last = await exported();
	assert.is(last, expected());
	assert.is(numbers(last).length, 153);
	assert.not.match(server.log(), 'pointed at a record it does not name');
});

Trail.run();
