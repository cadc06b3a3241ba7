import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { openVersion } from '$lib/server/framework-versions';
import { PublishedVersionError } from '$lib/server/drafts';
import { requirePermission } from '$lib/server/auth';
import { evidenceChoices } from '$lib/server/evidence-sources';

export const load: PageServerLoad = async ({ locals, params }) => {
	requirePermission(locals.user, 'framework:edit');
	const opened = await openVersion(params.id, params.version);
	if (!opened) error(404, `There is no version ${params.id}@${params.version}.`);
	if (opened.entry.status === 'published') error(403, new PublishedVersionError(opened.entry.ref).message);
	return { entry: opened.entry, files: opened.files, evidence: await evidenceChoices() };
};
