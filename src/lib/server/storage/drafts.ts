// Draft framework versions: one document each in <DATA_DIR>/drafts, whose value is the version's
// files map ({ "framework.json": {...}, "domains/1.json": {...}, ... }). A draft may break a rule
// of meaning while it is worked on (only publishing demands that it validates), but it is stored
// only when its files fit their schemas and every id names one thing: pages read drafts by id,
// and a draft that cannot be shown cannot be repaired there. A version under rules/ is
// published and never changes: every write here checks that first.
import path from 'node:path';
import type { Issue } from '../../engine/index';
import { checkStructure } from '../../engine/validate';
import { DocumentStore, InvalidDocumentError, NotFoundError, StaleRevisionError, dataDir, type Stored } from './store';
import { defaultRulesDir, findVersion, type VersionFiles } from '../frameworks/frameworks';

/** The files a version may have. */
export const VERSION_FILE = /^(framework|bandings|rules|composite|sampling)\.json$|^domains\/[A-Za-z0-9._-]+\.json$/;

/** New version ids: letters, digits and hyphens (e.g. 2026-trial), so they name a folder and a document. */
export const NEW_VERSION_ID = /^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/;

export class PublishedVersionError extends Error {
	readonly code = 'PUBLISHED';
	constructor(readonly ref: string) {
		super(`${ref} is published, and a published version is never changed. Make a new draft from it instead.`);
		this.name = 'PublishedVersionError';
	}
}

/** A draft whose files do not fit their schemas or use an id twice: never stored. */
export class DraftStructureError extends InvalidDocumentError {
	constructor(issues: Issue[]) {
		super(issues);
		const first = issues[0];
		this.message = `Not saved: ${issues.length} problem${issues.length === 1 ? '' : 's'} must be fixed first (${first.file} ${first.pointer || '/'}: ${first.message}${issues.length > 1 ? '; …' : ''}). Nothing was changed.`;
	}
}

export class VersionExistsError extends Error {
	readonly code = 'VERSION_EXISTS';
	constructor(readonly ref: string, where: 'published' | 'draft') {
		super(where === 'published' ? `${ref} is already published: choose another version id` : `there is already a draft ${ref}: choose another version id, or open that draft`);
		this.name = 'VersionExistsError';
	}
}

/** Version ids the framework pages use as page names. */
const RESERVED = ['diff', 'import'];

/** The document id of a draft: framework ids have no underscores and new version ids none either. */
export const draftKey = (id: string, version: string) => `${id}__${version}`;

interface Identity {
	id?: unknown;
	version?: unknown;
	status?: unknown;
}

/** What the store checks on every write: a files map of version files, framework.json naming the version. */
export function checkDraftFiles(files: VersionFiles): Issue[] {
	const out: Issue[] = [];
	const issue = (file: string, pointer: string, message: string) => out.push({ file, pointer, message, severity: 'error' });
	if (!files || typeof files !== 'object' || Array.isArray(files)) return [{ file: 'draft', pointer: '', message: 'must be an object of version files', severity: 'error' }];
	for (const name of Object.keys(files)) {
		if (!VERSION_FILE.test(name)) issue(name, '', `"${name}" is not a version file (framework.json, bandings.json, rules.json, composite.json, sampling.json, domains/<name>.json)`);
	}
	const meta = files['framework.json'] as Identity | undefined;
	if (!meta || typeof meta !== 'object') issue('framework.json', '', 'file is missing');
	else if (typeof meta.id !== 'string' || typeof meta.version !== 'string') issue('framework.json', '', 'must name the framework id and version');
	return out;
}

let store: DocumentStore<VersionFiles> | null = null;

export function drafts(): DocumentStore<VersionFiles> {
	const dir = path.join(dataDir(), 'drafts');
	if (!store || store.dir !== dir) store = new DocumentStore<VersionFiles>(dir, checkDraftFiles);
	return store;
}

const refOf = (id: string, version: string) => `${id}@${version}`;
const isPublished = (id: string, version: string, rulesDir: string) => !('message' in findVersion(refOf(id, version), rulesDir));

