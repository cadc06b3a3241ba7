import { error } from '@sveltejs/kit';
import { requirePermission } from '$lib/server/accounts/auth';
import { sampleContext } from '$lib/server/sampling/access';
import { selectedCsv, selectedName } from '$lib/server/sampling/selected';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, locals }) => {
	const { doc, framework } = await sampleContext(requirePermission(locals.user, 'read'), params.id, false);
	if (!doc.value.draws?.length) error(404, 'No case sample has been drawn for this inspection yet.');
	return new Response(selectedCsv(doc.value.draws, framework), {
		headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${selectedName(doc.value, 'csv')}"` }
	});
};
