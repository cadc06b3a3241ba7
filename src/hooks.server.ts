import { json, text, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit';
import { announceSetup } from '$lib/server/setup';
import { SESSION_COOKIE, sessionUser } from '$lib/server/sessions';
import { userForToken, users } from '$lib/server/users';
import { oversizeMessage } from '$lib/server/body-limits';

const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS'];

/** A write from another site (a forged form post) carries an Origin whose host is not ours. */
function crossSite(request: Request): boolean {
	if (SAFE_METHODS.includes(request.method)) return false;
	const origin = request.headers.get('origin');
	if (origin) {
		try {
			return new URL(origin).host !== request.headers.get('host');
		} catch {
			return true;
		}
	}
	return request.headers.get('sec-fetch-site') === 'cross-site';
}

/** Who is asking: a session cookie from the browser, or a bearer token an admin issued. */
export const handle: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	const bearer = event.request.headers.get('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
	if (!bearer && crossSite(event.request)) return text('Cross-site form submissions are refused.', { status: 403 });
	const oversize = SAFE_METHODS.includes(event.request.method) ? null : oversizeMessage(event.url.pathname, event.request.headers.get('content-length'));
	if (oversize) {
		// Read and drop the body (at most the adapter's ceiling) so the client, still sending,
		// gets the answer instead of a reset connection; nothing of it is kept.
		await discard(event.request.body);
		return tooLarge(event.request, oversize);
	}
	if (bearer) {
		const user = await userForToken(bearer);
		if (user) event.locals.user = { name: user.name, roles: user.roles };
	} else {
		const name = await sessionUser(event.cookies.get(SESSION_COOKIE));
		const user = name ? (await users().get(name))?.value : null;
		if (user && !user.disabled) event.locals.user = { name: user.name, roles: user.roles };
	}
	// A safety net under every route's own check: nothing but the public pages without a user.
	// Pages answer with their 401 page from the root layout; everything else answers here.
	const page = event.request.method === 'GET' && (event.request.headers.get('accept') ?? '').includes('text/html');
	if (!event.locals.user && !PUBLIC.test(event.url.pathname) && !page) {
		return json({ errors: [{ file: 'request', pointer: '', message: 'Sign in, or send an API token as "Authorization: Bearer …".' }] }, { status: 401 });
	}
	return resolve(event);
};

async function discard(body: ReadableStream<Uint8Array> | null) {
	if (!body) return;
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

const PUBLIC = /^\/((sign-in|sign-out|setup)\/?)?(\/?__data\.json)?$/;

/** On start: with no accounts yet, print the one-time set-up link. */
export const init: ServerInit = () => announceSetup();

/**
 * A request SvelteKit itself refuses (a form action sent JSON, say) is the client's mistake: one
 * line in the log. Anything else is ours: the stack goes to the log, never to the client.
 */
export const handleError: HandleServerError = ({ error, event, status, message }) => {
	if (status >= 500) {
		console.error(error);
		return { message: 'Something went wrong on the server. The error is in its log.' };
	}
	const said = error instanceof Error && error.message ? error.message : message;
	console.warn(`[${status}] ${event.request.method} ${event.url.pathname}: ${said}`);
	return { message: said };
};
