// The framework versions an inspection can be pinned to, and the one in force on a given day.
import type { ContextFactDeclaration, Term } from '../../engine/index';
import { defaultRulesDir, listVersions, loadFramework } from './frameworks';

export interface PublishedVersion {
	/** "id@version" */
	ref: string;
	title: string;
	effectiveFrom: string;
	inspectionTypes: Term[];
	contextFacts: ContextFactDeclaration[];
}

/** Published versions that load and validate, oldest first. */
export function publishedVersions(rulesDir = defaultRulesDir()): PublishedVersion[] {
	const out: PublishedVersion[] = [];
	for (const v of listVersions(rulesDir)) {
		const ref = `${v.id}@${v.version}`;
		const loaded = loadFramework(ref, rulesDir);
		if (!loaded.ok || loaded.value.meta.status !== 'published') continue;
		const { title, effectiveFrom, inspectionTypes, contextFacts } = loaded.value.meta;
		out.push({ ref, title, effectiveFrom, inspectionTypes: inspectionTypes ?? [], contextFacts: contextFacts ?? [] });
	}
	return out.sort((a, b) => (a.effectiveFrom === b.effectiveFrom ? (a.ref < b.ref ? -1 : 1) : a.effectiveFrom < b.effectiveFrom ? -1 : 1));
}

/** The version in force on `today` (yyyy-mm-dd): the latest effectiveFrom on or before it. */
export function inForce<T extends { effectiveFrom: string }>(versions: T[], today: string): T | null {
	let found: T | null = null;
	for (const v of versions) if (v.effectiveFrom <= today && (!found || v.effectiveFrom >= found.effectiveFrom)) found = v;
	return found;
}

export const today = () => new Date().toISOString().slice(0, 10);
