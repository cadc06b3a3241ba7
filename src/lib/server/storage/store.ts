// Documents kept as one JSON file each in a folder, through lowdb. Every write is validated,
// atomic and flushed to the disk (DurableJSONFile: a finished temporary file renamed over the
// old one) and carries a revision: a write based on a stale revision is refused with who
// changed what, and nothing is lost.
import { mkdirSync, readdirSync, statSync, type BigIntStats } from 'node:fs';
import { unlink } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Low } from 'lowdb';
import type { Issue } from '../../engine/index';
import { DurableJSONFile, removeLeftovers, syncFolder } from './durable-file';

export interface Stored<T> {
	id: string;
	revision: number;
	createdAt: string;
	updatedAt: string;
	updatedBy: string;
	/** what the last write did, in words: shown to whoever's write it outdated */
	change: string;
	value: T;
}

export class StaleRevisionError extends Error {
	readonly code = 'STALE_REVISION';
	constructor(readonly current: Stored<unknown>) {
		super(`Not saved: ${current.updatedBy} changed this at ${current.updatedAt} (${current.change}) after you opened it. Your change is kept; look at theirs, then save again.`);
		this.name = 'StaleRevisionError';
	}
}

export class InvalidDocumentError extends Error {
	readonly code = 'INVALID_DOCUMENT';
	constructor(readonly issues: Issue[]) {
		super(issues.map((i) => `${i.pointer || '/'}: ${i.message}`).join('; '));
		this.name = 'InvalidDocumentError';
	}
}

export class NotFoundError extends Error {
	readonly code = 'NOT_FOUND';
	constructor(readonly id: string) {
		super(`no document "${id}"`);
		this.name = 'NotFoundError';
	}
}

const ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

/**
 * One state of a document as its backend sees it, without reading it: any write gives a new
 * one. `settled`: old enough that a later write cannot share it (file times tick coarsely, so
 * two writes within one tick may share a time); an unsettled version is checked by reading.
 */
export interface DocumentVersion {
	token: string;
	settled: boolean;
}

/** A file's state: a write renames a new file over the old, so its inode changes too. */
const fileToken = (stats: BigIntStats) => `${stats.ino}:${stats.size}:${stats.mtimeNs}`;
/** Far more than a file time's tick (a few ms), far less than a person's pause. */
const SETTLE_MS = 1000n;

export class DocumentStore<T> {
	private readonly queues = new Map<string, Promise<unknown>>();
	/** The last listing of versions, and the folder's state it was taken at. */
	private scanned: { folder: string; versions: Map<string, DocumentVersion> } | null = null;

	constructor(
		readonly dir: string,
		private readonly validate: (value: T) => Issue[] = () => []
	) {
		mkdirSync(dir, { recursive: true });
		removeLeftovers(dir);
	}

	private file(id: string): string {
		if (!ID.test(id)) throw new NotFoundError(id);
		return path.join(this.dir, `${id}.json`);
	}

	private db(id: string) {
		return new Low<Stored<T> | null>(new DurableJSONFile<Stored<T> | null>(this.file(id)), null);
	}

	/** Writes to one document run one after another, so no read-modify-write overlaps another. */
	private serial<R>(id: string, work: () => Promise<R>): Promise<R> {
		const previous = this.queues.get(id) ?? Promise.resolve();
		const next = previous.then(work, work);
		const settled = next.catch(() => undefined);
		this.queues.set(id, settled);
		settled.then(() => {
			if (this.queues.get(id) === settled) this.queues.delete(id);
		});
		return next;
	}

	async get(id: string): Promise<Stored<T> | null> {
		try {
			const db = this.db(id);
			await db.read();
			return db.data;
		} catch (e) {
			if (e instanceof NotFoundError) return null;
			throw e;
		}
	}

	async list(): Promise<Stored<T>[]> {
		const ids = readdirSync(this.dir)
			.filter((f) => f.endsWith('.json') && !f.startsWith('.'))
			.map((f) => f.slice(0, -5));
		const docs = await Promise.all(ids.map((id) => this.get(id)));
		return docs.filter((d): d is Stored<T> => d !== null);
	}

