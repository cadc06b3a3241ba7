import { fail, redirect } from '@sveltejs/kit';
import { capIssues, type Issue } from '$lib/engine/index';
import { importIssueInWords } from '$lib/inspection/import-words';
import { actorOf } from '$lib/server/accounts/actor';
import { requirePermission } from '$lib/server/accounts/auth';
import { readImport } from '$lib/server/inspections/import';
import { createInspection } from '$lib/server/inspections/inspections';
import { InvalidDocumentError } from '$lib/server/storage/store';
import { IMPORT_FILE_BYTES, sizeInWords } from '$lib/server/http/body-limits';
import type { Actions } from './$types';

/** In words first; where in the file after, for whoever opens it. */
const inWords = (issue: Issue) => `${importIssueInWords(issue)} (${issue.file} at ${issue.pointer || '/'})`;

export const actions: Actions = {
	default: async (event) => {
		requirePermission(event.locals.user, 'inspection:create');
		const file = (await event.request.formData()).get('file');
		if (!(file instanceof File) || !file.size) return fail(400, { errors: ['Select a golden file or an exported inspection (.json)'] });
		const name = file.name || 'upload.json';
		if (file.size > IMPORT_FILE_BYTES) return fail(400, { errors: [`${name} is ${sizeInWords(file.size)}: an inspection to import may be at most ${sizeInWords(IMPORT_FILE_BYTES)}`] });
		const read = readImport(await file.text(), name);
		if (!read.ok) return fail(400, { errors: capIssues(read.errors).map(inWords) });
		let id: string;
		try {
			id = (await createInspection(read.record, actorOf(event), `imported from ${name}`, { how: 'imported', from: name })).id;
		} catch (e) {
			if (e instanceof InvalidDocumentError) return fail(400, { errors: e.issues.map((i) => inWords({ ...i, file: name })) });
			throw e;
		}
		redirect(303, `/inspections/${id}?imported=${encodeURIComponent(name)}`);
	}
};
