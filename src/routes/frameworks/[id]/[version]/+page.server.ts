import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { openVersion } from '$lib/server/frameworks/framework-versions';
import { requirePermission } from '$lib/server/accounts/auth';
import { refusal } from '$lib/server/frameworks/framework-refusals';
import { discardDraft, structureProblems } from '$lib/server/storage/drafts';
import { issueInWords } from '$lib/editor/issue-words';
import { recordAudit } from '$lib/server/audit/audit';
import { evidenceChoices, pastedEvidence, readEvidence } from '$lib/server/rating/evidence-sources';
import { rateWith } from '$lib/server/rating/rating';
import { versionParts } from '$lib/framework-diff';
import { allows } from '$lib/server/accounts/roles';
import { capIssues } from '$lib/engine/index';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const user = requirePermission(locals.user, 'read');
	const opened = await openVersion(params.id, params.version);
	if (!opened) error(404, `There is no version ${params.id}@${params.version}.`);
	// problems said in words; a draft whose files break a schema or repeat an id cannot be opened
	// in the editor until repaired, so the page offers the ways out (discard, the raw files)
	const issues = opened.entry.errors.map((i) => ({ ...i, message: issueInWords(i, opened.files) }));
	return {
		entry: opened.entry,
		issues,
		broken: opened.entry.status === 'draft' && structureProblems(opened.files).length > 0,
		parts: versionParts(opened.files),
		valid: !!opened.version,
		evidence: await evidenceChoices(),
		canEdit: allows(user.roles, 'framework:edit'),
		canPublish: allows(user.roles, 'framework:publish'),
		published: url.searchParams.has('published'),
		drafted: url.searchParams.get('drafted')
	};
};

export const actions: Actions = {
	/** Throw a draft away (a published version is refused). */
	discard: async ({ locals, request, params }) => {
		const user = requirePermission(locals.user, 'framework:edit');
		const revision = Number((await request.formData()).get('revision'));
		try {
			await discardDraft(params.id, params.version, revision);
		} catch (e) {
			const { status, message } = refusal(e);
			return fail(status, { errors: { discard: message } });
		}
		await recordAudit({ actor: user.name, action: 'framework.discard', target: { kind: 'framework', id: `${params.id}@${params.version}` }, summary: 'draft discarded' });
		redirect(303, '/frameworks');
	},
	/** Rate evidence against this version: computing only, nothing is stored. */
	rate: async ({ locals, request, params }) => {
		requirePermission(locals.user, 'read');
		const form = await request.formData();
		const choice = String(form.get('evidence') ?? '');
		const pasted = String(form.get('pasted') ?? '').trim();
		const opened = await openVersion(params.id, params.version);
		if (!opened) error(404, `There is no version ${params.id}@${params.version}.`);
		if (!opened.version) return fail(400, { choice, pasted, errors: { evidence: 'This version has validation errors: fix them before rating evidence against it.' }, issues: opened.entry.errors });
		if (!choice && !pasted) return fail(400, { choice, pasted, errors: { evidence: 'Choose a golden file or an inspection, or paste evidence' }, issues: [] });
		const evidence = pasted ? pastedEvidence(pasted) : await readEvidence(choice);
		const field = pasted ? 'pasted' : 'evidence';
		if (!evidence.ok) return fail(400, { choice, pasted, errors: { [field]: 'This evidence cannot be read' }, issues: capIssues(evidence.errors) });
		const rated = await rateWith(opened.version, evidence.value);
		if (!rated.ok) return fail(400, { choice, pasted, errors: { [field]: `This evidence does not fit ${opened.entry.ref}` }, issues: capIssues(rated.errors) });
		return { choice, pasted, result: rated.result };
	}
};
