import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';
import { HashingBusyError, hashPassword, passwordProblems, verifyPassword } from '../../../src/lib/server/accounts/passwords';
import { forgetName, forgiveOne, recordFailure, recordSuccess, signInKeys, waitFor } from '../../../src/lib/server/accounts/throttle';
import { allows } from '../../../src/lib/server/accounts/roles';

const useTempData = () => {
	const dir = mkdtempSync(path.join(tmpdir(), 'yardstick-accounts-'));
	process.env.DATA_DIR = dir;
	return dir;
};

const Passwords = suite('passwords');
Passwords('a hash verifies its password and no other, and is salted', async () => {
	const a = await hashPassword('correct horse battery');
	const b = await hashPassword('correct horse battery');
	assert.match(a, /^scrypt\$32768\$8\$1\$/);
	assert.is.not(a, b);
	assert.ok(await verifyPassword('correct horse battery', a));
	assert.not.ok(await verifyPassword('correct horse batterY', a));
	assert.not.ok(await verifyPassword('x', 'not a hash'));
});
Passwords('short passwords are refused in words', () => {
	assert.equal(passwordProblems('short'), ['must be at least 12 characters']);
	assert.equal(passwordProblems('long enough phrase'), []);
});
Passwords('hashes run a few at a time: a flood is turned away at once, in words, and the rest still verify', async () => {
	const stored = await hashPassword('correct horse battery');
	const started = Date.now();
	const answers = await Promise.allSettled(Array.from({ length: 30 }, () => verifyPassword('correct horse battery', stored)));
	const refused = answers.filter((a) => a.status === 'rejected').map((a) => (a as PromiseRejectedResult).reason);
	assert.ok(refused.length >= 12, `${refused.length} refused`);
	assert.ok(refused.every((e) => e instanceof HashingBusyError && /^Too many sign-in attempts, try again in \d+ seconds\.$/.test(e.message)));
	assert.ok(answers.filter((a) => a.status === 'fulfilled').every((a) => (a as PromiseFulfilledResult<boolean>).value === true));
	assert.ok(Date.now() - started < 20_000);
	assert.ok(await verifyPassword('correct horse battery', stored), 'afterwards, a hash runs as before');
});
Passwords.run();

const Throttle = suite('sign-in throttle');
Throttle('five failures are free, then each attempt waits longer', () => {
	const key = 'name:eve';
	for (let i = 0; i < 5; i++) recordFailure(key, 1000);
	assert.is(waitFor(key, 1000), 30_000);
	recordFailure(key, 1000);
	assert.is(waitFor(key, 1000), 60_000);
	assert.is(waitFor(key, 61_000), 0);
	recordSuccess(key);
	assert.is(waitFor(key, 1000), 0);
});
Throttle('a name is throttled with its address: failures from one address leave another free', () => {
	const [stranger, owner] = [signInKeys('Admin', '203.0.113.9'), signInKeys('admin', '192.0.2.1')];
	for (let i = 0; i < 5; i++) stranger.forEach(({ key }) => recordFailure(key, 1000));
	assert.ok(waitFor(stranger[0].key, 1000, stranger[0].free) > 0, 'the guessing address waits');
	assert.is(waitFor(owner[0].key, 1000, owner[0].free), 0, "the owner's address does not");
	assert.is(waitFor(owner[1].key, 1000, owner[1].free), 0);
	forgetName('ADMIN');
	assert.is(waitFor(stranger[0].key, 1000, stranger[0].free), 0, 'a reset lifts the waits on the name');
	assert.is(waitFor(stranger[1].key, 1000, 5), 30_000, "but not the address's own count");
});
Throttle('a failure counted in advance is taken back when the attempt was right', () => {
	const key = 'address:192.0.2.44';
	recordFailure(key, 1000);
	recordFailure(key, 1000);
	forgiveOne(key);
	forgiveOne(key);
	assert.is(waitFor(key, 1000, 1), 0);
});
Throttle('names sent by the million do not grow the memory without end', () => {
	for (let i = 0; i < 12_000; i++) recordFailure(`name+address:n${i}\n192.0.2.2`, 1000);
	for (let i = 0; i < 5; i++) recordFailure('name+address:last\n192.0.2.2', 1000);
	assert.ok(waitFor('name+address:last\n192.0.2.2', 1000) > 0, 'the newest are kept');
	assert.is(waitFor('name+address:n0\n192.0.2.2', 1000, 1), 0, 'the oldest forgotten');
});
Throttle.run();

