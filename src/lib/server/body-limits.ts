// How large a request body each route accepts. The server refuses a larger one by its
// Content-Length before the route sees it (413, saying what the limit is for); the routes
// that take files also check each file, to answer on the form. A body sent without a length is
// held to BODY_CEILING by the Node adapter (scripts/serve.mjs sets it).
import { UPLOAD_LIMITS } from './golden-sources';

const KB = 1024;
const MB = 1024 * KB;

/** The size an uploaded inspection file may be (the route checks it, to answer on the form). */
export const IMPORT_FILE_BYTES = 2 * MB;
/** The size a framework version's zip may be (likewise). */
export const VERSION_ZIP_BYTES = 5 * MB;

/** Room for the multipart wrapping and the other fields of a form that carries a file. */
const FORM_OVERHEAD = 64 * KB;

interface Limit {
	bytes: number;
	/** what the route takes, to say what the limit is for */
	what: string;
}

const ROUTES: [RegExp, Limit][] = [
	[/^\/frameworks\/import$/, { bytes: VERSION_ZIP_BYTES + FORM_OVERHEAD, what: 'a zip of a framework version' }],
	[/^\/frameworks\/[^/]+\/[^/]+\/(draft|try)$/, { bytes: 4 * MB, what: "a draft version's files" }],
	[/^\/regression(\/impact)?$/, { bytes: UPLOAD_LIMITS.totalBytes + FORM_OVERHEAD, what: 'uploaded golden files' }],
	[/^\/inspections\/import$/, { bytes: IMPORT_FILE_BYTES + FORM_OVERHEAD, what: 'an inspection to import' }],
	[/^\/api\/evaluate$/, { bytes: 2 * MB, what: 'an inspection to rate' }],
	// a version's page rates evidence pasted as JSON
	[/^\/frameworks\/[^/]+\/[^/]+$/, { bytes: 2 * MB, what: 'evidence to rate' }],
	[/^\/inspections\/[^/]+\/edits$/, { bytes: 2 * MB, what: 'a batch of changes to an inspection' }]
];

/** Every other write is a small form. */
const FORM: Limit = { bytes: 64 * KB, what: 'a form' };

/** The largest body any route takes; the adapter's BODY_SIZE_LIMIT must be at least this. */
export const BODY_CEILING = Math.max(...ROUTES.map(([, limit]) => limit.bytes));


export function bodyLimit(pathname: string): Limit {
	return ROUTES.find(([pattern]) => pattern.test(pathname))?.[1] ?? FORM;
}

export function sizeInWords(bytes: number): string {
	return bytes >= MB ? `${+(bytes / MB).toFixed(1)} MB` : `${Math.ceil(bytes / KB)} KB`;
}

/** Why a body of this declared length is refused at this path, or null. */
export function oversizeMessage(pathname: string, contentLength: string | null): string | null {
	const length = Number(contentLength);
	if (!contentLength || !Number.isFinite(length)) return null;
	const limit = bodyLimit(pathname);
	if (length <= limit.bytes) return null;
	return `The request is ${sizeInWords(length)}: ${limit.what} may be at most ${sizeInWords(limit.bytes)}.`;
}
