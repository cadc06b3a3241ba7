import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { openVersion } from '$lib/server/frameworks/framework-versions';
import { structureProblems } from '$lib/server/storage/drafts';
import { requirePermission } from '$lib/server/accounts/auth';
import { evidenceChoices } from '$lib/server/rating/evidence-sources';
import { checkDraft } from '$lib/editor/draft-check';

export const load: PageServerLoad = async ({ locals, params }) => {
	requirePermission(locals.user, 'framework:edit');
	const opened = await openVersion(params.id, params.version);
	if (!opened) error(404, `There is no version ${params.id}@${params.version}.`);
	// A published version is never edited: the page says so and offers a new draft (the draft
	// endpoint refuses its saves whatever this page shows).
	if (opened.entry.status === 'published') return { published: true as const, entry: opened.entry };
	// the editor's own check of the files as sent, so the browser need not load the validator to show them
	const checked = checkDraft(JSON.stringify(opened.files));
	return { published: false as const, entry: opened.entry, files: opened.files, evidence: await evidenceChoices(), broken: structureProblems(opened.files).length, checked };
};
