// Sign-in sessions: a random id in an httpOnly, SameSite=Strict cookie; the session document
// says whose it is and when it expires.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { DocumentStore, dataDir } from './store';

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

export async function startSession(user: string, now = Date.now()): Promise<{ id: string; expires: Date }> {
	const id = randomBytes(32).toString('hex');
	const expires = new Date(now + SESSION_HOURS * 3600_000);
	await sessions().create({ user, expiresAt: expires.toISOString() }, user, 'signed in', id);
	return { id, expires };
}

/** The signed-in user's name, or null when the session is unknown or has expired. */
export async function sessionUser(id: string | undefined, now = Date.now()): Promise<string | null> {
	if (!id) return null;
	const doc = await sessions().get(id);
	if (!doc) return null;
	if (Date.parse(doc.value.expiresAt) <= now) {
		await sessions().remove(id, doc.revision).catch(() => undefined);
		return null;
	}
	return doc.value.user;
}

export async function endSession(id: string | undefined) {
	if (!id) return;
	const doc = await sessions().get(id);
	if (doc) await sessions().remove(id, doc.revision).catch(() => undefined);
}
