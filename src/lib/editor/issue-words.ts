// A framework version's validation issue in a methodology lead's words: what it concerns
// ("prompt 2.1.1.h", "decision rule review-cap") and what to do ("Enter the source document of
// prompt 2.1.1.h"), not the file format's ("/standards/0/keyQuestions/0/prompts/7/source/document:
// must not be empty"). The file and pointer stay on the issue for whoever reads the raw JSON.
// Pure, so the editor, the version pages and the import page share it.
import type { Issue } from '../engine/errors';
import { tokens } from '../json-pointer';
import { plainMessage } from './placement';

/** Parsed version files by name ("framework.json", "domains/2.json" …), when known. */
export type FilesLookup = Record<string, unknown> | undefined;

const FILE_ITEM: Record<string, string> = {
	'framework.json': 'the framework',
	'bandings.json': 'the bandings',
	'rules.json': 'the rules',
	'composite.json': 'the composite',
	'sampling.json': 'the sampling rules'
};

const RULE_KINDS: Record<string, string> = {
	decisionRules: 'decision rule',
	limiters: 'limiter',
	ratingRules: 'rating rule',
	judgementGuidance: 'judgement guidance',
	triggers: 'discretion trigger'
};

/** Field names as the editor's labels say them. */
const FIELD_WORDS: Record<string, string> = {
	text: 'wording',
	'source/document': 'source document',
	'source/section': 'source section',
	'source/note': 'source note',
	'ratedWhen/note': 'words for when it is rated',
	'ratedWhen/conditions': 'condition for when it is rated',
	'relevantWhen/note': 'words for when it is relevant',
	'relevantWhen/conditions': 'condition for when it is relevant',
	judgementGuidance: 'judgement guidance',
	effectiveFrom: 'effective date',
	changeSummary: 'change summary',
	suggestFromBanding: 'banding it suggests from',
	// sampling.json
	'confidence/value': 'confidence level',
	'proportion/value': 'share a sample is sized for',
	'sizing/marginOfError/value': 'margin of error',
	'bounds/min': 'smallest sample',
	'bounds/max': 'largest sample',
	sample: 'sample it feeds',
	recordedIn: 'samples it is recorded in'
};

/** min and max are a band's edges in a banding, scores in the composite. */
const EDGE_WORDS: Record<string, Record<string, string>> = {
	'bandings.json': { min: 'lower edge', max: 'upper edge' },
	'composite.json': { min: 'lowest score', max: 'highest score' }
};

const ordinal = (n: number) => `${n}${n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')}`;

const idAt = (node: unknown): string | undefined => {
	const id = node && typeof node === 'object' ? (node as { id?: unknown }).id : undefined;
	return typeof id === 'string' && id ? id : undefined;
};
const at = (node: unknown, key: string): unknown => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined);

/** Split camelCase for a field with no word of its own: "inspectionTypes" → "inspection types". */
const spaced = (t: string) => t.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

