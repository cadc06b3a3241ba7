import type { Handle } from '@sveltejs/kit';
import { SESSION_COOKIE, sessionUser } from '$lib/server/sessions';
import { userForToken, users } from '$lib/server/users';

/** Who is asking: a session cookie from the browser, or a bearer token an admin issued. */
export const handle: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	const bearer = event.request.headers.get('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1];
	if (bearer) {
		const user = await userForToken(bearer);
		if (user) event.locals.user = { name: user.name, roles: user.roles };
	} else {
		const name = await sessionUser(event.cookies.get(SESSION_COOKIE));
		const user = name ? (await users().get(name))?.value : null;
		if (user && !user.disabled) event.locals.user = { name: user.name, roles: user.roles };
	}
	return resolve(event);
};
