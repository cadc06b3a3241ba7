// Publishing a draft: it must validate; its files are written under rules/<id>/<version>/ as
// pretty JSON (one file per framework file, to be committed and reviewed like code) with the
// content hash recorded beside them, and from then on it is never changed.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Issue } from '../../engine/index';
import { defaultRulesDir, findVersion, forgetLoadedVersions, PUBLICATION_FILE, versionFromFiles, type Publication, type VersionFiles } from './frameworks';
import { draftKey, drafts, getDraft, PublishedVersionError } from '../storage/drafts';
import { NotFoundError, StaleRevisionError } from '../storage/store';

export interface PublishRequest {
	id: string;
	version: string;
	/** the draft revision the lead reviewed */
	revision: number;
	/** yyyy-mm-dd */
	effectiveFrom: string;
	changeSummary: string;
	by: string;
}

export type PublishOutcome = { ok: true; hash: string; dir: string } | { ok: false; errors: Issue[] };

export const prettyJson = (value: unknown) => JSON.stringify(value, null, 2) + '\n';

/** The files as they are published: status, effective date and change summary set. */
export function asPublished(files: VersionFiles, effectiveFrom: string, changeSummary: string): VersionFiles {
	const copy = structuredClone(files);
	const meta = copy['framework.json'] as Record<string, unknown>;
	meta.status = 'published';
	meta.effectiveFrom = effectiveFrom;
	meta.changeSummary = changeSummary;
	return copy;
}

export async function publishDraft(request: PublishRequest, rulesDir = defaultRulesDir()): Promise<PublishOutcome> {
	const { id, version, revision, by } = request;
	const ref = `${id}@${version}`;
	if (!('message' in findVersion(ref, rulesDir))) throw new PublishedVersionError(ref);
	const draft = await getDraft(id, version);
	if (!draft) throw new NotFoundError(draftKey(id, version));
	if (draft.revision !== revision) throw new StaleRevisionError(draft);

	const files = asPublished(draft.value, request.effectiveFrom, request.changeSummary);
	const checked = versionFromFiles(files, `rules/${id}/${version}`);
	if (!checked.ok) return { ok: false, errors: checked.errors };

	// Claim the revision first: a save racing this one is refused as stale, not lost after the fact.
	const claimed = await drafts().update(draftKey(id, version), revision, files, by, 'published');
	const dir = path.join(rulesDir, id, version);
	const staging = path.join(rulesDir, id, `.publishing-${randomUUID()}`);
	try {
		for (const [name, value] of Object.entries(files)) {
			mkdirSync(path.dirname(path.join(staging, name)), { recursive: true });
			writeFileSync(path.join(staging, name), prettyJson(value));
		}
		const publication: Publication = { framework: ref, hash: checked.value.hash, publishedAt: new Date().toISOString(), publishedBy: by };
		writeFileSync(path.join(staging, PUBLICATION_FILE), prettyJson(publication));
		// rename is atomic, and refuses a folder that already exists: two publishers cannot both win
		renameSync(staging, dir);
	} catch (e) {
		rmSync(staging, { recursive: true, force: true });
		await drafts().update(draftKey(id, version), claimed.revision, draft.value, by, 'publishing failed; still a draft');
		if ((e as NodeJS.ErrnoException).code === 'ENOTEMPTY' || (e as NodeJS.ErrnoException).code === 'EEXIST') throw new PublishedVersionError(ref);
		throw e;
	}
	forgetLoadedVersions();
	await drafts().remove(draftKey(id, version), claimed.revision);
	return { ok: true, hash: checked.value.hash, dir };
}
