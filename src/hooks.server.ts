import { json, text, type Handle } from '@sveltejs/kit';
import { SESSION_COOKIE, sessionUser } from '$lib/server/sessions';
import { userForToken, users } from '$lib/server/users';

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

const PUBLIC = /^\/((sign-in|sign-out)\/?)?(\/?__data\.json)?$/;
