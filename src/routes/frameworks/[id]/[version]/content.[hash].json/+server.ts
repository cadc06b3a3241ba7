// GET /frameworks/<id>/<version>/content.<hex>.json: the version's content, named by its hash.
// A version in the rules folder: kept by the browser for good (private: only a signed-in account may read it, so no shared cache keeps it). A draft: asked
// for again every time (its hash changes as it is edited, and an old hash answers 404).
import { error } from '@sveltejs/kit';
import { requirePermission } from '$lib/server/accounts/auth';
import { versionContent } from '$lib/server/frameworks/version-content';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params, request }) => {
	requirePermission(locals.user, 'read');
	const content = await versionContent(params.id, params.version, params.hash);
	if (content.status === 404) error(404, content.message);
	const etag = `"${content.hash.replace('sha256:', '')}"`;
	const headers = {
		'content-type': 'application/json; charset=utf-8',
		etag,
		'cache-control': content.immutable ? 'private, max-age=31536000, immutable' : 'private, no-cache'
	};
	const asked = request.headers.get('if-none-match');
	if (asked && asked.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) return new Response(null, { status: 304, headers });
	return new Response(content.body, { headers });
};
