import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readdirSync, readFileSync, renameSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DocumentStore, InvalidDocumentError, NotFoundError, READ_CACHE, StaleRevisionError } from '../../../src/lib/server/storage/store';

interface Note {
	text: string;
}
const fresh = () => {
	const dir = mkdtempSync(path.join(tmpdir(), 'yardstick-store-'));
	const store = new DocumentStore<Note>(dir, (v) => (v.text ? [] : [{ file: 'note', pointer: '/text', message: 'must not be empty', severity: 'error' }]));
	return { dir, store };
};

const Store = suite('DocumentStore (real lowdb files in a temp folder)');
Store('create writes one JSON file per document, at revision 1', async () => {
	const { dir, store } = fresh();
	const doc = await store.create({ text: 'a' }, 'ann', 'created', 'n1');
	assert.equal([doc.id, doc.revision, doc.updatedBy], ['n1', 1, 'ann']);
	assert.equal(readdirSync(dir), ['n1.json']);
	assert.is(JSON.parse(readFileSync(path.join(dir, 'n1.json'), 'utf8')).value.text, 'a');
});
Store('update on the current revision saves and counts up', async () => {
	const { store } = fresh();
	await store.create({ text: 'a' }, 'ann', 'created', 'n1');
	const doc = await store.update('n1', 1, { text: 'b' }, 'bob', 'changed the text');
	assert.equal([doc.revision, doc.value.text, doc.updatedBy], [2, 'b', 'bob']);
	assert.is((await store.get('n1'))?.value.text, 'b');
});
Store('a stale revision is refused, saying who changed what, and nothing is lost', async () => {
	const { store } = fresh();
	await store.create({ text: 'a' }, 'ann', 'created', 'n1');
	await store.update('n1', 1, { text: 'b' }, 'bob', 'answered 2.1.1 for case c4');
	try {
		await store.update('n1', 1, { text: 'c' }, 'cat', 'x');
		assert.unreachable();
	} catch (e) {
		assert.instance(e, StaleRevisionError);
		assert.match((e as Error).message, 'bob changed this');
		assert.match((e as Error).message, 'answered 2.1.1 for case c4');
	}
	assert.is((await store.get('n1'))?.value.text, 'b');
});
Store('concurrent writers on one revision: exactly one wins', async () => {
	const { store } = fresh();
	await store.create({ text: 'a' }, 'ann', 'created', 'n1');
	const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => store.update('n1', 1, { text: `w${i}` }, `w${i}`, 'write')));
	assert.is(results.filter((r) => r.status === 'fulfilled').length, 1);
	assert.ok(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason instanceof StaleRevisionError));
	assert.is((await store.get('n1'))?.revision, 2);
});
Store('writers that each read the latest revision all land, in turn', async () => {
	const { store } = fresh();
	await store.create({ text: '' + 0 }, 'ann', 'created', 'n1');
	const bump = async () => {
		for (;;) {
			const doc = (await store.get('n1'))!;
			try {
				return await store.update('n1', doc.revision, { text: String(Number(doc.value.text) + 1) }, 'w', 'bump');
			} catch (e) {
				if (!(e instanceof StaleRevisionError)) throw e;
			}
		}
	};
	await Promise.all(Array.from({ length: 20 }, bump));
	assert.is((await store.get('n1'))?.value.text, '20');
});
Store('beforeWrite runs after the revision check and before the file changes; a failure writes nothing', async () => {
	const { dir, store } = fresh();
	await store.create({ text: 'a' }, 'ann', 'created', 'n1');
	const seen: string[] = [];
	const onDisk = () => JSON.parse(readFileSync(path.join(dir, 'n1.json'), 'utf8')).value.text;
	await store.update('n1', 1, { text: 'b' }, 'bob', 'x', async (current, next) => {
		seen.push(`${current.revision}:${current.value.text} -> ${next.revision}:${next.value.text}, on disk ${onDisk()}`);
	});
	assert.equal(seen, ['1:a -> 2:b, on disk a']);
	try {
		await store.update('n1', 1, { text: 'c' }, 'cat', 'x', async () => void seen.push('stale'));
		assert.unreachable();
	} catch (e) {
		assert.instance(e, StaleRevisionError);
	}
	try {
		await store.update('n1', 2, { text: 'd' }, 'dan', 'x', async () => {
			throw new Error('disk full');
		});
		assert.unreachable();
	} catch (e) {
		assert.is((e as Error).message, 'disk full');
	}
	assert.equal([seen.length, onDisk(), (await store.get('n1'))?.revision], [1, 'b', 2]);
});
Store('an invalid value is refused before anything is written', async () => {
	const { store } = fresh();
	await store.create({ text: 'a' }, 'ann', 'created', 'n1');
	try {
		await store.update('n1', 1, { text: '' }, 'bob', 'x');
		assert.unreachable();
	} catch (e) {
		assert.instance(e, InvalidDocumentError);
		assert.is((e as Error).message, '/text: must not be empty');
	}
	assert.is((await store.get('n1'))?.revision, 1);
});
Store('remove needs the current revision; unknown ids are not found', async () => {
	const { store } = fresh();
	await store.create({ text: 'a' }, 'ann', 'created', 'n1');
	try {
		await store.remove('n1', 7);
		assert.unreachable();
	} catch (e) {
		assert.instance(e, StaleRevisionError);
	}
	await store.remove('n1', 1);
	assert.is(await store.get('n1'), null);
	assert.equal(await store.list(), []);
	try {
		await store.update('n1', 1, { text: 'x' }, 'a', 'x');
		assert.unreachable();
	} catch (e) {
		assert.instance(e, NotFoundError);
	}
	assert.is(await store.get('../etc/passwd'), null, 'ids cannot leave the folder');
});
Store('list reads every document', async () => {
	const { store } = fresh();
	await store.create({ text: 'a' }, 'ann', 'created', 'a1');
	await store.create({ text: 'b' }, 'ann', 'created', 'b1');
	assert.equal((await store.list()).map((d) => d.id).sort(), ['a1', 'b1']);
});
Store('a write leaves no temporary file; those a killed process left are removed, a running one\'s kept', async () => {
	const { store } = fresh();
	await store.create({ text: 'a' }, 'ann', 'created', 'a1');
	await store.update('a1', 1, { text: 'b' }, 'ann', 'changed');
	assert.equal(readdirSync(store.dir), ['a1.json']);
	const dead = 2 ** 22 + 12345; // above any pid Linux hands out by default
	const left = [`.a1.json.${dead}-0a1b2c3d.tmp`, '.a1.json.tmp', `.a1.json.${process.ppid}-0a1b2c3d.tmp`];
	for (const name of left) writeFileSync(path.join(store.dir, name), '{"half": ');
	new DocumentStore(store.dir);
	assert.equal(readdirSync(store.dir).sort(), [`.a1.json.${process.ppid}-0a1b2c3d.tmp`, 'a1.json']);
	assert.equal((await store.get('a1'))?.value, { text: 'b' });
});

