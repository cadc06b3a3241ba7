// Refusals from the draft and publish modules, as HTTP statuses with their own words: a published
// version is 403, a taken version id or a stale revision 409, a missing draft 404.
import { PublishedVersionError, VersionExistsError } from '../storage/drafts';
import { InvalidDocumentError, NotFoundError, StaleRevisionError } from '../storage/store';

/** The status and words for a refusal; anything else is a programmer error and is thrown on. */
export function refusal(e: unknown): { status: number; message: string } {
	if (e instanceof PublishedVersionError) return { status: 403, message: e.message };
	if (e instanceof VersionExistsError || e instanceof StaleRevisionError) return { status: 409, message: e.message };
	if (e instanceof NotFoundError) return { status: 404, message: 'There is no such draft.' };
	if (e instanceof InvalidDocumentError) return { status: 400, message: e.message };
	throw e;
}

