import { json, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit';
import { announceSetup } from '$lib/server/accounts/setup';
import { prepareAuditIndex } from '$lib/server/audit/audit';
import { SESSION_COOKIE, sessionUser } from '$lib/server/accounts/sessions';
import { userForToken, users } from '$lib/server/accounts/users';
import { BodyOverflowError, countedBody, oversizeMessage } from '$lib/server/http/body-limits';

// Cross-site form posts are refused by SvelteKit's own origin check (svelte.config.js), before
// this hook runs; the routes that take JSON refuse any other body type below, so no form post
// (which cannot send application/json) reaches them either.

const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS'];

/** The routes whose bodies are JSON. */
const JSON_ROUTES = [/^\/api\/evaluate$/, /^\/inspections\/[^/]+\/edits$/, /^\/frameworks\/[^/]+\/[^/]+\/(draft|try)$/];

/** What opens without an account: signing in and out (static files never reach this hook). */
const PUBLIC = /^\/(sign-in|setup)\/?(__data\.json)?$|^\/sign-out\/?$/;

/** Who is asking: a session cookie from the browser, or a bearer token an admin issued. */
export const handle: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	const { request, url } = event;
	let counted: ReturnType<typeof countedBody> | null = null;
	if (!SAFE_METHODS.includes(request.method)) {
		const oversize = oversizeMessage(url.pathname, request.headers.get('content-length'));
		if (oversize) {
			// Read and drop the body (at most the adapter's ceiling) so the client, still sending,
			// gets the answer instead of a reset connection; nothing of it is kept.
			await discard(request.body);
			return secured(tooLarge(request, oversize));
		}
		// a body of another type (a DELETE has none, and needs no type)
		if (request.body && JSON_ROUTES.some((route) => route.test(url.pathname)) && mediaType(request) !== 'application/json') {
			await discard(request.body);
			return secured(refusal(415, `Send the body as JSON, with "Content-Type: application/json" (this was ${mediaType(request) || 'sent without a type'}).`));
		}
		counted = countedBody(request, url.pathname);
		event.request = counted.request;
	}
	const bearer = request.headers.get('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
	if (bearer) {
		const user = await userForToken(bearer);
		if (user) event.locals.user = { name: user.name, roles: user.roles };
	} else {
		const name = await sessionUser(event.cookies.get(SESSION_COOKIE));
		const user = name ? (await users().get(name))?.value : null;
		if (user && !user.disabled) event.locals.user = { name: user.name, roles: user.roles };
	}
	// A safety net under every route's own check: nothing but signing in without a user. A page
	// asked for by a browser goes to the sign-in page, and comes back after; anything else is 401.
	if (!event.locals.user && !PUBLIC.test(url.pathname)) {
		await discard(event.request.body);
		const page = (request.method === 'GET' || request.method === 'HEAD') && (request.headers.get('accept') ?? '').includes('text/html') && !url.pathname.endsWith('/__data.json');
		if (page) return secured(new Response(null, { status: 303, headers: { location: `/sign-in?next=${encodeURIComponent(url.pathname + url.search)}` } }));
		return secured(refusal(401, 'Sign in, or send an API token as "Authorization: Bearer …".'));
	}
	const response = await resolve(event);
	const overflow = await counted?.refused();
	if (overflow) return secured(tooLarge(request, overflow));
	return secured(response);
};

const mediaType = (request: Request) => (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();

const refusal = (status: number, message: string) => json({ errors: [{ file: 'request', pointer: '', message }] }, { status });

/**
 * Headers every answer carries. Pages get their Content-Security-Policy from SvelteKit
 * (svelte.config.js kit.csp, with a nonce for its own inline script); anything else, which
 * is never a page to render, gets one that allows nothing.
 */
function secured(response: Response): Response {
	let answer = response;
	try {
		set(answer.headers);
	} catch {
		// headers of a response made elsewhere may be immutable: copy it
		answer = new Response(response.body, response);
		set(answer.headers);
	}
	return answer;
}

function set(headers: Headers) {
	if (!headers.has('content-security-policy')) headers.set('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
	headers.set('x-frame-options', 'DENY');
	headers.set('x-content-type-options', 'nosniff');
	headers.set('referrer-policy', 'same-origin');
}

async function discard(body: ReadableStream<Uint8Array> | null) {
	if (!body || body.locked) return;
	try {
		for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) void chunk;
	} catch {
		// the client gave up; there is nobody left to answer
	}
}

/** 413, as the page a browser's form post shows, or as JSON errors for everything else. */
function tooLarge(request: Request, message: string): Response {
	if ((request.headers.get('accept') ?? '').includes('text/html')) {
		const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Too large – Yardstick</title></head><body><h1>Too large</h1><p>${message}</p><p>Go back and choose a smaller file.</p></body></html>`;
		return new Response(page, { status: 413, headers: { 'content-type': 'text/html; charset=utf-8' } });
	}
	return json({ errors: [{ file: 'request body', pointer: '', message, severity: 'error' }] }, { status: 413 });
}

/** On start: with no accounts yet, print the one-time set-up link. */
export const init: ServerInit = () => {
	// not waited for: requests are answered meanwhile, and a trail opened before it is done waits its turn
	prepareAuditIndex().catch((e) => console.error(`the audit trail's index could not be prepared (${(e as Error).message}): it is tried again when a trail is opened`));
	return announceSetup();
};

/**
 * A request SvelteKit itself refuses (a form action sent JSON, say) is the client's mistake: one
 * line in the log. Anything else is ours: the stack goes to the log, never to the client.
 */
export const handleError: HandleServerError = ({ error, event, status, message }) => {
	// a body past its limit, read by the route: the hook answers 413 in place of whatever the route made of it
	const overflow = error instanceof BodyOverflowError || (error instanceof Error && error.cause instanceof BodyOverflowError);
	if (overflow) {
		console.warn(`[413] ${event.request.method} ${event.url.pathname}: ${(error as Error).message}`);
		return { message: (error as Error).message };
	}
	if (status >= 500) {
		console.error(error);
		return { message: 'Something went wrong on the server. The error is in its log.' };
	}
	const said = error instanceof Error && error.message ? error.message : message;
	console.warn(`[${status}] ${event.request.method} ${event.url.pathname}: ${said}`);
	return { message: said };
};