/** A document's file made as old as a settled one (its state can then be kept). */
const settle = (dir: string, id: string) => utimesSync(path.join(dir, `${id}.json`), new Date(Date.now() - 10_000), new Date(Date.now() - 10_000));

Store('a document read is frozen: a caller cannot change what the next one is given', async () => {
	const { dir, store } = fresh();
	await store.create({ text: 'a' }, 'ann', 'created', 'n1');
	settle(dir, 'n1');
	const first = (await store.get('n1'))!;
	assert.throws(() => {
		(first.value as Note).text = 'changed by a caller';
	}, TypeError);
	assert.is((await store.get('n1'))?.value.text, 'a');
	// read once, by a reader going through many: its own, and nothing kept
	const once = (await store.get('n1', { once: true }))!;
	assert.not.ok(Object.isFrozen(once.value));
	assert.is.not(await store.get('n1', { once: true }), once);
	assert.not.ok(Object.isFrozen((await store.list())[0].value));
});
Store('a settled file is parsed once; any change to it (a write, a hand edit, removal) is read afresh', async () => {
	const { dir, store } = fresh();
	await store.create({ text: 'a' }, 'ann', 'created', 'n1');
	settle(dir, 'n1');
	const first = await store.get('n1');
	assert.is(await store.get('n1'), first, 'the same parsed document, from the stat alone');
	await store.update('n1', 1, { text: 'b' }, 'bob', 'changed');
	assert.is((await store.get('n1'))?.value.text, 'b');
	// edited by hand, the same size, then made as old as before: the new inode tells
	const edited = JSON.parse(readFileSync(path.join(dir, 'n1.json'), 'utf8'));
	settle(dir, 'n1');
	await store.get('n1');
	edited.value.text = 'c';
	writeFileSync(path.join(dir, 'hand.tmp'), JSON.stringify(edited, null, 2));
	renameSync(path.join(dir, 'hand.tmp'), path.join(dir, 'n1.json'));
	settle(dir, 'n1');
	assert.is((await store.get('n1'))?.value.text, 'c');
	await store.remove('n1', 2);
	assert.is(await store.get('n1'), null);
});
Store('a file changed within its time tick is never served from what was kept', async () => {
	const { store } = fresh();
	await store.create({ text: 'a' }, 'ann', 'created', 'n1');
	const first = await store.get('n1');
	assert.is.not(await store.get('n1'), first, 'written under a second ago: read again');
});
Store('what is kept is bounded: the least recently read goes first', async () => {
	const { dir, store } = fresh();
	const before = { ...READ_CACHE };
	READ_CACHE.documents = 2;
	try {
		for (const id of ['n1', 'n2', 'n3']) {
			await store.create({ text: id }, 'ann', 'created', id);
			settle(dir, id);
		}
		const n1 = await store.get('n1');
		const n2 = await store.get('n2');
		assert.is(await store.get('n1'), n1);
		await store.get('n3'); // pushes out n2, read less recently than n1
		assert.is(await store.get('n1'), n1);
		assert.is.not(await store.get('n2'), n2);
	} finally {
		Object.assign(READ_CACHE, before);
	}
});
Store('two reads of one document at once keep it once: the budget is not used up by a copy counted twice', async () => {
	const { dir, store } = fresh();
	const before = { ...READ_CACHE };
	try {
		for (const id of ['n1', 'n2']) {
			await store.create({ text: id }, 'ann', 'created', id);
			settle(dir, id);
		}
		READ_CACHE.bytes = 2 * readFileSync(path.join(dir, 'n1.json')).length;
		await Promise.all([store.get('n1'), store.get('n1')]);
		const n1 = await store.get('n1');
		assert.is(await store.get('n1'), n1, 'kept');
		await store.get('n2');
		assert.is(await store.get('n1'), n1, 'both fit: n1 was counted once');
	} finally {
		Object.assign(READ_CACHE, before);
	}
});

Store.run();
