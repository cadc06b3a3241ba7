// Accounts: a name, roles and a password hash, one document each under <DATA_DIR>/users;
// API tokens an admin issues, kept as sha256 hashes.
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { DocumentStore, dataDir } from '../storage/store';
import { hashPassword, verifyPassword } from './passwords';
import { isRole, type Role } from './roles';

export interface User {
	name: string;
	roles: Role[];
	passwordHash: string;
	disabled?: boolean;
	tokens?: { id: string; hash: string; label: string; createdAt: string }[];
}

const NAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;

export function nameProblem(name: string): string | null {
	return NAME.test(name) ? null : 'must be 2 to 64 characters: lower-case letters, digits, dot, dash or underscore, starting with a letter or digit';
}

let store: DocumentStore<User> | null = null;
export function users(): DocumentStore<User> {
	const dir = path.join(dataDir(), 'users');
	if (!store || store.dir !== dir)
		store = new DocumentStore<User>(dir, (u) => {
			const problems = [];
			const bad = nameProblem(u.name);
			if (bad) problems.push({ file: 'user', pointer: '/name', message: bad, severity: 'error' as const });
			if (!u.roles.length || !u.roles.every(isRole)) problems.push({ file: 'user', pointer: '/roles', message: 'must name at least one known role', severity: 'error' as const });
			return problems;
		});
	return store;
}

export async function addUser(name: string, roles: Role[], password: string, by: string) {
	return users().create({ name, roles, passwordHash: await hashPassword(password) }, by, `account ${name} created with roles ${roles.join(', ')}`, name);
}

/** The user, if the name and password match an enabled account. */
export async function checkPassword(name: string, password: string): Promise<User | null> {
	const doc = await users().get(name);
	// Hash anyway when the name is unknown, so timing does not tell which names exist.
	const ok = await verifyPassword(password, doc?.value.passwordHash ?? (await dummyHash()));
	return ok && doc && !doc.value.disabled ? doc.value : null;
}

let dummy: Promise<string> | null = null;
const dummyHash = () => (dummy ??= hashPassword(randomBytes(16).toString('hex')));

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export class NoAccountError extends Error {
	constructor(readonly account: string) {
		super(`There is no account "${account.slice(0, 64)}".`);
		this.name = 'NoAccountError';
	}
}

/** Issue an API token for a user; the token itself is shown once and never stored. */
export async function issueToken(name: string, label: string, by: string): Promise<string> {
	const doc = await users().get(name);
	if (!doc) throw new NoAccountError(name);
	const token = `ys_${randomBytes(24).toString('base64url')}`;
	const entry = { id: randomBytes(6).toString('hex'), hash: tokenHash(token), label, createdAt: new Date().toISOString() };
	await users().update(name, doc.revision, { ...doc.value, tokens: [...(doc.value.tokens ?? []), entry] }, by, `API token "${label}" issued`);
	return token;
}

// Whose account holds a token, by the token's sha256 (never the token): a map filled by reading
// every account, then read from that one account alone. A token is random, so its hash names one
// account; whether it still works (revoked, disabled) is checked every time. The map is made again
// only when the accounts folder has changed since it was made (another process may have issued a
// token): a stranger's made-up token costs a look at the folder, never a read of every account;
// a known one costs only the look at its account's file.
let tokenOwners: { folder: string; owners: Map<string, string> } | null = null;

/** The accounts folder as it is now: each account's file version (a write by any process changes it). */
async function accountsFolder(): Promise<string> {
	return [...(await users().versions())].map(([name, v]) => `${name}:${v.token}`).sort().join('|');
}

async function ownerOf(hash: string): Promise<string | null> {
	// A token the map knows needs no look at the folder: userForToken checks it against its
	// owner's own record, as it is now, whatever the map says.
	const known = tokenOwners?.owners.get(hash);
	if (known) return known;
	const folder = await accountsFolder();
	if (tokenOwners?.folder !== folder) {
		// made whole, then swapped in: a lookup running meanwhile keeps the map it started with
		const owners = new Map<string, string>();
		for (const doc of await users().list()) for (const t of doc.value.tokens ?? []) owners.set(t.hash, doc.value.name);
		tokenOwners = { folder, owners };
	}
	return tokenOwners.owners.get(hash) ?? null;
}

export async function userForToken(token: string): Promise<User | null> {
	const hash = tokenHash(token);
	const owner = await ownerOf(hash);
	const user = owner ? (await users().get(owner))?.value : undefined;
	return user && !user.disabled && user.tokens?.some((t) => t.hash === hash) ? user : null;
}

/** Take back one of an account's API tokens (by its id); its label, or null when there was no such token. */
export async function revokeToken(name: string, tokenId: string, by: string, beforeWrite?: (label: string) => Promise<void>): Promise<string | null> {
	const doc = await users().get(name);
	if (!doc) throw new NoAccountError(name);
	const token = doc.value.tokens?.find((t) => t.id === tokenId);
	if (!token) return null;
	const tokens = doc.value.tokens!.filter((t) => t !== token);
	await users().update(name, doc.revision, { ...doc.value, tokens }, by, `API token "${token.label}" revoked`, beforeWrite && (() => beforeWrite(token.label)));
	return token.label;
}

/** Give an account a new password (its old one stops working at once). */
export async function setPassword(name: string, password: string, by: string, beforeWrite?: () => Promise<void>) {
	const passwordHash = await hashPassword(password);
	const doc = await users().get(name);
	if (!doc) throw new NoAccountError(name);
	await users().update(name, doc.revision, { ...doc.value, passwordHash }, by, by === name ? 'password changed' : `password reset by ${by}`, beforeWrite);
}
