import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { findVersion, listVersions, loadFramework, loadVersion } from '../../../src/lib/server/frameworks/frameworks';
import { copyVersion, patchVersion, tempRules, type PatchOp } from '../../support/versions';

const Shipped = suite('shipped versions');
Shipped('the three published versions are found', () => {
	assert.equal(listVersions('rules').map((v) => `${v.id}@${v.version}`), ['hmip-youth@2018', 'hmip-youth@2021', 'hmip-youth@2025']);
});
for (const ref of ['hmip-youth@2018', 'hmip-youth@2021', 'hmip-youth@2025']) {
	Shipped(`${ref} loads and validates`, () => {
		const loaded = loadFramework(ref, 'rules');
		assert.ok(loaded.ok, JSON.stringify(!loaded.ok && loaded.errors));
		if (loaded.ok) assert.match(loaded.value.hash, /^sha256:[0-9a-f]{64}$/);
	});
	Shipped(`${ref} is published: its files still have the hash in its publication.json`, () => {
		const dir = path.join('rules', ...ref.split('@'));
		const publication = JSON.parse(readFileSync(path.join(dir, 'publication.json'), 'utf8'));
		const loaded = loadFramework(ref, 'rules');
		assert.is(publication.framework, ref);
		if (loaded.ok) assert.is(publication.hash, loaded.value.hash);
	});
}
Shipped('2021 warns about the gap the domain-one table leaves', () => {
	const loaded = loadFramework('hmip-youth@2021', 'rules');
	assert.equal(
		loaded.warnings.map((w) => [w.pointer, w.message]),
		[['/bandings/1/bands/1/min', 'bands leave 41% to 50% unbanded (kept as the source prints it)']]
	);
});
Shipped('an unknown version is named with the known ones', () => {
	const found = findVersion('hmip-youth@2030', 'rules');
	assert.ok('message' in found);
	if ('message' in found) assert.is(found.message, 'framework version "hmip-youth@2030" does not exist (known: hmip-youth@2018, hmip-youth@2021, hmip-youth@2025)');
});
Shipped.run();

const Hash = suite('content hash');
Hash('does not change with formatting', () => {
	const root = tempRules();
	const dir = copyVersion('hmip-youth/2018', root);
	const before = loadVersion(dir);
	const file = path.join(dir, 'composite.json');
	writeFileSync(file, JSON.stringify(JSON.parse(readFileSync(file, 'utf8'))));
	const after = loadVersion(dir);
	assert.ok(before.ok && after.ok);
	if (before.ok && after.ok) assert.is(after.value.hash, before.value.hash);
});
Hash('changes with content', () => {
	const root = tempRules();
	const dir = copyVersion('hmip-youth/2018', root);
	const before = loadVersion(dir);
	patchVersion(dir, [{ op: 'replace', path: '/composite.json/title', value: 'Changed' }]);
	const after = loadVersion(dir);
	assert.ok(before.ok && after.ok);
	if (before.ok && after.ok) assert.is.not(after.value.hash, before.value.hash);
});
Hash.run();

const Identity = suite('a version is its folder');
Identity('a copy of 2025 under another folder name, still saying 2025, is refused naming the file and pointer', () => {
	const root = tempRules();
	const dir = copyVersion('hmip-youth/2025', root, '2025-copy');
	patchVersion(dir, [{ op: 'replace', path: '/framework.json/version', value: '2025' }]);
	const loaded = loadVersion(dir, 'v');
	assert.not.ok(loaded.ok);
	if (!loaded.ok) {
		assert.equal(
			loaded.errors.map((e) => [e.file, e.pointer, e.message]),
			[['v/framework.json', '/version', 'says version "2025", but the version is in the folder hmip-youth/2025-copy: a version\'s id and version must be the names of its folders']]
		);
	}
	assert.not.ok(loadFramework('hmip-youth@2025-copy', root).ok);
});
Identity('a framework id that differs from its folder is refused', () => {
	const dir = copyVersion('hmip-youth/2018', tempRules());
	patchVersion(dir, [{ op: 'replace', path: '/framework.json/id', value: 'other-framework' }]);
	const loaded = loadVersion(dir, 'v');
	assert.not.ok(loaded.ok);
	if (!loaded.ok) assert.equal(loaded.errors.map((e) => e.pointer), ['/id']);
});
Identity('a published copy whose files changed is refused as changed since publication', () => {
	const root = tempRules();
	const dir = copyVersion('hmip-youth/2018', root);
	writeFileSync(path.join(dir, 'publication.json'), readFileSync('rules/hmip-youth/2018/publication.json'));
	assert.ok(loadVersion(dir).ok);
	patchVersion(dir, [{ op: 'replace', path: '/composite.json/title', value: 'Changed' }]);
	const loaded = loadVersion(dir, 'v');
	assert.not.ok(loaded.ok);
	if (!loaded.ok) assert.equal(loaded.errors.map((e) => [e.file, e.pointer]), [['v/publication.json', '/hash']]);
});
Identity.run();

interface BadFixture {
	description: string;
	base: string;
	patch: PatchOp[];
	expect: { file: string; pointer: string; message: string };
}

const Bad = suite('bad framework files: each names its file, pointer and problem');
const fixtures = path.resolve('tests/fixtures/bad-frameworks');
for (const name of readdirSync(fixtures).sort()) {
	const fixture: BadFixture = JSON.parse(readFileSync(path.join(fixtures, name), 'utf8'));
	Bad(`${name}: ${fixture.description}`, () => {
		const dir = copyVersion(fixture.base, tempRules());
		patchVersion(dir, fixture.patch);
		const loaded = loadVersion(dir, 'v');
		assert.not.ok(loaded.ok);
		if (loaded.ok) return;
		const [first] = loaded.errors;
		assert.equal({ file: first.file, pointer: first.pointer, message: first.message }, { ...fixture.expect, file: `v/${fixture.expect.file}` });
	});
}
Bad.run();
