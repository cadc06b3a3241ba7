import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { listGoldenFiles } from '../../../src/lib/server/regression/golden';
import { runJobs, threadCount } from '../../../src/lib/server/rating/rating-pool';

const Pool = suite('rating pool');
Pool('threads rate the same as this thread, each result at its own index', async () => {
	const listed = listGoldenFiles(['tests/golden']);
	assert.ok(listed.ok);
	if (!listed.ok) return;
	const jobs = listed.files.map((file) => ({ kind: 'golden' as const, file }));
	const here = await runJobs(jobs, { workers: 1 });
	const seen: number[] = [];
	const threads = await runJobs(jobs, { workers: 2, shareWithThisThread: false, onResult: (index) => seen.push(index) });
	assert.equal(threads, here);
	assert.equal([...seen].sort((a, b) => a - b), jobs.map((_, i) => i), 'every job reported once');
	assert.ok(here.every((o) => o.status === 'pass'));
});
Pool('short runs stay in this thread; long ones use every core', () => {
	assert.is(threadCount(32), 1);
	assert.is(threadCount(10_000) >= 1, true);
	assert.is(threadCount(3, 8), 3, 'never more threads than jobs');
});
Pool.run();
