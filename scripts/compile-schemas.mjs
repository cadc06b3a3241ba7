// Compiles the JSON Schemas of schema/ into plain validator functions with Ajv's standalone code,
// written to src/lib/engine/schema-validators.js: the server and the browser check files with the
// same functions, and nothing compiles a schema at run time (so the pages' CSP needs no eval, and
// the editor's validator is ready as soon as it has loaded). Run by `npm run build` (prebuild) and
// `npm run schemas`; a unit test fails when the file is not what the schemas make.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';
import addFormats from 'ajv-formats';

const require = createRequire(import.meta.url);
/** Ajv's code template tag (CommonJS; its typings give no named export to ESM) */
const { _ } = require('ajv');

/** Every schema, by the name validateAgainst knows it by; "common" holds only definitions the others use. */
export const SCHEMAS = ['framework', 'domain', 'bandings', 'rules', 'composite', 'inspection', 'golden', 'inspection-record', 'sampling'];
const SHARED = ['common'];
export const OUTPUT = fileURLToPath(new URL('../src/lib/engine/schema-validators.js', import.meta.url));

/** The export a schema's validator has in the generated module. */
export const exportName = (/** @type {string} */ name) => name.replace(/-/g, '_');

/** The generated module's text. */
export function schemaModuleCode() {
	// strictRequired is off because "required" inside oneOf/anyOf branches names properties the
	// parent declares; every other strict check (types, unknown keywords, unions declared) is on.
	// inlineRefs off: a definition used in many places is one function, not copied into each.
	const ajv = new Ajv2020({
		strict: true,
		strictRequired: false,
		allowUnionTypes: true,
		allErrors: true,
		inlineRefs: false,
		code: { source: true, esm: true, lines: false, formats: _`formats` }
	});
	addFormats(ajv, ['date']);
	for (const name of [...SHARED, ...SCHEMAS]) {
		const schema = JSON.parse(readFileSync(fileURLToPath(new URL(`../schema/${name}.schema.json`, import.meta.url)), 'utf8'));
		ajv.addSchema(schema, `${name}.schema.json`);
	}
	let code = standaloneCode(ajv, Object.fromEntries(SCHEMAS.map((name) => [exportName(name), `${name}.schema.json`])));
	// Ajv's run-time helpers are named by CommonJS requires: put each helper's own (self-contained)
	// source in their place, so the module is plain ESM for Node and the bundler alike.
	for (const helper of ['equal', 'ucs2length']) {
		const fn = require(`ajv/dist/runtime/${helper}`).default;
		code = code.split(`require("ajv/dist/runtime/${helper}").default`).join(`(${fn.toString()})`);
	}
	if (/\brequire\(/.test(code)) throw new Error(`the generated validators still require a module: ${code.match(/require\([^)]*\)/)?.[0]}`);
	return [
		'// @ts-nocheck',
		'// Generated from schema/*.schema.json by scripts/compile-schemas.mjs (npm run schemas): do not edit.',
		"import { fullFormats as formats } from 'ajv-formats/dist/formats.js';",
		code.replace(/^"use strict";/, ''),
		''
	].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	const code = schemaModuleCode();
	let before = '';
	try {
		before = readFileSync(OUTPUT, 'utf8');
	} catch {
		// not there yet
	}
	if (before !== code) writeFileSync(OUTPUT, code);
	console.log(`schema validators ${before === code ? 'up to date' : 'written'}: ${OUTPUT.replace(process.cwd() + '/', '')} (${(code.length / 1024).toFixed(0)} KB)`);
}
