// The types of schema-validators.js, the schemas compiled by scripts/compile-schemas.mjs.
import type { ErrorObject } from 'ajv';

export interface SchemaValidator {
	(data: unknown): boolean;
	/** the last call's errors, null when it passed */
	errors?: ErrorObject[] | null;
}

export const framework: SchemaValidator;
export const domain: SchemaValidator;
export const bandings: SchemaValidator;
export const rules: SchemaValidator;
export const composite: SchemaValidator;
export const inspection: SchemaValidator;
export const golden: SchemaValidator;
export const inspection_record: SchemaValidator;
export const sampling: SchemaValidator;
