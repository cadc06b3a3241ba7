// Where each target's records lie in the audit log (byte ranges, oldest first), so one
// inspection's trail is read a page at a time without scanning the whole log. The index is
// derived, never a source: it says how far into the log it has read and what the log's first
// and last bytes there were, and before each use it is checked against the log as it is now
// (a log replaced or cut shorter is indexed again from the start) and brought up to its end (a
// crash between a record and the index's file, or a record written by another process, is read
// then). Readers check every record it points at, and distrust it on any mismatch.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { WriteSoon } from '../storage/write-soon';
import { syncFolder } from '../storage/durable-file';

const FORMAT = 1;
/** How much of the log's start and of its end (where the index stops) the index remembers, to know it is the same log. */
const HEAD_BYTES = 4096;
const TAIL_BYTES = 256;
const CHUNK = 1 << 20;

interface State {
	/** bytes of the log indexed: always just after a newline (a line being written is left for later) */
	covered: number;
	head: string;
	tail: string;
	/** target → [start, end, start, end, …] of its lines, oldest first */
	targets: Map<string, number[]>;
}

const keyOf = (kind: string, id: string) => JSON.stringify([kind, id]);

const TARGET = Buffer.from('"target":');
const [NEWLINE, OPEN_BRACE, CLOSE_BRACE, OPEN_BRACKET] = [0x0a, 0x7b, 0x7d, 0x5b];

/**
 * The target a line names, or null if it is not a whole record. Most lines are read without
 * parsing them whole: a `"target":` key cannot occur inside a JSON string (its quotes would be
 * escaped), so when it occurs once and nothing before it opens an object or array, it is the
 * record's own. Anything else is parsed whole.
 */
function targetOf(buffer: Buffer, start: number, end: number): string | null {
	const at = buffer.indexOf(TARGET, start);
	const open = at + TARGET.length;
	if (buffer[start] === OPEN_BRACE && at !== -1 && at < end && buffer[open] === OPEN_BRACE) {
		let plain = true;
		for (let i = start + 1; i < at && plain; i++) plain = buffer[i] !== OPEN_BRACE && buffer[i] !== OPEN_BRACKET;
		const close = buffer.indexOf(CLOSE_BRACE, open);
		const again = buffer.indexOf(TARGET, open);
		// (a line cut short by a crash after its target may be indexed: readers parse each line, and skip it)
		if (plain && close !== -1 && close < end && (again === -1 || again >= end) && buffer[end - 1] === CLOSE_BRACE) {
			try {
				const target = JSON.parse(buffer.toString('utf8', open, close + 1)) as { kind?: unknown; id?: unknown };
				if (typeof target.kind === 'string' && typeof target.id === 'string') return keyOf(target.kind, target.id);
			} catch {
				// a brace inside one of its strings: parsed whole below
			}
		}
	}
	try {
		const record = JSON.parse(buffer.toString('utf8', start, end)) as { target?: { kind?: unknown; id?: unknown } } | null;
		const target = record?.target;
		return target && typeof target.kind === 'string' && typeof target.id === 'string' ? keyOf(target.kind, target.id) : null;
	} catch {
		return null; // a line cut short by a crash mid-write
	}
}

async function bytes(handle: FileHandle, from: number, to: number): Promise<Buffer> {
	const buffer = Buffer.alloc(Math.max(0, to - from));
	if (buffer.length) await handle.read(buffer, 0, buffer.length, from);
	return buffer;
}

const digest = (buffer: Buffer) => createHash('sha256').update(buffer).digest('base64');

/** What the index remembers of the log up to `covered`: its first bytes and its last. */
async function marks(handle: FileHandle, covered: number): Promise<{ head: string; tail: string }> {
	return { head: digest(await bytes(handle, 0, Math.min(HEAD_BYTES, covered))), tail: digest(await bytes(handle, Math.max(0, covered - TAIL_BYTES), covered)) };
}

export class AuditTargetIndex {
	private state: State | null = null;
	private loaded = false;
	/** one update at a time: the state is only changed inside it */
	private queue: Promise<unknown> = Promise.resolve();
	private readonly writes = new WriteSoon(() => this.persist(), "the audit trail's index");
	/** times the whole log was indexed from its start (tests count them) */
	builds = 0;

	constructor(
		readonly log: string,
		readonly file: string
	) {}

	/** The byte ranges [start, end, …] of a target's records, oldest first, as the log is now. */
	positions(kind: string, id: string): Promise<number[]> {
		return this.serially(async () => {
			const state = await this.upToDate();
			return [...(state.targets.get(keyOf(kind, id)) ?? [])];
		});
	}

	/** Brought up to the log's end now (at a start, so the first reader of a trail does not wait for it). */
	async ready(): Promise<void> {
		await this.serially(() => this.upToDate());
	}

	/** A reader found the index pointing at something else: it is built again from the log. */
	distrust(): Promise<void> {
		return this.serially(async () => {
			this.state = null;
			this.loaded = true;
			await unlink(this.file).catch(() => undefined);
		});
	}

	private serially<T>(work: () => Promise<T>): Promise<T> {
		const next = this.queue.then(work, work);
		this.queue = next.catch(() => undefined);
		return next;
	}

