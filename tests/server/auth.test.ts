// Issue 10 against the built server, as an attacker would send it: sign-in abuse, where a
// sign-in sends you, sessions after an account changes, anonymous reads, cross-site writes,
// security headers and bodies without a length. Each refusal is followed by a normal request
// that must still be served. The server takes the client's address from X-Forwarded-For
// (ADDRESS_HEADER), so one test process can be many addresses.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FRAMEWORK, PASSWORD, TestServer, readDataFolder, type Client } from '../support/server';

const Auth = suite('sign-in, sessions and headers, over HTTP');

let server: TestServer;
let admin: Client;
let inspector: Client;
let viewer: Client;

Auth.before(async () => {
	server = await TestServer.start({ ADDRESS_HEADER: 'x-forwarded-for' });
	[admin] = await server.accounts(['boss'], ['admin']);
	[inspector] = await server.accounts(['ivy'], ['inspector']);
	[viewer] = await server.accounts(['vic'], ['viewer']);
});
Auth.after(async () => {
	await server?.dispose();
});

let nextAddress = 1;
/** An address no other test has used, so throttles do not carry over between tests. */
const freshAddress = () => `198.51.100.${nextAddress++}`;

const TIMEOUT = 30_000;

/** A request from nobody in particular (no token), as a browser or a script sends it. */
function send(pathname: string, init: RequestInit & { headers?: Record<string, string> } = {}): Promise<Response> {
	return fetch(server.url + pathname, { redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT), ...init });
}

/** The sign-in form posted as a browser posts it, from `address`. */
function signIn(name: string, password: string, address: string, next?: string, cookie?: string): Promise<Response> {
	return send(`/sign-in${next === undefined ? '' : `?next=${encodeURIComponent(next)}`}`, {
		method: 'POST',
		headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': address, accept: 'text/html', ...(cookie ? { cookie } : {}) },
		body: new URLSearchParams({ name, password })
	});
}

/** The session cookie a successful sign-in set, as the Cookie header to send back. */
function sessionCookie(response: Response): string {
	const set = response.headers.getSetCookie().find((c) => c.startsWith('yardstick_session='));
	assert.ok(set, `no session cookie (status ${response.status})`);
	return set!.split(';')[0];
}

async function signedIn(name: string, address = freshAddress()): Promise<string> {
	const response = await signIn(name, PASSWORD, address);
	assert.is(response.status, 303, `signing in as ${name}`);
	return sessionCookie(response);
}

/** Whether this cookie opens /inspections (a page) now. */
async function opens(cookie: string): Promise<boolean> {
	const response = await send('/inspections', { headers: { cookie, accept: 'text/html' } });
	if (response.status === 200) return true;
	assert.is(response.status, 303, 'anonymous: sent to sign in');
	assert.match(response.headers.get('location') ?? '', /^\/sign-in\?next=/);
	return false;
}

