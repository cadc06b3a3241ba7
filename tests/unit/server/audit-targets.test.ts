import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AuditTargetIndex } from '../../../src/lib/server/audit/audit-targets';
import { readAuditPage, recordAudit, type AuditRecord } from '../../../src/lib/server/audit/audit';

const line = (i: number, id = `i${i % 3}`, extra: object = {}) => JSON.stringify({ at: new Date(Date.UTC(2020, 0, 1, 0, i)).toISOString(), actor: 'ann', action: 'inspection.edit', target: { kind: 'inspection', id }, summary: `record ${i}`, ...extra }) + '\n';

/** A data folder with a trail of `count` records, three inspections in turn. */
function folder(count: number) {
	const dir = mkdtempSync(path.join(tmpdir(), 'yardstick-audit-targets-'));
	const log = path.join(dir, 'audit.jsonl');
	writeFileSync(log, Array.from({ length: count }, (_, i) => line(i)).join(''));
	return { dir, log, file: path.join(dir, 'indexes', 'audit-targets.json') };
}

/** The records at the places an index gives, read straight from the log; a line that does not parse is skipped, as the trail's readers skip it. */
const at = (log: string, positions: number[]) => {
	const text = readFileSync(log);
	const records: string[] = [];
	for (let i = 0; i < positions.length; i += 2) {
		try {
			records.push((JSON.parse(text.toString('utf8', positions[i], positions[i + 1])) as AuditRecord).summary);
		} catch {
			// cut short
		}
	}
	return records;
};
const numbered = (ids: number[]) => ids.map((i) => `record ${i}`);

const Index = suite('where each target\'s records lie in the audit trail: derived, checked against the trail');

Index('each target\'s records, oldest first; kept on disk, so a restart indexes nothing again', async () => {
	const { log, file } = folder(30);
	const index = new AuditTargetIndex(log, file);
	assert.equal(at(log, await index.positions('inspection', 'i1')), numbered(Array.from({ length: 10 }, (_, n) => 3 * n + 1)));
	assert.equal(await index.positions('inspection', 'nobody'), []);
	assert.is(index.builds, 1);
	await index.flush();
	assert.ok(existsSync(file));
	const again = new AuditTargetIndex(log, file);
	assert.equal(await again.positions('inspection', 'i1'), await index.positions('inspection', 'i1'));
	assert.is(again.builds, 0, 'read from its file');
});

Index('records written after the index file (a crash between the two, or another process) are read on the next use', async () => {
	const { log, file } = folder(30);
	const index = new AuditTargetIndex(log, file);
	await index.positions('inspection', 'i0');
	await index.flush();
	appendFileSync(log, line(30) + line(31, 'i9'));
	const restarted = new AuditTargetIndex(log, file);
	assert.equal(at(log, await restarted.positions('inspection', 'i0')).slice(-2), numbered([27, 30]));
	assert.equal(at(log, await restarted.positions('inspection', 'i9')), numbered([31]));
	assert.is(restarted.builds, 0, 'only the new records are read');
	// and in the same process, as records arrive
	appendFileSync(log, line(32, 'i9'));
	assert.equal(at(log, await restarted.positions('inspection', 'i9')), numbered([31, 32]));
});

Index('a line still being written is left until it is whole; a line cut short by a crash is skipped', async () => {
	const { log, file } = folder(3);
	const index = new AuditTargetIndex(log, file);
	const half = line(3, 'i7');
	appendFileSync(log, half.slice(0, 40));
	assert.equal(await index.positions('inspection', 'i7'), []);
	appendFileSync(log, half.slice(40));
	assert.equal(at(log, await index.positions('inspection', 'i7')), numbered([3]));
	// cut short, and the next record starts on a line of its own (as recordAudit writes it)
	appendFileSync(log, '{"at":"2020","actor":"ann","action":"x","target":{"kind":"inspection","id":"i7"}\n' + line(4, 'i7'));
	assert.equal(at(log, await index.positions('inspection', 'i7')), numbered([3, 4]));
});

Index('a trail replaced, or cut shorter, is indexed again from its start', async () => {
	const { log, file } = folder(30);
	const index = new AuditTargetIndex(log, file);
	await index.positions('inspection', 'i0');
	writeFileSync(log, Array.from({ length: 40 }, (_, i) => line(i + 100, 'i0')).join(''));
	assert.equal(at(log, await index.positions('inspection', 'i0')), numbered(Array.from({ length: 40 }, (_, i) => i + 100)));
	assert.is(index.builds, 2);
	truncateSync(log, Buffer.byteLength(line(100, 'i0')) * 5);
	assert.equal((await index.positions('inspection', 'i0')).length, 10);
	assert.is(index.builds, 3);
});