/** A draft being worked on; null when there is none (or only one left behind by publishing). */
export async function getDraft(id: string, version: string): Promise<Stored<VersionFiles> | null> {
	const doc = await drafts().get(draftKey(id, version));
	return doc && (doc.value['framework.json'] as Identity).status !== 'published' ? doc : null;
}

export async function listDrafts(): Promise<Stored<VersionFiles>[]> {
	return (await drafts().list()).filter((doc) => (doc.value['framework.json'] as Identity).status !== 'published');
}

/** Why a new version id cannot be used, or null when it can. */
export async function newVersionProblem(id: string, version: string, rulesDir = defaultRulesDir()): Promise<string | null> {
	if (!version) return 'Enter a version id, like 2026-trial';
	if (RESERVED.includes(version)) return `“${version}” names a page of its own: choose another version id`;
	if (!NEW_VERSION_ID.test(version)) return 'A version id may use only letters, digits and hyphens, starting with a letter or digit (at most 40), like 2026-trial';
	if (isPublished(id, version, rulesDir)) return new VersionExistsError(refOf(id, version), 'published').message;
	if (await getDraft(id, version)) return new VersionExistsError(refOf(id, version), 'draft').message;
	return null;
}

/** A full copy of a version's files as a new draft: new version id, status draft, based on the original. */
export function copyAsDraft(files: VersionFiles, newVersion: string): VersionFiles {
	const copy = structuredClone(files);
	const meta = copy['framework.json'] as Record<string, unknown>;
	const basedOn = meta.version;
	meta.version = newVersion;
	meta.status = 'draft';
	meta.basedOn = basedOn;
	// asked for again when the draft is published
	delete meta.changeSummary;
	delete meta.effectiveFromSource;
	return copy;
}

export async function createDraft(files: VersionFiles, by: string, change: string, rulesDir = defaultRulesDir()): Promise<Stored<VersionFiles>> {
	const { id, version } = files['framework.json'] as { id: string; version: string };
	const problem = await newVersionProblem(id, version, rulesDir);
	if (problem) throw new InvalidDocumentError([{ file: 'framework.json', pointer: '/version', message: problem, severity: 'error' }]);
	refuseBroken(files);
	try {
		return await drafts().create(files, by, change, draftKey(id, version));
	} catch (e) {
		if (e instanceof StaleRevisionError) throw new VersionExistsError(refOf(id, version), 'draft');
		throw e;
	}
}

/** The files' schema and id problems, named as the editor names files ("domains/2.json"). */
export function structureProblems(files: VersionFiles): Issue[] {
	return checkStructure(files, 'draft').map((i) => ({ ...i, file: i.file.replace(/^draft\//, '') }));
}

function refuseBroken(files: VersionFiles) {
	const problems = structureProblems(files);
	if (problems.length) throw new DraftStructureError(problems);
}

/** Save a draft's files over the revision the editor opened; published versions are refused. */
export async function saveDraft(
	id: string,
	version: string,
	baseRevision: number,
	files: VersionFiles,
	by: string,
	change: string,
	rulesDir = defaultRulesDir()
): Promise<Stored<VersionFiles>> {
	if (isPublished(id, version, rulesDir)) throw new PublishedVersionError(refOf(id, version));
	const meta = files?.['framework.json'] as Identity | undefined;
	if (meta && typeof meta === 'object' && (meta.id !== id || meta.version !== version))
		throw new InvalidDocumentError([{ file: 'framework.json', pointer: '/version', message: `this draft is ${refOf(id, version)}; its id and version cannot change here (make a new draft instead)`, severity: 'error' }]);
	if (meta && typeof meta === 'object' && meta.status !== 'draft')
		throw new InvalidDocumentError([{ file: 'framework.json', pointer: '/status', message: 'a draft is saved with status "draft"; publishing is a step of its own', severity: 'error' }]);
	if (!(await getDraft(id, version))) throw new NotFoundError(draftKey(id, version));
	refuseBroken(files);
	return drafts().update(draftKey(id, version), baseRevision, files, by, change);
}

export async function discardDraft(id: string, version: string, baseRevision: number, rulesDir = defaultRulesDir()): Promise<void> {
	if (isPublished(id, version, rulesDir)) throw new PublishedVersionError(refOf(id, version));
	await drafts().remove(draftKey(id, version), baseRevision);
}
