// Where a server's time went: self time by function and by file from a V8 .cpuprofile (what
// `node --cpu-prof` writes, and LOAD_CPU_PROF=DIR npm run bench:load makes). Usage:
//   node bench/cpu-profile.mjs FILE.cpuprofile [TOP]
import { readFileSync } from 'node:fs';

const [file, top = '25'] = process.argv.slice(2);
if (!file) {
	console.error('usage: node bench/cpu-profile.mjs FILE.cpuprofile [TOP]');
	process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
// self time per node: each sample's node, weighted by the time to the next sample
const self = new Map();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);

const where = (frame) => {
	const url = frame.url.replace(/^file:\/\/.*?\/(node_modules|build|src)\//, '$1/');
	return url ? `${url}:${frame.lineNumber + 1}` : '(native)';
};
const sum = (key) => {
	const sums = new Map();
	for (const [id, us] of self) {
		const k = key(byId.get(id).callFrame);
		sums.set(k, (sums.get(k) ?? 0) + us);
	}
	return [...sums].sort((a, b) => b[1] - a[1]).slice(0, Number(top));
};
const print = (title, rows) => {
	console.log(`\n${title}`);
	for (const [k, us] of rows) console.log(`${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`);
};
console.log(`${file}: ${(total / 1e6).toFixed(1)} s of samples`);
print('self time by function', sum((f) => `${f.functionName || '(anonymous)'}  ${where(f)}`));
print('self time by file', sum((f) => f.url.replace(/^file:\/\/.*?\/(node_modules\/(@[^/]+\/)?[^/]+|build\/[^/]+\/[^/]+|src\/.*)$/, '$1') || `(${f.functionName})`));