/** What an issue concerns (the item) and which of its fields (empty when the item itself). */
export function issueSubject(issue: Pick<Issue, 'file' | 'pointer'>, files?: FilesLookup): { item: string; field: string } {
	const file = localName(issue.file);
	const path = tokens(issue.pointer);
	let node: unknown = files?.[file];
	let item = FILE_ITEM[file] ?? (file.startsWith('domains/') ? idAt(node) ? `domain ${idAt(node)}` : `the domain in ${file}` : file);
	let rest = path;
	const step = (key: string, name: (i: number, child: unknown) => string) => {
		if (rest[0] !== key || !/^\d+$/.test(rest[1] ?? '')) return false;
		const i = Number(rest[1]);
		const child = at(at(node, key), String(i));
		item = name(i, child);
		node = child;
		rest = rest.slice(2);
		return true;
	};
	if (file.startsWith('domains/')) {
		if (step('standards', (i, s) => idAt(s) ? `standard ${idAt(s)}` : `the ${ordinal(i + 1)} standard of ${item}`))
			if (step('keyQuestions', (i, k) => idAt(k) ? `key question ${idAt(k)}` : `the ${ordinal(i + 1)} key question of ${item}`)) step('prompts', (i, p) => idAt(p) ? `prompt ${idAt(p)}` : `the ${ordinal(i + 1)} prompt of ${item}`);
	} else if (file === 'bandings.json') {
		if (step('bandings', (i, b) => idAt(b) ? `banding ${idAt(b)}` : `the ${ordinal(i + 1)} banding`)) step('bands', (i) => `band ${i + 1} of ${item}`);
	} else if (file === 'rules.json') {
		if (rest[0] === 'discretion') {
			rest = rest.slice(1);
			node = at(node, 'discretion');
		}
		const kind = RULE_KINDS[rest[0] ?? ''];
		if (kind) step(rest[0], (i, r) => idAt(r) ? `${kind} ${idAt(r)}` : `the ${ordinal(i + 1)} ${kind}`);
	} else if (file === 'framework.json') {
		for (const [key, noun] of [['ratings', 'rating'], ['samples', 'sample'], ['inspectionTypes', 'inspection type'], ['caseFacts', 'case fact'], ['contextFacts', 'context fact'], ['sources', 'source']] as const)
			if (step(key, (i, x) => idAt(x) ? `${noun} ${idAt(x)}` : `the ${ordinal(i + 1)} ${noun}`)) break;
	} else if (file === 'composite.json') {
		step('bands', (i) => `band ${i + 1} of the composite`);
	} else if (file === 'sampling.json') {
		if (step('samples', (i, x) => idAt(x) ? `case sample ${idAt(x)}` : `the ${ordinal(i + 1)} case sample`)) {
			const sample = item;
			if (!step('strata', (i, x) => idAt(x) ? `stratum ${idAt(x)} of ${sample}` : `the ${ordinal(i + 1)} stratum of ${sample}`))
				step('exclusions', (i, x) => idAt(x) ? `exclusion ${idAt(x)} of ${sample}` : `the ${ordinal(i + 1)} exclusion of ${sample}`);
		}
	}
	const key = rest.join('/');
	const tree = file.startsWith('domains/') || (file === 'framework.json' && !rest.length);
	const edge = EDGE_WORDS[file]?.[key];
	const field = !key
		? ''
		: key === 'id' && tree
			? 'number'
			: file === 'composite.json' && key === 'max' && !path.includes('bands')
				? 'maximum score'
				: (edge ?? FIELD_WORDS[key] ?? rest.filter((t) => !/^\d+$/.test(t)).map(spaced).join(' '));
	return { item, field };
}

/** A file as the version names it: "up.zip/domains/2.json" and "draft x@y/rules.json" lose their prefix. */
const localName = (file: string) => file.match(/(?:^|\/)((?:framework|bandings|rules|composite|sampling)\.json|domains\/[^/]+)$/)?.[1] ?? file;

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The issue as a sentence a person acts on. */
export function issueInWords(issue: Pick<Issue, 'file' | 'pointer' | 'message'>, files?: FilesLookup): string {
	const message = plainMessage(issue.message);
	const missing = message.match(/^missing required property "([^"]+)"$/)?.[1];
	if (missing) {
		const { item, field } = issueSubject({ file: issue.file, pointer: `${issue.pointer}/${missing}` }, files);
		return `Enter the ${field} of ${item}`;
	}
	const { item, field } = issueSubject(issue, files);
	if (message === 'must not be empty') return field ? `Enter the ${field} of ${item}` : `${capital(item)} must not be empty`;
	if (message === 'choose at least one') return `Choose at least one ${field || 'item'} for ${item}`;
	if (message === 'file is missing') return `${capital(item)} (${localName(issue.file)}) is missing`;
	return field ? `${capital(field)} of ${item}: ${message}` : `${capital(item)}: ${message}`;
}
