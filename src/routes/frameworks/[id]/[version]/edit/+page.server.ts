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
	// The files travel as their JSON text: a string costs the server's serializer and the browser's
	// parser a fraction of what a 400 KB object literal does, and it is the editor's starting point
	// (its undo history and the validator's input) as it is.
	const json = JSON.stringify(opened.files);
	// the editor's own check of the files as sent, so the browser need not load the validator to show them
	const checked = checkDraft(json);
	return { published: false as const, entry: opened.entry, json, evidence: await evidenceChoices(), broken: structureProblems(opened.files).length, checked };
};
