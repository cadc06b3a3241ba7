// Minimal argument handling shared by the commands: positional paths and --flags.
import { parseArgs } from 'node:util';
import { formatIssue, type Issue } from '../lib/engine/index';

export function parse(options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>, usage: string) {
	try {
		return parseArgs({ args: process.argv.slice(2), options, allowPositionals: true });
	} catch (e) {
		fail(`${(e as Error).message}\nusage: ${usage}`);
	}
}

/** Bad input: one line per problem on stderr, exit status 2. */
export function fail(message: string | Issue[]): never {
	const lines = typeof message === 'string' ? [message] : message.map(formatIssue);
	for (const line of lines) console.error(line);
	process.exit(2);
}

/**
 * Whatever escapes a command is said in one line and exits 2, never as a stack trace: the
 * files given are the likely cause, and a trace tells their author nothing.
 */
export function oneLineErrors() {
	const stop = (e: unknown) => {
		const message = e instanceof RangeError && /call stack/.test(e.message) ? 'a file is nested too deeply to read' : e instanceof Error ? e.message : String(e);
		console.error(`error: ${message.split('\n')[0]}`);
		process.exit(2);
	};
	process.on('uncaughtException', stop);
	process.on('unhandledRejection', stop);
}
