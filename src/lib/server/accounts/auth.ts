// Signing in and checking permissions. Every route and form action asks `requirePermission`
// on the server; 401 without a user, 403 with the wrong role.
import { error } from '@sveltejs/kit';
import { allows, type Permission, type Role } from './roles';
import { checkPassword } from './users';
import { forgiveOne, recordFailure, recordSuccess, signInKeys, waitFor } from './throttle';
import { HashingBusyError } from './passwords';
import { recordAudit } from '../audit/audit';
import { onTeam, type InspectionRecord } from '../../inspection/record';

export type SignedIn = { name: string; roles: Role[] };

export function requirePermission(user: SignedIn | null, permission: Permission): SignedIn {
	if (!user) error(401, 'Sign in to do this.');
	if (!allows(user.roles, permission)) error(403, `Your role does not allow this (${permission.replace(':', ' ')}).`);
	return user;
}

export type SignInResult = { ok: true; user: SignedIn } | { ok: false; message: string; field?: 'name' | 'password' };

/** The longest name the sign-in form takes: no account's name is longer. */
export const NAME_MAX = 64;
/** The longest password the sign-in form takes (passwordProblems refuses longer ones). */
export const PASSWORD_MAX = 256;

/**
 * Each attempt is counted before anything is awaited, so attempts sent at once are counted as
 * they arrive rather than after their hashes; an attempt that turns out right takes its count
 * back. Unknown names are hashed too (the same time) and count against the address.
 */
export async function signIn(name: string, password: string, address: string): Promise<SignInResult> {
	const keys = signInKeys(name, address);
	const wait = Math.max(...keys.map(({ key, free }) => waitFor(key, Date.now(), free)));
	if (wait > 0) {
		return { ok: false, message: `Too many failed attempts. Try again in ${Math.ceil(wait / 1000)} seconds.` };
	}
	for (const { key } of keys) recordFailure(key);
	let user;
	try {
		user = name && password ? await checkPassword(name.toLowerCase(), password) : null;
	} catch (e) {
		if (!(e instanceof HashingBusyError)) throw e;
		// not checked, so not a failure of this name: the address keeps its count, as a flood's source should
		forgiveOne(keys[0].key);
		return { ok: false, message: e.message };
	}
	if (!user) {
		await recordAudit({ actor: name || '(no name)', action: 'sign-in.failure', target: { kind: 'user', id: name || '(no name)' }, summary: `failed sign-in from ${address}` });
		return { ok: false, message: 'The name or password is not right.', field: 'password' };
	}
	recordSuccess(keys[0].key);
	forgiveOne(keys[1].key);
	return { ok: true, user: { name: user.name, roles: user.roles } };
}

/**
 * Where to go after signing in: a path on this app's own origin, or '/'. Resolved as the
 * browser would resolve it (backslashes, tabs and all), so what passes is what is followed.
 */
export function safeNext(next: string | null, origin: string): string {
	if (!next || !next.startsWith('/')) return '/';
	let url: URL;
	try {
		url = new URL(next, origin);
	} catch {
		return '/';
	}
	if (url.origin !== origin) return '/';
	const path = url.pathname + url.search + url.hash;
	// a path starting with two slashes (or a backslash the browser reads as one) names another host
	return /^\/[/\\]/.test(path) ? '/' : path;
}

/** An edit to an inspection needs the permission of what it changes: a panel decision, or evidence. */
export function requireEditPermissions(user: SignedIn | null, edits: { type: string }[]): SignedIn {
	let signedIn = requirePermission(user, 'read');
	for (const edit of edits) signedIn = requirePermission(user, edit.type === 'decide' ? 'panel:decide' : 'inspection:edit');
	return signedIn;
}

/** Evidence (anything but a panel decision) is changed only by the inspection's team. */
export function requireTeamFor(user: SignedIn, edits: { type: string }[], record: Pick<InspectionRecord, 'team'>) {
	if (edits.some((edit) => edit.type !== 'decide')) requireTeam(user, record);
}

/** Only the inspection's team may change its evidence, or delete it. */
export function requireTeam(user: SignedIn, record: Pick<InspectionRecord, 'team'>) {
	if (!onTeam(record, user.name)) error(403, `Only the inspection's team (${record.team!.join(', ')}) can change it: ask one of them to add you.`);
}