	private async upToDate(): Promise<State> {
		if (!this.loaded) {
			this.loaded = true;
			this.state = await this.readFile();
		}
		let handle: FileHandle;
		try {
			handle = await open(this.log, 'r');
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
			return (this.state = { covered: 0, head: '', tail: '', targets: new Map() });
		}
		try {
			const size = (await handle.stat()).size;
			let state = this.state;
			if (state && size >= state.covered) {
				const now = await marks(handle, state.covered);
				if (now.head !== state.head || now.tail !== state.tail) state = null;
			} else state = null;
			if (!state) {
				this.builds++;
				state = { covered: 0, head: '', tail: '', targets: new Map() };
			}
			if (size > state.covered) {
				const found = await this.read(handle, state.covered, size);
				if (found.covered !== state.covered) {
					const { head, tail } = await marks(handle, found.covered);
					// applied at once, with no wait between: a write of the index file sees it before or after
					for (const [key, start, end] of found.lines) {
						const list = state.targets.get(key);
						if (list) list.push(start, end);
						else state.targets.set(key, [start, end]);
					}
					Object.assign(state, { covered: found.covered, head, tail });
					this.writes.soon();
				}
			}
			return (this.state = state);
		} finally {
			await handle.close();
		}
	}

	/** The whole lines of the log from `from` (a line's start) up to `size`. */
	private async read(handle: FileHandle, from: number, size: number): Promise<{ covered: number; lines: [string, number, number][] }> {
		const lines: [string, number, number][] = [];
		let position = from;
		let rest: Buffer = Buffer.alloc(0);
		let covered = from;
		while (position < size) {
			const chunk = await bytes(handle, position, Math.min(size, position + CHUNK));
			const buffer = rest.length ? Buffer.concat([rest, chunk]) : chunk;
			const base = position - rest.length;
			position += chunk.length;
			let start = 0;
			for (let i = buffer.indexOf(NEWLINE); i !== -1; start = i + 1, i = buffer.indexOf(NEWLINE, start)) {
				const key = i > start ? targetOf(buffer, start, i) : null;
				if (key) lines.push([key, base + start, base + i]);
				covered = base + i + 1;
			}
			rest = buffer.subarray(start);
		}
		return { covered, lines };
	}

	private async readFile(): Promise<State | null> {
		let kept: { format?: unknown; covered?: unknown; head?: unknown; tail?: unknown; targets?: unknown };
		try {
			const handle = await open(this.file, 'r');
			try {
				kept = JSON.parse(await handle.readFile('utf8'));
			} finally {
				await handle.close();
			}
		} catch {
			return null; // none yet, or unreadable: built again from the log
		}
		if (kept?.format !== FORMAT || !Number.isSafeInteger(kept.covered) || typeof kept.head !== 'string' || typeof kept.tail !== 'string' || !Array.isArray(kept.targets)) return null;
		const targets = new Map<string, number[]>();
		for (const entry of kept.targets as unknown[]) {
			if (!Array.isArray(entry) || typeof entry[0] !== 'string' || typeof entry[1] !== 'string') return null;
			const numbers = entry[1].split(',').map((n) => parseInt(n, 36));
			if (numbers.length % 2 || numbers.some((n) => !Number.isSafeInteger(n) || n < 0)) return null;
			// kept as [start, length]: back to [start, end], each line after the last and inside what was read
			for (let i = 0; i < numbers.length; i += 2) {
				numbers[i + 1] += numbers[i];
				if (numbers[i + 1] <= numbers[i] || numbers[i + 1] > (kept.covered as number) || (i > 0 && numbers[i] <= numbers[i - 1])) return null;
			}
			targets.set(entry[0], numbers);
		}
		return { covered: kept.covered as number, head: kept.head, tail: kept.tail, targets };
	}


	private async persist() {
		const state = this.state;
		if (!state) return;
		// made now, in one go: later changes go into the next write
		const targets = [...state.targets].map(([key, list]) => {
			const parts: string[] = [];
			for (let i = 0; i < list.length; i += 2) parts.push(list[i].toString(36), (list[i + 1] - list[i]).toString(36));
			return [key, parts.join(',')];
		});
		const text = JSON.stringify({ format: FORMAT, covered: state.covered, head: state.head, tail: state.tail, targets });
		const dir = path.dirname(this.file);
		mkdirSync(dir, { recursive: true });
		// the store's naming for a temporary file, so one left by a killed process is removed
		const temp = path.join(dir, `.${path.basename(this.file)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
		const handle = await open(temp, 'w');
		try {
			await handle.writeFile(text);
			await handle.sync();
		} finally {
			await handle.close();
		}
		await rename(temp, this.file).catch(async (e) => {
			await unlink(temp).catch(() => undefined);
			throw e;
		});
		await syncFolder(dir);
	}

	/** Wait for any pending write of the index file (tests, and a tidy shutdown). */
	flush(): Promise<void> {
		return this.writes.flush();
	}
}

const indexes = new Map<string, AuditTargetIndex>();

/** The index of the log at `log`, kept in `file`: one per log in this process. */
export function auditTargetIndex(log: string, file: string): AuditTargetIndex {
	let index = indexes.get(log);
	if (!index || index.file !== file) indexes.set(log, (index = new AuditTargetIndex(log, file)));
	return index;
}
