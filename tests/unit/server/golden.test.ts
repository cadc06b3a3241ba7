import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runGolden } from '../../../src/lib/server/regression/golden';

const expectations: Record<string, { pointer: string; message: string }> = JSON.parse(readFileSync('tests/fixtures/bad-golden.expect.json', 'utf8'));

const Bad = suite('bad golden files: each names its pointer and problem');
for (const [name, expected] of Object.entries(expectations)) {
	Bad(name, async () => {
		const file = path.join('tests/fixtures/bad-golden', name);
		const outcome = await runGolden(file, { rulesDir: 'rules' });
		assert.is(outcome.status, 'invalid');
		if (outcome.status !== 'invalid') return;
		assert.equal({ file: outcome.errors[0].file, pointer: outcome.errors[0].pointer, message: outcome.errors[0].message }, { file, ...expected });
	});
}
Bad.run();
