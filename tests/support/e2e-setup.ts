// Before the browser tests: one account per role in the fresh data folder the server uses.
import { spawnSync } from 'node:child_process';
import { ROLES } from '../../src/lib/server/roles';
import { PASSWORD, accountFor } from './accounts';

export default function globalSetup(): void {
	for (const role of ROLES) {
		const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/user.ts', 'add', accountFor(role), '--role', role], {
			input: PASSWORD + '\n',
			encoding: 'utf8',
			env: { ...process.env, DATA_DIR: process.env.E2E_DATA_DIR }
		});
		if (run.status !== 0) throw new Error(`could not create the ${role} account: ${run.stderr}`);
	}
}
