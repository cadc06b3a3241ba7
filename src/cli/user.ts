// npm run user -- add NAME --role ROLE [--role ROLE]: create an account (the first admin, say).
// npm run user -- passwd NAME: give an account a new password and end its sessions (an admin
// who has lost theirs). The password is asked for without echo, or read from standard input
// when it is not a terminal.
import { createInterface } from 'node:readline';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import { addUser, nameProblem, setPassword, users } from '../lib/server/accounts/users';
import { endSessionsOf } from '../lib/server/accounts/sessions';
import { passwordProblems } from '../lib/server/accounts/passwords';
import { ROLES, isRole, type Role } from '../lib/server/accounts/roles';
import { recordAudit } from '../lib/server/audit/audit';
import { fail, parse } from './args';
import { dataDir } from '../lib/server/storage/store';

// The same default as scripts/serve.mjs: the project's data folder, wherever this is run from.
process.env.DATA_DIR ??= path.resolve(fileURLToPath(new URL('../..', import.meta.url)), 'data');

const usage = [
	`npm run user -- add NAME --role ROLE [--role ROLE ...]   (roles: ${ROLES.join(', ')})`,
	'npm run user -- passwd NAME   (a new password; the account\'s sessions end)'
].join('\n       ');
const { positionals, values } = parse({ role: { type: 'string', multiple: true }, help: { type: 'boolean' } }, usage);
if (values.help) {
	console.log(`usage: ${usage}

Works on the accounts in the data folder the server uses: DATA_DIR, or ./data in the project when
it is not set (${dataDir()} now). Run it with the same DATA_DIR as the server. The password is
asked for without echo, or read from the first line of standard input when that is not a terminal.
A server started with no accounts also prints a one-time set-up link for the first admin.

  npm run user -- add ada --role admin
  DATA_DIR=/srv/yardstick npm run user -- add bob --role inspector --role panel-member
  npm run user -- passwd ada`);
	process.exit(0);
}
const [command, name] = positionals;
if (!['add', 'passwd'].includes(command) || !name || positionals.length !== 2) fail(`usage: ${usage}`);
const bad = nameProblem(name);
if (bad) fail(`NAME: ${bad}`);

if (command === 'passwd') {
	if (values.role) fail('--role: not for passwd (an admin sets roles under Accounts)');
	if (!(await users().get(name))) fail(`NAME: there is no account "${name}"`);
	const password = await readPassword(`New password for ${name}: `);
	await setPassword(name, password, 'command line', () =>
		recordAudit({ actor: 'command line', action: 'account.password-reset', target: { kind: 'user', id: name }, summary: `password of ${name} reset on the command line; its sessions ended` }).then(() => undefined)
	);
	const ended = await endSessionsOf(name);
	console.log(`password of ${name} changed; ${ended} session${ended === 1 ? '' : 's'} ended`);
	process.exit(0);
}

const roles = ((values.role as string[] | undefined) ?? []).map((r) => r.trim());
if (!roles.length) fail(`--role is required (${ROLES.join(', ')})`);
const unknown = roles.filter((r) => !isRole(r));
if (unknown.length) fail(`--role: unknown role ${unknown.map((r) => `"${r}"`).join(', ')} (${ROLES.join(', ')})`);
if (await users().get(name)) fail(`NAME: an account "${name}" already exists`);

const password = await readPassword(`Password for ${name}: `);
await addUser(name, roles as Role[], password, 'command line');
await recordAudit({ actor: 'command line', action: 'account.create', target: { kind: 'user', id: name }, summary: `account ${name} created with roles ${roles.join(', ')}`, after: { roles } });
console.log(`account ${name} created (${roles.join(', ')}) in ${dataDir()}`);

/** From the terminal without echo, or the first line of standard input; refused unless it meets the rules. */
async function readPassword(question: string): Promise<string> {
	const password = process.stdin.isTTY ? await ask(question) : await readStdin();
	const problems = passwordProblems(password);
	if (problems.length) fail(`password: ${problems.join('; ')}`);
	return password;
}

async function readStdin(): Promise<string> {
	let text = '';
	for await (const chunk of process.stdin) text += chunk;
	return text.split(/\r?\n/)[0];
}

function ask(question: string): Promise<string> {
	let muted = false;
	const output = new Writable({
		write(chunk, _encoding, done) {
			if (!muted) process.stdout.write(chunk);
			done();
		}
	});
	const rl = createInterface({ input: process.stdin, output, terminal: true });
	return new Promise((resolve) => {
		rl.question(question, (answer) => {
			rl.close();
			process.stdout.write('\n');
			resolve(answer);
		});
		muted = true;
	});
}
