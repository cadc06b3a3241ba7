import { fail } from '@sveltejs/kit';
import { requirePermission } from '$lib/server/auth';
import { NAME_COOKIE, actorOf, cleanName } from '$lib/server/actor';
import { duplicateInspection, listInspections } from '$lib/server/inspections';
import { NotFoundError } from '$lib/server/store';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ cookies, url, locals }) => ({
	user: requirePermission(locals.user, 'read'),
	inspections: await listInspections(),
	name: cleanName(cookies.get(NAME_COOKIE)),
	deleted: url.searchParams.get('deleted')
});

export const actions: Actions = {
	duplicate: async (event) => {
		requirePermission(event.locals.user, 'inspection:create');
		const id = String((await event.request.formData()).get('id') ?? '');
		try {
			const copy = await duplicateInspection(id, actorOf(event));
			return { duplicated: { id: copy.id, serviceName: copy.value.serviceName } };
		} catch (e) {
			if (e instanceof NotFoundError) return fail(404, { errors: { list: 'That inspection no longer exists: someone may have deleted it' } });
			throw e;
		}
	},
	name: async ({ request, cookies, locals }) => {
		requirePermission(locals.user, 'read');
		const name = cleanName(String((await request.formData()).get('name') ?? ''));
		if (!name) return fail(400, { errors: { name: 'Enter your name' } });
		cookies.set(NAME_COOKIE, name, { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 60 * 60 * 24 * 365 });
		return { named: name };
	}
};
