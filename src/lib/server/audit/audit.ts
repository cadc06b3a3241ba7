// The audit trail: append-only, one JSON line per consequential act, fsynced before the act is
// acknowledged. A line cut short by a crash is skipped when reading, never repaired in place;
// the next record starts on a line of its own.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { dataDir } from '../storage/store';
import { auditTargetIndex, type AuditTargetIndex } from './audit-targets';

export interface AuditRecord {
	at: string;
	actor: string;
	action: string;
	target: { kind: string; id: string };
	summary: string;
	before?: unknown;
	after?: unknown;
	reason?: string;
}

let queue: Promise<unknown> = Promise.resolve();

const auditFile = () => path.join(dataDir(), 'audit.jsonl');
/** Where each target's records lie in the trail: derived, kept with the other indexes. */
const targetIndex = () => auditTargetIndex(auditFile(), path.join(dataDir(), 'indexes', 'audit-targets.json'));

/** Names and words from outside (a name typed on the sign-in form) are kept to this many characters. */
export const NAME_CHARS = 100;
export const SUMMARY_CHARS = 500;

const clip = (text: string, most: number) => (text.length > most ? `${text.slice(0, most - 1)}…` : text);

/** Read the trail into its index of targets, if it has not been (at a start: the first trail opened need not wait). */
export function prepareAuditIndex(): Promise<void> {
	return targetIndex().ready();
}

export function recordAudit(entry: Omit<AuditRecord, 'at'>): Promise<AuditRecord> {
	const record: AuditRecord = {
		at: new Date().toISOString(),
		...entry,
		actor: clip(entry.actor, NAME_CHARS),
		target: { kind: clip(entry.target.kind, NAME_CHARS), id: clip(entry.target.id, NAME_CHARS) },
		summary: clip(entry.summary, SUMMARY_CHARS)
	};
	const write = async () => {
		const file = auditFile();
		mkdirSync(path.dirname(file), { recursive: true });
		const handle = await open(file, 'a+');
		try {
			// After a line cut short, start a new line: glued to the fragment, this record would be unreadable too.
			const { size } = await handle.stat();
			const last = Buffer.alloc(1);
			if (size > 0) await handle.read(last, 0, 1, size - 1);
			await handle.write((size > 0 && last[0] !== 0x0a ? '\n' : '') + JSON.stringify(record) + '\n');
			await handle.datasync();
		} finally {
			await handle.close();
		}
		return record;
	};
	const next = queue.then(write, write);
	queue = next.catch(() => undefined);
	return next;
}

export function readAudit(filter: { kind?: string; id?: string } = {}): AuditRecord[] {
	const file = auditFile();
	if (!existsSync(file)) return [];
	const records: AuditRecord[] = [];
	for (const line of readFileSync(file, 'utf8').split('\n')) {
		if (!line) continue;
		try {
			const record = JSON.parse(line) as AuditRecord;
			if ((!filter.kind || record.target.kind === filter.kind) && (!filter.id || record.target.id === filter.id)) records.push(record);
		} catch {
			// a line cut short by a crash mid-write
		}
	}
	return records;
}

/** Failed sign-ins carry addresses and whatever was typed as a name (a password, sometimes): admins only. */
export function mayRead(record: Pick<AuditRecord, 'action'>, roles: readonly string[]): boolean {
	return !record.action.startsWith('sign-in.') || roles.includes('admin');
}

export interface AuditFilter {
	kind?: string;
	id?: string;
	/** the reader's roles: records they may not read are left out */
	roles: readonly string[];
}

const matches = (record: AuditRecord, filter: AuditFilter) =>
	(!filter.kind || record.target.kind === filter.kind) && (!filter.id || record.target.id === filter.id) && mayRead(record, filter.roles);

const CHUNK = 64 * 1024;

/** A record and where its line lies in the file: [start, end) in bytes, the newline not included. */
interface Located {
	record: AuditRecord;
	start: number;
	end: number;
}

/**
 * The records this reader may read, newest first: one target's (kind and id) where the index
 * says they lie, as its audit page reads them; any other filter's from the end of the file a
 * piece at a time.
 */
export async function* auditNewestFirst(filter: AuditFilter): AsyncGenerator<AuditRecord> {
	// the start of the oldest record handed on: if the index turns out wrong, the trail is scanned from there, so nothing comes twice
	let before: number | undefined;
	const one = await throughIndex(filter);
	if (one) {
		try {
			for await (const located of one.reader.backwards(filter)) {
				before = located.start;
				yield located.record;
			}
			return;
		} catch (e) {
			await distrusted(one.index, e, 'the rest of this export');
		}
	}
	for await (const { record } of backwards(filter, before)) yield record;
}

