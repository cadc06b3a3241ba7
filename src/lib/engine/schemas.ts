// The JSON Schemas of schema/, compiled at build time into plain functions by Ajv in strict mode
// (scripts/compile-schemas.mjs): the server and the browser check with the same code, and nothing
// compiles (or evals) at run time.
import type { ErrorObject } from 'ajv';
import * as validators from './schema-validators.js';
import type { SchemaValidator } from './schema-validators.js';
import { type Issue } from './errors';

export type SchemaName = 'framework' | 'domain' | 'bandings' | 'rules' | 'composite' | 'inspection' | 'golden' | 'inspection-record' | 'sampling';

const byName: Record<SchemaName, SchemaValidator> = {
	framework: validators.framework,
	domain: validators.domain,
	bandings: validators.bandings,
	rules: validators.rules,
	composite: validators.composite,
	inspection: validators.inspection,
	golden: validators.golden,
	'inspection-record': validators.inspection_record,
	sampling: validators.sampling
};

export function validateAgainst(name: SchemaName, value: unknown, file: string, at = ''): Issue[] {
	const validate = byName[name];
	if (validate(value)) return [];
	return explain(validate.errors ?? []).map((e) => ({ file, pointer: at + e.instancePath, message: e.message, severity: 'error' }));
}

/** ajv reports every failed branch of a oneOf; keep the errors a person can act on. */
function explain(errors: ErrorObject[]): { instancePath: string; message: string }[] {
	const specific = errors.filter((e) => !['oneOf', 'anyOf', 'if', 'not'].includes(e.keyword));
	const pool = specific.length ? specific : errors;
	const deepest = Math.max(...pool.map((e) => e.instancePath.split('/').length));
	const seen = new Set<string>();
	const out: { instancePath: string; message: string }[] = [];
	const ranked = [...pool].sort((a, b) => b.instancePath.split('/').length - a.instancePath.split('/').length);
	for (const e of ranked) {
		if (e.instancePath.split('/').length < deepest && out.length) break;
		const message = describe(e);
		const key = e.instancePath + message;
		if (!seen.has(key)) out.push({ instancePath: e.instancePath, message });
		seen.add(key);
	}
	return out;
}

function describe(e: ErrorObject): string {
	const p = e.params as Record<string, unknown>;
	switch (e.keyword) {
		case 'required':
			return `missing required property "${p.missingProperty}"`;
		case 'additionalProperties':
			return `unknown property "${p.additionalProperty}"`;
		case 'enum':
			return `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
		case 'type':
			return `must be ${String(p.type).split(',').join(' or ')}`;
		case 'propertyNames':
			return `property name "${p.propertyName}" is not valid`;
		default:
			return e.message ?? `fails ${e.keyword}`;
	}
}
