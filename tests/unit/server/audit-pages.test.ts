import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isLineBoundary, readAuditPage, type AuditFilter } from '../../../src/lib/server/audit/audit';

/** A trail of `count` records (record 0 the oldest), with a line cut short by a crash after record 40. */
function trail(count: number) {
	process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), 'yardstick-audit-pages-'));
	const lines = Array.from({ length: count }, (_, i) => {
		const record = { at: new Date(Date.UTC(2020, 0, 1, 0, i)).toISOString(), actor: 'tests', action: i % 10 === 3 ? 'sign-in.failure' : 'framework.publish', target: { kind: 'framework', id: `v${i % 4}` }, summary: `record ${i}`, after: `v${(i + 1) % 4}` };
		return JSON.stringify(record) + (i === 40 ? '\n{"at":"2020-01-01T0' : '') + '\n';
	});
	writeFileSync(path.join(process.env.DATA_DIR, 'audit.jsonl'), lines.join(''));
}

const numbers = (records: { summary: string }[]) => records.map((r) => Number(/^record (\d+)/.exec(r.summary)![1]));

/** Every page by following the links from the first, as a reader does. */
async function byLinks(filter: AuditFilter, perPage: number) {
	const pages: number[][] = [];
	let page = await readAuditPage(filter, 1, perPage);
	pages.push(numbers(page.records));
	for (let n = 2; page.more; n++) {
		assert.ok(await isLineBoundary(page.older!, 'before'));
		page = await readAuditPage(filter, n, perPage, { before: page.older! });
		pages.push(numbers(page.records));
	}
	return pages;
}

for (const filter of [{ roles: ['admin'] }, { roles: ['viewer'] }, { roles: ['admin'], kind: 'framework', id: 'v1' }] as AuditFilter[]) {
	test(`pages by their links are the pages by number, newest first (${JSON.stringify(filter)})`, async () => {
		trail(3000);
		const linked = await byLinks(filter, 50);
		const numbered: number[][] = [];
		for (let n = 1; n <= linked.length; n++) numbered.push(numbers((await readAuditPage(filter, n, 50)).records));
		assert.equal(linked, numbered);
		const all = linked.flat();
		const expected = Array.from({ length: 3000 }, (_, i) => 2999 - i).filter((i) => (filter.roles.includes('admin') || i % 10 !== 3) && (!filter.id || `v${i % 4}` === filter.id));
		assert.equal(all, expected, 'every record once, in order, the cut line skipped, a record naming the id elsewhere not taken for it');
	});
}

test('Newer from a page gives the page before it', async () => {
	trail(500);
	const filter: AuditFilter = { roles: ['viewer'] };
	const one = await readAuditPage(filter, 1, 50);
	const two = await readAuditPage(filter, 2, 50, { before: one.older! });
	const three = await readAuditPage(filter, 3, 50, { before: two.older! });
	assert.ok(await isLineBoundary(three.newer!, 'after'));
	const back = await readAuditPage(filter, 2, 50, { after: three.newer! });
	assert.equal(numbers(back.records), numbers(two.records));
	assert.is(back.more, true);
	assert.equal(numbers((await readAuditPage(filter, 1, 50, { after: two.newer! })).records), numbers(one.records));
});

test('a place that is not a line boundary is not one', async () => {
	trail(10);
	assert.equal(await Promise.all([isLineBoundary(0, 'before'), isLineBoundary(5, 'before'), isLineBoundary(-1, 'before'), isLineBoundary(1e12, 'after'), isLineBoundary(0.5, 'after')]), [true, false, false, false, false]);
});

test.run();