/** Records older than byte `before` (the start of a line; default the end of the file), newest first. */
async function* backwards(filter: AuditFilter, before?: number): AsyncGenerator<Located> {
	const file = auditFile();
	if (!existsSync(file)) return;
	let handle: FileHandle | undefined;
	try {
		handle = await open(file, 'r');
		let position = Math.min(before ?? Infinity, (await handle.stat()).size);
		let rest = Buffer.alloc(0);
		while (position > 0) {
			const size = Math.min(CHUNK, position);
			position -= size;
			const chunk = Buffer.alloc(size);
			await handle.read(chunk, 0, size, position);
			const buffer = Buffer.concat([chunk, rest]);
			// everything after the first newline is whole lines; what comes before may be the end of an earlier one
			let end = buffer.length;
			for (let i = buffer.length - 1; i >= 0; i--) {
				if (buffer[i] !== 0x0a) continue;
				const record = parse(buffer.subarray(i + 1, end), filter);
				if (record) yield { record, start: position + i + 1, end: position + end };
				end = i;
			}
			rest = buffer.subarray(0, end);
		}
		const first = parse(rest, filter);
		if (first) yield { record: first, start: 0, end: rest.length };
	} finally {
		await handle?.close();
	}
}

/** Records newer than byte `after` (the end of a line, or 0), oldest first. */
async function* forwards(filter: AuditFilter, after: number): AsyncGenerator<Located> {
	const file = auditFile();
	if (!existsSync(file)) return;
	let handle: FileHandle | undefined;
	try {
		handle = await open(file, 'r');
		const size = (await handle.stat()).size;
		let position = after;
		let rest = Buffer.alloc(0);
		while (position < size) {
			const length = Math.min(CHUNK, size - position);
			const chunk = Buffer.alloc(length);
			await handle.read(chunk, 0, length, position);
			const buffer = Buffer.concat([rest, chunk]);
			const base = position - rest.length;
			position += length;
			let start = 0;
			for (let i = 0; i < buffer.length; i++) {
				if (buffer[i] !== 0x0a) continue;
				const record = parse(buffer.subarray(start, i), filter);
				if (record) yield { record, start: base + start, end: base + i };
				start = i + 1;
			}
			rest = buffer.subarray(start);
		}
		const last = parse(rest, filter);
		if (last) yield { record: last, start: size - rest.length, end: size };
	} finally {
		await handle?.close();
	}
}

/**
 * A line's record, if it is whole and this reader may see it. A line that cannot hold the id
 * asked for is passed over unparsed: one inspection's trail among 200,000 records.
 */
function parse(line: Buffer, filter: AuditFilter): AuditRecord | null {
	if (!line.length) return null;
	if (filter.id && !line.includes(JSON.stringify(filter.id))) return null;
	let record: AuditRecord;
	try {
		record = JSON.parse(line.toString('utf8')) as AuditRecord;
	} catch {
		return null; // a line cut short by a crash mid-write
	}
	return record && typeof record === 'object' && record.target && matches(record, filter) ? record : null;
}

export interface AuditPage {
	records: AuditRecord[];
	/** whether there are older records than these */
	more: boolean;
	/** where the next older page starts reading back from, and the next newer page forward from (bytes) */
	older: number | null;
	newer: number | null;
}

/**
 * Whether `offset` is a place a page may read from: the start of a line (`before`: the file's
 * start, or just after a newline) or the end of one (`after`: a newline, or the file's end).
 * The trail is only appended to, so a place once given stays a line's boundary.
 */
export async function isLineBoundary(offset: number, side: 'before' | 'after'): Promise<boolean> {
	const file = auditFile();
	if (!Number.isSafeInteger(offset) || offset < 0) return false;
	if (!existsSync(file)) return offset === 0;
	const handle = await open(file, 'r');
	try {
		const { size } = await handle.stat();
		if (offset > size) return false;
		if (side === 'before' ? offset === 0 : offset === size) return true;
		const byte = Buffer.alloc(1);
		await handle.read(byte, 0, 1, side === 'before' ? offset - 1 : offset);
		return byte[0] === 0x0a;
	} finally {
		await handle.close();
	}
}

/**
 * One page of the records this reader may read, newest first, and whether there are more. Pages
 * reached by their neighbours' links read from a place in the file (`before`: older than it,
 * `after`: newer than it) and cost the same however deep; a page asked for by number alone
 * reads every record before it.
 */
