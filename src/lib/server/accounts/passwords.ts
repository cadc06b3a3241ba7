// Passwords are kept only as scrypt hashes: memory-hard (N=2^15, r=8: 32 MiB per hash), salted.
// Each hash takes a thread of Node's small pool (which file reads share) for a while, so only a
// few run at once; the rest wait briefly in line or are turned away (HashingBusyError).
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const N = 2 ** 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

/** Hashes at once: Node's pool has 4 threads, and the data files need some of them. */
const AT_ONCE = 2;
/** Hashes waiting in line at most, and for how long: more is a flood, refused at once. */
const MOST_WAITING = 16;
const LONGEST_WAIT_MS = 3_000;

export class HashingBusyError extends Error {
	constructor(readonly retryAfterSeconds: number) {
		super(`Too many sign-in attempts, try again in ${retryAfterSeconds} seconds.`);
		this.name = 'HashingBusyError';
	}
}

let running = 0;
const waiting: (() => void)[] = [];

function release() {
	const next = waiting.shift();
	if (next) next();
	else running--;
}

/**
 * A turn to hash: at once when a slot is free, else in line. A check of a password (anyone may
 * ask for one, by signing in) waits briefly or is turned away with HashingBusyError; making a
 * hash (an admin's or the account's own act) waits its turn.
 */
function turn(mayRefuse: boolean): Promise<void> {
	if (running < AT_ONCE) {
		running++;
		return Promise.resolve();
	}
	if (mayRefuse && waiting.length >= MOST_WAITING) return Promise.reject(new HashingBusyError(5));
	return new Promise((resolve, reject) => {
		const go = () => {
			clearTimeout(timer);
			resolve();
		};
		const timer = mayRefuse
			? setTimeout(() => {
					waiting.splice(waiting.indexOf(go), 1);
					reject(new HashingBusyError(5));
				}, LONGEST_WAIT_MS)
			: undefined;
		waiting.push(go);
	});
}

async function scrypt(password: string, salt: Buffer, options: ScryptOptions, mayRefuse: boolean): Promise<Buffer> {
	await turn(mayRefuse);
	try {
		return await scryptOnce(password, salt, options);
	} finally {
		release();
	}
}

function scryptOnce(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
	return new Promise((resolve, reject) =>
		scryptCallback(password.normalize('NFKC'), salt, KEY_LENGTH, { ...options, maxmem: 128 * options.N! * options.r! * options.p! * 2 }, (err, key) => (err ? reject(err) : resolve(key)))
	);
}

export async function hashPassword(password: string): Promise<string> {
	const salt = randomBytes(16);
	const key = await scrypt(password, salt, { N, r: R, p: P }, false);
	return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
	const [kind, n, r, p, salt, key] = stored.split('$');
	if (kind !== 'scrypt' || !salt || !key) return false;
	const expected = Buffer.from(key, 'base64url');
	const actual = await scrypt(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) }, true);
	return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Rules a new password must meet, in words a person can act on. */
export function passwordProblems(password: string): string[] {
	const problems: string[] = [];
	if (password.length < 12) problems.push('must be at least 12 characters');
	if (password.length > 256) problems.push('must be at most 256 characters');
	return problems;
}
