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
/** A file state old enough that no later write can share its token (`now` in ns). */
const isSettled = (stats: BigIntStats, now: bigint) => now - stats.mtimeNs > SETTLE_MS * 1_000_000n;

/**
 * How much of a store's documents is kept parsed, counted in file bytes (parsed, a document takes
 * several times its file's size), and at most how many: the documents people have open today.
 */
export const READ_CACHE = { bytes: 4 * 1024 * 1024, documents: 500 };

/** Made unchangeable all the way down: a cached document is handed to every caller that reads it. */
function deepFreeze<V>(value: V): V {
	if (value && typeof value === 'object' && !Object.isFrozen(value)) {
		Object.freeze(value);
		for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
	}
	return value;
}

export class DocumentStore<T> {
	private readonly queues = new Map<string, Promise<unknown>>();
	/** The last listing of versions, and the folder's state it was taken at. */
	private scanned: { folder: string; versions: Map<string, DocumentVersion> } | null = null;
	/**
	 * Documents as last read, by their file's state (oldest used first): a read whose file has not
	 * changed since costs one stat instead of a read and a parse. Only settled states are kept, and
	 * documents are frozen, so no request can change what another is given.
	 */
	private readonly parsed = new Map<string, { token: string; bytes: number; doc: Stored<T> }>();
	private parsedBytes = 0;

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

	/**
	 * The document as stored now, or null when there is none: frozen (change a copy), as others
	 * may be given the same one. `once`: for a reader going through many documents one time each
	 * (a rating of every inspection): read afresh, kept for nobody, and the caller's own.
	 */
	async get(id: string, { once = false }: { once?: boolean } = {}): Promise<Stored<T> | null> {
		if (once) return this.read(id, false);
		let stats: BigIntStats;
		try {
			stats = statSync(this.file(id), { bigint: true });
		} catch (e) {
			if (e instanceof NotFoundError || (e as NodeJS.ErrnoException).code === 'ENOENT') return this.forget(id);
			throw e;
		}
		const token = fileToken(stats);
		const kept = this.parsed.get(id);
		if (kept?.token === token) {
			// most recently used last
			this.parsed.delete(id);
			this.parsed.set(id, kept);
			return kept.doc;
		}
		this.forget(id);
		// read after the stat: if a write lands in between, what is kept is newer than its token, and the next stat misses
		const doc = await this.read(id, true);
		if (doc && isSettled(stats, BigInt(Date.now()) * 1_000_000n)) this.keep(id, token, Number(stats.size), doc);
		return doc;
	}

	/** Every document, read afresh and the caller's own (not kept: a listing would push out what pages read again and again). */
	async list(): Promise<Stored<T>[]> {
		const ids = readdirSync(this.dir)
			.filter((f) => f.endsWith('.json') && !f.startsWith('.'))
			.map((f) => f.slice(0, -5));
		const docs = await Promise.all(ids.map((id) => this.read(id, false)));
		return docs.filter((d): d is Stored<T> => d !== null);
	}

	/** One document parsed from its file and prepared; frozen if it may be shared. */
	private async read(id: string, shared: boolean): Promise<Stored<T> | null> {
		try {
			const db = this.db(id);
			await db.read();
			const doc = db.data && this.prepare(db.data);
			return shared ? deepFreeze(doc) : doc;
		} catch (e) {
			if (e instanceof NotFoundError) return null;
			throw e;
		}
	}

	/** What a store makes of a document as parsed, before anyone is given it (a fresh object, not yet frozen). */
	protected prepare(doc: Stored<T>): Stored<T> {
		return doc;
	}

	private keep(id: string, token: string, bytes: number, doc: Stored<T>) {
		// two reads of one document at once both keep it: the second replaces the first, counted once
		this.forget(id);
		if (bytes > READ_CACHE.bytes) return;
		this.parsed.set(id, { token, bytes, doc });
		this.parsedBytes += bytes;
		for (const [oldest, entry] of this.parsed) {
			if (this.parsedBytes <= READ_CACHE.bytes && this.parsed.size <= READ_CACHE.documents) break;
			this.parsed.delete(oldest);
			this.parsedBytes -= entry.bytes;
		}
	}

	private forget(id: string): null {
		const entry = this.parsed.get(id);
		if (entry) {
			this.parsed.delete(id);
			this.parsedBytes -= entry.bytes;
		}
		return null;
	}

	/**
	 * Each document's id and version: what a derived index (summaries) checks itself against
	 * without reading every document. The folder changes whenever a document is added, replaced
	 * or removed, so a listing is reused until it does (and is settled: see DocumentVersion).
	 */
	async versions(): Promise<Map<string, DocumentVersion>> {
		const now = BigInt(Date.now()) * 1_000_000n;
		const settled = (stats: BigIntStats) => isSettled(stats, now);
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
