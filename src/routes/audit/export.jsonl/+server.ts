import type { RequestHandler } from './$types';
import { requirePermission } from '$lib/server/auth';
import { readAudit } from '$lib/server/audit';

export const GET: RequestHandler = ({ locals, url }) => {
	requirePermission(locals.user, 'read');
	const kind = url.searchParams.get('kind') ?? undefined;
	const id = url.searchParams.get('id') ?? undefined;
	const body = readAudit({ kind, id })
		.map((r) => JSON.stringify(r) + '\n')
		.join('');
	return new Response(body, {
		headers: { 'content-type': 'application/jsonl; charset=utf-8', 'content-disposition': `attachment; filename="audit${kind ? '-' + kind : ''}${id ? '-' + id.replace(/[^A-Za-z0-9@._-]/g, '_') : ''}.jsonl"` }
	});
};