const Roles = suite('roles');
for (const [roles, permission, expected] of [
	[['viewer'], 'read', true],
	[['viewer'], 'inspection:edit', false],
	[['inspector'], 'inspection:edit', true],
	[['inspector'], 'panel:decide', false],
	[['panel-member'], 'panel:decide', true],
	[['methodology-lead'], 'framework:publish', true],
	[['tester'], 'framework:publish', false],
	[['tester'], 'regression:run', true],
	[['admin'], 'users:manage', true],
	[['admin'], 'inspection:edit', false]
] as const) {
	Roles(`${roles.join('+')} ${expected ? 'may' : 'may not'} ${permission}`, () => assert.is(allows(roles, permission), expected));
}
Roles.run();

const Users = suite('users, tokens and sessions (real files in a temp folder)');
Users('an account signs in with its password only', async () => {
	useTempData();
	const { addUser, checkPassword } = await import('../../../src/lib/server/accounts/users');
	await addUser('ada', ['admin'], 'correct horse battery', 'test');
	assert.is((await checkPassword('ada', 'correct horse battery'))?.name, 'ada');
	assert.is(await checkPassword('ada', 'wrong password here'), null);
	assert.is(await checkPassword('nobody', 'correct horse battery'), null);
});
Users('a token is shown once and found by its hash', async () => {
	const dir = useTempData();
	const { addUser, issueToken, userForToken } = await import('../../../src/lib/server/accounts/users');
	await addUser('bob', ['inspector'], 'correct horse battery', 'test');
	const token = await issueToken('bob', 'ci', 'ada');
	assert.match(token, /^ys_/);
	assert.is((await userForToken(token))?.name, 'bob');
	assert.is(await userForToken(token + 'x'), null);
	assert.not.ok(readFileSync(path.join(dir, 'users', 'bob.json'), 'utf8').includes(token), 'only the hash is stored');
});
Users('sessions expire', async () => {
	useTempData();
	const { startSession, sessionUser, endSession } = await import('../../../src/lib/server/accounts/sessions');
	const { id } = await startSession('ada', 0);
	assert.is(await sessionUser(id, 1000), 'ada');
	assert.is(await sessionUser(id, 9 * 3600_000), null, 'after 8 hours');
	const second = await startSession('ada');
	await endSession(second.id);
	assert.is(await sessionUser(second.id), null);
	assert.is(await sessionUser('not-a-session'), null);
});
Users('a session is stored under the hash of its id; ending them per account', async () => {
	const dir = useTempData();
	const { startSession, sessionUser, endSessionsOf, liveSessionCounts } = await import('../../../src/lib/server/accounts/sessions');
	const { readdirSync } = await import('node:fs');
	const a = await startSession('ada');
	const b = await startSession('ada');
	const c = await startSession('bob');
	const files = readdirSync(path.join(dir, 'sessions'));
	for (const { id } of [a, b, c]) assert.not.ok(files.some((f) => f.includes(id)), 'no file named by a live id');
	assert.equal([...(await liveSessionCounts()).entries()].sort(), [['ada', 2], ['bob', 1]]);
	assert.is(await endSessionsOf('ada'), 2);
	assert.is(await sessionUser(a.id), null);
	assert.is(await sessionUser(b.id), null);
	assert.is(await sessionUser(c.id), 'bob');
	assert.is(await sessionUser('x'.repeat(10_000)), null, 'a cookie of any other shape is no session');
});
Users('a revoked token stops working; a new password replaces the old; a token for nobody is NoAccountError', async () => {
	useTempData();
	const { addUser, issueToken, userForToken, revokeToken, setPassword, checkPassword, users, NoAccountError } = await import('../../../src/lib/server/accounts/users');
	await addUser('cy', ['tester'], 'correct horse battery', 'test');
	const token = await issueToken('cy', 'ci', 'ada');
	const id = (await users().get('cy'))!.value.tokens![0].id;
	assert.is(await revokeToken('cy', 'nope', 'ada'), null);
	assert.is(await revokeToken('cy', id, 'ada'), 'ci');
	assert.is(await userForToken(token), null);
	await setPassword('cy', 'a new passphrase here', 'ada');
	assert.is(await checkPassword('cy', 'correct horse battery'), null);
	assert.is((await checkPassword('cy', 'a new passphrase here'))?.name, 'cy');
	try {
		await issueToken('nobody', 'x', 'ada');
		assert.unreachable();
	} catch (e) {
		assert.instance(e, NoAccountError);
	}
});
Users('a made-up token reads no account; a token issued by another process is found at once', async () => {
	const dir = useTempData();
	const { addUser, issueToken, userForToken, users } = await import('../../../src/lib/server/accounts/users');
	const { DocumentStore } = await import('../../../src/lib/server/storage/store');
	for (const name of ['dee', 'eve', 'fay']) await addUser(name, ['inspector'], 'correct horse battery', 'test');
	const token = await issueToken('eve', 'ci', 'ada');
	assert.is((await userForToken(token))?.name, 'eve');
	// every account read from here on is counted
	const store = users();
	const get = store.get.bind(store);
	let reads = 0;
	store.get = (id: string) => {
		reads++;
		return get(id);
	};
	try {
		for (let i = 0; i < 20; i++) assert.is(await userForToken(`ys_made-up-${i}`), null);
		assert.is(reads, 0, 'made-up tokens read no account');
		assert.is((await userForToken(token))?.name, 'eve');
		assert.is(reads, 1, 'a working token reads its own account alone');
		// another process (the user command, say) issues a token: its own store on the same folder
		const other = new DocumentStore<{ name: string; roles: string[]; passwordHash: string; tokens?: { id: string; hash: string; label: string; createdAt: string }[] }>(path.join(dir, 'users'));
		const fay = (await other.get('fay'))!;
		const { createHash } = await import('node:crypto');
		const theirs = 'ys_issued-elsewhere';
		await other.update('fay', fay.revision, { ...fay.value, tokens: [{ id: 'x1', hash: createHash('sha256').update(theirs).digest('hex'), label: 'cli', createdAt: new Date().toISOString() }] }, 'cli', 'token issued');
		assert.is((await userForToken(theirs))?.name, 'fay');
	} finally {
		store.get = get;
	}
});
Users.run();

