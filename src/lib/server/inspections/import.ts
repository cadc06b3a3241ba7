// An inspection into Yardstick from a golden file (or a file this app exported, which is one):
// read, checked against the golden schema and the version it names, then pinned to that version.
import { parseJson, validateAgainst, validateInspection, type Issue } from '../../engine/index';
import type { InspectionRecord } from '../../inspection/record';
import { findVersion, loadFramework } from '../frameworks/frameworks';
import type { GoldenFile } from '../regression/golden';
import { pinnedRecord } from './inspections';

export type ImportResult = { ok: true; record: InspectionRecord } | { ok: false; errors: Issue[] };

export function readImport(text: string, file: string): ImportResult {
	const parsed = parseJson(text, file);
	if (!parsed.ok) return { ok: false, errors: parsed.errors };
	const schemaErrors = validateAgainst('golden', parsed.value, file);
	if (schemaErrors.length) return { ok: false, errors: schemaErrors };
	const golden = parsed.value as GoldenFile;
	const found = findVersion(golden.framework);
	if ('message' in found) return { ok: false, errors: [{ ...found, file, pointer: '/framework' }] };
	const loaded = loadFramework(golden.framework);
	if (!loaded.ok) return { ok: false, errors: loaded.errors };
	const checked = validateInspection(loaded.value, golden.inspection, file, '/inspection');
	if (!checked.ok) return { ok: false, errors: checked.errors };
	return { ok: true, record: pinnedRecord({ serviceName: golden.name.trim(), framework: golden.framework, evidence: checked.value }) };
}
