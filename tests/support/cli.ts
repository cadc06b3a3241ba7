// Run a command-line tool of the project as a user would, and capture what it prints.
import { spawnSync } from 'node:child_process';

export function cli(tool: 'rate' | 'golden' | 'validate' | 'impact' | 'sample', args: string[], env: Record<string, string> = {}) {
	const run = spawnSync(process.execPath, ['--import', 'tsx', `src/cli/${tool}.ts`, ...args], {
		encoding: 'utf8',
		env: { ...process.env, NO_COLOR: '1', ...env }
	});
	return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}
