import { fail, redirect } from '@sveltejs/kit';
import { actorOf } from '$lib/server/accounts/actor';
import { requirePermission } from '$lib/server/accounts/auth';
import { createInspection, pinnedRecord } from '$lib/server/inspections/inspections';
import { inForce, publishedVersions, today } from '$lib/server/frameworks/published';
import { dateParts, isoDate } from '$lib/inspection/dates';
import { contextField, readContextForm, versionContextPrefix, type ContextValue } from '$lib/inspection/context';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	requirePermission(locals.user, 'inspection:create');
	const versions = publishedVersions();
	return { versions, inForce: inForce(versions, today())?.ref ?? null, today: today() };
};

export const actions: Actions = {
	default: async (event) => {
		requirePermission(event.locals.user, 'inspection:create');
		const form = await event.request.formData();
		const versions = publishedVersions();
		const serviceName = String(form.get('serviceName') ?? '').trim();
		const framework = String(form.get('framework') ?? '');
		const version = versions.find((v) => v.ref === framework);
		const inspectionType = version ? String(form.get(`inspectionType-${version.ref}`) ?? '') : '';
		const from = dateParts(form, 'fieldworkFrom');
		const to = dateParts(form, 'fieldworkTo');
		// the context facts of the version chosen, each field named for its version
		const context = version ? readContextForm(version, form, versionContextPrefix(version.ref)) : { values: {}, errors: {}, typed: {} };
		const values = { serviceName, framework, inspectionType, fieldworkFrom: from, fieldworkTo: to, context: context.typed };

		const errors: Record<string, string> = {};
		if (!serviceName) errors.serviceName = 'Enter the name of the service inspected';
		else if (serviceName.length > 200) errors.serviceName = 'The service name must be 200 characters or fewer';
		if (!version) errors.framework = 'Select the framework version to inspect against';
		else if (version.inspectionTypes.length && !version.inspectionTypes.some((t) => t.id === inspectionType)) {
			errors[`inspectionType-${version.ref}`] = 'Select the type of inspection';
		}
		for (const [fact, message] of Object.entries(context.errors)) errors[contextField({ id: fact }, versionContextPrefix(version!.ref))] = message;
		const fromDate = isoDate(from, 'The first day of fieldwork');
		const toDate = isoDate(to, 'The last day of fieldwork');
		if ('error' in fromDate) errors.fieldworkFrom = fromDate.error;
		if ('error' in toDate) errors.fieldworkTo = toDate.error;
		if ('date' in fromDate && 'date' in toDate && fromDate.date && toDate.date && toDate.date < fromDate.date) {
			errors.fieldworkTo = 'The last day of fieldwork must be the same as or after the first day';
		}
		if (Object.keys(errors).length) return fail(400, { errors, values });

		const fieldwork: { from?: string; to?: string } = {};
		if ('date' in fromDate && fromDate.date) fieldwork.from = fromDate.date;
		if ('date' in toDate && toDate.date) fieldwork.to = toDate.date;
		const recorded: Record<string, ContextValue> = {};
		if (version!.inspectionTypes.length) recorded.inspectionType = inspectionType;
		for (const [fact, value] of Object.entries(context.values)) if (value !== null) recorded[fact] = value;
		const record = pinnedRecord({ serviceName, framework, fieldwork, evidence: Object.keys(recorded).length ? { context: recorded } : {} });
		const doc = await createInspection(record, actorOf(event));
		redirect(303, `/inspections/${doc.id}`);
	}
};
