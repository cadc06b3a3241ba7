import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { findVersion, listVersions, loadFramework, loadVersion } from '../../../src/lib/server/frameworks';
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
