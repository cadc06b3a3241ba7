// Regression runs on every core: golden files and impact items are rated in worker threads, a
// batch at a time, and handed back by index so callers report them in a fixed order. Small runs
// (and any run where threads cannot start) are rated in this thread with the same functions.
import { availableParallelism } from 'node:os';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { FrameworkVersion } from '../../engine/index';
import type { ImpactItem } from '../../regression/movement';
import { runGolden, type GoldenOutcome } from '../regression/golden';
import { rateUnderBoth, type ImpactSource } from '../regression/impact';

export type RatingJob =
	| { kind: 'golden'; file: string; framework?: string; update?: boolean }
	/** from and to name versions handed to the pool in `versions` */
	| { kind: 'impact'; source: ImpactSource; from: string; to: string };

type Output<J extends RatingJob> = J extends { kind: 'golden' } ? GoldenOutcome : ImpactItem;

export interface PoolOptions<J extends RatingJob> {
	/** threads to use, this one included; default one per core, fewer for a short run */
	workers?: number;
	/** false: this thread only hands out work (tests use it to make the worker threads do it all) */
	shareWithThisThread?: boolean;
	rulesDir?: string;
	/** versions loaded by the caller (drafts, or the two versions of an impact run), by "id@version" */
	versions?: Record<string, FrameworkVersion>;
	/** called as each job finishes, in any order */
	onResult?: (index: number, output: Output<J>) => void;
}

/**
 * A worker thread takes a second or two to start (modules, schemas, rule sets), the time this
 * thread needs for a few hundred files: shorter runs stay in this thread.
 */
const JOBS_PER_EXTRA_THREAD = 250;
const WORKER_ROLE = 'yardstick-rating-worker';

interface Context {
	rulesDir?: string;
	versions: Record<string, FrameworkVersion>;
}

async function perform(job: RatingJob, context: Context): Promise<GoldenOutcome | ImpactItem> {
	try {
		if (job.kind === 'golden') return await runGolden(job.file, { framework: job.framework, update: job.update, rulesDir: context.rulesDir, versions: context.versions });
		return await rateUnderBoth(job.source, context.versions[job.from], context.versions[job.to]);
	} catch (e) {
		// A bug, not bad input: report it against the job rather than lose the whole run.
		const message = `internal error: ${(e as Error).message}`;
		if (job.kind === 'golden') return { status: 'invalid', file: job.file, errors: [{ file: job.file, pointer: '', message, severity: 'error' }] };
		const id = 'file' in job.source ? (job.source.label ?? job.source.file) : job.source.id;
		return { id, name: id, invalid: [{ file: id, pointer: '', message, severity: 'error' }] };
	}
}

/** Threads for a run, this one included: as asked, or one per core when the run is long enough. */
export function threadCount(jobs: number, requested?: number): number {
	if (requested !== undefined) return Math.max(1, Math.min(requested, jobs));
	return Math.max(1, Math.min(availableParallelism(), 1 + Math.floor(jobs / JOBS_PER_EXTRA_THREAD)));
}

export async function runJobs<J extends RatingJob>(jobs: J[], options: PoolOptions<J> = {}): Promise<Output<J>[]> {
	const context: Context = { rulesDir: options.rulesDir, versions: options.versions ?? {} };
	const outputs = new Array<Output<J>>(jobs.length);
	const finish = (index: number, output: Output<J>) => {
		outputs[index] = output;
		options.onResult?.(index, output);
	};
	const queue = jobs.map((_, i) => i);
	/** jobs of threads that could not start or died */
	const leftOver: number[] = [];
	const drainHere = async (from: number[]) => {
		for (let n = 0; from.length; n++) {
			const index = from.shift()!;
			finish(index, (await perform(jobs[index], context)) as Output<J>);
			// Let a server answer other requests (progress polls) during a long run.
			if (n % 8 === 7) await new Promise((resolve) => setImmediate(resolve));
		}
	};

	const shared = options.shareWithThisThread ?? true;
	const threads = threadCount(jobs.length, options.workers);
	const extra = shared ? threads - 1 : threads;
	const batchSize = () => Math.max(1, Math.min(64, Math.ceil(queue.length / (threads * 8))));
	// Each worker: a promise that settles when it has stopped, and a way to stop it if it has no work.
	const workers = Array.from({ length: extra }, () => {
		let stopIfIdle = () => {};
		const done = new Promise<void>((resolve) => {
			const worker = startWorker(context);
			let inFlight: number[] = [];
			let settled = false;
			const stop = () => {
				settled = true;
				worker.terminate().then(() => resolve());
			};
			stopIfIdle = () => {
				if (!settled && !inFlight.length) stop();
			};
			const next = () => {
				inFlight = queue.splice(0, batchSize());
				if (inFlight.length) worker.postMessage({ batch: inFlight.map((index) => ({ index, job: jobs[index] })) });
				else stop();
			};
			worker.on('message', (message: { ready?: true; results?: { index: number; output: Output<J> }[] }) => {
				if (settled) return;
				for (const { index, output } of message.results ?? []) finish(index, output);
				next();
			});
			// A thread that cannot start or dies: its jobs are rated here instead.
			const giveUp = () => {
				if (settled) return;
				settled = true;
				leftOver.push(...inFlight, ...queue.splice(0));
				resolve();
			};
			worker.on('error', giveUp);
			worker.on('exit', giveUp);
		});
		return { done, stopIfIdle: () => stopIfIdle() };
	});
	// This thread works through the queue while the others start; a thread still starting when
	// the queue runs dry is not waited for.
	if (shared || !extra) {
		await drainHere(queue);
		for (const w of workers) w.stopIfIdle();
	}
	await Promise.all(workers.map((w) => w.done));
	await drainHere(leftOver.sort((a, b) => a - b));
	return outputs;
}

function startWorker(context: Context): Worker {
	const data = { role: WORKER_ROLE, rulesDir: context.rulesDir, versions: context.versions };
	const here = import.meta.url;
	// Run from source (the command line, tests, vite dev) a thread needs tsx to read TypeScript;
	// built, this module is plain JavaScript and the thread loads it directly.
	if (here.endsWith('.ts')) {
		const boot = `import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(here)}); })`;
		return new Worker(boot, { eval: true, workerData: data, execArgv: [] });
	}
	return new Worker(new URL(here), { workerData: data });
}

if (!isMainThread && workerData?.role === WORKER_ROLE && parentPort) {
	const port = parentPort;
	const context: Context = { rulesDir: workerData.rulesDir, versions: workerData.versions };
	port.on('message', async (message: { batch: { index: number; job: RatingJob }[] }) => {
		const results = [];
		for (const { index, job } of message.batch) results.push({ index, output: await perform(job, context) });
		port.postMessage({ results });
	});
	port.postMessage({ ready: true });
}