const Audit = suite('audit trail');
Audit('appends one line per act and reads them back by target; a cut-off line is skipped', async () => {
	const dir = useTempData();
	const { recordAudit, readAudit } = await import('../../../src/lib/server/audit/audit');
	await recordAudit({ actor: 'ada', action: 'framework.publish', target: { kind: 'framework', id: 'hmip-youth@2026' }, summary: 'published' });
	await recordAudit({ actor: 'bob', action: 'panel.decide', target: { kind: 'inspection', id: 'i1' }, summary: '2.2: requires improvement', reason: 'sample of 3', before: 'inadequate', after: 'requires-improvement' });
	appendFileSync(path.join(dir, 'audit.jsonl'), '{"at":"2026-');
	assert.equal(readAudit().map((r) => r.action), ['framework.publish', 'panel.decide']);
	assert.equal(readAudit({ kind: 'inspection', id: 'i1' }).map((r) => r.reason), ['sample of 3']);
});
Audit('a record appended after a cut-off line is read: it starts a line of its own', async () => {
	const dir = useTempData();
	const { recordAudit, readAudit } = await import('../../../src/lib/server/audit/audit');
	await recordAudit({ actor: 'ada', action: 'framework.publish', target: { kind: 'framework', id: 'hmip-youth@2026' }, summary: 'published' });
	appendFileSync(path.join(dir, 'audit.jsonl'), '{"at":"2026-');
	await recordAudit({ actor: 'bob', action: 'panel.decide', target: { kind: 'inspection', id: 'i1' }, summary: '2.2: good' });
	assert.equal(readAudit().map((r) => r.action), ['framework.publish', 'panel.decide']);
	assert.ok(readFileSync(path.join(dir, 'audit.jsonl'), 'utf8').endsWith('\n'));
});
Audit('names and summaries from outside are clipped; a page is read newest first, and sign-in failures only by admins', async () => {
	const dir = useTempData();
	const { recordAudit, readAuditPage } = await import('../../../src/lib/server/audit/audit');
	const long = 'n'.repeat(60_000);
	const stored = await recordAudit({ actor: long, action: 'sign-in.failure', target: { kind: 'user', id: long }, summary: long });
	assert.is(stored.actor.length, 100);
	assert.is(stored.target.id.length, 100);
	assert.is(stored.summary.length, 500);
	assert.ok(readFileSync(path.join(dir, 'audit.jsonl'), 'utf8').length < 1000);
	for (let i = 1; i <= 120; i++) await recordAudit({ actor: 'ada', action: 'framework.publish', target: { kind: 'framework', id: `v${i}` }, summary: `record ${i}` });
	appendFileSync(path.join(dir, 'audit.jsonl'), '{"at":"2026-');
	const first = await readAuditPage({ roles: ['viewer'] }, 1, 50);
	assert.equal([first.records[0].summary, first.records[49].summary, first.more], ['record 120', 'record 71', true]);
	const last = await readAuditPage({ roles: ['viewer'] }, 3, 50);
	assert.equal([last.records.length, last.records.at(-1)!.summary, last.more], [20, 'record 1', false], 'the failure is not for a viewer');
	const admin = await readAuditPage({ roles: ['admin'] }, 3, 50);
	assert.equal([admin.records.length, admin.records.at(-1)!.action], [21, 'sign-in.failure']);
	assert.equal((await readAuditPage({ roles: ['viewer'], kind: 'framework', id: 'v7' }, 1, 50)).records.map((r) => r.summary), ['record 7']);
});
Audit.run();