	/**
	 * Each document's id and version: what a derived index (summaries) checks itself against
	 * without reading every document. The folder changes whenever a document is added, replaced
	 * or removed, so a listing is reused until it does (and is settled: see DocumentVersion).
	 */
	async versions(): Promise<Map<string, DocumentVersion>> {
		const now = BigInt(Date.now()) * 1_000_000n;
		const settled = (stats: BigIntStats) => now - stats.mtimeNs > SETTLE_MS * 1_000_000n;
		const folderStats = statSync(this.dir, { bigint: true });
		const folder = fileToken(folderStats);
		if (this.scanned?.folder === folder) return new Map(this.scanned.versions);
		const versions = new Map<string, DocumentVersion>();
		for (const name of readdirSync(this.dir)) {
			if (!name.endsWith('.json') || name.startsWith('.')) continue;
			try {
				const stats = statSync(path.join(this.dir, name), { bigint: true });
				versions.set(name.slice(0, -5), { token: fileToken(stats), settled: settled(stats) });
			} catch (e) {
				if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e; // removed since the folder was read
			}
		}
		// Reused only once nothing in it is unsettled: a change in the folder's own time tick would not show.
		if (settled(folderStats) && [...versions.values()].every((v) => v.settled)) this.scanned = { folder, versions };
		else this.scanned = null;
		return new Map(versions);
	}

	/**
	 * Called in the document's queue after each write (`doc` null: removed), before any later
	 * write to it can start: what feeds a derived index.
	 */
	protected written(_id: string, _doc: Stored<T> | null): void {}

	async create(value: T, by: string, change = 'created', id: string = randomUUID()): Promise<Stored<T>> {
		this.check(value);
		return this.serial(id, async () => {
			const db = this.db(id);
			await db.read();
			if (db.data) throw new StaleRevisionError(db.data);
			const now = new Date().toISOString();
			db.data = { id, revision: 1, createdAt: now, updatedAt: now, updatedBy: by, change, value };
			await db.write();
			this.written(id, db.data);
			return db.data;
		});
	}

	/**
	 * Replace the value, if `baseRevision` is still the current one. `beforeWrite` runs once the
	 * revision has passed its check, in this document's queue, before the file changes: for a
	 * record that must exist whenever the change does, even if the process dies in between.
	 */
	async update(id: string, baseRevision: number, value: T, by: string, change: string, beforeWrite?: (current: Stored<T>, next: Stored<T>) => Promise<void>): Promise<Stored<T>> {
		this.check(value);
		return this.serial(id, async () => {
			const db = this.db(id);
			await db.read();
			if (!db.data) throw new NotFoundError(id);
			if (db.data.revision !== baseRevision) throw new StaleRevisionError(db.data);
			const next = { ...db.data, revision: db.data.revision + 1, updatedAt: new Date().toISOString(), updatedBy: by, change, value };
			await beforeWrite?.(db.data, next);
			db.data = next;
			await db.write();
			this.written(id, db.data);
			return db.data;
		});
	}

	/** Delete the document, if `baseRevision` is still the current one; `beforeRemove` as `beforeWrite` above. */
	async remove(id: string, baseRevision: number, beforeRemove?: (current: Stored<T>) => Promise<void>): Promise<void> {
		return this.serial(id, async () => {
			const current = await this.get(id);
			if (!current) throw new NotFoundError(id);
			if (current.revision !== baseRevision) throw new StaleRevisionError(current);
			await beforeRemove?.(current);
			await unlink(this.file(id));
			await syncFolder(this.dir);
			this.written(id, null);
		});
	}

	private check(value: T) {
		const issues = this.validate(value);
		if (issues.length) throw new InvalidDocumentError(issues);
	}
}

export const dataDir = () => path.resolve(process.env.DATA_DIR ?? 'data');
