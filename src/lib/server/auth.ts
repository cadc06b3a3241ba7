// Signing in and checking permissions. Every route and form action asks `requirePermission`
// on the server; 401 without a user, 403 with the wrong role.
import { error } from '@sveltejs/kit';
import { allows, type Permission, type Role } from './roles';
import { checkPassword } from './users';
import { recordFailure, recordSuccess, waitFor } from './throttle';
import { recordAudit } from './audit';
import { onTeam, type InspectionRecord } from '../inspection/record';

export type SignedIn = { name: string; roles: Role[] };

export function requirePermission(user: SignedIn | null, permission: Permission): SignedIn {
	if (!user) error(401, 'Sign in to do this.');
	if (!allows(user.roles, permission)) error(403, `Your role does not allow this (${permission.replace(':', ' ')}).`);
	return user;
}

export type SignInResult = { ok: true; user: SignedIn } | { ok: false; message: string; field?: 'name' | 'password' };

export async function signIn(name: string, password: string, address: string): Promise<SignInResult> {
	const keys = [`name:${name.toLowerCase()}`, `address:${address}`];
	const wait = Math.max(...keys.map((k) => waitFor(k)));
	if (wait > 0) {
		return { ok: false, message: `Too many failed attempts. Try again in ${Math.ceil(wait / 1000)} seconds.` };
	}
	const user = name && password ? await checkPassword(name.toLowerCase(), password) : null;
	if (!user) {
		keys.forEach((k) => recordFailure(k));
		await recordAudit({ actor: name || '(no name)', action: 'sign-in.failure', target: { kind: 'user', id: name || '(no name)' }, summary: `failed sign-in from ${address}` });
		return { ok: false, message: 'The name or password is not right.', field: 'password' };
	}
	keys.forEach(recordSuccess);
	return { ok: true, user: { name: user.name, roles: user.roles } };
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
