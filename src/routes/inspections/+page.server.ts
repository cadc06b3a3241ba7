import { fail } from '@sveltejs/kit';
import { requirePermission } from '$lib/server/accounts/auth';
import { actorOf } from '$lib/server/accounts/actor';
import { allows } from '$lib/server/accounts/roles';
import { duplicateInspection, listInspections } from '$lib/server/inspections/inspections';
import { NotFoundError } from '$lib/server/storage/store';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, locals }) => {
	const user = requirePermission(locals.user, 'read');
	return {
		user,
		mayCreate: allows(user.roles, 'inspection:create'),
		inspections: await listInspections(),
		deleted: url.searchParams.get('deleted')
	};
};

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
	}
};