/** A form action posted by a signed-in browser, as its enhanced forms post them: the action's answer. */
async function action(cookie: string, pathname: string, fields: Record<string, string>): Promise<{ status: number; type: string; text: string }> {
	const response = await send(pathname, {
		method: 'POST',
		headers: { cookie, origin: server.url, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': freshAddress() },
		body: new URLSearchParams(fields)
	});
	const text = await response.text();
	const parsed = JSON.parse(text) as { type: string; status?: number };
	return { status: parsed.status ?? response.status, type: parsed.type, text };
}

const audit = () => readDataFolder(server.dataDir).audit;

/** Others are still served normally: a signed-in read answers, and quickly. */
async function stillServes(limitMs = 10_000) {
	const started = Date.now();
	const response = await inspector.request('/inspections', { headers: { accept: 'application/json' } });
	assert.is(response.status, 200, 'a signed-in read is still served');
	await response.arrayBuffer();
	assert.ok(Date.now() - started < limitMs, `the read waited ${Date.now() - started} ms`);
}

Auth('row 2: a session is stored under the hash of its id; no file in the data folder is named by a live id', async () => {
	const cookie = await signedIn('ivy');
	const id = cookie.split('=')[1];
	const files = readdirSync(path.join(server.dataDir, 'sessions'));
	assert.ok(files.includes(`${createHash('sha256').update(id).digest('hex')}.json`), 'stored under its sha256');
	const everything = (dir: string): string[] => readdirSync(dir).flatMap((name) => (statSync(path.join(dir, name)).isDirectory() ? everything(path.join(dir, name)) : [path.join(dir, name)]));
	for (const file of everything(server.dataDir)) {
		assert.not.ok(file.includes(id), `${file} is named by the live id`);
		assert.not.ok(readFileSync(file, 'utf8').includes(id), `${file} holds the live id`);
	}
	assert.ok(await opens(cookie), 'the cookie still opens the app');
});

Auth('row 4: forty wrong passwords at once are counted as they arrive: five are checked, the rest refused unhashed', async () => {
	const address = freshAddress();
	const before = audit().filter((r) => r.action === 'sign-in.failure').length;
	const answers = await Promise.all(Array.from({ length: 40 }, () => signIn('vic', 'not the password at all', address)));
	const statuses = answers.map((r) => r.status);
	const texts = await Promise.all(answers.map((r) => r.text()));
	assert.is(statuses.filter((s) => s === 400).length, 5, `wrong password answers: ${statuses.join(' ')}`);
	assert.is(statuses.filter((s) => s === 429).length, 35);
	assert.ok(texts.filter((t) => t.includes('Too many failed attempts. Try again in')).length === 35);
	assert.is(audit().filter((r) => r.action === 'sign-in.failure').length - before, 5, 'five attempts checked and recorded');
	await stillServes();
});

Auth('row 4: sixty sign-ins with unknown names at once hash a few at a time; the rest are turned away and a signed-in read is not held up', async () => {
	const attempts = Array.from({ length: 60 }, (_, i) => signIn(`nobody-${i}`, 'some password or other', freshAddress()));
	await new Promise((resolve) => setTimeout(resolve, 50));
	const started = Date.now();
	await stillServes(8_000);
	const readMs = Date.now() - started;
	const answers = await Promise.all(attempts);
	const texts = await Promise.all(answers.map((r) => r.text()));
	const statuses = answers.map((r) => r.status);
	assert.ok(statuses.every((s) => s === 400 || s === 429), `statuses: ${statuses.join(' ')}`);
	const busy = texts.filter((t) => /Too many sign-in attempts, try again in \d+ seconds/.test(t)).length;
	assert.ok(busy > 0, 'some attempts were turned away rather than queued for a hash');
	assert.ok(statuses.filter((s) => s === 400).length >= 2, 'some were checked, as unknown names are (the same cost as a real one)');
	assert.ok(readMs < 8_000, `the signed-in read took ${readMs} ms`);
	await stillServes();
});

Auth('row 4: unknown names count against the address: after twenty, even a right password from there waits', async () => {
	const address = freshAddress();
	for (let i = 0; i < 20; i++) assert.is((await signIn(`stranger-${i}`, 'guessing away here', address)).status, 400);
	const refused = await signIn('ivy', PASSWORD, address);
	assert.is(refused.status, 429);
	assert.match(await refused.text(), 'Too many failed attempts');
	// the same account from another address is let in
	assert.ok(await opens(await signedIn('ivy')));
});

Auth("row 6: a stranger's wrong passwords for admin lock out only the stranger's address", async () => {
	const stranger = freshAddress();
	for (let i = 0; i < 5; i++) assert.is((await signIn('boss', `wrong guess number ${i}`, stranger)).status, 400);
	const fromStranger = await signIn('boss', PASSWORD, stranger);
	assert.is(fromStranger.status, 429, 'the right password from the guessing address waits');
	const owner = await signIn('boss', PASSWORD, freshAddress());
	assert.is(owner.status, 303, "the admin's right password from elsewhere works");
	assert.ok(await opens(sessionCookie(owner)));
});

Auth('row 5: next must be a path on this origin; anything a browser would follow elsewhere goes to /', async () => {
	const address = freshAddress();
	for (const next of ['/\\evil.com', '/\t/evil.com', '//evil.com', '/.//evil.com', 'https://evil.com/', 'javascript:alert(1)', '/%2F/evil.com/x'.replace('%2F', '/')]) {
		const response = await signIn('ivy', PASSWORD, address, next);
		assert.is(response.status, 303, next);
		assert.is(response.headers.get('location'), '/', `next=${JSON.stringify(next)}`);
	}
	const fine = await signIn('ivy', PASSWORD, address, '/inspections?status=draft#list');
	assert.is(fine.headers.get('location'), '/inspections?status=draft#list');
	const page = await send('/sign-in?next=%2F%5Cevil.com', { headers: { accept: 'text/html' } });
	const html = await page.text();
	assert.not.match(html, 'evil.com', 'the form does not carry it on either');
});

Auth('row 8: disabling an account or changing its roles ends its sessions; enabling it again does not bring them back', async () => {
	const boss = await signedIn('boss');
	const [gus] = await server.accounts(['gus'], ['viewer']);
	const revision = async () => JSON.parse(readFileSync(path.join(server.dataDir, 'users', 'gus.json'), 'utf8')).revision as number;
	const session = await signedIn('gus');
	assert.ok(await opens(session));
	let saved = await action(boss, '/admin/users?/roles', { name: 'gus', revision: String(await revision()), roles: 'viewer', disabled: 'on' });
	assert.is(saved.type, 'success', saved.text);
	assert.not.ok(await opens(session), 'disabled: the session is over');
	assert.is((await gus.request('/inspections', { headers: { accept: 'application/json' } })).status, 401, 'and the token is refused');
	saved = await action(boss, '/admin/users?/roles', { name: 'gus', revision: String(await revision()), roles: 'viewer' });
	assert.is(saved.type, 'success', saved.text);
	assert.not.ok(await opens(session), 'enabled again: the old session stays over');
	const again = await signedIn('gus');
	saved = await action(boss, '/admin/users?/roles', { name: 'gus', revision: String(await revision()), roles: 'tester' });
	assert.match(saved.text, 'Its sessions have ended');
	assert.not.ok(await opens(again), 'roles changed: signed out');
	const actions = audit().filter((r) => r.target.id === 'gus').map((r) => r.action);
	assert.equal(actions.filter((a) => a === 'account.roles').length, 3);
	await stillServes();
});

Auth('row 8: an admin revokes a token, ends sessions and resets a password; each is audited', async () => {
	const boss = await signedIn('boss');
	const [hal] = await server.accounts(['hal'], ['tester']);
	const users = () => JSON.parse(readFileSync(path.join(server.dataDir, 'users', 'hal.json'), 'utf8')).value as { tokens: { id: string }[] };
	assert.is((await hal.request('/inspections', { headers: { accept: 'application/json' } })).status, 200);
	const revoked = await action(boss, '/admin/users?/revoke', { name: 'hal', token: users().tokens[0].id });
	assert.is(revoked.type, 'success', revoked.text);
	assert.is((await hal.request('/inspections', { headers: { accept: 'application/json' } })).status, 401, 'the revoked token is refused');
	const twice = await action(boss, '/admin/users?/revoke', { name: 'hal', token: 'nope' });
	assert.is(twice.status, 400);

	const one = await signedIn('hal');
	const two = await signedIn('hal');
	const ended = await action(boss, '/admin/users?/sessions', { name: 'hal' });
	assert.match(ended.text, '2 sessions of hal ended');
	assert.not.ok(await opens(one));
	assert.not.ok(await opens(two));

	const three = await signedIn('hal');
	const short = await action(boss, '/admin/users?/password', { name: 'hal', password: 'short' });
	assert.is(short.status, 400);
	assert.match(short.text, 'must be at least 12 characters');
	const reset = await action(boss, '/admin/users?/password', { name: 'hal', password: 'a brand new passphrase' });
	assert.is(reset.type, 'success', reset.text);
	assert.not.ok(await opens(three), 'a reset ends the sessions');
	const address = freshAddress();
	assert.is((await signIn('hal', PASSWORD, address)).status, 400, 'the old password is refused');
	assert.is((await signIn('hal', 'a brand new passphrase', address)).status, 303, 'the new one works');
	const actions = audit().filter((r) => r.target.id === 'hal').map((r) => r.action);
	for (const done of ['token.revoke', 'account.sessions-end', 'account.password-reset']) assert.ok(actions.includes(done), `${done} in ${actions.join(', ')}`);
	const nonAdmin = await action(await signedIn('ivy'), '/admin/users?/password', { name: 'hal', password: 'an attackers passphrase' });
	assert.is(nonAdmin.status, 403);
	await stillServes();
});

Auth('row 8: a user changes their own password: the current one is needed, and their other sessions end', async () => {
	await server.accounts(['una'], ['viewer']);
	const here = await signedIn('una');
	const elsewhere = await signedIn('una');
	const wrong = await action(here, '/account?/password', { current: 'not my password', password: 'my new passphrase', confirm: 'my new passphrase' });
	assert.is(wrong.status, 400);
	assert.match(wrong.text, 'Your current password is not right');
	const mismatch = await action(here, '/account?/password', { current: PASSWORD, password: 'my new passphrase', confirm: 'my new passphrasE' });
	assert.match(mismatch.text, 'Enter the same new password twice');
	const response = await send('/account?/password', {
		method: 'POST',
		headers: { cookie: here, origin: server.url, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': freshAddress() },
		body: new URLSearchParams({ current: PASSWORD, password: 'my new passphrase', confirm: 'my new passphrase' })
	});
	assert.match(await response.text(), 'Your password has been changed');
	const renewed = sessionCookie(response);
	assert.ok(await opens(renewed), 'this browser stays signed in');
	assert.not.ok(await opens(elsewhere), 'the other session ended');
	assert.not.ok(await opens(here), 'the old cookie of this browser too');
	assert.is((await signIn('una', 'my new passphrase', freshAddress())).status, 303);
	assert.ok(audit().some((r) => r.action === 'account.password-change' && r.target.id === 'una'));
});

Auth('the account pages refuse anonymous requests', async () => {
	const response = await send('/account', { headers: { accept: 'text/html' } });
	assert.is(response.status, 303);
	assert.is(response.headers.get('location'), '/sign-in?next=%2Faccount');
});

Auth('row 10: a 60 KB name is refused at the form; nothing of it reaches the audit trail', async () => {
	const file = path.join(server.dataDir, 'audit.jsonl');
	const size = statSync(file).size;
	const response = await signIn('x'.repeat(60_000), 'whatever password', freshAddress());
	assert.is(response.status, 400);
	assert.match(await response.text(), 'Your name is at most 64 characters');
	assert.is(statSync(file).size, size, 'the audit trail did not grow');
	const long = await signIn('y'.repeat(64), 'whatever password', freshAddress());
	assert.is(long.status, 400);
	const last = audit().at(-1)!;
	assert.is(last.action, 'sign-in.failure');
	assert.ok(JSON.stringify(last).length < 400, 'a failure is a short record');
	await stillServes();
});

Auth('row 11: a token for a name that does not exist is a form error, not a 500', async () => {
	const boss = await signedIn('boss');
	const refused = await action(boss, '/admin/users?/token', { name: 'no-such-person', label: 'ci' });
	assert.is(refused.status, 400);
	assert.match(refused.text, 'There is no account');
	const issued = await action(boss, '/admin/users?/token', { name: 'ivy', label: 'ci' });
	assert.is(issued.type, 'success', issued.text);
	assert.match(issued.text, 'ys_');
});

Auth('row 13: anonymous pages go to sign-in, anonymous data and JSON get 401; sign-in and static files open', async () => {
	for (const pathname of ['/', '/inspections/import', '/frameworks', '/audit', '/account', '/admin/users']) {
		const response = await send(pathname, { headers: { accept: 'text/html' } });
		assert.is(response.status, 303, pathname);
		assert.is(response.headers.get('location'), `/sign-in?next=${encodeURIComponent(pathname)}`);
	}
	for (const pathname of ['/__data.json', '/inspections/__data.json?x-sveltekit-invalidated=01', '/frameworks', '/audit/export.jsonl']) {
		const response = await send(pathname);
		assert.is(response.status, 401, pathname);
		assert.not.match(await response.text(), 'hmip-youth', `${pathname} says nothing of the versions`);
	}
	assert.is((await send('/sign-in', { headers: { accept: 'text/html' } })).status, 200);
	assert.is((await send('/sign-in/__data.json')).status, 200);
	assert.is((await send('/favicon.svg')).status, 200);
	const home = await send('/', { headers: { accept: 'text/html', cookie: await signedIn('vic') } });
	assert.is(home.status, 200, 'signed in, the home page opens');
	assert.match(await home.text(), FRAMEWORK.split('@')[0]);
});

Auth('row 14: a write with only a foreign Referer is refused; JSON routes refuse other body types', async () => {
	const cookie = await signedIn('ivy');
	const forged = await send('/inspections/new', {
		method: 'POST',
		headers: { cookie, referer: 'https://evil.example/page', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ serviceName: 'Forged', framework: FRAMEWORK })
	});
	assert.is(forged.status, 403);
	assert.match(await forged.text(), 'Cross-site POST form submissions are forbidden');
	const foreign = await send('/inspections/new', {
		method: 'POST',
		headers: { cookie, origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ serviceName: 'Forged', framework: FRAMEWORK })
	});
	assert.is(foreign.status, 403);
	assert.not.ok(readDataFolder(server.dataDir).problems.length);
	assert.not.ok([...readDataFolder(server.dataDir).inspections.values()].some((i) => i.value.serviceName === 'Forged'), 'nothing was created');

	const id = await inspector.createInspection('Content types');
	const edit = JSON.stringify({ baseRevision: 1, edits: [{ type: 'status', status: 'complete' }] });
	for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
		const response = await send(`/inspections/${id}/edits`, { method: 'POST', headers: { cookie, origin: server.url, 'content-type': type }, body: edit });
		const said = await response.text();
		assert.ok(response.status === 415, `${type}: ${response.status} ${said}`);
	}
	// text/plain is a form's type: without an Origin SvelteKit refuses it (403) before it gets here
	const plain = await inspector.request('/api/evaluate', { method: 'POST', headers: { 'content-type': 'text/plain', origin: server.url }, body: JSON.stringify({ framework: FRAMEWORK, inspection: {} }) });
	assert.is(plain.status, 415);
	assert.match(await plain.text(), 'application/json');
	const saved = await send(`/inspections/${id}/edits`, { method: 'POST', headers: { cookie, origin: server.url, 'content-type': 'application/json' }, body: edit });
	assert.is(saved.status, 200, 'as JSON it is saved');
	const rated = await inspector.request('/api/evaluate', { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify({ framework: FRAMEWORK, inspection: {} }) });
	assert.is(rated.status, 200);
});

