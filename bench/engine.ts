// npm run bench: the engine on a maximum-size 2025 inspection (125 children's cases and 30
// victims' cases answered one by one, every standard), against a plain hand-written function
// for 2025 alone (no json-rules-engine) as the floor.
import { evaluate, type Inspection } from '../src/lib/engine/index';
import { loadFramework } from '../src/lib/server/frameworks/frameworks';
import { maximumInspection } from './inspection';
import { floor2025 } from './floor-2025';
import { modelOf } from '../src/lib/engine/model';

const loaded = loadFramework('hmip-youth@2025');
if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
const framework = loaded.value;
const inspection: Inspection = maximumInspection();

const WARMUP = 200;
const RUNS = 2000;


async function time(label: string, fn: () => unknown): Promise<{ median: number; p95: number; bytes: number }> {
	for (let i = 0; i < WARMUP; i++) await fn();
	const times: number[] = [];
	globalThis.gc?.();
	const heapBefore = process.memoryUsage().heapUsed;
	let allocated = 0;
	for (let i = 0; i < RUNS; i++) {
		const before = process.memoryUsage().heapUsed;
		const start = performance.now();
		await fn();
		times.push(performance.now() - start);
		const after = process.memoryUsage().heapUsed;
		if (after > before) allocated += after - before;
	}
	times.sort((a, b) => a - b);
	const result = { median: times[Math.floor(RUNS / 2)], p95: times[Math.floor(RUNS * 0.95)], bytes: allocated / RUNS };
	globalThis.gc?.();
	const retained = process.memoryUsage().heapUsed - heapBefore;
	console.log(
		`${label.padEnd(34)} median ${result.median.toFixed(3)} ms   p95 ${result.p95.toFixed(3)} ms   ~${(result.bytes / 1024).toFixed(0)} KiB allocated per run   retained after ${RUNS} runs ${(retained / 1024).toFixed(0)} KiB`
	);
	return result;
}

// The two must agree before their times mean anything.
const engineResult = await evaluate(framework, inspection);
const floorResult = floor2025(inspection);
for (const [id, rating] of Object.entries(floorResult.standards)) {
	if (engineResult.standards[id].final !== rating) throw new Error(`floor and engine disagree on ${id}: ${rating} vs ${engineResult.standards[id].final}`);
}
if (JSON.stringify(floorResult.scoreRange) !== JSON.stringify(engineResult.composite.scoreRange)) throw new Error('floor and engine disagree on the composite');

console.log(`maximum-size inspection: ${inspection.cases!.length} cases (125 children, 30 victims), ${Object.keys(engineResult.standards).length} standards, hmip-youth@2025 (IYJS)`);
console.log(`${RUNS} timed runs after ${WARMUP} warm-up runs, Node ${process.version}, one process\n`);
// Live editing: each run one answer differs from the run before, as when an inspector types.
let n = 0;
const edited = () => {
	const c = inspection.cases![n++ % 125];
	c.answers!['2.1.1'] = c.answers!['2.1.1'] === 'yes' ? 'no' : 'yes';
	return inspection;
};
const rules = modelOf(framework).rules;
const cold = await time('engine, cold (nothing remembered)', () => {
	for (const set of Object.values(rules)) set.forget();
	return evaluate(framework, edited());
});
const live = await time('engine, one answer changed per run', () => evaluate(framework, edited()));
const floor = await time('floor (hand-written, 2025 only)', () => floor2025(edited()));
const ratio = (a: number, b: number) => `${(a / b).toFixed(1)}x`;
console.log(`\nratio to the floor (median / p95): cold ${ratio(cold.median, floor.median)} / ${ratio(cold.p95, floor.p95)}, live ${ratio(live.median, floor.median)} / ${ratio(live.p95, floor.p95)}`);
console.log(`target under 20 ms per maximum-size inspection: ${cold.p95 < 20 ? 'met' : 'NOT met'} (cold p95 ${cold.p95.toFixed(2)} ms)`);
console.log(`target within 3x of the floor: cold ${cold.median / floor.median <= 3 ? 'met' : 'NOT met'}, live ${live.median / floor.median <= 3 ? 'met' : 'NOT met'}`);
console.log(`process: rss ${(process.memoryUsage().rss / 1048576).toFixed(0)} MiB, heap ${(process.memoryUsage().heapUsed / 1048576).toFixed(0)} MiB`);
