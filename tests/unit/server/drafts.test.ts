import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { listFrameworkVersions, inForce, openVersion } from '../../../src/lib/server/frameworks/framework-versions';
import { copyAsDraft, createDraft, discardDraft, getDraft, newVersionProblem, PublishedVersionError, saveDraft } from '../../../src/lib/server/storage/drafts';
import { loadFramework, RECHECK_MS, readVersionFiles, type VersionFiles } from '../../../src/lib/server/frameworks/frameworks';
import { listRateableVersions, resolveVersion } from '../../../src/lib/server/frameworks/version-catalogue';
import { InvalidDocumentError, NotFoundError, StaleRevisionError } from '../../../src/lib/server/storage/store';
import { copyVersion, patchVersion, tempRules } from '../../support/versions';

/** A fresh data folder and a rules folder holding a copy of 2025. */
function fresh() {
	process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), 'yardstick-drafts-'));
	const rules = tempRules();
	copyVersion('hmip-youth/2025', rules);
	return rules;
}
const files2025 = (): VersionFiles => {
	const read = readVersionFiles('rules/hmip-youth/2025');
	if (!read.ok) throw new Error('2025 does not read');
	return read.value;
};
const draftOf = (version: string) => copyAsDraft(files2025(), version);
const meta = (files: VersionFiles) => files['framework.json'] as Record<string, unknown>;

const Copy = suite('copyAsDraft');
Copy('a full copy with the new version id, status draft, based on the original', () => {
	const original = files2025();
	const copy = copyAsDraft(original, '2026-trial');
	assert.equal(Object.keys(copy).sort(), Object.keys(original).sort());
	assert.equal([meta(copy).version, meta(copy).status, meta(copy).basedOn], ['2026-trial', 'draft', '2025']);
	assert.is(meta(copy).changeSummary, undefined, 'asked again at publishing');
	assert.equal(copy['domains/2.json'], original['domains/2.json']);
	assert.is(meta(original).version, '2025', 'the original is untouched');
});
Copy.run();

const Ids = suite('newVersionProblem');
const idCases: [string, string, RegExp | null][] = [
	['empty', '', /Enter a version id/],
	['a dot', '2026.1', /only letters, digits and hyphens/],
	['a slash', '../x', /only letters, digits and hyphens/],
	['published', '2025', /already published/],
	['a draft', 'taken', /already a draft/],
	['free', '2026-trial', null]
];
for (const [name, version, expected] of idCases) {
	Ids(`${name}: ${JSON.stringify(version)}`, async () => {
		const rules = fresh();
		await createDraft(draftOf('taken'), 'ann', 'drafted', rules);
		const problem = await newVersionProblem('hmip-youth', version, rules);
		if (expected) assert.match(problem ?? '', expected);
		else assert.is(problem, null);
	});
}
Ids.run();

