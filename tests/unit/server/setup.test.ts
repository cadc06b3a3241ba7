import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { announceSetup, localOrigin, setupOpen, takeSetup } from '../../../src/lib/server/accounts/setup';
import { addUser } from '../../../src/lib/server/accounts/users';

const Setup = suite('the first-run set-up link');
const tokenIn = (lines: string[]) => lines.join('\n').match(/\/setup\?token=([A-Za-z0-9_-]+)/)?.[1] ?? null;

Setup('with no accounts: printed once on start; opens only with its token; spent by one caller', async () => {
	process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), 'yardstick-setup-'));
	const lines: string[] = [];
	await announceSetup((line) => lines.push(line));
	const token = tokenIn(lines);
	assert.ok(token && token.length >= 32, lines.join('\n'));
	assert.is(await setupOpen(token), true);
	assert.is(await setupOpen('guessed'), false);
	assert.is(await setupOpen(null), false);
	const first = takeSetup(token!);
	assert.ok(first);
	assert.is(takeSetup(token!), null, 'a second request with the same link is refused');
	assert.is(await setupOpen(token), false);
	first!.give();
	assert.is(await setupOpen(token), true, 'given back when the account could not be made');
	await addUser('ada', ['admin'], 'correct horse battery staple', 'test');
	assert.is(await setupOpen(token), false, 'never once an account exists');
});

Setup('with accounts: nothing is printed', async () => {
	process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), 'yardstick-setup-'));
	await addUser('ada', ['admin'], 'correct horse battery staple', 'test');
	const lines: string[] = [];
	await announceSetup((line) => lines.push(line));
	assert.equal(lines, []);
});

Setup('the link names the address a browser on this machine opens', () => {
	assert.is(localOrigin({ HOST: '127.0.0.1', PORT: '3000' }), 'http://127.0.0.1:3000');
	assert.is(localOrigin({ HOST: '0.0.0.0', PORT: '8080' }), 'http://localhost:8080');
	assert.is(localOrigin({}), 'http://localhost:3000');
	assert.is(localOrigin({ ORIGIN: 'https://yardstick.example/', HOST: '0.0.0.0' }), 'https://yardstick.example');
});
Setup.run();