Auth('row 15: every answer carries the security headers; pages a CSP with a nonce for their script', async () => {
	const cookie = await signedIn('ivy');
	const answers = {
		page: await send('/inspections', { headers: { cookie, accept: 'text/html' } }),
		'sign-in page': await send('/sign-in', { headers: { accept: 'text/html' } }),
		json: await inspector.request('/api/evaluate', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ framework: FRAMEWORK, inspection: {} }) }),
		'401': await send('/inspections/__data.json'),
		redirect: await send('/', { headers: { accept: 'text/html' } }),
		'404': await send('/no/such/page', { headers: { cookie, accept: 'text/html' } })
	};
	for (const [what, response] of Object.entries(answers)) {
		const csp = response.headers.get('content-security-policy') ?? '';
		assert.match(csp, "frame-ancestors 'none'", `${what}: CSP`);
		assert.is(response.headers.get('x-frame-options'), 'DENY', what);
		assert.is(response.headers.get('x-content-type-options'), 'nosniff', what);
		assert.is(response.headers.get('referrer-policy'), 'same-origin', what);
		await response.arrayBuffer();
	}
	const csp = answers.page.headers.get('content-security-policy')!;
	assert.match(csp, /script-src 'self'[^;]* 'nonce-[^']+'/);
	assert.not.match(csp, /script-src[^;]*unsafe-inline/);
	// the schemas are compiled at build time: no page may eval
	assert.not.match(csp, /unsafe-eval/);
});

