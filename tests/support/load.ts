// The load `npm run test:server` and `npm run bench:load` put on the built server, with
// autocannon: 50 connections for 30 seconds, each signed in with an API token, each going round
// what inspectors do most: open an inspection's workspace, list the inspections, and rate
// evidence through the API (golden files' evidence, against each shipped version). No saves:
// saves from 50 connections on a few inspections would be refused as stale, by design.
import { existsSync, readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import type { GoldenFile } from '../../src/lib/server/regression/golden';
import { report, type Client, type TestServer } from './server';

const GOLDEN = ['tests/golden/2018/cases-mixed-with-tallies.json', 'tests/golden/2021/guidance-departure-reason-in-decision.json', 'tests/golden/2025/victims-cases-iyjwcv.json'];

export const LOAD = {
	connections: 50,
	/** LOAD_SECONDS=N for a shorter or longer run */
	seconds: Number(process.env.LOAD_SECONDS ?? 30),
	/** a stop however fast the server answers */
	maxRequests: 500_000,
	/** seconds autocannon waits for an answer before counting a timeout */
	timeout: 20
};

export interface LoadFigures {
	requests: number;
	seconds: number;
	perSecond: number;
	/** latency percentiles in ms */
	p50: number;
	p95: number;
	p99: number;
	errors: number;
	timeouts: number;
	non2xx: number;
	statusCodes: Record<string, number>;
	/** the server process's CPU time (user + system) per request, in ms: steadier than requests/s on a shared machine */
	cpuPerRequest: number | null;
}

/** CPU time a process has used so far, in ms (Linux), or null where it cannot be read. */
function cpuTime(pid: number | undefined): number | null {
	const file = `/proc/${pid}/stat`;
	if (!pid || !existsSync(file)) return null;
	// fields after the command name (which may hold spaces): utime and stime are the 12th and 13th
	const fields = readFileSync(file, 'utf8').split(') ')[1].split(' ');
	return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

type Request = { method: string; path: string; headers: Record<string, string>; body?: string };

/** The mix's three kinds of request, one of each per golden file. */
async function requestsOf(server: TestServer, client: Client): Promise<Record<'workspace' | 'list' | 'evaluate', Request[]>> {
	const kinds: Record<'workspace' | 'list' | 'evaluate', Request[]> = { workspace: [], list: [], evaluate: [] };
	for (const file of GOLDEN) {
		const golden = JSON.parse(readFileSync(file, 'utf8')) as GoldenFile;
		const id = await server.addInspection(client, golden.name, golden.framework, golden.inspection);
		kinds.workspace.push({ method: 'GET', path: `/inspections/${id}`, headers: { accept: 'text/html' } });
		kinds.list.push({ method: 'GET', path: '/inspections', headers: { accept: 'text/html' } });
		kinds.evaluate.push({ method: 'POST', path: '/api/evaluate', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ framework: golden.framework, inspection: golden.inspection }) });
	}
	return kinds;
}

/** Accounts and inspections for the load, then the load itself on the running server. */
export async function runLoad(server: TestServer): Promise<LoadFigures> {
	const [client] = await server.accounts(['load-tester'], ['inspector']);
	const kinds = await requestsOf(server, client);
	// in turn, as an inspector's round goes: a workspace, the list, a rating
	const requests = kinds.workspace.flatMap((workspace, i) => [workspace, kinds.list[i], kinds.evaluate[i]]);
	return measure(server, client, requests, LOAD.seconds, LOAD.connections);
}

async function measure(server: TestServer, client: Client, requests: Request[], seconds: number, connections: number): Promise<LoadFigures> {
	const run = autocannon({
		url: server.url,
		connections,
		duration: seconds,
		maxOverallRequests: LOAD.maxRequests,
		timeout: LOAD.timeout,
		headers: client.headers,
		requests
	});
	// autocannon's histogram has no 95th percentile: keep every answer's time.
	const latencies: number[] = [];
	run.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
	const cpuBefore = cpuTime(server.pid);
	const result = await run;
	const cpuAfter = cpuTime(server.pid);
	latencies.sort((a, b) => a - b);
	const percentile = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((latencies.length * p) / 100))] ?? NaN;
	return {
		requests: result.requests.total,
		seconds: result.duration,
		perSecond: result.requests.total / result.duration,
		p50: percentile(50),
		p95: percentile(95),
		p99: percentile(99),
		errors: result.errors,
		timeouts: result.timeouts,
		non2xx: result.non2xx,
		statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count])),
		cpuPerRequest: cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / Math.max(1, result.requests.total)
	};
}

/**
 * Where the mix's CPU goes: each kind of request alone for a few seconds (10 connections), as the
 * server's CPU time per request. For the benchmark's report, not a test.
 */
export async function cpuByKind(server: TestServer, seconds = 6): Promise<Record<string, number | null>> {
	const [client] = await server.accounts(['load-by-kind'], ['inspector']);
	const kinds = await requestsOf(server, client);
	const figures: Record<string, number | null> = {};
	for (const [kind, requests] of Object.entries(kinds)) figures[kind] = (await measure(server, client, requests, seconds, 10)).cpuPerRequest;
	return figures;
}

/** What issue 12 asks of this mix on a 2-core machine shared by the server and autocannon. */
export const LOAD_TARGETS = { perSecond: 600, p95: 150 };

const verdict = (met: boolean) => (met ? 'met' : 'not met');

export function printFigures(f: LoadFigures) {
	const clean = !f.errors && !f.timeouts && !f.non2xx;
	report(
		`${LOAD.connections} connections for ${f.seconds.toFixed(1)} s: ${f.requests} requests, ${f.perSecond.toFixed(1)} requests/s   target >= ${LOAD_TARGETS.perSecond}: ${verdict(f.perSecond >= LOAD_TARGETS.perSecond)}`,
		`latency p50 ${f.p50.toFixed(0)} ms   p95 ${f.p95.toFixed(0)} ms   p99 ${f.p99.toFixed(0)} ms   p95 target < ${LOAD_TARGETS.p95} ms: ${verdict(f.p95 < LOAD_TARGETS.p95)}`,
		`errors ${f.errors}, timeouts ${f.timeouts}, non-2xx ${f.non2xx} (status codes ${JSON.stringify(f.statusCodes)})   target none: ${verdict(clean)}`,
		`the server's CPU time: ${f.cpuPerRequest === null ? 'not measured' : `${f.cpuPerRequest.toFixed(2)} ms a request`} (steadier than requests/s when others share the machine)`
	);
}
