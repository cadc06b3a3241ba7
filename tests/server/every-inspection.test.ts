// The pages that count or name every inspection (the frameworks list, a version's page, the
// impact page and its run) answer from the kept summaries, over HTTP against the built server:
// documents written or removed behind the server's back are counted as they are now.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { unlinkSync } from 'node:fs';
import path from 'node:path';
import { TestServer, type Client } from '../support/server';

const Pages = suite('pages that count or name every inspection, over HTTP');

let server: TestServer;
let ivy: Client;
const tallies = (yes: number) => ({ context: { inspectionType: 'iyjwcv' }, tallies: { '2.1.1': { relevant: 20, yes }, '2.2.1': { relevant: 20, yes } } });

Pages.before(async () => {
	server = await TestServer.start();
	[ivy] = await server.accounts(['ivy'], ['inspector', 'tester', 'admin']);
	for (let i = 0; i < 3; i++) await server.addInspection(ivy, `Older ${i} YJS`, 'hmip-youth@2018', { tallies: { '2.1.1': { relevant: 20, yes: 10 + i } } });
	for (let i = 0; i < 2; i++) await server.addInspection(ivy, `Newer ${i} YJS`, 'hmip-youth@2025', tallies(12 + i));
});
Pages.after(async () => {
	await server?.dispose();
});

/** The frameworks list's "Inspections" column, by version: the last cell of each version's row. */
function perVersion(html: string): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const row of html.split('<tr class="govuk-table__row">').slice(1)) {
		const version = /href="\/frameworks\/hmip-youth\/([^"]+)"/.exec(row)?.[1];
		const cell = [...row.matchAll(/<td class="govuk-table__cell govuk-table__cell--numeric">(\d+)<\/td>/g)].at(-1)?.[1];
		if (version && cell) counts[version] = Number(cell);
	}
	return counts;
}
/** The inspections a version's page offers to rate, as the select shows them. */
const offered = (html: string) => [...html.matchAll(/<option value="inspection:[^"]+"[^>]*>([^<]+)<\/option>/g)].map((m) => m[1]);
const stored = (html: string) => Number(/Stored inspections \((\d+)\)/.exec(html)?.[1]);

Pages('each version counts its inspections; a version page offers each by name; the impact page counts them all', async () => {
	const counts = perVersion(await ivy.html('/frameworks'));
	assert.equal([counts['2018'], counts['2021'], counts['2025']], [3, 0, 2]);
	assert.equal(offered(await ivy.html('/frameworks/hmip-youth/2025')), ['Newer 0 YJS (hmip-youth@2025)', 'Newer 1 YJS (hmip-youth@2025)', 'Older 0 YJS (hmip-youth@2018)', 'Older 1 YJS (hmip-youth@2018)', 'Older 2 YJS (hmip-youth@2018)']);
	assert.is(stored(await ivy.html('/regression/impact')), 5);
});

Pages('a document added, and one removed, behind the server\'s back are counted as they are now', async () => {
	const added = await server.addInspection(ivy, 'Added YJS', 'hmip-youth@2025', tallies(15));
	const gone = (await ivy.html('/frameworks/hmip-youth/2025')).match(/<option value="inspection:([^"]+)"[^>]*>Older 2 YJS/)![1];
	unlinkSync(path.join(server.dataDir, 'inspections', `${gone}.json`));
	const counts = perVersion(await ivy.html('/frameworks'));
	assert.equal([counts['2018'], counts['2025']], [2, 3]);
	const names = offered(await ivy.html('/frameworks/hmip-youth/2021'));
	assert.ok(names.includes('Added YJS (hmip-youth@2025)') && !names.some((n) => n.startsWith('Older 2')), names.join(', '));
	assert.is(stored(await ivy.html('/regression/impact')), 5);
	assert.ok(added);
	await server.restart();
	assert.equal(perVersion(await ivy.html('/frameworks'))['2025'], 3, 'the same after a restart');
});

Pages('an impact run over the stored inspections rates each of them, read where it is rated', async () => {
	const response = await ivy.request('/regression/impact', {
		method: 'POST',
		headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
		body: new URLSearchParams({ source: 'inspections', from: 'hmip-youth@2021', to: 'hmip-youth@2025' })
	});
	assert.is(response.status, 303, await response.text());
	const run = response.headers.get('location')!;
	assert.match(run, /^\/regression\/impact\/[\w-]+$/);
	let html = '';
	for (const deadline = Date.now() + 20_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
		html = await ivy.html(run);
		if (!html.includes('<progress')) break;
	}
	// the three pinned to 2025 say which inspection type they are, as both versions need; the 2018 two do not
	assert.match(html, '5 inspections, 3 rated under both versions.');
});

Pages.run();
