import type { RequestHandler } from './$types';
import { requirePermission } from '$lib/server/accounts/auth';
import { auditNewestFirst } from '$lib/server/audit/audit';

/** The records this reader may read, newest first, streamed as they are read from the file. */
export const GET: RequestHandler = ({ locals, url }) => {
	const user = requirePermission(locals.user, 'read');
	const kind = url.searchParams.get('kind') ?? undefined;
	const id = url.searchParams.get('id') ?? undefined;
	const records = auditNewestFirst({ kind, id, roles: user.roles });
	const encoder = new TextEncoder();
	const body = new ReadableStream<Uint8Array>({
		async pull(controller) {
			const next = await records.next();
			if (next.done) controller.close();
			else controller.enqueue(encoder.encode(JSON.stringify(next.value) + '\n'));
		},
		async cancel() {
			await records.return(undefined);
		}
	});
	return new Response(body, {
		headers: { 'content-type': 'application/jsonl; charset=utf-8', 'content-disposition': `attachment; filename="audit${kind ? '-' + kind : ''}${id ? '-' + id.replace(/[^A-Za-z0-9@._-]/g, '_') : ''}.jsonl"` }
	});
};
