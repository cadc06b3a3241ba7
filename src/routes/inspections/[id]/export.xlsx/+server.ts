import { requirePermission } from '$lib/server/accounts/auth';
import { error } from '@sveltejs/kit';
import { exportName, toXlsx } from '$lib/server/inspections/export';
import { inspections, pinnedVersion } from '$lib/server/inspections/inspections';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, locals }) => {
	requirePermission(locals.user, 'read');
	const doc = await inspections().get(params.id);
	if (!doc) error(404, 'There is no such inspection: it may have been deleted.');
	const xlsx = await toXlsx(doc.value, pinnedVersion(doc.value));
	return new Response(xlsx as BodyInit, {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="${exportName(doc.value, 'xlsx')}"`
		}
	});
};
