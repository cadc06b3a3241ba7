// Property-based fuzzing: thousands of malformed inspections, golden files and framework files
// fed to the validators and the engine. Nothing may crash; every rejection names a pointer.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { evaluate, parseJson, validateAgainst, validateInspection, validateVersion, type Issue } from '../../src/lib/engine/index';
import { loadFramework } from '../../src/lib/server/frameworks/frameworks';
import { readFileSync } from 'node:fs';

const versions = ['hmip-youth@2018', 'hmip-youth@2021', 'hmip-youth@2025'].map((ref) => {
	const loaded = loadFramework(ref, 'rules');
	if (!loaded.ok) throw new Error(ref);
	return loaded.value;
});
const goldenText = readFileSync('tests/golden/2021/rule-1.1-outstanding-broken.json', 'utf8');
const golden = JSON.parse(goldenText);

/** Replace the node the path leads to (indices taken modulo each level's size) with `replacement`. */
function mutate(value: unknown, path: number[], replacement: unknown): unknown {
	if (!path.length || value === null || typeof value !== 'object') return replacement;
	const keys = Object.keys(value as object);
	if (!keys.length) return replacement;
	const key = keys[path[0] % keys.length];
	const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...(value as object) };
	(copy as Record<string, unknown>)[key] = mutate((value as Record<string, unknown>)[key], path.slice(1), replacement);
	return copy;
}

const wellFormed = (issues: Issue[]) =>
	issues.length > 0 && issues.every((i) => typeof i.pointer === 'string' && (i.pointer === '' || i.pointer.startsWith('/')) && i.message.length > 0 && !/\bat .+:\d+:\d+/.test(i.message));

// A fixed seed keeps CI repeatable; FUZZ_SEED=<n> explores other inputs.
fc.configureGlobal({ seed: Number(process.env.FUZZ_SEED ?? 20261122) });

const mutation = fc.record({ path: fc.array(fc.nat(), { maxLength: 8 }), replacement: fc.jsonValue({ maxDepth: 3 }) });

const Fuzz = suite('fuzz');

Fuzz('malformed inspections: rejected with pointers, or rated without a crash', async () => {
	await fc.assert(
		fc.asyncProperty(fc.constantFrom(...versions), mutation, async (framework, { path, replacement }) => {
			const candidate = mutate(golden.inspection, path, replacement);
			const checked = validateInspection(framework, candidate, 'fuzz.json');
			if (!checked.ok) return wellFormed(checked.errors);
			const result = await evaluate(framework, checked.value);
			return Object.keys(result.standards).length > 0 && typeof result.composite.trace === 'string';
		}),
		{ numRuns: 3000 }
	);
});

Fuzz('arbitrary values as inspections never crash the validator', () => {
	fc.assert(
		fc.property(fc.constantFrom(...versions), fc.jsonValue({ maxDepth: 4 }), (framework, value) => {
			const checked = validateInspection(framework, value, 'fuzz.json');
			return checked.ok || wellFormed(checked.errors);
		}),
		{ numRuns: 2000 }
	);
});

Fuzz('golden files: malformed text and mutated documents are rejected with pointers', () => {
	fc.assert(
		fc.property(fc.string({ maxLength: 200 }), fc.nat(goldenText.length), (junk, at) => {
			const text = goldenText.slice(0, at) + junk + goldenText.slice(at);
			const parsed = parseJson(text, 'fuzz.json');
			if (!parsed.ok) return wellFormed(parsed.errors);
			const issues = validateAgainst('golden', parsed.value, 'fuzz.json');
			return issues.length === 0 || wellFormed(issues);
		}),
		{ numRuns: 2000 }
	);
	fc.assert(
		fc.property(mutation, ({ path, replacement }) => {
			const issues = validateAgainst('golden', mutate(golden, path, replacement), 'fuzz.json');
			return issues.length === 0 || wellFormed(issues);
		}),
		{ numRuns: 2000 }
	);
});

Fuzz('framework files: mutated versions are rejected with file and pointer, or still rate', async () => {
	const raw = (dir: string) => {
		const files: Record<string, unknown> = {};
		const meta = JSON.parse(readFileSync(`${dir}/framework.json`, 'utf8'));
		for (const f of ['framework.json', 'bandings.json', 'rules.json', 'composite.json', ...meta.domains]) files[f] = JSON.parse(readFileSync(`${dir}/${f}`, 'utf8'));
		return files;
	};
	const bases = ['2018', '2021', '2025'].map((v) => raw(`rules/hmip-youth/${v}`));
	await fc.assert(
		fc.asyncProperty(fc.constantFrom(0, 1, 2), mutation, async (which, { path, replacement }) => {
			const files = mutate(bases[which], path, replacement) as Record<string, unknown>;
			const checked = validateVersion(files, 'fuzz');
			if (!checked.ok) return wellFormed(checked.errors) && checked.errors.every((e) => e.file === 'fuzz' || e.file.startsWith('fuzz/'));
			const result = await evaluate({ ...checked.value, hash: 'fuzz' }, { context: which === 2 ? { inspectionType: 'iyjs' } : {} });
			return typeof result.composite.trace === 'string';
		}),
		{ numRuns: 2000 }
	);
});

Fuzz.run();
