// A longlist between its upload and its draw. Only the four columns a draw needs are written
// to the disk (under <DATA_DIR>/sampling-pending, one file each, deleted after the draw or a
// day); a file whose columns are still to be mapped is held in this process's memory only,
// for at most an hour, and never written anywhere. Each person's few latest such files are held,
// within a budget for everyone's: nobody's uploads let go of someone else's file, and a file let
// go is said to be, with why, not offered to be continued.
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
	/** where in the file the rows were read from (the CSV's delimiter, the workbook's sheet), to show */
	from?: string;
	/** why the columns are asked for, until they are mapped */
	why?: string;
	/** null until the columns are mapped */
	cases: (LonglistEntry & { row: number })[] | null;
	/** cases the lead inspector excluded on the page, with the reason */
	marked: { reference: string; reason: string }[];
	/**
	 * The seed the server proposes for its draw, chosen once at the upload and kept here so the
	 * draw records whether it was used (a form field could say anything); absent on longlists
	 * uploaded before it was kept.
	 */
	seed?: number;
}

/** How long a pending longlist is kept, and a file awaiting its columns held. */
export const PENDING_MS = 24 * 60 * 60 * 1000;
const HELD_MS = 60 * 60 * 1000;
/** Files awaiting their columns held for one person: their oldest goes first. */
export const HELD_PER_PERSON = 3;
/** Everyone's files awaiting their columns, in bytes (each is at most LONGLIST_LIMITS.bytes). */
export const HELD_BYTES = 64 * 1024 * 1024;
/** Why files were let go, remembered for as long as their pending longlists could be asked for. */
const LOST_MAX = 1000;
/** A pending longlist created before this, whose file is not held, was held by a process before a restart. */
const STARTED = Date.now();

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
	if (unheld(doc)) {
		if (await letGo(doc)) return null;
		// its columns were mapped a moment ago, in another window: it is continued as it is now
		const now = await pendingLonglists().get(id);
		return now && now.value.inspection === inspection && now.value.by === by && !unheld(now) ? now : null;
	}
	return doc;
}

/** This person's pending longlists for the inspection; expired ones (anyone's) are deleted on the way. */
export async function pendingList(inspection: string, by: string): Promise<Stored<PendingLonglist>[]> {
	const mine: Stored<PendingLonglist>[] = [];
	for (const doc of await pendingLonglists().list()) {
		if (expired(doc)) await discard(doc);
		else if (unheld(doc)) await letGo(doc);
		else if (doc.value.inspection === inspection && doc.value.by === by) mine.push(doc);
	}
	return mine;
}

const expired = (doc: Stored<PendingLonglist>) => Date.now() - Date.parse(doc.createdAt) > PENDING_MS;

/** Waiting for its columns, and its file is no longer held: it cannot be continued. */
function unheld(doc: Stored<PendingLonglist>): boolean {
	sweep();
	return doc.value.cases === null && !held.has(doc.id);
}

/** Delete a pending longlist whose file is gone, remembering why for its owner; false if it changed meanwhile. */
async function letGo(doc: Stored<PendingLonglist>): Promise<boolean> {
	if (!lost.has(doc.id)) {
		const reason = Date.parse(doc.createdAt) < STARTED ? 'Yardstick was restarted after it was uploaded, and a file waiting for its columns is held in memory only' : "it is not held in this server's memory";
		remember(doc.id, doc.value, reason);
	}
	try {
		await pendingLonglists().remove(doc.id, doc.revision);
		return true;
	} catch (e) {
		if (e instanceof NotFoundError) return true;
		if (e instanceof StaleRevisionError) {
			lost.delete(doc.id);
			return false;
		}
		throw e;
	}
}

/**
 * Delete a longlist its owner is done with (discarded, or drawn from). Changed by another of their
 * tabs a moment before (an exclusion marked), it is still what they asked to be rid of: removed at
 * the revision it has now, not kept without a word.
 */