Auth('row 16: a chunked body with no length is counted as it arrives and refused past the route limit', async () => {
	const chunked = (bytes: number, chunk = 16 * 1024) => {
		let sent = 0;
		return new ReadableStream<Uint8Array>({
			pull(controller) {
				if (sent >= bytes) return controller.close();
				const size = Math.min(chunk, bytes - sent);
				sent += size;
				controller.enqueue(new Uint8Array(size).fill(0x61));
			}
		});
	};
	const post = (pathname: string, type: string, bytes: number) =>
		inspector.request(pathname, { method: 'POST', headers: { 'content-type': type, origin: server.url }, body: chunked(bytes), duplex: 'half' } as RequestInit);
	const form = await post('/inspections/new', 'application/x-www-form-urlencoded', 200 * 1024);
	assert.is(form.status, 413);
	const formText = await form.text();
	assert.match(formText, 'The request is larger than 64 KB: a form may be at most that.');
	const evaluate = await post('/api/evaluate', 'application/json', 3 * 1024 * 1024);
	assert.is(evaluate.status, 413);
	assert.match(await evaluate.text(), 'The request is larger than 2 MB: an inspection to rate may be at most that.');
	// under the limit, a chunked body is read as any other
	const body = new TextEncoder().encode(JSON.stringify({ framework: FRAMEWORK, inspection: {} }));
	const small = await inspector.request('/api/evaluate', {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: new ReadableStream({ start: (c) => (c.enqueue(body), c.close()) }),
		duplex: 'half'
	} as RequestInit);
	assert.is(small.status, 200);
	await stillServes();
});

