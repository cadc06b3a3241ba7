import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { openVersion } from '$lib/server/frameworks/framework-versions';
import { requirePermission } from '$lib/server/accounts/auth';
import { zipVersion } from '$lib/server/frameworks/version-archive';

export const GET: RequestHandler = async ({ locals, params }) => {
	requirePermission(locals.user, 'read');
	const opened = await openVersion(params.id, params.version);
	if (!opened) error(404, `There is no version ${params.id}@${params.version}.`);
	return new Response(zipVersion(opened.files) as BodyInit, {
		headers: {
			'content-type': 'application/zip',
			'content-disposition': `attachment; filename="${params.id}-${params.version}.zip"`
		}
	});
};
