// The first run: while the data folder has no accounts, the server prints a one-time link on
// start, and whoever opens it chooses the first admin's name and password. The token lives only
// in this process's memory and is printed once; it is spent by the first account made with it,
// and the page refuses whenever any account exists (one made with `npm run user`, say).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { users } from './users';

let token: string | null = null;

/** Where a browser on this machine reaches the server, for the printed link. */
export function localOrigin(env: Record<string, string | undefined> = process.env): string {
	if (env.ORIGIN) return env.ORIGIN.replace(/\/$/, '');
	const host = !env.HOST || env.HOST === '0.0.0.0' || env.HOST === '::' ? 'localhost' : env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST;
	return `http://${host}:${env.PORT ?? '3000'}`;
}

/** On start: with no accounts, make a token and print the link that spends it. */
export async function announceSetup(log: (line: string) => void = console.log): Promise<void> {
	if ((await users().list()).length) return;
	token = randomBytes(24).toString('base64url');
	log(`No accounts yet. Open this link once to choose the first admin's name and password:\n\n  ${localOrigin()}/setup?token=${token}\n`);
}

const same = (a: string, b: string) => {
	const [x, y] = [Buffer.from(a), Buffer.from(b)];
	return x.length === y.length && timingSafeEqual(x, y);
};

/** Whether this token opens the set-up page now (no account exists yet). */
export async function setupOpen(given: string | null): Promise<boolean> {
	if (!token || !given || !same(given, token)) return false;
	return (await users().list()).length === 0;
}

/**
 * Spend the token: true for exactly one caller. Synchronous, so two requests racing with the
 * same link cannot both pass; give() puts it back when the account could not be made.
 */
export function takeSetup(given: string): { give: () => void } | null {
	if (!token || !same(given, token)) return null;
	const spent = token;
	token = null;
	return { give: () => (token ??= spent) };
}
