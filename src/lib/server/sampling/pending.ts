// A longlist between its upload and its draw. Only the four columns a draw needs are written
// to the disk (under <DATA_DIR>/sampling-pending, one file each, deleted after the draw or a
// day); a file whose columns are still to be mapped is held in this process's memory only,
// for at most an hour, and never written anywhere.
import path from 'node:path';
import { DocumentStore, NotFoundError, StaleRevisionError, dataDir, type Stored } from '../storage/store';
import type { LonglistEntry } from '../../sampling/draw-edit';
import type { LonglistField } from '../../sampling/index';

export interface PendingLonglist {
	/** the inspection it is for, and who uploaded it: nobody else sees it */
	inspection: string;
	by: string;
	file: string;
	/** the headings of the file, and which heading each field was read from */
	header: string[];
	columns: Partial<Record<LonglistField, string>>;
	/** why the columns are asked for, until they are mapped */
	why?: string;
	/** null until the columns are mapped */
	cases: (LonglistEntry & { row: number })[] | null;
	/** cases the lead inspector excluded on the page, with the reason */
	marked: { reference: string; reason: string }[];
}

/** How long a pending longlist is kept, and a file awaiting its columns held. */
export const PENDING_MS = 24 * 60 * 60 * 1000;
const HELD_MS = 60 * 60 * 1000;
/** Files awaiting their columns held at once: the oldest goes first. */
const HELD_MAX = 8;

let store: DocumentStore<PendingLonglist> | null = null;

export function pendingLonglists(): DocumentStore<PendingLonglist> {
	const dir = path.join(dataDir(), 'sampling-pending');
	if (!store || store.dir !== dir) store = new DocumentStore<PendingLonglist>(dir);
	return store;
}

/** The pending longlist if it is this inspection's and this person's, and not expired. */
export async function pendingFor(id: string, inspection: string, by: string): Promise<Stored<PendingLonglist> | null> {
	let doc: Stored<PendingLonglist> | null;
	try {
		doc = await pendingLonglists().get(id);
	} catch (e) {
		if (e instanceof NotFoundError) return null;
		throw e;
	}
	if (!doc || doc.value.inspection !== inspection || doc.value.by !== by) return null;
	if (expired(doc)) {
		await discard(doc);
		return null;
	}
	return doc;
}

/** This person's pending longlists for the inspection; expired ones (anyone's) are deleted on the way. */
export async function pendingList(inspection: string, by: string): Promise<Stored<PendingLonglist>[]> {
	const mine: Stored<PendingLonglist>[] = [];
	for (const doc of await pendingLonglists().list()) {
		if (expired(doc)) await discard(doc);
		else if (doc.value.inspection === inspection && doc.value.by === by) mine.push(doc);
	}
	return mine;
}

const expired = (doc: Stored<PendingLonglist>) => Date.now() - Date.parse(doc.createdAt) > PENDING_MS;

export async function discard(doc: Pick<Stored<PendingLonglist>, 'id' | 'revision'>): Promise<void> {
	held.delete(doc.id);
	try {
		await pendingLonglists().remove(doc.id, doc.revision);
	} catch (e) {
		// already gone, or changed by another tab a moment ago: it is discarded by whoever saw it last
		if (!(e instanceof NotFoundError) && !(e instanceof StaleRevisionError)) throw e;
	}
}

const held = new Map<string, { bytes: Uint8Array; at: number }>();

/** Hold a file until its columns are mapped (memory only). */
export function hold(id: string, bytes: Uint8Array) {
	for (const [key, value] of held) if (Date.now() - value.at > HELD_MS) held.delete(key);
	while (held.size >= HELD_MAX) held.delete(held.keys().next().value!);
	held.set(id, { bytes, at: Date.now() });
}

export function heldFile(id: string): Uint8Array | null {
	const entry = held.get(id);
	if (!entry || Date.now() - entry.at > HELD_MS) {
		held.delete(id);
		return null;
	}
	return entry.bytes;
}

export function release(id: string) {
	held.delete(id);
}