const Cli = suite('npm run user');
const user = (args: string[], input: string, dataDir: string) =>
	spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/user.ts', ...args], { input, encoding: 'utf8', env: { ...process.env, DATA_DIR: dataDir } });
Cli('creates the first admin with the password from stdin, and records it', () => {
	const dir = mkdtempSync(path.join(tmpdir(), 'yardstick-user-'));
	const run = user(['add', 'ada', '--role', 'admin'], 'correct horse battery\n', dir);
	assert.is(run.status, 0, run.stderr);
	assert.is(run.stdout.trim(), `account ada created (admin) in ${dir}`, 'names the data folder it wrote to');
	assert.match(readFileSync(path.join(dir, 'audit.jsonl'), 'utf8'), '"action":"account.create"');
	const again = user(['add', 'ada', '--role', 'admin'], 'correct horse battery\n', dir);
	assert.is(again.status, 2);
	assert.is(again.stderr.trim(), 'NAME: an account "ada" already exists');
});
Cli('--help says how to use it and which data folder it writes to', () => {
	const dir = mkdtempSync(path.join(tmpdir(), 'yardstick-user-'));
	const run = user(['--help'], '', dir);
	assert.is(run.status, 0, run.stderr);
	assert.match(run.stdout, 'usage: npm run user -- add NAME --role ROLE');
	assert.match(run.stdout, `(${dir} now)`);
	assert.match(run.stdout, 'the same DATA_DIR as the server');
});
Cli('without DATA_DIR: the project data folder, as the server', () => {
	const env = { ...process.env };
	delete env.DATA_DIR;
	const run = spawnSync(process.execPath, ['--import', pathToFileURL(path.resolve('node_modules/tsx/dist/loader.mjs')).href, path.resolve('src/cli/user.ts'), '--help'], { encoding: 'utf8', env, cwd: tmpdir() });
	assert.is(run.status, 0, run.stderr);
	assert.match(run.stdout, `(${path.resolve('data')} now)`);
});
Cli('bad input is refused in one line, exit 2', () => {
	const dir = mkdtempSync(path.join(tmpdir(), 'yardstick-user-'));
	for (const [args, input, message] of [
		[['add', 'bob', '--role', 'wizard'], 'correct horse battery\n', '--role: unknown role "wizard"'],
		[['add', 'bob'], 'correct horse battery\n', '--role is required'],
		[['add', 'Bob!', '--role', 'viewer'], 'correct horse battery\n', 'NAME: must be 2 to 64 characters'],
		[['add', 'bob', '--role', 'viewer'], 'short\n', 'password: must be at least 12 characters'],
		[['remove', 'bob'], '', 'usage: npm run user']
	] as const) {
		const run = user([...args], input, dir);
		assert.is(run.status, 2, `${args.join(' ')}: ${run.stderr}`);
		assert.match(run.stderr, message);
		assert.not.match(run.stderr, /\bat .*\.ts:\d+/, 'no stack trace');
	}
});
Cli('passwd gives an account a new password and ends its sessions; --help says how', async () => {
	const dir = mkdtempSync(path.join(tmpdir(), 'yardstick-user-'));
	assert.is(user(['add', 'ada', '--role', 'admin'], 'correct horse battery\n', dir).status, 0);
	process.env.DATA_DIR = dir;
	const { startSession, sessionUser } = await import('../../../src/lib/server/accounts/sessions');
	const { checkPassword } = await import('../../../src/lib/server/accounts/users');
	const session = await startSession('ada');
	const run = user(['passwd', 'ada'], 'a recovered passphrase\n', dir);
	assert.is(run.status, 0, run.stderr);
	assert.is(run.stdout.trim(), 'password of ada changed; 1 session ended');
	assert.is(await sessionUser(session.id), null);
	assert.is((await checkPassword('ada', 'a recovered passphrase'))?.name, 'ada');
	assert.match(readFileSync(path.join(dir, 'audit.jsonl'), 'utf8'), '"action":"account.password-reset"');
	const nobody = user(['passwd', 'bob'], 'a recovered passphrase\n', dir);
	assert.is(nobody.status, 2);
	assert.is(nobody.stderr.trim(), 'NAME: there is no account "bob"');
	assert.is(user(['passwd', 'ada'], 'short\n', dir).status, 2);
	const help = user(['--help'], '', dir);
	assert.is(help.status, 0);
	assert.match(help.stdout, 'npm run user -- passwd NAME');
});
Cli.run();
