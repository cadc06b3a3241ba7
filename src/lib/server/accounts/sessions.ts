// Sign-in sessions: a random id in an httpOnly, SameSite=Strict cookie; the session document
// says whose it is and when it expires. Only the id's sha256 is kept (it names the file), so
// whoever reads the data folder (a backup, a regression run over it) learns no live session.
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { DocumentStore, dataDir } from '../storage/store';

export const SESSION_COOKIE = 'yardstick_session';
export const SESSION_HOURS = 8;

export interface Session {
	user: string;
	expiresAt: string;
}

let store: DocumentStore<Session> | null = null;
function sessions(): DocumentStore<Session> {
	const dir = path.join(dataDir(), 'sessions');
	if (!store || store.dir !== dir) store = new DocumentStore<Session>(dir);
	return store;
}

/** What a session is stored under: never the id the cookie carries. */
const stored = (id: string) => createHash('sha256').update(id).digest('hex');

/** A cookie value worth hashing: the 64 hex digits startSession makes, nothing longer. */
const plausible = (id: string | undefined): id is string => !!id && /^[0-9a-f]{64}$/.test(id);

export async function startSession(user: string, now = Date.now()): Promise<{ id: string; expires: Date }> {
	const id = randomBytes(32).toString('hex');
	const expires = new Date(now + SESSION_HOURS * 3600_000);
	await sessions().create({ user, expiresAt: expires.toISOString() }, user, 'signed in', stored(id));
	return { id, expires };
}

/** The signed-in user's name, or null when the session is unknown or has expired. */
export async function sessionUser(id: string | undefined, now = Date.now()): Promise<string | null> {
	if (!plausible(id)) return null;
	const key = stored(id);
	const doc = await sessions().get(key);
	if (!doc) return null;
	if (Date.parse(doc.value.expiresAt) <= now) {
		await sessions().remove(key, doc.revision).catch(() => undefined);
		return null;
	}
	return doc.value.user;
}

export async function endSession(id: string | undefined) {
	if (!plausible(id)) return;
	const key = stored(id);
	const doc = await sessions().get(key);
	if (doc) await sessions().remove(key, doc.revision).catch(() => undefined);
}

/** End every session of this account (disabled, roles changed, password reset); how many there were. */
export async function endSessionsOf(user: string): Promise<number> {
	let ended = 0;
	for (const doc of await sessions().list()) {
		if (doc.value.user !== user) continue;
		await sessions()
			.remove(doc.id, doc.revision)
			.then(() => ended++)
			.catch(() => undefined);
	}
	return ended;
}

/** Sessions not yet expired, per account. */
export async function liveSessionCounts(now = Date.now()): Promise<Map<string, number>> {
	const counts = new Map<string, number>();
	for (const doc of await sessions().list()) {
		if (Date.parse(doc.value.expiresAt) > now) counts.set(doc.value.user, (counts.get(doc.value.user) ?? 0) + 1);
	}
	return counts;
}
