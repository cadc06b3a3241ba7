import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generatedRecord, writeStored } from '../../../bench/ten-years-data';
import { createInspection, inspections, listInspections, validateRecord } from '../../../src/lib/server/inspections/inspections';
import { loadFramework } from '../../../src/lib/server/frameworks/frameworks';

const hash = () => {
	const loaded = loadFramework('hmip-youth@2025');
	if (!loaded.ok) throw new Error(loaded.errors[0].message);
	return loaded.value.hash;
};

// bench:ten-years writes its 2,000 inspections straight into the folder: they must be what the store writes.
test('the benchmark writes an inspection byte for byte as the store does, and it reads back as valid', async () => {
	process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), 'yardstick-ten-years-'));
	const dir = path.join(process.env.DATA_DIR, 'inspections');
	const { record } = generatedRecord(7, hash(), ['ann']);
	const made = await createInspection(record, 'ann');
	const byStore = readFileSync(path.join(dir, `${made.id}.json`), 'utf8');
	writeStored(dir, { ...made, id: 'written-by-bench' });
	const byBench = readFileSync(path.join(dir, 'written-by-bench.json'), 'utf8');
	assert.is(byBench, byStore.replace(made.id, 'written-by-bench'));
	assert.equal((await inspections().get('written-by-bench'))?.value, (await inspections().get(made.id))?.value);
	assert.is((await listInspections()).length, 2);
});

test('generated inspections are valid records of realistic size: 15 to 125 children, as the manual samples', () => {
	const sizes: number[] = [];
	for (let n = 0; n < 200; n++) {
		const { record, children } = generatedRecord(n, hash(), ['ann']);
		if (n < 20) assert.equal(validateRecord(record), [], `record ${n}`);
		sizes.push(children);
	}
	assert.ok(Math.min(...sizes) >= 15 && Math.max(...sizes) <= 125);
	assert.ok(Math.max(...sizes) - Math.min(...sizes) > 80, 'a spread of sizes');
});

test.run();
