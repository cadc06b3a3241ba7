import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { strToU8, zipSync } from 'fflate';
import { readVersionFiles, type VersionFiles } from '../../../src/lib/server/frameworks/frameworks';
import { unzipVersion, zipVersion } from '../../../src/lib/server/frameworks/version-archive';
import { jsonEntry, zeros, zip } from '../../support/zip';

const files2025 = (): VersionFiles => {
	const read = readVersionFiles('rules/hmip-youth/2025');
	if (!read.ok) throw new Error('2025 does not read');
	return read.value;
};
const pretty = (v: unknown) => strToU8(JSON.stringify(v, null, 2));
const archive = (entries: Record<string, Uint8Array>) => zipSync(entries);
const entriesOf = (files: VersionFiles, prefix = '') => Object.fromEntries(Object.entries(files).map(([name, value]) => [prefix + name, pretty(value)]));

const Export = suite('zipVersion');
Export('the archive holds every file, and reads back to the same files', () => {
	const files = files2025();
	const back = unzipVersion(zipVersion(files), '2025.zip');
	assert.ok(back.ok, JSON.stringify(!back.ok && back.errors));
	if (back.ok) assert.equal(back.value, files);
});
Export('the same version gives the same bytes', () => {
	assert.equal(zipVersion(files2025()), zipVersion(files2025()));
});
Export.run();

interface Bad {
	name: string;
	entries: () => Record<string, Uint8Array> | Uint8Array;
	expect: [string, string, RegExp][];
}

