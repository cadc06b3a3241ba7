// The JSON Schemas of schema/, compiled once with ajv in strict mode.
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import common from '../../../schema/common.schema.json';
import framework from '../../../schema/framework.schema.json';
import domain from '../../../schema/domain.schema.json';
import bandings from '../../../schema/bandings.schema.json';
import rules from '../../../schema/rules.schema.json';
import composite from '../../../schema/composite.schema.json';
import inspection from '../../../schema/inspection.schema.json';
import golden from '../../../schema/golden.schema.json';
import inspectionRecord from '../../../schema/inspection-record.schema.json';
import sampling from '../../../schema/sampling.schema.json';
import { type Issue } from './errors';

export type SchemaName = 'framework' | 'domain' | 'bandings' | 'rules' | 'composite' | 'inspection' | 'golden' | 'inspection-record' | 'sampling';

// strictRequired is off because "required" inside oneOf/anyOf branches names properties the
// parent declares; every other strict check (types, unknown keywords, unions declared) is on.
const ajv = new Ajv2020({ strict: true, strictRequired: false, allowUnionTypes: true, allErrors: true });
addFormats(ajv, ['date']);
const schemas = { common, framework, domain, bandings, rules, composite, inspection, golden, 'inspection-record': inspectionRecord, sampling };
for (const [name, schema] of Object.entries(schemas)) ajv.addSchema(schema, `${name}.schema.json`);

const compiled = new Map<SchemaName, ValidateFunction>();

export function validateAgainst(name: SchemaName, value: unknown, file: string, at = ''): Issue[] {
	let validate = compiled.get(name);
	if (!validate) {
		validate = ajv.getSchema(`${name}.schema.json`)!;
		compiled.set(name, validate);
	}
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
