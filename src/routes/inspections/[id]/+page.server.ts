import { error, fail, redirect } from '@sveltejs/kit';
import type { Edit, FactValue } from '$lib/inspection/edits';
import { actorOf } from '$lib/server/accounts/actor';
import { requireEditPermissions, requirePermission, requireTeamFor } from '$lib/server/accounts/auth';
import { auditSave } from '$lib/server/audit/inspection-audit';
import { loadFramework } from '$lib/server/frameworks/frameworks';
import { inspections, saveEdits } from '$lib/server/inspections/inspections';
import { ratingKey, storedRating } from '$lib/server/rating/stored-rating';
import { InvalidDocumentError, NotFoundError, StaleRevisionError, type Stored } from '$lib/server/storage/store';
import { allows } from '$lib/server/accounts/roles';
import { onTeam } from '$lib/inspection/record';
import { readContextForm } from '$lib/inspection/context';
import { judgementEdits } from '$lib/inspection/judgement-form';
import { splitReferences } from '$lib/inspection/case-references';
import { knownVersion } from '$lib/inspection/framework-content';
import { dateTime } from '$lib/inspection/dates';
import { fieldId, refusalsOf, sentence, type Refusal, type RefusedForm } from '$lib/inspection/refusals';
import type { InspectionRecord } from '$lib/inspection/record';
import type { Issue } from '$lib/engine/errors';
import type { FrameworkVersion } from '$lib/engine/types';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** The inspection and the version it is pinned to, or the page's 404 / 500. */
async function pinned(id: string): Promise<{ doc: Stored<InspectionRecord>; framework: FrameworkVersion }> {
	const doc = await inspections().get(id);
	if (!doc) error(404, 'There is no such inspection: it may have been deleted.');
	const loaded = loadFramework(doc.value.framework);
	if (!loaded.ok) error(500, `The framework version this inspection is pinned to cannot be read: ${loaded.errors[0].message}`);
	return { doc, framework: loaded.value };
}

export const load: PageServerLoad = async ({ params, url, locals }) => {
	const user = requirePermission(locals.user, 'read');
	const { doc, framework } = await pinned(params.id);
	// kept for the page's universal load to render with; not page data (see $lib/inspection/record-rating)
	await storedRating(doc, framework);
	return {
		id: doc.id,
		revision: doc.revision,
		saved: { at: doc.updatedAt, by: doc.updatedBy },
		record: doc.value,
		// not the version itself: the page's universal load finds it by this (the browser fetches it once, by its hash)
		frameworkContent: knownVersion(framework),
		hashChanged: framework.hash !== doc.value.frameworkHash,
		rating: ratingKey(doc, framework),
		imported: url.searchParams.get('imported'),
		me: user.name,
		mayChangeEvidence: allows(user.roles, 'inspection:edit') && onTeam(doc.value, user.name),
		mayDecide: allows(user.roles, 'panel:decide')
	};
};

/** Where a form without JavaScript returns to: a tab of the workspace (its own address) or a part of the page. */
const tab = (id: string) => `?tab=${id}#${id}`;

/** A form posted on a version of the inspection someone has saved over since: who, when, what, and what to do. */
const staleInWords = (current: Stored<unknown>) =>
	`Not saved: ${current.updatedBy} changed this inspection at ${dateTime(current.updatedAt)} (${current.change}) after you opened it. The page now shows what they saved: look at it, then make your change again.`;

/** A tally's number as typed: digits only (Number() would take "0x10", "1e3" and " "), else not a number. */
const count = (text: string) => (/^\d{1,9}$/.test(text) ? Number(text) : NaN);

/** What was typed into a form, to show it again when the form is refused (the revision is the page's, not typed). */
const typedIn = (form: FormData): Record<string, string> => Object.fromEntries([...form].filter(([key, value]) => key !== 'revision' && typeof value === 'string') as [string, string][]);

/** A form refused: which form, what stops it in words (linked to its field), and what was typed. */
const refuse = (status: number, form: string, refusals: Refusal[], values: Record<string, string> = {}) => fail(status, { form, refusals, values } satisfies RefusedForm);

/** Issues as sentences, in the words of the version the inspection is pinned to (when it can be read). */
function inWords(issues: Issue[], record: InspectionRecord | undefined): Refusal[] {
	const loaded = record && loadFramework(record.framework);
	return loaded && loaded.ok ? refusalsOf(issues, loaded.value, record) : issues.map((i) => ({ text: sentence(i.message) }));
}

/**
 * Without JavaScript, the workspace's forms post here: one edit each, then back to the page, at
 * `to`; refused, the page comes back with the form as it was sent (`name` says which form).
 */
