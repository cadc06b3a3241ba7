// Pages kept as rendered, by a key that names everything they are made from, so a page asked for
// again unchanged is not rendered again. Only the workspace for now: the page opened most, and the
// one that costs most to render. Its key is the inspection's revision, the content hash of its
// version, the address and who is asking (the page shows their name and what they may change):
// any save makes a new revision, so a kept page is never an old one. The one part of a page made
// new for every answer, its Content-Security-Policy nonce, is made new for every answer kept too.
import { randomBytes } from 'node:crypto';
import { loadFramework } from '../frameworks/frameworks';
import { inspections } from '../inspections/inspections';
import { Memo } from '../rating/memo';
import type { SignedIn } from '../accounts/auth';

interface KeptPage {
	/** the page's bytes (answered as bytes: a string would be checked and encoded again each time) */
	body: Buffer;
	headers: [string, string][];
	nonce: string;
	/** where in the bytes the nonce's value is */
	at: number;
}

// 32 MB of pages (a workspace is 80 to 300 KB), the least recently asked for going first
const pages = new Memo<KeptPage>(32 * 1024 * 1024, (page) => page.body.length);

const WORKSPACE = /^\/inspections\/([A-Za-z0-9][A-Za-z0-9_-]{0,99})$/;

/** The key a page would be kept under, or null for a request whose answer is not kept. */
export async function pageKey(request: Request, url: URL, user: SignedIn | null): Promise<string | null> {
	if (request.method !== 'GET' || !user || !(request.headers.get('accept') ?? '').includes('text/html')) return null;
	const id = url.pathname.match(WORKSPACE)?.[1];
	if (!id) return null;
	const doc = await inspections().get(id);
	if (!doc) return null;
	const version = loadFramework(doc.value.framework);
	if (!version.ok) return null;
	return JSON.stringify([url.pathname, url.search, doc.id, doc.revision, doc.updatedAt, version.value.hash, user.name, [...user.roles].sort()]);
}

const NONCE = /'nonce-([A-Za-z0-9+/=]+)'/;

// Pages being rendered now, by key: a request for a page already being rendered waits for that
// render rather than render it again (fifty people opening the same workspace at nine). Each
// promise settles, whatever the render does, when the render is over.
const rendering = new Map<string, Promise<void>>();

/** The page under `key`: a kept one, or one that `render` makes (kept, when it can be). */
export async function cachedPage(key: string, render: () => Response | Promise<Response>): Promise<Response> {
	const kept = keptPage(key);
	if (kept) return kept;
	const under = rendering.get(key);
	if (under) {
		await under;
		// not kept (an error page, say): this request renders its own
		return keptPage(key) ?? render();
	}
	let over = () => {};
	rendering.set(key, new Promise<void>((resolve) => (over = resolve)));
	try {
		return await keepPage(key, await render());
	} finally {
		rendering.delete(key);
		over();
	}
}

/** A kept page as a new answer, with a nonce of its own. */
function keptPage(key: string): Response | null {
	const page = pages.get(key);
	if (!page) return null;
	// the same length as every nonce SvelteKit makes: 16 random bytes in base64
	const nonce = randomBytes(16).toString('base64');
	const headers = new Headers(page.headers.map(([name, value]): [string, string] => [name, name === 'content-security-policy' ? value.replace(`'nonce-${page.nonce}'`, `'nonce-${nonce}'`) : value]));
	const body = Buffer.from(page.body);
	body.write(nonce, page.at, 'latin1');
	return new Response(body, { status: 200, headers });
}

/**
 * Keep a page just rendered, if it is whole and kept the same way for everyone with this key: a
 * 200 HTML page with its nonce, setting no cookie. Returns the answer to send in its place (its
 * body has been read).
 */
async function keepPage(key: string, response: Response): Promise<Response> {
	const type = response.headers.get('content-type') ?? '';
	const nonce = response.headers.get('content-security-policy')?.match(NONCE)?.[1];
	if (response.status !== 200 || !type.startsWith('text/html') || !nonce || response.headers.has('set-cookie')) return response;
	const body = Buffer.from(await response.arrayBuffer());
	// made over this answer's nonce, so true of this answer alone
	const headers = [...response.headers].filter(([name]) => name !== 'etag');
	const attribute = Buffer.from(`nonce="${nonce}"`, 'latin1');
	const at = body.indexOf(attribute);
	// kept only when the nonce is where it can be made new: in one place, and of the usual length
	if (at >= 0 && body.indexOf(attribute, at + 1) < 0 && nonce.length === 24) pages.set(key, { body, headers, nonce, at: at + 'nonce="'.length });
	return new Response(body, { status: 200, headers: response.headers });
}
