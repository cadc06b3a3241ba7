// The audit trail: append-only, one JSON line per consequential act, fsynced before the act is
// acknowledged. A line cut short by a crash is skipped when reading, never repaired in place;
// the next record starts on a line of its own.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { dataDir } from './store';

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

export function recordAudit(entry: Omit<AuditRecord, 'at'>): Promise<AuditRecord> {
	const record: AuditRecord = { at: new Date().toISOString(), ...entry };
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
