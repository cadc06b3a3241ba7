// Who is making a change, for the record of who changed what. The signed-in user when there is
// one; until accounts exist, the name the person gave on the inspections page (a cookie).
import type { Cookies } from '@sveltejs/kit';

export const NAME_COOKIE = 'yardstick-name';
const ANONYMOUS = 'an unnamed user';

export function actorOf(event: { cookies: Cookies; locals: object }): string {
	const user = (event.locals as { user?: { name?: string } | null }).user;
	if (user?.name) return user.name;
	return cleanName(event.cookies.get(NAME_COOKIE)) || ANONYMOUS;
}

export function cleanName(name: string | null | undefined): string {
	return (name ?? '').replace(/\s+/g, ' ').trim().slice(0, 60);
}