Index('a kept index whose places lie outside what it read, or out of order, is not used: it is built again', async () => {
	const { log, file } = folder(30);
	const index = new AuditTargetIndex(log, file);
	const right = await index.positions('inspection', 'i0');
	await index.flush();
	const kept = JSON.parse(readFileSync(file, 'utf8')) as { targets: [string, string][] };
	for (const bad of ['0,zzzzzzzz', '5,5,0,5', '0,0']) {
		for (const entry of kept.targets) if (entry[0] === '["inspection","i0"]') entry[1] = bad;
		writeFileSync(file, JSON.stringify(kept));
		const restarted = new AuditTargetIndex(log, file);
		assert.equal(await restarted.positions('inspection', 'i0'), right, bad);
		assert.is(restarted.builds, 1, bad);
	}
});

Index('the record\'s own target is the one indexed: not a target inside what it recorded, nor one its words mention', async () => {
	const { log, file } = folder(0);
	writeFileSync(
		log,
		[
			JSON.stringify({ at: '2020', before: { target: { kind: 'inspection', id: 'inner' } }, target: { kind: 'inspection', id: 'outer' }, summary: 'record 0' }),
			JSON.stringify({ at: '2020', actor: '"target":{"kind":"inspection","id":"inner"}', target: { kind: 'inspection', id: 'outer' }, summary: 'record 1' }),
			JSON.stringify({ at: '2020', target: { kind: 'account', id: 'odd}"name' }, summary: 'record 2' }),
			JSON.stringify({ at: '2020', target: { kind: 'inspection', id: 'outer' }, summary: 'record 3', after: { target: { kind: 'inspection', id: 'inner' } } })
		].join('\n') + '\n'
	);
	const index = new AuditTargetIndex(log, file);
	assert.equal(at(log, await index.positions('inspection', 'outer')), numbered([0, 1, 3]));
	assert.equal(await index.positions('inspection', 'inner'), []);
	assert.equal(at(log, await index.positions('account', 'odd}"name')), numbered([2]));
});

Index.run();

const Pages = suite('one inspection\'s audit trail, paged through the index');

Pages('records written by the app are on the page at once; an index pointing elsewhere is caught, the page read from the trail, the index built again', async () => {
	const { dir, file } = folder(200);
	process.env.DATA_DIR = dir;
	const filter = { kind: 'inspection', id: 'i2', roles: ['viewer'] };
	const first = await readAuditPage(filter, 1, 20);
	assert.equal(first.records.map((r) => r.summary), numbered(Array.from({ length: 20 }, (_, n) => 197 - 3 * n)));
	await recordAudit({ actor: 'ann', action: 'inspection.edit', target: { kind: 'inspection', id: 'i2' }, summary: 'record 200' });
	assert.equal((await readAuditPage(filter, 1, 20)).records[0].summary, 'record 200');
	const older = await readAuditPage(filter, 2, 20, { before: first.older! });
	assert.equal(older.records[0].summary, 'record 137');

	// the kept index says i2's records lie where i1's do (its marks of the trail still hold)
	const fresh = new AuditTargetIndex(path.join(dir, 'audit.jsonl'), file);
	await fresh.positions('inspection', 'i2');
	await fresh.flush();
	const kept = JSON.parse(readFileSync(file, 'utf8')) as { targets: [string, string][] };
	const i1 = kept.targets.find(([key]) => key === '["inspection","i1"]')![1];
	for (const entry of kept.targets) if (entry[0] === '["inspection","i2"]') entry[1] = i1;
	const other = mkdtempSync(path.join(tmpdir(), 'yardstick-audit-targets-'));
	writeFileSync(path.join(other, 'audit.jsonl'), readFileSync(path.join(dir, 'audit.jsonl')));
	process.env.DATA_DIR = other;
	mkdirSync(path.join(other, 'indexes'));
	writeFileSync(path.join(other, 'indexes', 'audit-targets.json'), JSON.stringify(kept));
	const warned: string[] = [];
	const warn = console.warn;
	console.warn = (message: string) => warned.push(message);
	try {
		const page = await readAuditPage(filter, 1, 20);
		assert.equal(page.records.map((r) => r.summary), ['record 200', ...numbered(Array.from({ length: 19 }, (_, n) => 197 - 3 * n))]);
	} finally {
		console.warn = warn;
	}
	assert.match(warned.join('\n'), 'pointed at a record it does not name');
	assert.equal((await readAuditPage(filter, 1, 20)).records[0].summary, 'record 200', 'and from the index built again');
});

Pages.run();
