// Every server route and form action checks the role on the server: a route file that does not
// ask requirePermission (or requireEditPermissions) is a route anyone could use.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

// setup: no account can exist yet; it checks the one-time token instead (src/lib/server/accounts/setup.ts)
const PUBLIC = new Set(['src/routes/+layout.server.ts', 'src/routes/sign-in/+page.server.ts', 'src/routes/sign-out/+server.ts', 'src/routes/setup/+page.server.ts']);

function serverFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const full = path.join(dir, name);
		if (statSync(full).isDirectory()) return serverFiles(full);
		return /^\+(page\.server|server|layout\.server)\.ts$/.test(name) ? [full] : [];
	});
}

const Routes = suite('route permissions');
for (const file of serverFiles('src/routes')) {
	if (PUBLIC.has(file)) continue;
	Routes(`${file} checks permissions`, () => {
		const text = readFileSync(file, 'utf8');
		assert.ok(/require(Edit)?Permissions?\(/.test(text), `${file} never calls requirePermission`);
		const handlers = (text.match(/^\s*(export const (load|GET|POST|PUT|PATCH|DELETE)\b|\t[A-Za-z]+: async)/gm) ?? []).length;
		// A file whose actions all go through one local save() that checks counts each of those calls.
		const viaSave = /async function save\([\s\S]*?requireEditPermissions\(/.test(text) ? (text.match(/return save\(event/g) ?? []).length : 0;
		const checks = (text.match(/require(Edit)?Permissions?\(/g) ?? []).length + viaSave;
		assert.ok(checks >= handlers, `${file}: ${handlers} handlers or actions, ${checks} permission checks`);
	});
}
Routes.run();
