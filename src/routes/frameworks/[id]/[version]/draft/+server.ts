// A draft's files as JSON: read them, save them over the revision the editor opened, or discard
// the draft. A published version is refused here whatever is asked: 403 with the reason.
import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { openVersion } from '$lib/server/frameworks/framework-versions';
import { discardDraft, getDraft, PublishedVersionError, saveDraft } from '$lib/server/storage/drafts';
import { requirePermission } from '$lib/server/accounts/auth';
import { refusal } from '$lib/server/frameworks/framework-refusals';
import { InvalidDocumentError, StaleRevisionError } from '$lib/server/storage/store';
import { recordAudit } from '$lib/server/audit/audit';
import { parseJson } from '$lib/engine/index';

export const GET: RequestHandler = async ({ locals, params }) => {
	requirePermission(locals.user, 'read');
	const opened = await openVersion(params.id, params.version);
	if (!opened) error(404, `There is no version ${params.id}@${params.version}.`);
	return json({ status: opened.entry.status, revision: opened.entry.revision ?? null, files: opened.files });
};

/** The body read with the JSON limits (no duplicate keys, bounded depth); anything else is no body. */
async function body(request: Request): Promise<Record<string, unknown>> {
	const parsed = parseJson(await request.text().catch(() => ''), 'request body');
	return parsed.ok && parsed.value && typeof parsed.value === 'object' ? (parsed.value as Record<string, unknown>) : {};
}

const refused = (e: unknown) => {
	const { status, message } = refusal(e);
	const current = e instanceof StaleRevisionError ? e.current : undefined;
	const issues = e instanceof InvalidDocumentError ? e.issues : undefined;
	return json({ message, ...(issues ? { issues } : {}), ...(current ? { current: { revision: current.revision, files: current.value, updatedBy: current.updatedBy, updatedAt: current.updatedAt, change: current.change } } : {}) }, { status });
};

export const PUT: RequestHandler = async ({ locals, params, request }) => {
	const user = requirePermission(locals.user, 'framework:edit');
	const { revision, files, change } = await body(request);
	try {
		if (typeof revision !== 'number' || !files || typeof files !== 'object') {
			// refuse a published version first, whatever the body: the reason that matters
			if (!(await getDraft(params.id, params.version)) && (await openVersion(params.id, params.version))?.entry.status === 'published') throw new PublishedVersionError(`${params.id}@${params.version}`);
			return json({ message: 'Send { revision, files }: the revision you opened and the files to save.' }, { status: 400 });
		}
		const saved = await saveDraft(params.id, params.version, revision, files as Record<string, unknown>, user.name, typeof change === 'string' && change ? change.slice(0, 500) : 'saved');
		await recordAudit({ actor: user.name, action: 'framework.save', target: { kind: 'framework', id: `${params.id}@${params.version}` }, summary: `saved revision ${saved.revision}: ${saved.change}` });
		return json({ revision: saved.revision, updatedAt: saved.updatedAt });
	} catch (e) {
		return refused(e);
	}
};

export const DELETE: RequestHandler = async ({ locals, params, url }) => {
	const user = requirePermission(locals.user, 'framework:edit');
	try {
		await discardDraft(params.id, params.version, Number(url.searchParams.get('revision')));
		await recordAudit({ actor: user.name, action: 'framework.discard', target: { kind: 'framework', id: `${params.id}@${params.version}` }, summary: 'draft discarded' });
		return new Response(null, { status: 204 });
	} catch (e) {
		return refused(e);
	}
};
