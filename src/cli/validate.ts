// npm run validate -- [PATH...]: validate framework versions (default: every one under rules/).
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { formatIssue } from '../lib/engine/index';
import { defaultRulesDir, displayPath, listVersions, loadVersion } from '../lib/server/frameworks/frameworks';
import { fail, oneLineErrors, parse } from './args';

oneLineErrors();

const { positionals } = parse({}, 'npm run validate -- [PATH...]');
const dirs: string[] = [];
for (const p of positionals.length ? positionals : [defaultRulesDir()]) {
	if (!existsSync(p)) fail(`${p}: no such file or folder`);
	if (existsSync(path.join(p, 'framework.json'))) dirs.push(p);
	else if (p.endsWith('framework.json')) dirs.push(path.dirname(p));
	else if (!statSync(p).isDirectory()) fail(`${p}: not a framework version (give the folder holding framework.json, or that file)`);
	else {
		const found = listVersions(p).map((v) => v.dir);
		if (!found.length) fail(`${p}: no framework version found (a version is a folder holding framework.json)`);
		dirs.push(...found);
	}
}
let invalid = 0;
for (const dir of dirs) {
	const loaded = loadVersion(dir);
	const label = displayPath(dir);
	for (const w of loaded.warnings) console.log(`warning: ${formatIssue(w)}`);
	if (loaded.ok) console.log(`valid ${label} (${loaded.value.meta.id}@${loaded.value.meta.version}, ${loaded.value.hash.slice(0, 19)})`);
	else {
		invalid++;
		for (const e of loaded.errors) console.error(formatIssue(e));
	}
}
console.log(`${dirs.length - invalid} valid, ${invalid} invalid`);
process.exit(invalid ? 2 : 0);
