// Sign-in throttling: after repeated failures for a name (or from an address), further attempts
// wait, doubling each time, up to a limit. Kept in memory: a restart forgets, which only ever
// lets a person in sooner.

const FREE_FAILURES = 5;
const FIRST_WAIT_MS = 30_000;
const LONGEST_WAIT_MS = 15 * 60_000;

const failures = new Map<string, { count: number; last: number }>();

/** Milliseconds to wait before another attempt for this key, 0 if none. */
export function waitFor(key: string, now = Date.now()): number {
	const entry = failures.get(key);
	if (!entry || entry.count < FREE_FAILURES) return 0;
	const wait = Math.min(FIRST_WAIT_MS * 2 ** (entry.count - FREE_FAILURES), LONGEST_WAIT_MS);
	return Math.max(0, entry.last + wait - now);
}

export function recordFailure(key: string, now = Date.now()) {
	const entry = failures.get(key) ?? { count: 0, last: now };
	failures.set(key, { count: entry.count + 1, last: now });
}

export function recordSuccess(key: string) {
	failures.delete(key);
}
