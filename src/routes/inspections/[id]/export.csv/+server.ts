import { requirePermission } from '$lib/server/accounts/auth';
import { error } from '@sveltejs/kit';
import { exportName, toCsv } from '$lib/server/inspections/export';
import { inspections, pinnedVersion } from '$lib/server/inspections/inspections';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, locals }) => {
	requirePermission(locals.user, 'read');
	const doc = await inspections().get(params.id);
	if (!doc) error(404, 'There is no such inspection: it may have been deleted.');
	const csv = await toCsv(doc.value, pinnedVersion(doc.value));
	return new Response(csv, {
		headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${exportName(doc.value, 'csv')}"` }
	});
};
