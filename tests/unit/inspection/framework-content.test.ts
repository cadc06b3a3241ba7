import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { FrameworkVersion } from '../../../src/lib/engine/index';
import { contentRef, hashHex, versionByHash } from '../../../src/lib/inspection/framework-content';

const ByHash = suite('a version content, found by its hash');

const version = (hex: string) => ({ meta: { id: 'x-framework', version: '2030' }, hash: `sha256:${hex}` }) as unknown as FrameworkVersion;

/** A fetch that answers each call from the list in turn, counting its calls. */
function answering(...bodies: (object | number)[]) {
	const calls: string[] = [];
	const fetch = (async (url: string) => {
		calls.push(url);
		const body = bodies.shift();
		return typeof body === 'number' ? new Response('no', { status: body }) : Response.json(body);
	}) as unknown as typeof globalThis.fetch;
	return { fetch, calls };
}

ByHash('the address names the hash; anything but a sha256 is no hash', () => {
	const ref = contentRef(version('a'.repeat(64)));
	assert.equal(ref, { ref: 'x-framework@2030', hash: `sha256:${'a'.repeat(64)}`, url: `/frameworks/x-framework/2030/content.${'a'.repeat(64)}.json` });
	assert.is(hashHex('sha256:../../etc'), null);
	assert.throws(() => contentRef(version('not-hex')));
});

ByHash('fetched once and kept; an answer of another hash, or a failure, is never kept', async () => {
	const good = version('b'.repeat(64));
	const ref = contentRef(good);
	const { fetch, calls } = answering(500, version('c'.repeat(64)), good);
	const failure = (promise: Promise<unknown>) => promise.then(() => 'no failure', (e: Error) => e.message);
	assert.match(await failure(versionByHash(ref, fetch)), /500/);
	assert.match(await failure(versionByHash(ref, fetch)), /another version/);
	assert.equal(await versionByHash(ref, fetch), good);
	assert.equal(await versionByHash(ref, fetch), good);
	assert.is(calls.length, 3, 'asked again after each failure, then never');
});

ByHash.run();