async function save(event: RequestEvent, form: FormData, edit: Edit | Edit[], to: string, name: string) {
	let before: Stored<InspectionRecord> | null = null;
	try {
		const edits = Array.isArray(edit) ? edit : [edit];
		const user = requireEditPermissions(event.locals.user, edits);
		before = await inspections().get(event.params.id);
		if (before) requireTeamFor(user, edits, before.value);
		// Audited before the file changes, as in ../edits/+server.ts.
		await saveEdits(event.params.id, Number(form.get('revision')), edits, actorOf(event), (current, next) => auditSave(current, next, actorOf(event)));
	} catch (e) {
		// Not under the form's name, and without what was typed: every field of a form is sent, the
		// ones left alone too, so echoing them and saving again would put back what the other person
		// changed. The form shows what is stored now.
		if (e instanceof StaleRevisionError) return refuse(409, 'stale', [{ text: staleInWords(e.current) }]);
		if (e instanceof InvalidDocumentError) return refuse(400, name, inWords(e.issues, before?.value), typedIn(form));
		if (e instanceof NotFoundError) error(404, 'There is no such inspection: it may have been deleted.');
		throw e;
	}
	redirect(303, `/inspections/${event.params.id}${to}`);
}

export const actions: Actions = {
	addCase: async (event) => {
		const form = await event.request.formData();
		const facts: Record<string, FactValue> = {};
		for (const [key, value] of form) if (key.startsWith('fact-') && value === 'true') facts[key.slice(5)] = true;
		// one reference or a pasted list, all from one sample; all are added or none (applyEdits stops at the first refused)
		const references = splitReferences(String(form.get('reference') ?? ''));
		const sample = String(form.get('sample') ?? '');
		const edits: Edit[] = (references.length ? references : ['']).map((id) => ({ type: 'add-case', case: { id, sample, facts: { ...facts } } }));
		return save(event, form, edits, tab('cases'), 'addCase');
	},
	decide: async (event) => {
		const form = await event.request.formData();
		const decision = { rating: String(form.get('rating') ?? ''), reason: String(form.get('reason') ?? '') };
		return save(event, form, { type: 'decide', standard: String(form.get('standard') ?? ''), decision }, tab('panel'), 'decide');
	},
	tallies: async (event) => {
		const form = await event.request.formData();
		const current = (await inspections().get(event.params.id))?.value.evidence.tallies ?? {};
		const edits: Edit[] = [];
		for (const [key, value] of form) {
			const [keyQuestion, part] = key.split(':');
			if (part !== 'relevant') continue;
			const relevant = String(value).trim();
			const yes = String(form.get(`${keyQuestion}:yes`) ?? '').trim();
			if (relevant === '' && yes === '') {
				if (current[keyQuestion]) edits.push({ type: 'tally', keyQuestion, tally: null });
			} else if (relevant !== String(current[keyQuestion]?.relevant ?? '') || yes !== String(current[keyQuestion]?.yes ?? '')) edits.push({ type: 'tally', keyQuestion, tally: { relevant: count(relevant), yes: count(yes) } });
		}
		if (!edits.length) redirect(303, `/inspections/${event.params.id}${tab('tallies')}`);
		return save(event, form, edits, tab('tallies'), 'tallies');
	},
	judgements: async (event) => {
		// checked before the record is read, as save() checks again
		requireEditPermissions(event.locals.user, [{ type: 'judge-prompt' }]);
		const form = await event.request.formData();
		const { doc, framework } = await pinned(event.params.id);
		const read = judgementEdits(framework, doc.value, form);
		if (read.refusals.length) return refuse(400, 'judgements', read.refusals, typedIn(form));
		if (!read.edits.length) redirect(303, `/inspections/${event.params.id}${tab('qualitative')}`);
		return save(event, form, read.edits, tab('qualitative'), 'judgements');
	},
	context: async (event) => {
		// checked before the record is read, as save() checks again
		requireEditPermissions(event.locals.user, [{ type: 'context' }]);
		const form = await event.request.formData();
		const { doc, framework } = await pinned(event.params.id);
		const read = readContextForm(framework.meta, form);
		if (Object.keys(read.errors).length) return refuse(400, 'context', Object.entries(read.errors).map(([fact, text]) => ({ text, field: fieldId.context(fact) })), typedIn(form));
		const current = doc.value.evidence.context ?? {};
		// only the facts that differ from the record become edits
		const edits: Edit[] = Object.entries(read.values)
			.filter(([fact, value]) => value !== (current[fact] ?? null))
			.map(([fact, value]) => ({ type: 'context', fact, value }));
		if (!edits.length) redirect(303, `/inspections/${event.params.id}#context-heading`);
		return save(event, form, edits, '#context-heading', 'context');
	},
	team: async (event) => {
		const form = await event.request.formData();
		const current = (await inspections().get(event.params.id))?.value.team ?? [];
		const remove = String(form.get('remove') ?? '');
		const add = String(form.get('add') ?? '').trim().toLowerCase();
		const team = remove ? current.filter((name) => name !== remove) : [...(current.length ? current : [actorOf(event)]), add];
		return save(event, form, { type: 'team', team }, tab('ratings'), 'team');
	},
	status: async (event) => {
		const form = await event.request.formData();
		return save(event, form, { type: 'status', status: form.get('status') === 'complete' ? 'complete' : 'in-progress' }, tab('ratings'), 'status');
	}
};
