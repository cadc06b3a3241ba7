// A small framework version built in code, for unit tests; each test overrides what it needs.
import type { FrameworkVersion, Inspection } from '../../src/lib/engine/index';

const src = { document: 'test', section: 'factory' };
const bands = [
	{ rating: 'inadequate', label: 'minority', min: 0, max: 50 },
	{ rating: 'requires-improvement', label: 'too few', min: 50, max: 65 },
	{ rating: 'good', label: 'reasonable majority', min: 65, max: 80 },
	{ rating: 'outstanding', label: 'large majority', min: 80, max: 100 }
];

export function framework(): FrameworkVersion {
	return {
		hash: 'sha256:test',
		meta: {
			id: 'test',
			version: '1',
			title: 'Test framework',
			status: 'published',
			effectiveFrom: '2020-01-01',
			sources: [{ document: 'test', title: 'Test' }],
			ratings: [
				{ id: 'outstanding', label: 'Outstanding', score: 3 },
				{ id: 'good', label: 'Good', score: 2 },
				{ id: 'requires-improvement', label: 'Requires improvement', score: 1 },
				{ id: 'inadequate', label: 'Inadequate', score: 0 }
			],
			samples: [
				{ id: 'court', label: 'Court' },
				{ id: 'victim', label: 'Victims' }
			],
			caseFacts: [{ id: 'safetyFactors', label: 'Safety factors', type: 'boolean' }],
			contextFacts: [{ id: 'flagged', label: 'Flagged', type: 'boolean', required: false, whenUnknown: 'nobody has said whether it is flagged' }],
			inspectionTypes: [
				{ id: 'full', label: 'Full' },
				{ id: 'short', label: 'Short' }
			],
			domains: ['domains/A.json', 'domains/B.json']
		},
		domains: [
			{
				id: 'A',
				title: 'Leadership',
				source: src,
				ratedWhen: { conditions: { all: [{ fact: 'inspectionType', operator: 'equal', value: 'full' }] }, note: 'only in full inspections' },
				standards: [
					{
						id: 'A1',
						title: 'Leading',
						text: 'Leading well.',
						source: src,
						method: 'judgement',
						keyQuestions: [
							{ id: 'A1.1', text: 'Is there a vision?', source: src, kind: 'judgement', prompts: [{ id: 'A1.1.a', text: 'Is it written?', source: src }] },
							{ id: 'A1.2', text: 'Is it shared?', source: src, kind: 'judgement', prompts: [] }
						]
					}
				]
			},
			{
				id: 'B',
				title: 'Casework',
				source: src,
				standards: [
					{
						id: 'B1',
						title: 'Assessing',
						text: 'Assessing well.',
						source: src,
						method: 'lowest-band',
						keyQuestions: [
							{ id: 'B1.1', text: 'Change?', source: src, kind: 'case', samples: ['court'], banding: 'case', prompts: [] },
							{
								id: 'B1.2',
								text: 'Safety?',
								source: src,
								kind: 'case',
								samples: ['court'],
								banding: 'case',
								relevantWhen: { conditions: { all: [{ fact: 'safetyFactors', operator: 'equal', value: true }] }, note: 'only where there are safety factors' },
								prompts: []
							}
						]
					},
					{
						id: 'B2',
						title: 'Victims',
						text: 'Victims well served.',
						source: src,
						method: 'rating-rules',
						keyQuestions: [
							{ id: 'B2.1', text: 'Victim work?', source: src, kind: 'case', samples: ['victim'], banding: 'case', prompts: [] },
							{ id: 'B2.2', text: 'Arrangements?', source: src, kind: 'judgement', prompts: [] }
						]
					}
				]
			}
		],
		bandings: [{ id: 'case', title: 'Case bands', purpose: 'rating', source: src, bands: structuredClone(bands) }],
		rules: {
			judgementGuidance: [
				{
					id: 'default-ri',
					standards: ['A1'],
					text: 'Requires improvement when a key question is no.',
					source: src,
					conditions: { all: [{ fact: 'keyQuestionsNo', operator: 'greaterThanInclusive', value: 1 }] },
					suggest: 'requires-improvement'
				}
			],
			ratingRules: [
				...['outstanding', 'good'].map((band) => ({
					id: `victims-${band}`,
					standard: 'B2',
					text: `B2.1 ${band}: good or outstanding`,
					source: src,
					conditions: { all: [{ fact: 'band', params: { keyQuestion: 'B2.1' }, operator: 'equal', value: band }] },
					allow: ['good', 'outstanding']
				})),
				...['requires-improvement', 'inadequate'].map((band) => ({
					id: `victims-${band}`,
					standard: 'B2',
					text: `B2.1 ${band}: requires improvement or inadequate`,
					source: src,
					conditions: { all: [{ fact: 'band', params: { keyQuestion: 'B2.1' }, operator: 'equal', value: band }] },
					allow: ['requires-improvement', 'inadequate']
				}))
			],
			decisionRules: [
				{
					id: 'lead-outstanding',
					standard: 'A1',
					rating: 'outstanding',
					kind: 'rule',
					text: 'Outstanding needs B1 outstanding.',
					source: src,
					requires: { all: [{ fact: 'rating', params: { standard: 'B1' }, operator: 'equal', value: 'outstanding' }] }
				},
				{
					id: 'lead-good',
					standard: 'A1',
					rating: 'good',
					kind: 'guidance',
					text: 'Good usually goes with B1 good or better.',
					source: src,
					requires: { all: [{ fact: 'ratingScore', params: { standard: 'B1' }, operator: 'greaterThanInclusive', value: 2 }] }
				}
			],
			limiters: [
				{ id: 'victims-cap', text: 'B2 inadequate: no overall outstanding.', source: src, when: { all: [{ fact: 'rating', params: { standard: 'B2' }, operator: 'equal', value: 'inadequate' }] }, cap: 'good' },
				{ id: 'challenge', text: 'Flagged: challenge outstanding.', source: src, when: { all: [{ fact: 'flagged', operator: 'equal', value: true }] }, challenge: ['outstanding'] }
			],
			discretion: {
				source: src,
				maxSteps: 1,
				triggers: [
					{ id: 'near-boundary', text: 'Near a boundary.', source: src, conditions: { all: [{ fact: 'marginToBoundary', operator: 'lessThanInclusive', value: 5 }] }, flag: '{lowestShare}% near an edge' },
					{ id: 'one-case', text: 'One case.', source: src, conditions: { all: [{ fact: 'oneCaseChangesRating', operator: 'equal', value: true }] }, flag: 'one case would change it' },
					{ id: 'small-sample', text: 'Small sample.', source: src, conditions: { all: [{ fact: 'smallestSample', operator: 'lessThanInclusive', value: 5 }] }, flag: '{smallestSample} {smallestSample|case|cases}' }
				]
			}
		},
		composite: {
			title: 'Overall',
			source: src,
			standards: ['B1', 'B2'],
			scores: { outstanding: 3, good: 2, 'requires-improvement': 1, inadequate: 0 },
			max: 6,
			bands: [
				{ rating: 'inadequate', min: 0, max: 1 },
				{ rating: 'requires-improvement', min: 2, max: 3 },
				{ rating: 'good', min: 4, max: 5 },
				{ rating: 'outstanding', min: 6, max: 6 }
			]
		}
	};
}

/** The version's files as validateVersion takes them. */
export function files(version = framework()): Record<string, unknown> {
	return {
		'framework.json': version.meta,
		'domains/A.json': version.domains[0],
		'domains/B.json': version.domains[1],
		'bandings.json': { bandings: version.bandings },
		'rules.json': version.rules,
		'composite.json': version.composite
	};
}

/** Evidence for the factory framework: B1 good and unflagged (29 of 40 twice), B2.1 in the good band. */
export function inspection(overrides: Inspection = {}): Inspection {
	return {
		context: { inspectionType: 'short' },
		tallies: { 'B1.1': { relevant: 40, yes: 29 }, 'B1.2': { relevant: 40, yes: 29 }, 'B2.1': { relevant: 40, yes: 29 } },
		...overrides
	};
}
