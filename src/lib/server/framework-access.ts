// Who may read and change framework versions, as the framework pages ask it: a page sends an
// anonymous visitor to sign in; an endpoint or form action answers 401 or 403. Refusals from
// the draft and publish modules become statuses with their own words.
import { error, redirect } from '@sveltejs/kit';
import { requirePermission, type SignedIn } from './auth';
import type { Permission } from './roles';
import { PublishedVersionError, VersionExistsError } from './drafts';
import { InvalidDocumentError, NotFoundError, StaleRevisionError } from './store';

export function pageAccess(locals: App.Locals, url: URL, permission: Permission): SignedIn {
	if (!locals.user) redirect(303, `/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`);
	return requirePermission(locals.user, permission);
}

export const access = (locals: App.Locals, permission: Permission): SignedIn => requirePermission(locals.user, permission);

/** The status and words for a refusal; anything else is a programmer error and is thrown on. */
export function refusal(e: unknown): { status: number; message: string } {
	if (e instanceof PublishedVersionError) return { status: 403, message: e.message };
	if (e instanceof VersionExistsError || e instanceof StaleRevisionError) return { status: 409, message: e.message };
	if (e instanceof NotFoundError) return { status: 404, message: 'There is no such draft.' };
	if (e instanceof InvalidDocumentError) return { status: 400, message: e.message };
	throw e;
}

/** For a page: refuse with kit's error page. */
export function refuse(e: unknown): never {
	const { status, message } = refusal(e);
	error(status, message);
}
