// npm run bench:golden: the throughput of `npm run golden` over 10,000 generated golden files
// (files per second, wall time, and the peak memory of the whole process tree: npm, tsx and
// the node process with its worker threads). Target: 10,000 files in under 20 seconds.
//
// The files are the shipped golden files with their tallies redrawn from a seeded generator, so
// every file is different evidence. Their expectations start as the templates' and are brought
// up to date by `npm run golden -- --update` (timed too), so the timed run passes every file.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { listGoldenFiles, type GoldenFile } from '../src/lib/server/golden';

const FILES = Number(process.env.BENCH_GOLDEN_FILES ?? 10_000);
const TARGET_SECONDS = 20;
const PER_FOLDER = 500;

let seed = 20_250_601;
const random = () => ((seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647);

function generate(dir: string) {
	const listed = listGoldenFiles(['tests/golden']);
	if (!listed.ok) throw new Error(`${listed.missing} is missing`);
	const templates = listed.files.map((file) => JSON.parse(readFileSync(file, 'utf8')) as GoldenFile);
	for (let i = 0; i < FILES; i++) {
		const golden = structuredClone(templates[i % templates.length]);
		golden.name = `${golden.name} #${i}`;
		for (const tally of Object.values(golden.inspection.tallies ?? {})) {
			tally.relevant = 1 + Math.floor(random() * 40);
			tally.yes = Math.floor(random() * (tally.relevant + 1));
		}
		const folder = path.join(dir, `batch-${String(Math.floor(i / PER_FOLDER)).padStart(3, '0')}`);
		if (i % PER_FOLDER === 0) mkdirSync(folder);
		writeFileSync(path.join(folder, `golden-${String(i).padStart(5, '0')}.json`), JSON.stringify(golden, null, 2) + '\n');
	}
}

/** Resident memory of a process and all its descendants, in bytes (Linux /proc). */
function treeRss(root: number): number {
	const children = new Map<number, number[]>();
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		try {
			const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
		} catch {
			// gone between listing and reading
		}
	}
	let total = 0;
	const visit = (pid: number) => {
		try {
			const kb = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m)?.[1];
			total += Number(kb ?? 0) * 1024;
		} catch {
			// gone
		}
		for (const child of children.get(pid) ?? []) visit(child);
	};
	visit(root);
	return total;
}

async function timeGolden(args: string[]) {
	const started = performance.now();
	const child = spawn('npm', ['run', '--silent', 'golden', '--', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
	let peak = 0;
	const sampler = setInterval(() => (peak = Math.max(peak, treeRss(child.pid!))), 50);
	let lastLines = '';
	let lines = 0;
	child.stdout.on('data', (chunk: Buffer) => {
		const text = chunk.toString();
		lines += text.split('\n').length - 1;
		lastLines = (lastLines + text).slice(-400);
	});
	let errors = '';
	child.stderr.on('data', (chunk: Buffer) => (errors = (errors + chunk).slice(-2000)));
	const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
	clearInterval(sampler);
	const seconds = (performance.now() - started) / 1000;
	return { status, seconds, peak, lines, closing: lastLines.trim().split('\n').at(-1) ?? '', errors: errors.trim() };
}

const mib = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MiB`;
const dir = mkdtempSync(path.join(tmpdir(), 'yardstick-bench-golden-'));
try {
	const generating = performance.now();
	generate(dir);
	console.log(`${FILES} golden files generated in ${((performance.now() - generating) / 1000).toFixed(1)} s under ${dir}`);
	console.log(`Node ${process.version}, ${availableParallelism()} cores\n`);

	const update = await timeGolden([dir, '--update']);
	if (update.status !== 0) throw new Error(`npm run golden -- --update exited with ${update.status}: ${update.errors || update.closing}`);
	console.log(`npm run golden -- DIR --update   ${update.seconds.toFixed(1)} s   ${(FILES / update.seconds).toFixed(0)} files/s   peak memory ${mib(update.peak)}   (${update.closing.split('\n')[0]})`);

	const run = await timeGolden([dir]);
	if (run.status !== 0 || run.closing !== `${FILES} passed, 0 failed`) throw new Error(`npm run golden exited with ${run.status}: ${run.closing} ${run.errors}`);
	console.log(`npm run golden -- DIR            ${run.seconds.toFixed(1)} s   ${(FILES / run.seconds).toFixed(0)} files/s   peak memory ${mib(run.peak)}   (${run.closing})`);
	console.log(`\ntarget ${FILES} files in under ${TARGET_SECONDS} s: ${run.seconds < TARGET_SECONDS ? 'met' : 'NOT met'} (${run.seconds.toFixed(1)} s, wall time including npm and tsx start-up)`);
	console.log('peak memory: the resident memory of npm, tsx and node (with its worker threads) summed, sampled every 50 ms');
} finally {
	rmSync(dir, { recursive: true, force: true });
}