export async function readAuditPage(filter: AuditFilter, page: number, perPage: number, from: { before?: number; after?: number } = {}): Promise<AuditPage> {
	const one = await throughIndex(filter);
	if (one) {
		try {
			return await readPage(filter, page, perPage, from, one.reader);
		} catch (e) {
			await distrusted(one.index, e, 'this page');
		}
	}
	return readPage(filter, page, perPage, from, { backwards, forwards });
}

interface Reader {
	backwards(filter: AuditFilter, before?: number): AsyncGenerator<Located>;
	forwards(filter: AuditFilter, after: number): AsyncGenerator<Located>;
}

/** The index did not hold for a record it pointed at: it is not used for this read. */
class MisplacedRecord extends Error {}

/**
 * One target's trail (kind and id both given): read where the index says its records lie, each
 * checked as it is read. Null for any other filter, which is read by scanning the trail.
 */
async function throughIndex(filter: AuditFilter): Promise<{ index: AuditTargetIndex; reader: Reader } | null> {
	if (!filter.kind || !filter.id) return null;
	const index = targetIndex();
	return { index, reader: indexed(filter, await index.positions(filter.kind, filter.id)) };
}

/** A read through the index found it wrong: said, and the index built again; any other error is thrown on. */
async function distrusted(index: AuditTargetIndex, e: unknown, what: string): Promise<void> {
	if (!(e instanceof MisplacedRecord)) throw e;
	console.warn(`the audit trail's index pointed at a record it does not name (${e.message}): it is built again, and ${what} read from the trail itself`);
	await index.distrust();
}

/**
 * A target's records at the places the index gives ([start, end, …], oldest first), each read
 * on its own and checked: a whole line at that place, naming that target. A line that does not
 * parse is one cut short by a crash, skipped as a scan skips it.
 */
function indexed(filter: AuditFilter, positions: number[]): Reader {
	async function* read(order: number[]): AsyncGenerator<Located> {
		const file = auditFile();
		if (!order.length || !existsSync(file)) return;
		const handle = await open(file, 'r');
		try {
			for (const i of order) {
				const [start, end] = [positions[i], positions[i + 1]];
				// the byte before (a newline, unless the line starts the file) and the newline after
				const from = Math.max(0, start - 1);
				const buffer = Buffer.alloc(end + 1 - from);
				const { bytesRead } = await handle.read(buffer, 0, buffer.length, from);
				if (bytesRead !== buffer.length || (start > 0 && buffer[0] !== 0x0a) || buffer[buffer.length - 1] !== 0x0a) throw new MisplacedRecord(`no whole line at byte ${start}`);
				const line = buffer.subarray(start - from, buffer.length - 1);
				let record: AuditRecord;
				try {
					record = JSON.parse(line.toString('utf8')) as AuditRecord;
				} catch {
					continue;
				}
				if (record?.target?.kind !== filter.kind || record.target.id !== filter.id) throw new MisplacedRecord(`byte ${start}`);
				if (mayRead(record, filter.roles)) yield { record, start, end };
			}
		} finally {
			await handle.close();
		}
	}
	const pairs = Array.from({ length: positions.length / 2 }, (_, n) => 2 * n);
	return {
		backwards: (_, before = Infinity) => read(pairs.filter((i) => positions[i] < before).reverse()),
		forwards: (_, after) => read(pairs.filter((i) => positions[i] >= after))
	};
}

async function readPage(filter: AuditFilter, page: number, perPage: number, from: { before?: number; after?: number }, { backwards, forwards }: Reader): Promise<AuditPage> {
	const found: Located[] = [];
	let more = false;
	if (from.after !== undefined) {
		for await (const located of forwards(filter, from.after)) {
			found.push(located);
			if (found.length === perPage) break;
		}
		found.reverse();
		// whatever is older than this page (the page the reader came from, at least)
		if (found.length) for await (const _ of backwards(filter, found.at(-1)!.start)) return result(found, true);
		return result(found, false);
	}
	const skip = from.before !== undefined ? 0 : (page - 1) * perPage;
	let seen = 0;
	for await (const located of backwards(filter, from.before)) {
		if (seen++ < skip) continue;
		if (found.length === perPage) {
			more = true;
			break;
		}
		found.push(located);
	}
	return result(found, more);
}

function result(found: Located[], more: boolean): AuditPage {
	return { records: found.map((l) => l.record), more, older: found.length ? found.at(-1)!.start : null, newer: found.length ? found[0].end : null };
}