const Store = suite('drafts in the data folder');
Store('a draft is one JSON document whose value is the files map', async () => {
	const rules = fresh();
	const doc = await createDraft(draftOf('2026-trial'), 'ann', 'drafted from hmip-youth@2025', rules);
	assert.is(doc.revision, 1);
	const stored = JSON.parse(readFileSync(path.join(process.env.DATA_DIR!, 'drafts', 'hmip-youth__2026-trial.json'), 'utf8'));
	assert.equal(Object.keys(stored.value).sort(), ['bandings.json', 'composite.json', 'domains/1.json', 'domains/2.json', 'domains/V.json', 'framework.json', 'rules.json', 'sampling.json']);
	assert.is(stored.value['framework.json'].version, '2026-trial');
});
Store('saving needs the revision the editor opened: a stale save is refused and nothing is lost', async () => {
	const rules = fresh();
	await createDraft(draftOf('2026-trial'), 'ann', 'drafted', rules);
	const ann = draftOf('2026-trial');
	meta(ann).title = 'Ann’s title';
	await saveDraft('hmip-youth', '2026-trial', 1, ann, 'ann', 'changed the title', rules);
	const bob = draftOf('2026-trial');
	meta(bob).title = 'Bob’s title';
	try {
		await saveDraft('hmip-youth', '2026-trial', 1, bob, 'bob', 'changed the title', rules);
		assert.unreachable();
	} catch (e) {
		assert.instance(e, StaleRevisionError);
		assert.match((e as Error).message, 'ann changed this');
	}
	const current = await getDraft('hmip-youth', '2026-trial');
	assert.equal([current?.revision, meta(current!.value).title], [2, 'Ann’s title']);
});
Store('a draft may be invalid while it is worked on, but must stay a files map naming its version', async () => {
	const rules = fresh();
	await createDraft(draftOf('2026-trial'), 'ann', 'drafted', rules);
	const invalid = draftOf('2026-trial');
	(invalid['composite.json'] as Record<string, unknown>).max = 99;
	const saved = await saveDraft('hmip-youth', '2026-trial', 1, invalid, 'ann', 'max 99', rules);
	assert.is(saved.revision, 2);
	const refused: [string, (f: VersionFiles) => void, RegExp][] = [
		['an unknown file', (f) => (f['notes.txt'] = {}), /"notes.txt" is not a version file/],
		['another version id', (f) => (meta(f).version = '2027'), /cannot change here/],
		['status published', (f) => (meta(f).status = 'published'), /publishing is a step of its own/]
	];
	for (const [what, change, message] of refused) {
		const files = draftOf('2026-trial');
		change(files);
		try {
			await saveDraft('hmip-youth', '2026-trial', 2, files, 'ann', what, rules);
			assert.unreachable(what);
		} catch (e) {
			assert.instance(e, InvalidDocumentError, what);
			assert.match((e as Error).message, message);
		}
	}
	assert.is((await getDraft('hmip-youth', '2026-trial'))?.revision, 2);
});
Store('a draft whose files break a schema or repeat an id is never stored, with the problem named', async () => {
	const rules = fresh();
	await createDraft(draftOf('2026-trial'), 'ann', 'drafted', rules);
	const refused: [string, (f: VersionFiles) => void, string, RegExp][] = [
		['standard 2.2 renumbered 2.1', (f) => (((f['domains/2.json'] as { standards: { id: string }[] }).standards[1].id = '2.1')), '/standards/1/id', /already the number of another standard/],
		['a standard without a source document', (f) => ((f['domains/2.json'] as { standards: { source: { document: string } }[] }).standards[0].source.document = ''), '/standards/0/source/document', /fewer than 1 characters/]
	];
	for (const [what, change, pointer, message] of refused) {
		const files = draftOf('2026-trial');
		change(files);
		try {
			await saveDraft('hmip-youth', '2026-trial', 1, files, 'ann', what, rules);
			assert.unreachable(what);
		} catch (e) {
			assert.instance(e, InvalidDocumentError, what);
			const issues = (e as InvalidDocumentError).issues;
			assert.equal([issues[0].file, issues[0].pointer], ['domains/2.json', pointer], what);
			assert.match(issues[0].message, message, what);
			assert.match((e as Error).message, /^Not saved: 1 problem must be fixed first/, what);
		}
	}
	const broken = draftOf('2026-duplicate');
	(broken['domains/2.json'] as { standards: { id: string }[] }).standards[1].id = '2.1';
	try {
		await createDraft(broken, 'ann', 'imported', rules);
		assert.unreachable('a new draft is checked too');
	} catch (e) {
		assert.instance(e, InvalidDocumentError);
	}
	assert.equal([(await getDraft('hmip-youth', '2026-trial'))?.revision, await getDraft('hmip-youth', '2026-duplicate')], [1, null]);
});
Store('a published version is refused, whatever revision is given', async () => {
	const rules = fresh();
	for (const attempt of [() => saveDraft('hmip-youth', '2025', 1, files2025(), 'ann', 'x', rules), () => discardDraft('hmip-youth', '2025', 1, rules)]) {
		try {
			await attempt();
			assert.unreachable();
		} catch (e) {
			assert.instance(e, PublishedVersionError);
			assert.match((e as Error).message, 'hmip-youth@2025 is published, and a published version is never changed');
		}
	}
});
Store('an unknown draft is not found; a discarded one is gone', async () => {
	const rules = fresh();
	try {
		await saveDraft('hmip-youth', 'nope', 1, draftOf('nope'), 'ann', 'x', rules);
		assert.unreachable();
	} catch (e) {
		assert.instance(e, NotFoundError);
	}
	await createDraft(draftOf('2026-trial'), 'ann', 'drafted', rules);
	await discardDraft('hmip-youth', '2026-trial', 1, rules);
	assert.is(await getDraft('hmip-youth', '2026-trial'), null);
});
Store.run();

