// `npm test`: every suite in turn, output streamed, one closing line `N passed, N failed`.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const PLAYWRIGHT_REPORT = 'playwright-report/results.json'; // as set in playwright.config.ts

const scripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts ?? {};

/** Every suite is a package script; `count` turns its exit status and output into numbers, or null. */
const suites = [
	{ name: 'type check', script: 'check', count: passOrFail },
	{ name: 'unit tests', script: 'test:unit', count: uvuCounts },
	{ name: 'golden files', script: 'golden', args: ['tests/golden'], count: closingLineCounts },
	{ name: 'build', script: 'build', count: passOrFail },
	{ name: 'server tests', script: 'test:server', needs: 'build', count: uvuCounts },
	{ name: 'browser tests', script: 'test:e2e', needs: 'build', before: () => rmSync(PLAYWRIGHT_REPORT, { force: true }), count: playwrightCounts }
];

function passOrFail(status) {
	return status === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
}

// uvu prints "Total: N", "Passed: N", "Skipped: N".
function uvuCounts(_status, output) {
	const number = (label) => Number(output.match(new RegExp(`^\\s*${label}:\\s+(\\d+)`, 'm'))?.[1]);
	const [total, passed, skipped] = [number('Total'), number('Passed'), number('Skipped') || 0];
	if (Number.isNaN(total) || Number.isNaN(passed)) return null;
	return { passed, failed: total - passed - skipped };
}

function closingLineCounts(_status, output) {
	const last = [...output.matchAll(/^(\d+) passed, (\d+) failed\s*$/gm)].at(-1);
	return last ? { passed: Number(last[1]), failed: Number(last[2]) } : null;
}

function playwrightCounts() {
	if (!existsSync(PLAYWRIGHT_REPORT)) return null;
	const { stats } = JSON.parse(readFileSync(PLAYWRIGHT_REPORT, 'utf8'));
	return { passed: stats.expected + stats.flaky, failed: stats.unexpected };
}

function stripColours(text) {
	return text.replace(/\x1b\[[0-9;]*m/g, '');
}

function run(script, args = []) {
	const command = ['npm', 'run', '--silent', script, ...(args.length ? ['--', ...args] : [])];
	return new Promise((resolve) => {
		let output = '';
		const child = spawn(command[0], command.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
		child.stdout.on('data', (chunk) => {
			output += chunk;
			process.stdout.write(chunk);
		});
		child.stderr.on('data', (chunk) => {
			output += chunk;
			process.stderr.write(chunk);
		});
		child.on('error', (error) => resolve({ status: 1, output: `${output}\n${error.message}` }));
		child.on('close', (code) => resolve({ status: code ?? 1, output: stripColours(output) }));
	});
}

const results = [];
for (const suite of suites) {
	const started = Date.now();
	const command = `npm run ${suite.script}${suite.args ? ` -- ${suite.args.join(' ')}` : ''}`;
	console.log(`\n=== ${suite.name}: ${command}\n`);

	let counts;
	let note = '';
	const prerequisite = results.find((result) => result.name === suite.needs);
	if (!(suite.script in scripts)) {
		counts = { passed: 0, failed: 1 };
		note = `there is no "${suite.script}" script in package.json yet`;
	} else if (prerequisite && prerequisite.failed > 0) {
		counts = { passed: 0, failed: 1 };
		note = `not run: ${suite.needs} failed`;
	} else {
		suite.before?.();
		const { status, output } = await run(suite.script, suite.args);
		counts = suite.count(status, output);
		if (!counts) {
			counts = { passed: 0, failed: 1 };
			note = `exited with status ${status} and printed no counts`;
		} else if (status !== 0 && counts.failed === 0) {
			counts.failed = 1;
			note = `exited with status ${status}`;
		}
	}
	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	results.push({ name: suite.name, ...counts, seconds, note });
	console.log(`\n=== ${suite.name}: ${counts.passed} passed, ${counts.failed} failed (${seconds} s)${note ? `: ${note}` : ''}`);
}

console.log('\nSummary');
for (const { name, passed, failed, seconds, note } of results) {
	console.log(`  ${name.padEnd(14)} ${String(passed).padStart(4)} passed ${String(failed).padStart(3)} failed  ${seconds.padStart(6)} s${note ? `  (${note})` : ''}`);
}
const passed = results.reduce((sum, result) => sum + result.passed, 0);
const failed = results.reduce((sum, result) => sum + result.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
