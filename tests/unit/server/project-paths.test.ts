import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resolveProjectPath } from '../../../src/lib/server/regression/project-paths';

const project = mkdtempSync(path.join(tmpdir(), 'yardstick-project-'));
const outside = mkdtempSync(path.join(tmpdir(), 'yardstick-outside-'));
mkdirSync(path.join(project, 'tests', 'golden'), { recursive: true });
writeFileSync(path.join(project, 'tests', 'golden', 'a.json'), '{}');
writeFileSync(path.join(project, 'notes.txt'), '');
symlinkSync(outside, path.join(project, 'escape'));

const Paths = suite('paths typed into a page stay inside the project');
Paths.before(() => {
	process.env.PROJECT_DIR = project;
});
Paths.after(() => {
	delete process.env.PROJECT_DIR;
});
const refused: [string, string][] = [
	['', 'Enter a folder of golden files'],
	['../', 'cannot contain ..'],
	['tests/../../x', 'cannot contain ..'],
	['tests\\..\\..', 'cannot contain ..'],
	['/etc', 'not a full path'],
	['C:/golden', 'not a full path'],
	['nowhere', 'There is no folder or file "nowhere"'],
	['escape', 'must stay inside the project folder'],
	['notes.txt', 'Enter a folder, or a .json golden file']
];
for (const [typed, message] of refused) {
	Paths(`refused: ${JSON.stringify(typed)}`, () => {
		const where = resolveProjectPath(typed);
		assert.not.ok(where.ok);
		if (!where.ok) assert.match(where.message, message);
	});
}
for (const [typed, relative] of [
	['tests/golden', path.join('tests', 'golden')],
	[' tests/golden/ ', path.join('tests', 'golden')],
	['tests/golden/a.json', path.join('tests', 'golden', 'a.json')],
	['.', '.']
]) {
	Paths(`accepted: ${JSON.stringify(typed)}`, () => {
		const where = resolveProjectPath(typed);
		assert.ok(where.ok);
		if (where.ok) assert.is(where.relative, relative);
	});
}
Paths.run();
