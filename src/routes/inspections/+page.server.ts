import { error, fail } from '@sveltejs/kit';
import { requirePermission } from '$lib/server/accounts/auth';
import { actorOf } from '$lib/server/accounts/actor';
import { allows } from '$lib/server/accounts/roles';
import { duplicateInspection, inspectionPage } from '$lib/server/inspections/inspections';
import { NotFoundError } from '$lib/server/storage/store';
import type { Actions, PageServerLoad } from './$types';

/** Inspections on one page: ten years of them are thousands. */
const PER_PAGE = 50;

export const load: PageServerLoad = async ({ url, locals }) => {
	const user = requirePermission(locals.user, 'read');
	const asked = url.searchParams.get('page') ?? '1';
	if (!/^[1-9][0-9]{0,5}$/.test(asked)) error(400, `There is no page "${asked.slice(0, 20)}": pages are numbered from 1.`);
	const { inspections, total, pages, page } = await inspectionPage(Number(asked), PER_PAGE);
	return {
		user,
		mayCreate: allows(user.roles, 'inspection:create'),
		inspections,
		total,
		page,
		pages,
		perPage: PER_PAGE,
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
