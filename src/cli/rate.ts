// npm run rate -- FILE [--json] [--framework id@version]: rate one inspection.
import { readFileSync } from 'node:fs';
import { parseJson, type EvaluationResult } from '../lib/engine/index';
import { rate } from '../lib/server/rating/rating';
import { fail, oneLineErrors, parse } from './args';

oneLineErrors();

const usage = 'npm run rate -- FILE [--json] [--framework id@version]';
const { positionals, values } = parse({ json: { type: 'boolean' }, framework: { type: 'string' } }, usage);
if (positionals.length !== 1) fail(`usage: ${usage}`);
const file = positionals[0];

let text: string;
try {
	text = readFileSync(file, 'utf8');
} catch (e) {
	fail(`${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
}
const parsed = parseJson(text, file);
if (!parsed.ok) fail(parsed.errors);
const doc = parsed.value as Record<string, unknown>;
// A golden file (or any {framework, inspection} envelope), or a bare inspection.
const envelope = doc && typeof doc === 'object' && 'inspection' in doc;
const ref = (values.framework as string | undefined) ?? (envelope && typeof doc.framework === 'string' ? doc.framework : undefined);
if (!ref) fail(`${file}: /: a bare inspection does not say its framework version; pass --framework id@version`);
const rated = await rate(ref, { inspection: envelope ? doc.inspection : doc, file, at: envelope ? '/inspection' : '' });
if (!rated.ok) fail(rated.stage === 'find' && !values.framework ? rated.errors.map((issue) => ({ ...issue, file, pointer: '/framework' })) : rated.errors);
const { result } = rated;
console.log(values.json ? JSON.stringify(result, null, 2) : table(result));

function table(r: EvaluationResult): string {
	const rows = Object.values(r.standards).map((s) => [s.id, s.title, s.computed, s.final, s.discretion.length ? 'discretion' : '', s.violations.length ? 'VIOLATION' : '']);
	const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length), ['standard', 'title', 'computed', 'final', 'flags', ''][i].length));
	const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
	const out = [`${r.framework} (${r.hash.slice(0, 19)})`, '', line(['standard', 'title', 'computed', 'final', 'flags', '']), ...rows.map(line), ''];
	out.push(`overall: ${r.composite.trace}`, '', 'why:');
	for (const s of Object.values(r.standards)) out.push(`  ${s.trace}`);
	if (r.violations.length) out.push('', 'decision rules broken:', ...r.violations.map((v) => `  ${v.standard}: ${v.text}`));
	if (r.warnings.length) out.push('', 'warnings:', ...r.warnings.map((w) => `  ${w.message} [${w.code}]`));
	return out.join('\n');
}
