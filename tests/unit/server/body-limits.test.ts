import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { BODY_CEILING, bodyLimit, oversizeMessage } from '../../../src/lib/server/http/body-limits';

const Limits = suite('request body limits, per route');

Limits('each kind of write has its own limit; a small form the least', () => {
	assert.is(bodyLimit('/frameworks/import').what, 'a zip of a framework version');
	assert.is(bodyLimit('/frameworks/hmip-youth/2026-trial/draft').what, "a draft version's files");
	assert.is(bodyLimit('/inspections/abc/edits').what, 'a batch of changes to an inspection');
	assert.is(bodyLimit('/api/evaluate').what, 'an inspection to rate');
	assert.is(bodyLimit('/regression/impact').what, 'uploaded golden files');
	assert.equal(bodyLimit('/sign-in'), { bytes: 64 * 1024, what: 'a form' });
});

Limits('a declared length over the limit is refused, saying what the limit is for', () => {
	assert.is(oversizeMessage('/sign-in', String(64 * 1024)), null);
	assert.is(oversizeMessage('/sign-in', String(64 * 1024 + 1)), 'The request is 65 KB: a form may be at most 64 KB.');
	assert.is(oversizeMessage('/api/evaluate', String(3 * 1024 * 1024)), 'The request is 3 MB: an inspection to rate may be at most 2 MB.');
	// no length, or a nonsense one: counted as it arrives instead (countedBody; tests/server/auth.test.ts)
	assert.is(oversizeMessage('/api/evaluate', null), null);
	assert.is(oversizeMessage('/api/evaluate', 'lots'), null);
});

Limits("the start script's adapter ceiling admits the largest route's limit", () => {
	const script = readFileSync('scripts/serve.mjs', 'utf8');
	const [, megabytes] = /BODY_SIZE_LIMIT \?\?= '(\d+)M'/.exec(script) ?? [];
	assert.ok(megabytes, 'scripts/serve.mjs sets BODY_SIZE_LIMIT in megabytes');
	assert.ok(Number(megabytes) * 1024 * 1024 >= BODY_CEILING, `${megabytes} MB < ${BODY_CEILING} bytes`);
});

Limits.run();
