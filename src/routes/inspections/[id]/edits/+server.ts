// The workspace saves here: { baseRevision, edits } → the new revision (and who made each panel decision), 409 with who changed
// what (and their version, so the browser can replay its edits on it), or 400 with the issues.
import { error, json } from '@sveltejs/kit';
import { actorOf } from '$lib/server/accounts/actor';
import { requireEditPermissions, requireTeamFor } from '$lib/server/accounts/auth';
import { auditSave } from '$lib/server/audit/inspection-audit';
import { inspections } from '$lib/server/inspections/inspections';
import { saveEdits } from '$lib/server/inspections/inspections';
import { InvalidDocumentError, NotFoundError, StaleRevisionError } from '$lib/server/storage/store';
import type { Edit } from '$lib/inspection/edits';
import { capIssues, parseJson } from '$lib/engine/index';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async (event) => {
	// the strict reader every JSON route uses: duplicate keys and over-deep nesting are refused, not resolved silently
	const parsed = parseJson(await event.request.text(), 'request body');
	if (!parsed.ok) return json({ errors: capIssues(parsed.errors) }, { status: 400 });
	const body = parsed.value as { baseRevision?: unknown; edits?: unknown } | null;
	if (!Number.isInteger(body?.baseRevision) || !Array.isArray(body?.edits)) {
		return json({ errors: [{ file: 'request body', pointer: '', message: 'expected { "baseRevision": number, "edits": [...] }', severity: 'error' }] }, { status: 400 });
	}
	const edits = (body.edits as { type: string }[]).map((e) => ({ type: String(e?.type) }));
	const user = requireEditPermissions(event.locals.user, edits);
	try {
		const before = await inspections().get(event.params.id);
		if (before) requireTeamFor(user, edits, before.value);
		// Audited before the file changes: a save that lands is in the audit trail even if the server dies before answering.
		const saved = await saveEdits(event.params.id, body.baseRevision as number, body.edits as Edit[], actorOf(event), (current, next) => auditSave(current, next, actorOf(event)));
		// who recorded each panel decision and when is the server's to say: the browser takes it from here
		return json({ revision: saved.revision, updatedAt: saved.updatedAt, updatedBy: saved.updatedBy, decided: saved.value.decided ?? {} });
	} catch (e) {
		if (e instanceof StaleRevisionError) {
			const current = e.current;
			return json({ stale: { message: e.message, revision: current.revision, updatedAt: current.updatedAt, updatedBy: current.updatedBy, change: current.change, record: current.value } }, { status: 409 });
		}
		if (e instanceof InvalidDocumentError) return json({ errors: e.issues }, { status: 400 });
		if (e instanceof NotFoundError) error(404, 'There is no such inspection: it may have been deleted.');
		throw e;
	}
};
