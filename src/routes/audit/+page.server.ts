import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requirePermission } from '$lib/server/accounts/auth';
import { isLineBoundary, readAuditPage, type AuditRecord } from '$lib/server/audit/audit';
import { inspectionNames } from '$lib/server/inspections/inspections';

/** Records on one page: the trail is read page by page, never whole. */
const PER_PAGE = 50;

/**
 * What a person calls each target: an inspection by its service name (a deleted one by the name
 * its deletion recorded), everything else by its id.
 */
async function targetNames(records: AuditRecord[]): Promise<Record<string, string>> {
	const names: Record<string, string> = {};
	if (!records.some((r) => r.target.kind === 'inspection')) return names;
	const existing = await inspectionNames();
	for (const r of records) {
		if (r.target.kind !== 'inspection' || Object.hasOwn(names, r.target.id)) continue;
		const name = existing.get(r.target.id);
		if (name !== undefined) {
			names[r.target.id] = name;
			continue;
		}
		const named = r.action === 'inspection.delete' ? (r.before as { serviceName?: unknown } | undefined)?.serviceName : undefined;
		names[r.target.id] = typeof named === 'string' ? `${named} (deleted)` : 'a deleted inspection';
	}
	return names;
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requirePermission(locals.user, 'read');
	const kind = url.searchParams.get('kind') ?? undefined;
	const id = url.searchParams.get('id') ?? undefined;
	const asked = url.searchParams.get('page') ?? '1';
	if (!/^[1-9][0-9]{0,5}$/.test(asked)) error(400, `There is no page "${asked.slice(0, 20)}": pages are numbered from 1.`);
	const page = Number(asked);
	// where the Older and Newer links read from: a byte offset in the trail, so page 4,000 costs what page 2 does
	const from: { before?: number; after?: number } = {};
	for (const side of ['before', 'after'] as const) {
		const place = url.searchParams.get(side);
		if (place === null) continue;
		if (!/^[0-9]{1,15}$/.test(place) || !(await isLineBoundary(Number(place), side))) error(400, `That link to a page of the audit trail is out of date or mistyped: start again from the first page.`);
		from[side] = Number(place);
	}
	const { records, more, older, newer } = await readAuditPage({ kind, id, roles: user.roles }, page, PER_PAGE, from);
	return { kind, id, page, perPage: PER_PAGE, more, older, newer, records, names: await targetNames(records) };
};
