// Runs started from the regression pages: golden runs and impact runs, rated in the background
// while the page polls their progress. Kept in memory (a run is a check, not a record): the
// latest few stay, older finished ones are forgotten.
import { readFileSync } from 'node:fs';
import type { FrameworkVersion } from '../../engine/index';
import { lineDiff, type Hunk } from '../../regression/line-diff';
import { movement, type ImpactItem, type MovementReport } from '../../regression/movement';
import { changesToAccept, runGolden, textHash, type ExpectationChange, type GoldenOutcome } from './golden';
import type { GoldenSource, SourceFile } from './golden-sources';
import { editGoldenText, rewriteGolden } from './golden-write';
import { scaleOf, type ImpactSource } from './impact';
import { runJobs } from '../rating/rating-pool';

interface RunBase {
	id: string;
	startedAt: string;
	finishedAt?: string;
	status: 'running' | 'done' | 'failed';
	/** what went wrong when the run itself failed (not a file) */
	error?: string;
	total: number;
	done: number;
}

export interface GoldenRunFile extends SourceFile {
	outcome?: GoldenOutcome;
	/** the changes "accept actual as expected" made */
	accepted?: ExpectationChange[];
}

export interface GoldenRun extends RunBase {
	kind: 'golden';
	source: { kind: 'folder'; folder: string } | { kind: 'upload' };
	/** null: each file against its own version */
	framework: string | null;
	versions: Record<string, FrameworkVersion>;
	files: GoldenRunFile[];
}

export interface ImpactRun extends RunBase {
	kind: 'impact';
	corpus: { kind: 'inspections' } | { kind: 'folder'; folder: string } | { kind: 'upload' };
	from: string;
	to: string;
	report?: MovementReport;
}

const KEEP = 20;
const runs = new Map<string, GoldenRun | ImpactRun>();

function remember(run: GoldenRun | ImpactRun) {
	runs.set(run.id, run);
	const finished = [...runs.values()].filter((r) => r.status !== 'running');
	for (const old of finished.slice(0, Math.max(0, runs.size - KEEP))) runs.delete(old.id);
}

const finish = (run: RunBase) => {
	run.status = 'done';
	run.finishedAt = new Date().toISOString();
};
const failed = (run: RunBase) => (e: unknown) => {
	run.status = 'failed';
	run.error = (e as Error).message;
	run.finishedAt = new Date().toISOString();
};

export function getRun(id: string): GoldenRun | ImpactRun | undefined {
	return runs.get(id);
}

/** Newest first. */
export function listRuns(): (GoldenRun | ImpactRun)[] {
	return [...runs.values()].reverse();
}

export function startGoldenRun(id: string, source: GoldenSource, framework: FrameworkVersion | null): GoldenRun {
	const ref = framework ? `${framework.meta.id}@${framework.meta.version}` : null;
	const versions = framework && ref ? { [ref]: framework } : {};
	const run: GoldenRun = {
		kind: 'golden',
		id,
		startedAt: new Date().toISOString(),
		status: 'running',
		total: source.files.length,
		done: 0,
		source: source.kind === 'folder' ? { kind: 'folder', folder: source.folder } : { kind: 'upload' },
		framework: ref,
		versions,
		files: source.files.map((f) => ({ ...f }))
	};
	remember(run);
	runJobs(
		run.files.map((f) => ({ kind: 'golden' as const, file: f.file, framework: ref ?? undefined })),
		{ versions, onResult: (index, outcome) => ((run.files[index].outcome = outcome), run.done++) }
	).then(() => finish(run), failed(run));
	return run;
}

export function startImpactRun(id: string, corpus: ImpactRun['corpus'], sources: ImpactSource[], from: FrameworkVersion, to: FrameworkVersion): ImpactRun {
	const [fromScale, toScale] = [scaleOf(from), scaleOf(to)];
	const run: ImpactRun = { kind: 'impact', id, startedAt: new Date().toISOString(), status: 'running', total: sources.length, done: 0, corpus, from: fromScale.ref, to: toScale.ref };
	remember(run);
	runJobs(
		sources.map((source) => ({ kind: 'impact' as const, source, from: fromScale.ref, to: toScale.ref })),
		{ versions: { [fromScale.ref]: from, [toScale.ref]: to }, onResult: () => run.done++ }
	).then((items: ImpactItem[]) => {
		run.report = movement(items, { from: fromScale, to: toScale });
		finish(run);
	}, failed(run));
	return run;
}

export type AcceptPlan =
	| { ok: true; file: GoldenRunFile; hash: string; text: string; changes: ExpectationChange[]; hunks: Hunk[] }
	| { ok: false; file?: GoldenRunFile; message: string };

/** What accepting a file's actual results would change, judged on the file as it is now. */
export async function planAccept(run: GoldenRun, index: number): Promise<AcceptPlan> {
	const file = run.files[index];
	if (!file) return { ok: false, message: 'There is no such file in this run' };
	const outcome = await runGolden(file.file, { framework: run.framework ?? undefined, versions: run.versions });
	if (outcome.status === 'invalid') return { ok: false, file, message: `${file.label} cannot be rated as it is now: ${outcome.errors[0].pointer || '/'}: ${outcome.errors[0].message}` };
	const changes = changesToAccept(outcome as Extract<GoldenOutcome, { differences: unknown }>);
	if (!changes.length) return { ok: false, file, message: `${file.label} already passes: there is nothing to accept` };
	const text = readFileSync(file.file, 'utf8');
	if (textHash(text) !== outcome.hash) return { ok: false, file, message: `${file.label} changed while it was being checked. Try again.` };
	const edited = editGoldenText(file.label, text, changes);
	if (!edited.ok) return { ok: false, file, message: edited.errors[0].message };
	return { ok: true, file, hash: outcome.hash, text, changes, hunks: lineDiff(text, edited.text) };
}

/** Rewrite the file, if it is still what the person saw when they confirmed. */
export async function applyAccept(run: GoldenRun, index: number, seenHash: string): Promise<{ ok: true; changes: ExpectationChange[] } | { ok: false; message: string }> {
	const plan = await planAccept(run, index);
	if (!plan.ok) return plan;
	if (plan.hash !== seenHash) return { ok: false, message: `${plan.file.label} has changed since you looked at it. Check the changes again before accepting them.` };
	const written = rewriteGolden(plan.file.file, plan.text, plan.changes);
	if (!written.ok) return { ok: false, message: written.errors[0].message };
	plan.file.accepted = plan.changes;
	plan.file.outcome = await runGolden(plan.file.file, { framework: run.framework ?? undefined, versions: run.versions });
	return { ok: true, changes: plan.changes };
}
