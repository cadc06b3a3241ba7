// The benchmarks that time the built server build it first, unless run with --no-build (as
// `npm run bench` runs them after one build). A failed build stops the benchmark with its output.
import { spawnSync } from 'node:child_process';

export function buildUnlessAsked() {
	if (process.argv.includes('--no-build')) return;
	console.log('building the app (npm run build) …');
	const build = spawnSync('npm', ['run', '--silent', 'build'], { encoding: 'utf8' });
	if (build.status !== 0) {
		console.error(build.stdout, build.stderr);
		process.exit(1);
	}
}
