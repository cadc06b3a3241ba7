// Every write route answers malformed input with a 4xx and a message, never a 500 or a stack
// trace: broken JSON, JSON of the wrong shape, a form of nonsense fields, a file of junk.
import { expect, test } from '@playwright/test';
import { createInspection } from '../support/workspace-e2e';

type Target = { method: 'POST' | 'PUT'; path: string };

const targets = (inspection: string): Target[] => [
	{ method: 'POST', path: '/api/evaluate' },
	{ method: 'POST', path: `${inspection}/edits` },
	{ method: 'POST', path: `${inspection}?/addCase` },
	{ method: 'POST', path: `${inspection}?/decide` },
	{ method: 'POST', path: `${inspection}?/tallies` },
	{ method: 'POST', path: `${inspection}?/team` },
	{ method: 'POST', path: `${inspection}?/context` },
	{ method: 'POST', path: `${inspection}/delete` },
	{ method: 'POST', path: '/inspections?/duplicate' },
	{ method: 'POST', path: '/inspections/new' },
	{ method: 'POST', path: '/inspections/import' },
	{ method: 'POST', path: '/frameworks/import' },
	{ method: 'POST', path: '/frameworks/hmip-youth/2025/new-draft' },
	{ method: 'POST', path: '/frameworks/hmip-youth/2025?/rate' },
	{ method: 'POST', path: '/frameworks/hmip-youth/2025/publish' },
	{ method: 'PUT', path: '/frameworks/hmip-youth/2025/draft' },
	{ method: 'POST', path: '/frameworks/hmip-youth/2025/try' },
	{ method: 'POST', path: '/regression' },
	{ method: 'POST', path: '/regression/impact' },
	{ method: 'POST', path: '/regression/runs/nope/files/0/accept' },
	{ method: 'POST', path: '/admin/users?/add' },
	{ method: 'POST', path: '/sign-in' }
];

const bodies: { name: string; options: { data?: string | Buffer; headers?: Record<string, string>; form?: Record<string, string>; multipart?: Record<string, { name: string; mimeType: string; buffer: Buffer }> } }[] = [
	{ name: 'broken JSON', options: { data: '{"baseRevision": 1, "edits": [', headers: { 'content-type': 'application/json' } } },
	{ name: 'JSON of the wrong shape', options: { data: '[1, "two", null]', headers: { 'content-type': 'application/json' } } },
	{ name: 'a form of nonsense', options: { form: { revision: 'x', id: '../../etc/passwd', standard: '\u0000', rating: '{}', 'fact-\u202e': 'true', version: '..', name: '' } } },
	{ name: 'a file of junk', options: { multipart: { file: { name: 'junk.json', mimeType: 'application/json', buffer: Buffer.from([0xff, 0xfe, 0x00, 0x7b]) }, archive: { name: 'junk.zip', mimeType: 'application/zip', buffer: Buffer.from('PK\u0003\u0004 not a zip') }, files: { name: 'junk.json', mimeType: 'application/json', buffer: Buffer.from('{') } } } }
];

test('every write route refuses malformed input with a message, never a 500 or a stack trace', async ({ page, baseURL }) => {
	test.setTimeout(180_000);
	const inspection = await createInspection(page, { service: 'Badinputshire YOS', version: '2018' });
	const answers: string[] = [];
	for (const target of targets(inspection)) {
		for (const body of bodies) {
			const response = await page.request.fetch(target.path, { method: target.method, ...body.options, headers: { origin: baseURL!, ...body.options.headers }, maxRedirects: 0 });
			const text = await response.text();
			answers.push(`${target.method} ${target.path} with ${body.name}: ${response.status()}`);
			expect(response.status(), `${target.method} ${target.path} with ${body.name}: ${text.slice(0, 300)}`).toBeLessThan(500);
			expect(text, `${target.method} ${target.path} with ${body.name}`).not.toMatch(/\n\s+at .+:\d+:\d+/);
		}
	}
	expect(answers).toHaveLength(targets(inspection).length * bodies.length);
});
