// Every framework version the framework pages show: the published ones under rules/ and the
// drafts in the data folder, valid or not, with their files and what the pages say about each.
import type { FrameworkMeta, FrameworkVersion, Issue } from '../../engine/index';
import { contentHash, defaultRulesDir, listVersions, loadFramework, readPublication, readVersionFiles, versionFromFiles, type VersionFiles } from './frameworks';
import { getDraft, listDrafts } from '../storage/drafts';
import { inForce as versionInForce } from './published';
import type { Stored } from '../storage/store';

export interface VersionEntry {
	id: string;
	version: string;
	/** "id@version" */
	ref: string;
	title: string;
	status: 'draft' | 'published';
	effectiveFrom: string;
	basedOn?: string;
	changeSummary?: string;
	/** the content hash of the files as they are now */
	hash: string;
	/** validation errors (a published version has none unless its files were changed by hand) */
	errors: Issue[];
	warnings: Issue[];
	publishedAt?: string;
	/** drafts: the revision an editor opens */
	revision?: number;
	updatedAt?: string;
	updatedBy?: string;
}

export interface OpenedVersion {
	entry: VersionEntry;
	files: VersionFiles;
	/** the validated version, when its files validate */
	version: FrameworkVersion | null;
	draft: Stored<VersionFiles> | null;
}

function describe(id: string, version: string, files: VersionFiles, status: 'draft' | 'published', checked: ReturnType<typeof versionFromFiles>): VersionEntry {
	const meta = (files['framework.json'] ?? {}) as Partial<FrameworkMeta>;
	return {
		id,
		version,
		ref: `${id}@${version}`,
		title: typeof meta.title === 'string' ? meta.title : `${id}@${version}`,
		status,
		effectiveFrom: typeof meta.effectiveFrom === 'string' ? meta.effectiveFrom : '',
		basedOn: meta.basedOn,
		changeSummary: meta.changeSummary,
		hash: checked.ok ? checked.value.hash : contentHash(files),
		errors: checked.ok ? [] : checked.errors,
		warnings: checked.warnings
	};
}

const labelOf = (id: string, version: string, status: 'draft' | 'published') => (status === 'draft' ? `draft ${id}@${version}` : `rules/${id}/${version}`);

function openPublished(id: string, version: string, dir: string, rulesDir: string): OpenedVersion {
	const read = readVersionFiles(dir, labelOf(id, version, 'published'));
	const loaded = loadFramework(`${id}@${version}`, rulesDir);
	const files = read.ok ? read.value : {};
	const entry = describe(id, version, files, 'published', loaded);
	entry.publishedAt = readPublication(dir)?.publishedAt;
	return { entry, files, version: loaded.ok ? loaded.value : null, draft: null };
}

function openDraft(doc: Stored<VersionFiles>): OpenedVersion {
	const meta = doc.value['framework.json'] as { id: string; version: string };
	const checked = versionFromFiles(doc.value, labelOf(meta.id, meta.version, 'draft'));
	const entry = { ...describe(meta.id, meta.version, doc.value, 'draft', checked), revision: doc.revision, updatedAt: doc.updatedAt, updatedBy: doc.updatedBy };
	return { entry, files: doc.value, version: checked.ok ? checked.value : null, draft: doc };
}

/** One version, published or draft; null when neither exists. */
export async function openVersion(id: string, version: string, rulesDir = defaultRulesDir()): Promise<OpenedVersion | null> {
	const published = listVersions(rulesDir).find((v) => v.id === id && v.version === version);
	if (published) return openPublished(id, version, published.dir, rulesDir);
	const draft = await getDraft(id, version);
	return draft ? openDraft(draft) : null;
}

/** Every version, published first, each framework's versions in order of effective date. */
export async function listFrameworkVersions(rulesDir = defaultRulesDir()): Promise<VersionEntry[]> {
	const published = listVersions(rulesDir).map((v) => openPublished(v.id, v.version, v.dir, rulesDir).entry);
	const taken = new Set(published.map((e) => e.ref));
	const drafts = (await listDrafts()).map((doc) => openDraft(doc).entry).filter((e) => !taken.has(e.ref));
	return [...published, ...drafts].sort(
		(a, b) => a.id.localeCompare(b.id) || (a.status === b.status ? 0 : a.status === 'published' ? -1 : 1) || a.effectiveFrom.localeCompare(b.effectiveFrom) || a.version.localeCompare(b.version)
	);
}

/** Per framework id, the published version in force on a date (yyyy-mm-dd), as inspections choose it. */
export function inForce(entries: VersionEntry[], on: string): Map<string, string> {
	const out = new Map<string, string>();
	const usable = entries.filter((e) => e.status === 'published' && !e.errors.length && e.effectiveFrom);
	for (const id of new Set(usable.map((e) => e.id))) {
		const found = versionInForce(usable.filter((e) => e.id === id), on);
		if (found) out.set(id, found.ref);
	}
	return out;
}