Auth('the audit trail is read by role and page by page: viewers see no failed sign-ins, admins do', async () => {
	await signIn('vic', 'a mistyped password', freshAddress());
	// more than a page of older records, as a long-running server has
	const older = Array.from({ length: 60 }, (_, i) => JSON.stringify({ at: new Date(Date.UTC(2020, 0, 1, 0, i)).toISOString(), actor: 'tests', action: 'framework.publish', target: { kind: 'framework', id: `old@${i}` }, summary: `old record ${i}` }) + '\n');
	const file = path.join(server.dataDir, 'audit.jsonl');
	writeFileSync(file, older.join('') + readFileSync(file, 'utf8'));
	const viewerCookie = await signedIn('vic');
	const adminCookie = await signedIn('boss');
	const exported = async (cookie: string) => (await (await send('/audit/export.jsonl', { headers: { cookie } })).text()).trim().split('\n').map((l) => JSON.parse(l) as { action: string; at: string });
	const seenByViewer = await exported(viewerCookie);
	const seenByAdmin = await exported(adminCookie);
	assert.ok(seenByAdmin.some((r) => r.action === 'sign-in.failure'));
	assert.not.ok(seenByViewer.some((r) => r.action.startsWith('sign-in')), 'a viewer sees no failed sign-ins');
	assert.ok(seenByViewer.length > 0);
	const times = seenByAdmin.map((r) => r.at);
	assert.equal(times, [...times].sort().reverse(), 'newest first');
	const page = await (await send('/audit', { headers: { cookie: viewerCookie, accept: 'text/html' } })).text();
	assert.not.match(page, 'failed sign-in');
	const adminPage = await (await send('/audit', { headers: { cookie: adminCookie, accept: 'text/html' } })).text();
	assert.match(adminPage, 'failed sign-in from');
	// fifty a page, newest first: the oldest records are on the last page
	assert.match(adminPage, 'Older');
	assert.not.match(adminPage, /old record 0\s/);
	const pages = Math.ceil(seenByAdmin.length / 50);
	const last = await (await send(`/audit?page=${pages}`, { headers: { cookie: adminCookie, accept: 'text/html' } })).text();
	assert.match(last, `Records ${(pages - 1) * 50 + 1} to ${seenByAdmin.length}`);
	assert.match(last, /old record 0\s/);
	assert.not.match(last, 'Older');
	assert.is((await send('/audit?page=0', { headers: { cookie: adminCookie, accept: 'text/html' } })).status, 400);
});

Auth.run();