const Catalog = suite('framework versions: published and drafts');
Catalog('lists both, with status, effective date, hash and validation', async () => {
	const rules = fresh();
	await createDraft(draftOf('2026-trial'), 'ann', 'drafted', rules);
	const entries = await listFrameworkVersions(rules);
	assert.equal(entries.map((e) => [e.ref, e.status]), [['hmip-youth@2025', 'published'], ['hmip-youth@2026-trial', 'draft']]);
	const [published, draft] = entries;
	assert.is(published.effectiveFrom, '2025-04-01');
	assert.match(published.hash, /^sha256:[0-9a-f]{64}$/);
	assert.is.not(draft.hash, published.hash, 'the version id is part of the content');
	assert.equal([draft.revision, draft.errors], [1, []]);
});
Catalog('a draft that does not validate is listed with its errors', async () => {
	const rules = fresh();
	const files = draftOf('2026-trial');
	(files['composite.json'] as Record<string, unknown>).max = 99;
	await createDraft(files, 'ann', 'drafted', rules);
	const opened = await openVersion('hmip-youth', '2026-trial', rules);
	assert.is(opened?.version, null);
	assert.equal(opened?.entry.errors.map((e) => [e.file, e.pointer]), [
		['draft hmip-youth@2026-trial/composite.json', '/max'],
		['draft hmip-youth@2026-trial/composite.json', '/bands']
	]);
});
const forceCases: [string, string | undefined][] = [
	['2025-03-31', undefined],
	['2025-04-01', 'hmip-youth@2025'],
	['2030-01-01', 'hmip-youth@2025']
];
for (const [on, expected] of forceCases) {
	Catalog(`in force on ${on}: ${expected ?? 'none'}; drafts never are`, async () => {
		const rules = fresh();
		const files = draftOf('2026-trial');
		meta(files).effectiveFrom = '2026-01-01';
		await createDraft(files, 'ann', 'drafted', rules);
		assert.is(inForce(await listFrameworkVersions(rules), on).get('hmip-youth'), expected);
	});
}
Catalog('in force: the latest effective date on or before the day', async () => {
	const rules = fresh();
	copyVersion('hmip-youth/2021', rules);
	const entries = await listFrameworkVersions(rules);
	assert.is(inForce(entries, '2024-12-31').get('hmip-youth'), 'hmip-youth@2021');
	assert.is(inForce(entries, '2025-04-01').get('hmip-youth'), 'hmip-youth@2025');
});

Catalog('a valid draft joins the versions the regression tools rate with; an invalid one does not', async () => {
	const rules = fresh();
	process.env.RULES_DIR = rules;
	try {
		await createDraft(draftOf('2026-trial'), 'ann', 'drafted', rules);
		const broken = draftOf('broken');
		(broken['composite.json'] as Record<string, unknown>).max = 99;
		await createDraft(broken, 'ann', 'drafted', rules);
		assert.equal((await listRateableVersions()).map((v) => [v.ref, v.status, v.kept]), [
			['hmip-youth@2025', 'published', 'rules folder'],
			['hmip-youth@2026-trial', 'draft', 'drafts']
		]);
		const loaded = await resolveVersion('hmip-youth@2026-trial');
		assert.ok(loaded.ok);
		if (loaded.ok) assert.is(loaded.value.meta.version, '2026-trial');
		assert.not.ok((await resolveVersion('hmip-youth@broken')).ok);
	} finally {
		delete process.env.RULES_DIR;
	}
});
Catalog.run();

const Cache = suite('the load cache follows the rules folder');
Cache('a version folder changed on disk is loaded again, at most RECHECK_MS later', async () => {
	const rules = tempRules();
	const dir = copyVersion('hmip-youth/2025', rules);
	const before = loadFramework('hmip-youth@2025', rules);
	assert.is(loadFramework('hmip-youth@2025', rules), before, 'unchanged: the same load');
	patchVersion(dir, [{ op: 'replace', path: '/composite.json/title', value: 'Changed on disk' }]);
	await new Promise((resolve) => setTimeout(resolve, RECHECK_MS + 20));
	const after = loadFramework('hmip-youth@2025', rules);
	assert.ok(before.ok && after.ok);
	if (before.ok && after.ok) {
		assert.is(after.value.composite.title, 'Changed on disk');
		assert.is.not(after.value.hash, before.value.hash);
	}
});
Cache('a version published later is found without a restart', () => {
	const rules = tempRules();
	assert.not.ok(loadFramework('hmip-youth@2025', rules).ok);
	copyVersion('hmip-youth/2025', rules);
	assert.ok(loadFramework('hmip-youth@2025', rules).ok);
});
Cache('hidden folders (a publication being written) are not versions', () => {
	const rules = tempRules();
	copyVersion('hmip-youth/2025', rules, '.publishing-x');
	assert.not.ok(existsSync(path.join(rules, 'hmip-youth', '2025')));
	assert.not.ok(loadFramework('hmip-youth@.publishing-x', rules).ok);
	writeFileSync(path.join(rules, 'README.md'), 'not a framework');
	assert.not.ok(loadFramework('hmip-youth@2025', rules).ok);
});
Cache.run();
