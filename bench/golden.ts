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
import { listGoldenFiles, type GoldenFile } from '../src/lib/server/regression/golden';

const FILES = Number(process.env.BENCH_GOLDEN_FILES ?? 10_000);
const TARGET_SECONDS = 20;
const PER_FOLDER = 500;

let seed = 20_250_601;
const random = () => ((seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647);

function generate(dir: string) {
	const listed = listGoldenFiles(['tests/golden']);
	if (!listed.ok) throw new Error(listed.message);
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

/** CPU seconds (user + system) of this process's finished children and theirs (Linux /proc). */
function childrenCpuSeconds(): number {
	const stat = readFileSync('/proc/self/stat', 'utf8');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	// fields[13] and [14] are cutime and cstime (fields 16 and 17 of proc(5)), in clock ticks
	return (Number(fields[13]) + Number(fields[14])) / 100;
}

const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ')[0];

async function timeGolden(args: string[]) {
	const cpuBefore = childrenCpuSeconds();
	const load = loadAverage();
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
	const cpu = childrenCpuSeconds() - cpuBefore;
	return { status, seconds, cpu, load, peak, lines, closing: lastLines.trim().split('\n').at(-1) ?? '', errors: errors.trim() };
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
	const line = (label: string, r: typeof update) =>
		`${label.padEnd(32)} ${r.seconds.toFixed(1).padStart(5)} s   ${(FILES / r.seconds).toFixed(0).padStart(4)} files/s   CPU ${r.cpu.toFixed(1)} s   peak memory ${mib(r.peak)}   (load average ${r.load} at start)`;
	console.log(line('npm run golden -- DIR --update', update));

	const run = await timeGolden([dir]);
	if (run.status !== 0 || run.closing !== `${FILES} passed, 0 failed`) throw new Error(`npm run golden exited with ${run.status}: ${run.closing} ${run.errors}`);
	console.log(line('npm run golden -- DIR', run), `\n${' '.repeat(33)}${run.closing}`);
	console.log(`\ntarget ${FILES} files in under ${TARGET_SECONDS} s: ${run.seconds < TARGET_SECONDS ? 'met' : 'NOT met'} (${run.seconds.toFixed(1)} s wall time, npm and tsx start-up included)`);
	console.log(`CPU: user + system time of npm, tsx and node with its threads; on ${availableParallelism()} otherwise idle cores the wall time is about CPU / ${availableParallelism()}, so a load average above ${availableParallelism()} (other work on the machine) stretches it`);
	console.log('peak memory: the resident memory of npm, tsx and node (with its worker threads) summed, sampled every 50 ms');
} finally {
	rmSync(dir, { recursive: true, force: true });
}
