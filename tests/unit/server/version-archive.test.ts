import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { strToU8, zipSync } from 'fflate';
import { readVersionFiles, type VersionFiles } from '../../../src/lib/server/frameworks';
import { unzipVersion, zipVersion } from '../../../src/lib/server/version-archive';

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
