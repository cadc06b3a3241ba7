import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requirePermission } from '$lib/server/auth';
import { readAuditPage } from '$lib/server/audit';

/** Records on one page: the trail is read page by page, never whole. */
const PER_PAGE = 50;

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requirePermission(locals.user, 'read');
	const kind = url.searchParams.get('kind') ?? undefined;
	const id = url.searchParams.get('id') ?? undefined;
	const asked = url.searchParams.get('page') ?? '1';
	if (!/^[1-9][0-9]{0,5}$/.test(asked)) error(400, `There is no page "${asked.slice(0, 20)}": pages are numbered from 1.`);
	const page = Number(asked);
	const { records, more } = await readAuditPage({ kind, id, roles: user.roles }, page, PER_PAGE);
	return { kind, id, page, perPage: PER_PAGE, more, records };
};
