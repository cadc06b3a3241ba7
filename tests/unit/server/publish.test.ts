import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { copyAsDraft, createDraft, getDraft, PublishedVersionError, saveDraft } from '../../../src/lib/server/storage/drafts';
import { loadFramework, readVersionFiles, type VersionFiles } from '../../../src/lib/server/frameworks/frameworks';
import { publishDraft } from '../../../src/lib/server/frameworks/publish';
import { StaleRevisionError } from '../../../src/lib/server/storage/store';
import { copyVersion, patchVersion, tempRules } from '../../support/versions';

async function withDraft(change: (files: VersionFiles) => void = () => {}) {
	process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), 'yardstick-publish-'));
	const rules = tempRules();
	copyVersion('hmip-youth/2025', rules);
	const read = readVersionFiles(path.join(rules, 'hmip-youth/2025'));
	if (!read.ok) throw new Error('2025 does not read');
	const files = copyAsDraft(read.value, '2026-trial');
	change(files);
	await createDraft(files, 'ann', 'drafted', rules);
	return { rules, files, dir: path.join(rules, 'hmip-youth', '2026-trial') };
}
const request = { id: 'hmip-youth', version: '2026-trial', revision: 1, effectiveFrom: '2026-04-01', changeSummary: 'A trial of a fifth standard.', by: 'ann' };

const Publish = suite('publishDraft');
Publish('writes one pretty JSON file per framework file under rules/<id>/<version>/, with its hash', async () => {
	const { rules, files, dir } = await withDraft();
	const outcome = await publishDraft(request, rules);
	assert.ok(outcome.ok);
	if (!outcome.ok) return;
	assert.equal(readdirSync(dir).sort(), ['bandings.json', 'composite.json', 'domains', 'framework.json', 'publication.json', 'rules.json', 'sampling.json']);
	const text = readFileSync(path.join(dir, 'domains/2.json'), 'utf8');
	assert.is(text, JSON.stringify(files['domains/2.json'], null, 2) + '\n');
	const meta = JSON.parse(readFileSync(path.join(dir, 'framework.json'), 'utf8'));
	assert.equal([meta.status, meta.effectiveFrom, meta.changeSummary, meta.basedOn], ['published', '2026-04-01', 'A trial of a fifth standard.', '2025']);
	const loaded = loadFramework('hmip-youth@2026-trial', rules);
	assert.ok(loaded.ok);
	if (loaded.ok) assert.is(loaded.value.hash, outcome.hash);
	const publication = JSON.parse(readFileSync(path.join(dir, 'publication.json'), 'utf8'));
	assert.equal([publication.framework, publication.hash, publication.publishedBy], ['hmip-youth@2026-trial', outcome.hash, 'ann']);
	assert.is(await getDraft('hmip-youth', '2026-trial'), null, 'no longer a draft');
	assert.equal(readdirSync(path.join(rules, 'hmip-youth')).sort(), ['2025', '2026-trial'], 'no staging folder left');
});
Publish('then it is immutable: saving or publishing again is refused', async () => {
	const { rules, files } = await withDraft();
	await publishDraft(request, rules);
	for (const attempt of [() => saveDraft('hmip-youth', '2026-trial', 1, files, 'bob', 'x', rules), () => publishDraft({ ...request, revision: 2 }, rules)]) {
		try {
			await attempt();
			assert.unreachable();
		} catch (e) {
			assert.instance(e, PublishedVersionError);
		}
	}
});
Publish('files changed by hand after publishing no longer load', async () => {
	const { rules, dir } = await withDraft();
	await publishDraft(request, rules);
	patchVersion(dir, [{ op: 'replace', path: '/composite.json/title', value: 'Edited afterwards' }]);
	const loaded = loadFramework('hmip-youth@2026-trial', rules);
	assert.not.ok(loaded.ok);
	if (!loaded.ok) {
		assert.is(loaded.errors[0].pointer, '/hash');
		assert.match(loaded.errors[0].file, /2026-trial\/publication.json$/);
		assert.match(loaded.errors[0].message, 'changed since it was published');
	}
});
Publish('only when validation passes: errors name file and pointer, and nothing is written', async () => {
	const { rules, dir } = await withDraft((files) => ((files['composite.json'] as Record<string, unknown>).max = 15));
	const outcome = await publishDraft(request, rules);
	assert.not.ok(outcome.ok);
	if (!outcome.ok) assert.equal(outcome.errors.map((e) => [e.file, e.pointer]), [['rules/hmip-youth/2026-trial/composite.json', '/max'], ['rules/hmip-youth/2026-trial/composite.json', '/bands']]);
	assert.not.ok(existsSync(dir));
	assert.is((await getDraft('hmip-youth', '2026-trial'))?.revision, 1, 'still the draft it was');
});
Publish('an effective date that is not a date fails validation', async () => {
	const { rules } = await withDraft();
	const outcome = await publishDraft({ ...request, effectiveFrom: '2026-13-01' }, rules);
	assert.not.ok(outcome.ok);
	if (!outcome.ok) assert.equal(outcome.errors.map((e) => e.pointer), ['/effectiveFrom']);
});
Publish('a stale revision is refused: the lead publishes what they reviewed or nothing', async () => {
	const { rules, files, dir } = await withDraft();
	await saveDraft('hmip-youth', '2026-trial', 1, files, 'bob', 'a later change', rules);
	try {
		await publishDraft(request, rules);
		assert.unreachable();
	} catch (e) {
		assert.instance(e, StaleRevisionError);
	}
	assert.not.ok(existsSync(dir));
});
Publish('two publishers at once: exactly one wins', async () => {
	const { rules } = await withDraft();
	const results = await Promise.allSettled([publishDraft(request, rules), publishDraft(request, rules)]);
	assert.is(results.filter((r) => r.status === 'fulfilled' && r.value.ok).length, 1);
	assert.ok(loadFramework('hmip-youth@2026-trial', rules).ok);
});
Publish.run();
