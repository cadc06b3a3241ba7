// Issue 10, rows 2 and 12: what a golden source may be. A folder that is, holds or sits in the
// data folder, node_modules or .git is never one; the walk never follows a link out of the folder.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { folderSource } from '../../../src/lib/server/regression/golden-sources';
import { listGoldenFiles } from '../../../src/lib/server/regression/golden';

const project = mkdtempSync(path.join(tmpdir(), 'yardstick-project-'));
const outside = mkdtempSync(path.join(tmpdir(), 'yardstick-outside-'));
const file = (rel: string, text = '{}') => {
	const full = path.join(project, rel);
	mkdirSync(path.dirname(full), { recursive: true });
	writeFileSync(full, text);
	return full;
};
file('data/sessions/0123456789abcdef.json');
file('data/inspections/a.json');
file('node_modules/pkg/package.json');
file('.git/config.json');
file('tests/golden/a.json');
file('tests/golden/sub/b.json');
file('vendor/node_modules/x/package.json');
file('linked/ok.json');
file('deep/a.json');
file('deep/er/.git/HEAD.json');
writeFileSync(path.join(outside, 'secret.json'), '{"secret": true}');
file('links-out/a.json');
symlinkSync(path.join(outside, 'secret.json'), path.join(project, 'links-out', 'z-secret.json'));
file('links-dir/a.json');
symlinkSync(outside, path.join(project, 'links-dir', 'elsewhere'));
file('links-in/a.json');
symlinkSync(path.join(project, 'links-in', 'a.json'), path.join(project, 'links-in', 'b.json'));
symlinkSync(path.join(project, 'links-in'), path.join(project, 'links-in', 'loop'));
file('links-broken/a.json');
symlinkSync(path.join(project, 'nowhere.json'), path.join(project, 'links-broken', 'gone.json'));

const Sources = suite('folder golden sources: never the data folder, node_modules or .git (row 2)');
Sources.before(() => {
	process.env.PROJECT_DIR = project;
	process.env.DATA_DIR = path.join(project, 'data');
});
Sources.after(() => {
	delete process.env.PROJECT_DIR;
	delete process.env.DATA_DIR;
});
const refused: [string, string][] = [
	['data', '"data" is, holds or is inside the data folder: choose a folder of golden files, like tests/golden'],
	['data/sessions', '"data/sessions" is, holds or is inside the data folder'],
	['data/sessions/0123456789abcdef.json', 'is, holds or is inside the data folder'],
	['.', '"." is, holds or is inside the data folder'],
	['node_modules', '"node_modules" is or is inside node_modules'],
	['node_modules/pkg', 'is or is inside node_modules'],
	['.git', '".git" is or is inside .git'],
	['vendor', '"vendor" holds node_modules'],
	['deep', `"${path.join('deep', 'er')}" holds .git`]
];
for (const [typed, message] of refused) {
	Sources(`refused: ${typed}`, () => {
		const chosen = folderSource(typed);
		assert.not.ok(chosen.ok);
		if (!chosen.ok) assert.match(chosen.errors.folder, message);
	});
}
Sources('a data folder elsewhere, inside the chosen folder by a path of its own: still refused', () => {
	process.env.DATA_DIR = path.join(project, 'tests', 'golden', 'sub');
	try {
		assert.match((folderSource('tests') as { errors: Record<string, string> }).errors.folder, '"tests" is, holds or is inside the data folder');
		assert.ok(folderSource('linked').ok);
	} finally {
		process.env.DATA_DIR = path.join(project, 'data');
	}
});
Sources('a folder of golden files is accepted, every file listed', () => {
	const chosen = folderSource('tests/golden');
	assert.ok(chosen.ok);
	if (chosen.ok) assert.equal(chosen.source.files.map((f) => f.label), ['a.json', path.join('sub', 'b.json')]);
});
Sources('a link out of the folder refuses the folder, naming the link and not its target', () => {
	const chosen = folderSource('links-out');
	assert.not.ok(chosen.ok);
	if (!chosen.ok) {
		assert.is(chosen.errors.folder, `${path.join('links-out', 'z-secret.json')}: is a symbolic link leading outside the folder given; golden files are read only from inside it`);
		assert.not.match(chosen.errors.folder, outside);
	}
});
Sources.run();

const Walk = suite('the golden folder walk does not follow links out of the folder (row 12)');
Walk('a link to a file outside: refused, naming the link', () => {
	const listed = listGoldenFiles([path.join(project, 'links-out')]);
	assert.equal(listed, { ok: false, message: `${path.join(project, 'links-out', 'z-secret.json')}: is a symbolic link leading outside the folder given; golden files are read only from inside it` });
});
Walk('a link to a folder outside: refused', () => {
	const listed = listGoldenFiles([path.join(project, 'links-dir')]);
	assert.not.ok(listed.ok);
	if (!listed.ok) assert.match(listed.message, `${path.join('links-dir', 'elsewhere')}: is a symbolic link leading outside`);
});
Walk('a broken link: refused', () => {
	const listed = listGoldenFiles([path.join(project, 'links-broken')]);
	assert.not.ok(listed.ok);
	if (!listed.ok) assert.match(listed.message, 'gone.json: is a symbolic link that leads nowhere');
});
Walk('links that stay inside: a file is read through its link; a folder (even a loop) is not walked twice', () => {
	const listed = listGoldenFiles([path.join(project, 'links-in')]);
	assert.equal(listed, { ok: true, files: [path.join(project, 'links-in', 'a.json'), path.join(project, 'links-in', 'b.json')] });
});
Walk('a file named on its own is read as given', () => {
	assert.equal(listGoldenFiles([path.join(project, 'tests/golden/a.json')]), { ok: true, files: [path.join(project, 'tests/golden/a.json')] });
});
Walk.run();
