import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AuditTargetIndex, auditTargetIndex } from '../../../src/lib/server/audit/audit-targets';
import { auditNewestFirst, mayRead, readAuditPage, recordAudit, type AuditFilter, type AuditRecord } from '../../../src/lib/server/audit/audit';

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

const Export = suite('one target\'s export, read through the same index');

/** A trail of 3,000 records over 30 inspections, every 97th a failed sign-in (admins only) of i7's. */
function crowded() {
	const dir = mkdtempSync(path.join(tmpdir(), 'yardstick-audit-export-'));
	const lines = Array.from({ length: 3000 }, (_, i) => line(i, `i${i % 30}`, i % 97 === 0 ? { action: 'sign-in.failure', target: { kind: 'inspection', id: 'i7' } } : {}));
	writeFileSync(path.join(dir, 'audit.jsonl'), lines.join(''));
	return dir;
}

/** What the export sends: each record as a line, newest first (as src/routes/audit/export.jsonl does). */
async function exported(filter: AuditFilter): Promise<string> {
	let text = '';
	for await (const record of auditNewestFirst(filter)) text += JSON.stringify(record) + '\n';
	return text;
}

/** The same worked out from the whole trail as it is on disk. */
function expected(dir: string, filter: AuditFilter): string {
	const records = readFileSync(path.join(dir, 'audit.jsonl'), 'utf8')
		.split('\n')
		.filter(Boolean)
		.map((l) => JSON.parse(l) as AuditRecord)
		.filter((r) => r.target.kind === filter.kind && r.target.id === filter.id && mayRead(r, filter.roles));
	return records.reverse().map((r) => JSON.stringify(r) + '\n').join('');
}

/** Warnings printed while `work` runs. */
async function warnings(work: () => Promise<unknown>): Promise<string[]> {
	const warned: string[] = [];
	const warn = console.warn;
	console.warn = (message: string) => warned.push(message);
	try {
		await work();
	} finally {
		console.warn = warn;
	}
	return warned;
}

Export('exactly that target\'s records, newest first, as the reader may read them; with the index deleted, and behind the trail', async () => {
	const dir = crowded();
	process.env.DATA_DIR = dir;
	for (const roles of [['viewer'], ['admin']]) {
		const filter = { kind: 'inspection', id: 'i7', roles };
		const text = await exported(filter);
		assert.is(text.split('\n').length - 1, roles.includes('admin') ? 100 + 31 - 1 : 100 - 1, 'i7\'s hundred less those of its own made sign-ins (31 sign-ins, one of them its own)');
		assert.is(text, expected(dir, filter), roles.join());
	}
	const filter = { kind: 'inspection', id: 'i7', roles: ['viewer'] };
	await auditTargetIndex(path.join(dir, 'audit.jsonl'), path.join(dir, 'indexes', 'audit-targets.json')).flush();
	assert.ok(existsSync(path.join(dir, 'indexes', 'audit-targets.json')), 'the export made the index');

	// the same trail in a folder whose index was deleted: built again from the trail
	const deleted = mkdtempSync(path.join(tmpdir(), 'yardstick-audit-export-'));
	cpSync(dir, deleted, { recursive: true });
	rmSync(path.join(deleted, 'indexes'), { recursive: true });
	process.env.DATA_DIR = deleted;
	assert.is(await exported(filter), expected(dir, filter));
	assert.is(auditTargetIndex(path.join(deleted, 'audit.jsonl'), path.join(deleted, 'indexes', 'audit-targets.json')).builds, 1);

	// and one whose kept index is behind: records written after it (a crash between the two, or another process)
	const behind = mkdtempSync(path.join(tmpdir(), 'yardstick-audit-export-'));
	cpSync(dir, behind, { recursive: true });
	appendFileSync(path.join(behind, 'audit.jsonl'), line(3000, 'i7') + line(3001, 'i8') + line(3002, 'i7'));
	process.env.DATA_DIR = behind;
	const text = await exported(filter);
	assert.is(text, expected(behind, filter));
	assert.equal(text.split('\n').slice(0, 2).map((l) => (JSON.parse(l) as AuditRecord).summary), numbered([3002, 3000]));
	assert.is(auditTargetIndex(path.join(behind, 'audit.jsonl'), path.join(behind, 'indexes', 'audit-targets.json')).builds, 0, 'the kept index brought up to the end, not built again');
	// a record the app writes is in the next export at once
	await recordAudit({ actor: 'ann', action: 'inspection.edit', target: { kind: 'inspection', id: 'i7' }, summary: 'record 3003' });
	assert.is((JSON.parse((await exported(filter)).split('\n')[0]) as AuditRecord).summary, 'record 3003');
});

Export('an index found pointing at another target\'s records part way through: said once, and the rest read from the trail, nothing twice or left out', async () => {
	const dir = crowded();
	process.env.DATA_DIR = dir;
	const filter = { kind: 'inspection', id: 'i7', roles: ['viewer'] };
	const index = auditTargetIndex(path.join(dir, 'audit.jsonl'), path.join(dir, 'indexes', 'audit-targets.json'));
	await index.positions('inspection', 'i7');
	await index.flush();
	// in a copy of the folder, i7's older half of the index names i8's lines (its marks of the trail still hold)
	const kept = JSON.parse(readFileSync(path.join(dir, 'indexes', 'audit-targets.json'), 'utf8')) as { targets: [string, string][] };
	const of = (id: string) => kept.targets.find(([key]) => key === JSON.stringify(['inspection', id]))!;
	const pairs = (id: string) => of(id)[1].match(/[^,]+,[^,]+/g)!;
	const newer = pairs('i7').slice(pairs('i7').length / 2);
	const start = (pair: string) => parseInt(pair.split(',')[0], 36);
	of('i7')[1] = [...pairs('i8').filter((pair) => start(pair) < start(newer[0])), ...newer].join(',');
	const other = mkdtempSync(path.join(tmpdir(), 'yardstick-audit-export-'));
	cpSync(dir, other, { recursive: true });
	writeFileSync(path.join(other, 'indexes', 'audit-targets.json'), JSON.stringify(kept));
	process.env.DATA_DIR = other;
	let text = '';
	const warned = await warnings(async () => (text = await exported(filter)));
	assert.is(text, expected(dir, filter));
	assert.is(warned.length, 1);
	assert.match(warned[0], 'pointed at a record it does not name');
	assert.match(warned[0], 'the rest of this export read from the trail itself');
	// built again: the next export goes through the index without a word
	assert.equal(await warnings(async () => assert.is(await exported(filter), expected(dir, filter))), []);
});

Export('a filter that is not one target (a kind alone, or nothing) reads the whole trail as before', async () => {
	const dir = crowded();
	process.env.DATA_DIR = dir;
	const all: string[] = [];
	for await (const record of auditNewestFirst({ roles: ['admin'] })) all.push(record.summary);
	assert.equal(all, numbered(Array.from({ length: 3000 }, (_, n) => 2999 - n)));
	let kind = 0;
	for await (const record of auditNewestFirst({ kind: 'inspection', roles: ['viewer'] })) kind += record.target.kind === 'inspection' ? 1 : 0;
	assert.is(kind, 3000 - 31);
});

Export.run();
