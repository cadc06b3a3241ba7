// The validators the app checks files with are compiled from schema/ at build time: the committed
// module must be exactly what the schemas make now, and must check as a schema does.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { OUTPUT, schemaModuleCode } from '../../../scripts/compile-schemas.mjs';
import { validateAgainst } from '../../../src/lib/engine/schemas';

const Compiled = suite('compiled schema validators');

Compiled('the committed module is what the schemas compile to (run `npm run schemas` after changing one)', () => {
	assert.ok(readFileSync(OUTPUT, 'utf8') === schemaModuleCode(), 'src/lib/engine/schema-validators.js is stale');
});

Compiled('the module compiles nothing at run time and requires nothing', () => {
	const code = readFileSync(OUTPUT, 'utf8');
	assert.not.match(code, /new Function|\beval\(|\brequire\(/);
});

Compiled('they check as the schemas say: a shipped version passes, an unknown property, a bad date and a missing field fail at their pointers', () => {
	const meta = JSON.parse(readFileSync('rules/hmip-youth/2021/framework.json', 'utf8'));
	assert.equal(validateAgainst('framework', meta, 'framework.json'), []);
	assert.equal(validateAgainst('framework', { ...meta, colour: 'blue' }, 'framework.json').map((i) => [i.pointer, i.message]), [['', 'unknown property "colour"']]);
	// the date format is checked (30 February is no date)
	assert.equal(validateAgainst('framework', { ...meta, effectiveFrom: '2021-02-30' }, 'framework.json').map((i) => [i.pointer, i.message]), [['/effectiveFrom', 'must match format "date"']]);
	const { title: _, ...untitled } = meta;
	assert.equal(validateAgainst('framework', untitled, 'framework.json', '/x').map((i) => [i.pointer, i.message]), [['/x', 'missing required property "title"']]);
});

Compiled.run();