export async function discard(doc: Pick<Stored<PendingLonglist>, 'id' | 'revision'>): Promise<void> {
	try {
		let revision = doc.revision;
		for (let attempt = 1; ; attempt++) {
			try {
				await pendingLonglists().remove(doc.id, revision);
				return;
			} catch (e) {
				// a few changes in a row mean someone is still working on it: say so rather than loop
				if (!(e instanceof StaleRevisionError) || attempt === 3) throw e;
				revision = e.current.revision;
			}
		}
	} catch (e) {
		// already gone: it is discarded by whoever got there first
		if (!(e instanceof NotFoundError)) throw e;
	} finally {
		// let go of once it is deleted, so no listing meanwhile takes it for a file lost
		held.delete(doc.id);
		lost.delete(doc.id);
	}
}

interface Owner {
	by: string;
	inspection: string;
	file: string;
}

const held = new Map<string, Owner & { bytes: Uint8Array; at: number }>();
const lost = new Map<string, Owner & { reason: string; at: number; told: boolean }>();

function remember(id: string, owner: Owner, reason: string) {
	lost.delete(id);
	lost.set(id, { by: owner.by, inspection: owner.inspection, file: owner.file, reason, at: Date.now(), told: false });
	for (const key of lost.keys()) {
		if (lost.size <= LOST_MAX) break;
		lost.delete(key);
	}
}

/** Let go of files held past their hour. */
function sweep() {
	const now = Date.now();
	for (const [id, entry] of held) {
		if (now - entry.at <= HELD_MS) continue;
		held.delete(id);
		remember(id, entry, 'it was held for an hour, the longest a file waiting for its columns is held');
	}
	for (const [id, entry] of lost) if (now - entry.at > PENDING_MS) lost.delete(id);
}

/**
 * Hold a file until its columns are mapped (memory only): null, or why it cannot be. Making room
 * lets go of the person's own oldest files only, never anyone else's.
 */
export function hold(id: string, owner: Owner, bytes: Uint8Array): string | null {
	sweep();
	const mine = [...held].filter(([, entry]) => entry.by === owner.by);
	const going = mine.slice(0, Math.max(0, mine.length - HELD_PER_PERSON + 1));
	let total = bytes.byteLength;
	for (const [key, entry] of held) if (!going.some(([k]) => k === key)) total += entry.bytes.byteLength;
	if (total > HELD_BYTES) {
		return `Yardstick is holding as many files waiting for their columns as it can (${HELD_BYTES / 1024 / 1024} MB, for everyone). Try again later, or save the longlist with the usual headings ("Case reference", "Stratum", "Excluded", "Reason") and no other columns, so it needs no mapping`;
	}
	for (const [key, entry] of going) {
		held.delete(key);
		remember(key, entry, `you uploaded ${HELD_PER_PERSON} more files with columns to map after it, and only each person's latest ${HELD_PER_PERSON} are held`);
	}
	lost.delete(id);
	held.set(id, { by: owner.by, inspection: owner.inspection, file: owner.file, bytes, at: Date.now() });
	return null;
}

export function heldFile(id: string): Uint8Array | null {
	sweep();
	return held.get(id)?.bytes ?? null;
}

export function release(id: string) {
	held.delete(id);
}

/** Why this person's file, waiting for its columns, is gone (it is then no longer pending), or null. */
export function lostFile(id: string, inspection: string, by: string): { file: string; reason: string } | null {
	sweep();
	const entry = lost.get(id);
	if (!entry || entry.inspection !== inspection || entry.by !== by) return null;
	entry.told = true;
	return { file: entry.file, reason: entry.reason };
}

/** This person's files for the inspection let go since they were last told: each is said once. */
export function lostFiles(inspection: string, by: string): { file: string; reason: string }[] {
	const untold = [...lost.values()].filter((entry) => !entry.told && entry.inspection === inspection && entry.by === by);
	for (const entry of untold) entry.told = true;
	return untold.map((entry) => ({ file: entry.file, reason: entry.reason }));
}
