// Before the browser tests: one account per role in the fresh data folder the server uses.
import { spawnSync } from 'node:child_process';
import { ROLES } from '../../src/lib/server/accounts/roles';
import { EVERYONE, EVERYONE_ROLES, PASSWORD, accountFor } from './accounts';

export default function globalSetup(): void {
	const accounts: [string, string[]][] = [...ROLES.map((role): [string, string[]] => [accountFor(role), [role]]), [EVERYONE, EVERYONE_ROLES]];
	for (const [name, roles] of accounts) {
		const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/user.ts', 'add', name, ...roles.flatMap((role) => ['--role', role])], {
			input: PASSWORD + '\n',
			encoding: 'utf8',
			env: { ...process.env, DATA_DIR: process.env.E2E_DATA_DIR }
		});
		if (run.status !== 0) throw new Error(`could not create the account ${name}: ${run.stderr}`);
	}
}
