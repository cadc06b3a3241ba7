// npm run bench:load: throughput and latency of the built server under load (autocannon, 50
// connections for 30 s of signed-in reading and rating; the mix is in tests/support/load.ts, which
// the server tests run too). Builds the app first, unless --no-build. LOAD_CPU_PROF=DIR profiles the
// server while it runs (node --cpu-prof): a .cpuprofile in DIR when it stops, for
// `node bench/cpu-profile.mjs FILE` or Chromium's DevTools.
import { availableParallelism } from 'node:os';
import { cpuByKind, printFigures, runLoad } from '../tests/support/load';
import { report } from '../tests/support/server';
import { TestServer } from '../tests/support/server';
import { buildUnlessAsked } from './build';

buildUnlessAsked();

const profile = process.env.LOAD_CPU_PROF;
const server = await TestServer.start({}, undefined, profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []);
try {
	console.log(`\nthe built server under load on loopback: Node ${process.version}, ${availableParallelism()} cores shared by the server and autocannon\n`);
	const figures = await runLoad(server);
	printFigures(figures);
	const byKind = await cpuByKind(server);
	report(`the server's CPU time a request, each kind alone: ${Object.entries(byKind).map(([kind, ms]) => `${kind} ${ms === null ? '?' : ms.toFixed(2)} ms`).join(', ')}`);
	if (figures.errors || figures.timeouts || figures.non2xx) process.exitCode = 1;
} finally {
	await server.dispose();
}
