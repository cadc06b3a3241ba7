import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';
import { hashPassword, passwordProblems, verifyPassword } from '../../../src/lib/server/passwords';
import { recordFailure, recordSuccess, waitFor } from '../../../src/lib/server/throttle';
import { allows } from '../../../src/lib/server/roles';

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
	const { addUser, checkPassword } = await import('../../../src/lib/server/users');
	await addUser('ada', ['admin'], 'correct horse battery', 'test');
	assert.is((await checkPassword('ada', 'correct horse battery'))?.name, 'ada');
	assert.is(await checkPassword('ada', 'wrong password here'), null);
	assert.is(await checkPassword('nobody', 'correct horse battery'), null);
});
Users('a token is shown once and found by its hash', async () => {
	const dir = useTempData();
	const { addUser, issueToken, userForToken } = await import('../../../src/lib/server/users');
	await addUser('bob', ['inspector'], 'correct horse battery', 'test');
	const token = await issueToken('bob', 'ci', 'ada');
	assert.match(token, /^ys_/);
	assert.is((await userForToken(token))?.name, 'bob');
	assert.is(await userForToken(token + 'x'), null);
	assert.not.ok(readFileSync(path.join(dir, 'users', 'bob.json'), 'utf8').includes(token), 'only the hash is stored');
});
Users('sessions expire', async () => {
	useTempData();
	const { startSession, sessionUser, endSession } = await import('../../../src/lib/server/sessions');
	const { id } = await startSession('ada', 0);
	assert.is(await sessionUser(id, 1000), 'ada');
	assert.is(await sessionUser(id, 9 * 3600_000), null, 'after 8 hours');
	const second = await startSession('ada');
	await endSession(second.id);
	assert.is(await sessionUser(second.id), null);
	assert.is(await sessionUser('not-a-session'), null);
});
Users.run();

const Audit = suite('audit trail');
Audit('appends one line per act and reads them back by target; a cut-off line is skipped', async () => {
	const dir = useTempData();
	const { recordAudit, readAudit } = await import('../../../src/lib/server/audit');
	await recordAudit({ actor: 'ada', action: 'framework.publish', target: { kind: 'framework', id: 'hmip-youth@2026' }, summary: 'published' });
	await recordAudit({ actor: 'bob', action: 'panel.decide', target: { kind: 'inspection', id: 'i1' }, summary: '2.2: requires improvement', reason: 'sample of 3', before: 'inadequate', after: 'requires-improvement' });
	appendFileSync(path.join(dir, 'audit.jsonl'), '{"at":"2026-');
	assert.equal(readAudit().map((r) => r.action), ['framework.publish', 'panel.decide']);
	assert.equal(readAudit({ kind: 'inspection', id: 'i1' }).map((r) => r.reason), ['sample of 3']);
});
Audit('a record appended after a cut-off line is read: it starts a line of its own', async () => {
	const dir = useTempData();
	const { recordAudit, readAudit } = await import('../../../src/lib/server/audit');
	await recordAudit({ actor: 'ada', action: 'framework.publish', target: { kind: 'framework', id: 'hmip-youth@2026' }, summary: 'published' });
	appendFileSync(path.join(dir, 'audit.jsonl'), '{"at":"2026-');
	await recordAudit({ actor: 'bob', action: 'panel.decide', target: { kind: 'inspection', id: 'i1' }, summary: '2.2: good' });
	assert.equal(readAudit().map((r) => r.action), ['framework.publish', 'panel.decide']);
	assert.ok(readFileSync(path.join(dir, 'audit.jsonl'), 'utf8').endsWith('\n'));
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
Cli.run();
