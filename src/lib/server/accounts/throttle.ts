// Sign-in throttling: after repeated failures for a key, further attempts wait, doubling each
// time, up to a limit. Sign-in keys a name together with the address it is tried from, so a
// stranger's failures slow only the stranger, never the account's owner elsewhere; and an
// address on its own, with more room, for one address trying many names. Kept in memory: a
// restart forgets, which only ever lets a person in sooner.

const FREE_FAILURES = 5;
const FIRST_WAIT_MS = 30_000;
const LONGEST_WAIT_MS = 15 * 60_000;
/** Keys remembered at most: beyond this the oldest are forgotten, so names sent by the million cannot fill the memory. */
const MOST_KEYS = 10_000;

const failures = new Map<string, { count: number; last: number }>();

/** Milliseconds to wait before another attempt for this key, 0 if none. */
export function waitFor(key: string, now = Date.now(), free = FREE_FAILURES): number {
	const entry = failures.get(key);
	if (!entry || entry.count < free) return 0;
	const wait = Math.min(FIRST_WAIT_MS * 2 ** (entry.count - free), LONGEST_WAIT_MS);
	return Math.max(0, entry.last + wait - now);
}

export function recordFailure(key: string, now = Date.now()) {
	const entry = failures.get(key) ?? { count: 0, last: now };
	failures.delete(key); // re-inserted last: the map's order is oldest first
	failures.set(key, { count: entry.count + 1, last: now });
	if (failures.size > MOST_KEYS) forgetOldest();
}

export function recordSuccess(key: string) {
	failures.delete(key);
}

/** Take back one failure counted in advance for an attempt that turned out right. */
export function forgiveOne(key: string) {
	const entry = failures.get(key);
	if (!entry) return;
	if (entry.count <= 1) failures.delete(key);
	else entry.count--;
}

/** The keys that failed longest ago go first, down to nine tenths of the limit. */
function forgetOldest() {
	for (const key of failures.keys()) {
		if (failures.size <= MOST_KEYS * 0.9) return;
		failures.delete(key);
	}
}

/** Failures an address may have across all names before it waits: a household or office mistypes too. */
export const ADDRESS_FREE_FAILURES = 20;

/** The keys one sign-in attempt counts against, and how many failures each allows freely. */
export function signInKeys(name: string, address: string): { key: string; free: number }[] {
	return [
		{ key: `name+address:${name.toLowerCase()}\n${address}`, free: FREE_FAILURES },
		{ key: `address:${address}`, free: ADDRESS_FREE_FAILURES }
	];
}

/** Forget every address's failures for this name: an admin has reset its password. */
export function forgetName(name: string) {
	const prefix = `name+address:${name.toLowerCase()}\n`;
	for (const key of [...failures.keys()]) if (key.startsWith(prefix)) failures.delete(key);
}
