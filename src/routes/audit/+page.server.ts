import type { PageServerLoad } from './$types';
import { requirePermission } from '$lib/server/auth';
import { readAudit } from '$lib/server/audit';

export const load: PageServerLoad = ({ locals, url }) => {
	requirePermission(locals.user, 'read');
	const kind = url.searchParams.get('kind') ?? undefined;
	const id = url.searchParams.get('id') ?? undefined;
	return { kind, id, records: readAudit({ kind, id }).reverse() };
};
