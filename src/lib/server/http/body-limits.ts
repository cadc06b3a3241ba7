// How large a request body each route accepts. The server refuses a larger one by its
// Content-Length before the route sees it (413, saying what the limit is for), and counts the
// bytes as they arrive too (countedBody), since a chunked body declares no length and a length
// is only a claim; the routes that take files also check each file, to answer on the form.
// Over all of it the Node adapter holds every body to BODY_CEILING (scripts/serve.mjs sets it).
import { UPLOAD_LIMITS } from '../regression/golden-sources';
import { LONGLIST_LIMITS } from '../../sampling/longlist';

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
	[/^\/inspections\/[^/]+\/sample$/, { bytes: LONGLIST_LIMITS.bytes + FORM_OVERHEAD, what: "a service's longlist" }],
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

/** Why a body that has gone past this path's limit is refused. */
export function overflowMessage(pathname: string): string {
	const limit = bodyLimit(pathname);
	return `The request is larger than ${sizeInWords(limit.bytes)}: ${limit.what} may be at most that.`;
}

/**
 * The request with its body counted as the route reads it. Past the path's limit the route's
 * read fails, `refused()` answers the reason once the rest of the body has been read and
 * dropped (so the client, still sending, hears the answer rather than a reset connection).
 */
export function countedBody(request: Request, pathname: string): { request: Request; refused: () => Promise<string | null> } {
	const source = request.body;
	if (!source) return { request, refused: async () => null };
	const limit = bodyLimit(pathname).bytes;
	const reader = source.getReader();
	let seen = 0;
	let over: Promise<void> | null = null;
	const body = new ReadableStream<Uint8Array>({
		async pull(controller) {
			try {
				const { done, value } = await reader.read();
				if (done) return controller.close();
				seen += value.byteLength;
				if (seen <= limit) return controller.enqueue(value);
				controller.error(new BodyOverflowError(overflowMessage(pathname)));
				over = drain(reader);
			} catch (e) {
				controller.error(e);
			}
		},
		cancel(reason) {
			return reader.cancel(reason);
		}
	});
	const counted = new Request(request.url, { method: request.method, headers: request.headers, body, signal: request.signal, duplex: 'half' } as RequestInit);
	return {
		request: counted,
		refused: async () => {
			if (!over) return null;
			await over;
			return overflowMessage(pathname);
		}
	};
}

/** What the route's read of a body past its limit throws: the client's mistake, answered 413, not a crash of ours. */
export class BodyOverflowError extends Error {
	readonly status = 413;
	constructor(message: string) {
		super(message);
		this.name = 'BodyOverflowError';
	}
}

/** Read and drop the rest of a body (the adapter stops it at its ceiling). */
async function drain(reader: ReadableStreamDefaultReader<Uint8Array>) {
	try {
		for (;;) if ((await reader.read()).done) return;
	} catch {
		// the client gave up, or the adapter's ceiling ended it: there is nothing more to read
	}
}
