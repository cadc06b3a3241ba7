import type { PageServerLoad } from './$types';
import { requirePermission } from '$lib/server/auth';
import { readAudit, type AuditRecord } from '$lib/server/audit';
import { inspections } from '$lib/server/inspections';

/**
 * What a person calls each target: an inspection by its service name (a deleted one by the name
 * its deletion recorded), everything else by its id.
 */
async function targetNames(records: AuditRecord[]): Promise<Record<string, string>> {
	const names: Record<string, string> = {};
	if (!records.some((r) => r.target.kind === 'inspection')) return names;
	for (const doc of await inspections().list()) names[doc.id] = doc.value.serviceName;
	for (const r of records) {
		if (r.target.kind !== 'inspection' || Object.hasOwn(names, r.target.id)) continue;
		const named = r.action === 'inspection.delete' ? (r.before as { serviceName?: unknown } | undefined)?.serviceName : undefined;
		names[r.target.id] = typeof named === 'string' ? `${named} (deleted)` : 'a deleted inspection';
	}
	return names;
}

export const load: PageServerLoad = async ({ locals, url }) => {
	requirePermission(locals.user, 'read');
	const kind = url.searchParams.get('kind') ?? undefined;
	const id = url.searchParams.get('id') ?? undefined;
	const records = readAudit({ kind, id }).reverse();
	return { kind, id, records, names: await targetNames(records) };
};