const Import = suite('unzipVersion: checked in full before anything is stored; errors name file and pointer');
Import('files in one folder (a zipped rules/<id>/<version>) are read from it', () => {
	const back = unzipVersion(archive({ ...entriesOf(files2025(), '2025/'), '2025/publication.json': pretty({ hash: 'x' }), '__MACOSX/._x': new Uint8Array(1) }), 'up.zip');
	assert.ok(back.ok, JSON.stringify(!back.ok && back.errors));
});
const bad: Bad[] = [
	{ name: 'not a zip', entries: () => strToU8('hello'), expect: [['up.zip', '', /is not a zip archive/]] },
	{ name: 'no framework.json', entries: () => archive({ 'a.json': pretty({}) }), expect: [['up.zip', '', /holds no framework.json/]] },
	{
		name: 'a file that is not JSON',
		entries: () => archive({ ...entriesOf(files2025()), 'rules.json': strToU8('{ "discretion": ') }),
		expect: [['up.zip/rules.json', '', /not valid JSON/]]
	},
	{
		name: 'a duplicate key',
		entries: () => archive({ ...entriesOf(files2025()), 'composite.json': strToU8('{ "title": "a", "title": "b" }') }),
		expect: [['up.zip/composite.json', '/title', /duplicate key "title"/]]
	},
	{
		name: 'a file that is no part of a version',
		entries: () => archive({ ...entriesOf(files2025()), 'notes.txt': strToU8('x') }),
		expect: [['up.zip/notes.txt', '', /is not a version file/]]
	},
	{
		name: 'a domain file framework.json does not list',
		entries: () => archive({ ...entriesOf(files2025()), 'domains/9.json': pretty({}) }),
		expect: [['up.zip/domains/9.json', '', /is not one of framework.json's domains/]]
	},
	{
		name: 'a missing domain file',
		entries: () => {
			const entries = entriesOf(files2025());
			delete entries['domains/V.json'];
			return archive(entries);
		},
		expect: [['up.zip/framework.json', '/domains/2', /domain file "domains\/V.json" is missing/]]
	},
	{
		name: 'a semantic error, inside a folder',
		entries: () => {
			const files = files2025();
			(files['composite.json'] as Record<string, unknown>).standards = ['2.1', '2.2', '2.3', '9.9'];
			return archive(entriesOf(files, 'v/'));
		},
		expect: [['up.zip/v/composite.json', '/standards/3', /unknown standard "9.9"/]]
	}
];
for (const c of bad) {
	Import(c.name, () => {
		const made = c.entries();
		const back = unzipVersion(made instanceof Uint8Array ? made : archive(made), 'up.zip');
		assert.not.ok(back.ok);
		if (back.ok) return;
		assert.is(back.errors.length, c.expect.length, JSON.stringify(back.errors));
		c.expect.forEach(([file, pointer, message], i) => {
			assert.equal([back.errors[i].file, back.errors[i].pointer], [file, pointer]);
			assert.match(back.errors[i].message, message);
		});
	});
}
Import.run();

const Bombs = suite('unzipVersion: bounded whatever the archive claims (issue 10, row 3)');
const versionEntries = (prefix = '') => Object.entries(files2025()).map(([name, value]) => jsonEntry(prefix + name, value));
const timed = <T>(work: () => T): [T, number] => {
	const started = performance.now();
	const out = work();
	return [out, performance.now() - started];
};
Bombs('the issue\'s archive: framework.json and four huge entries of zeros under __MACOSX/ are skipped unread', () => {
	const bomb = zeros(64);
	const huge = [1, 2, 3, 4].map((i) => ({ name: `__MACOSX/._zeros${i}`, method: 8 as const, data: bomb.data, size: 0xffffffff }));
	const before = process.memoryUsage().arrayBuffers;
	const [back, ms] = timed(() => unzipVersion(zip([...versionEntries(), ...huge]), 'up.zip'));
	assert.ok(back.ok, JSON.stringify(!back.ok && back.errors));
	assert.ok(ms < 1500, `took ${ms} ms`);
	assert.ok(process.memoryUsage().arrayBuffers - before < 32 * 1024 * 1024, 'allocated as if it inflated them');
});
Bombs('a version file declared small that inflates to 64 MB: stopped at the limit, naming the entry', () => {
	const bomb = zeros(64);
	const entries = versionEntries().map((e) => (e.name === 'rules.json' ? { ...e, data: bomb.data, size: 1000 } : e));
	const [back, ms] = timed(() => unzipVersion(zip(entries), 'up.zip'));
	assert.not.ok(back.ok);
	if (!back.ok) assert.equal(back.errors.map((e) => [e.file, e.message]), [['up.zip/rules.json', 'inflates to more than 2 MB']]);
	assert.ok(ms < 1500, `took ${ms} ms`);
});
Bombs('a version file declared larger than 2 MB: refused by its declared size, before anything is inflated', () => {
	const entries = versionEntries().map((e) => (e.name === 'bandings.json' ? { ...e, size: 3 * 1024 * 1024 } : e));
	const back = unzipVersion(zip(entries), 'up.zip');
	assert.not.ok(back.ok);
	if (!back.ok) assert.equal(back.errors.map((e) => [e.file, e.message]), [['up.zip/bandings.json', 'is 3 MB unpacked: each file of a version must be 2 MB or less']]);
});
Bombs('domain files that together declare more than 8 MB: refused, naming the archive', () => {
	const files = files2025();
	const framework = files['framework.json'] as { domains: string[] };
	const extra = Array.from({ length: 5 }, (_, i) => `domains/x${i}.json`);
	const entries = [
		jsonEntry('framework.json', { ...framework, domains: [...framework.domains, ...extra] }),
		...versionEntries().filter((e) => e.name !== 'framework.json'),
		...extra.map((name) => ({ ...jsonEntry(name, {}), size: 1.9 * 1024 * 1024 }))
	];
	const back = unzipVersion(zip(entries), 'up.zip');
	assert.not.ok(back.ok);
	if (!back.ok) assert.match(back.errors.map((e) => `${e.file}: ${e.message}`).join('\n'), /^up\.zip: unpacks to 9\.\d MB: a version's files must come to 8 MB or less$/m);
});
Bombs('domain files that lie about their sizes and together inflate past 8 MB: stopped at the total', () => {
	const files = files2025();
	const framework = files['framework.json'] as { domains: string[] };
	const bomb = zeros(1); // 1 MB each, declared as 10 bytes: eight come to more than 8 MB
	const extra = Array.from({ length: 8 }, (_, i) => `domains/x${i}.json`);
	const entries = [
		jsonEntry('framework.json', { ...framework, domains: [...framework.domains, ...extra] }),
		...versionEntries().filter((e) => e.name !== 'framework.json'),
		...extra.map((name) => ({ name, method: 8 as const, data: bomb.data, size: 10 }))
	];
	const back = unzipVersion(zip(entries), 'up.zip');
	assert.not.ok(back.ok);
	assert.equal(!back.ok && back.errors.map((e) => e.file), ['up.zip/domains/x7.json']);
	assert.match(!back.ok ? back.errors[0].message : '', /^inflates to more than [\d.]+ MB: the version's files must come to 8 MB or less$/);
});
Bombs('more than 500 entries: refused before any is read', () => {
	const many = Array.from({ length: 501 }, (_, i) => ({ name: `__MACOSX/${i}`, method: 0 as const, data: new Uint8Array(0), size: 0 }));
	const back = unzipVersion(zip([...versionEntries(), ...many]), 'up.zip');
	assert.equal(!back.ok && back.errors.map((e) => e.message), [`holds ${versionEntries().length + many.length} entries: a version's archive holds at most 500`]);
});
Bombs('a name not a version file is refused by name alone, its bomb never inflated', () => {
	const bomb = zeros(64);
	const [back, ms] = timed(() => unzipVersion(zip([...versionEntries(), { name: 'notes.bin', method: 8, data: bomb.data, size: 10 }]), 'up.zip'));
	assert.equal(!back.ok && back.errors.map((e) => [e.file, e.message]), [['up.zip/notes.bin', 'is not a version file (framework.json, bandings.json, rules.json, composite.json, sampling.json, domains/<name>.json)']]);
	assert.ok(ms < 500, `took ${ms} ms`);
});
Bombs('an entry twice, damaged data, another compression method: each named', () => {
	const twice = unzipVersion(zip([...versionEntries(), jsonEntry('rules.json', {})]), 'up.zip');
	assert.equal(!twice.ok && twice.errors.map((e) => [e.file, e.message]), [['up.zip/rules.json', 'is in the archive twice']]);
	const damaged = unzipVersion(zip(versionEntries().map((e) => (e.name === 'rules.json' ? { ...e, data: new Uint8Array([0xff, 0xff, 0xff]) } : e))), 'up.zip');
	assert.equal(!damaged.ok && damaged.errors.map((e) => e.file), ['up.zip/rules.json']);
	const method = unzipVersion(zip(versionEntries().map((e) => (e.name === 'rules.json' ? { ...e, method: 12 as unknown as 8 } : e))), 'up.zip');
	assert.equal(!method.ok && method.errors.map((e) => [e.file, e.message]), [['up.zip/rules.json', 'uses a compression method (12) other than deflate']]);
});
Bombs.run();
