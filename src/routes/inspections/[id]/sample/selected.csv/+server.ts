import { error } from '@sveltejs/kit';
import { sampleContext } from '$lib/server/sampling/access';
import { selectedCsv, selectedName } from '$lib/server/sampling/selected';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, locals }) => {
	const { doc, framework } = await sampleContext(locals, params.id, 'read');
	const draw = doc.value.draws?.at(-1);
	if (!draw) error(404, 'No case sample has been drawn for this inspection yet.');
	return new Response(selectedCsv(draw, framework), {
		headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${selectedName(doc.value, draw, 'csv')}"` }
	});
};
