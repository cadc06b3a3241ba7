import { requirePermission } from '$lib/server/accounts/auth';
import { error } from '@sveltejs/kit';
import { exportName, toGolden } from '$lib/server/inspections/export';
import { inspections, rate } from '$lib/server/inspections/inspections';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, locals }) => {
	requirePermission(locals.user, 'read');
	const doc = await inspections().get(params.id);
	if (!doc) error(404, 'There is no such inspection: it may have been deleted.');
	const golden = toGolden(doc.value, await rate(doc), { revision: doc.revision, exportedAt: new Date().toISOString() });
	return new Response(JSON.stringify(golden, null, 2) + '\n', {
		headers: { 'content-type': 'application/json; charset=utf-8', 'content-disposition': `attachment; filename="${exportName(doc.value, 'json')}"` }
	});
};
