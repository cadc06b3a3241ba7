// The audit trail: append-only, one JSON line per consequential act, fsynced before the act is
// acknowledged. A line cut short by a crash is skipped when reading, never repaired in place;
// the next record starts on a line of its own.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { dataDir } from '../storage/store';

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

/** Names and words from outside (a name typed on the sign-in form) are kept to this many characters. */
export const NAME_CHARS = 100;
export const SUMMARY_CHARS = 500;

const clip = (text: string, most: number) => (text.length > most ? `${text.slice(0, most - 1)}…` : text);

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

/** The trail's records, newest first, read from the end of the file a piece at a time. */
export async function* auditNewestFirst(filter: AuditFilter): AsyncGenerator<AuditRecord> {
	const file = auditFile();
	if (!existsSync(file)) return;
	let handle: FileHandle | undefined;
	try {
		handle = await open(file, 'r');
		let position = (await handle.stat()).size;
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
				const record = parse(buffer.subarray(i + 1, end));
				if (record && matches(record, filter)) yield record;
				end = i;
			}
			rest = buffer.subarray(0, end);
		}
		const first = parse(rest);
		if (first && matches(first, filter)) yield first;
	} finally {
		await handle?.close();
	}
}

function parse(line: Buffer): AuditRecord | null {
	if (!line.length) return null;
	try {
		return JSON.parse(line.toString('utf8')) as AuditRecord;
	} catch {
		return null; // a line cut short by a crash mid-write
	}
}

/** One page of the records this reader may read, newest first, and whether there are more. */
export async function readAuditPage(filter: AuditFilter, page: number, perPage: number): Promise<{ records: AuditRecord[]; more: boolean }> {
	const records: AuditRecord[] = [];
	const skip = (page - 1) * perPage;
	let seen = 0;
	for await (const record of auditNewestFirst(filter)) {
		if (seen++ < skip) continue;
		if (records.length === perPage) return { records, more: true };
		records.push(record);
	}
	return { records, more: false };
}
