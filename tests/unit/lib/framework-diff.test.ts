import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { conditionWords } from '../../../src/lib/condition-text';
import { diffVersions, overlap, type Change, type VersionFiles } from '../../../src/lib/framework-diff';
import type { Condition, Domain, Standard } from '../../../src/lib/engine/types';
import { readVersionFiles } from '../../../src/lib/server/frameworks/frameworks';

const read = (version: string): VersionFiles => {
	const r = readVersionFiles(`rules/hmip-youth/${version}`);
	if (!r.ok) throw new Error(`${version} does not read`);
	return r.value;
};
const src = { document: 'methodology-review-2026.txt', section: '3.1' };
const domain = (files: VersionFiles, file: string) => files[file] as Domain;
const standard = (files: VersionFiles, file: string, id: string) => domain(files, file).standards.find((s) => s.id === id)!;
const bands = (files: VersionFiles) => (files['bandings.json'] as { bandings: { id: string; bands: { rating: string; min: number; max: number }[] }[] }).bandings;
const rules = (files: VersionFiles) => files['rules.json'] as Record<string, unknown[]>;

const reviewing: Standard = {
	id: '2.4',
	title: 'Reviewing',
	text: 'Reviewing of progress is well informed, analytical and personalised.',
	source: src,
	method: 'lowest-band',
	keyQuestions: [
		{ id: '2.4.1', text: 'Does reviewing focus on achieving positive change?', source: src, kind: 'case', samples: ['court'], banding: 'case', prompts: [{ id: '2.4.1.a', text: 'Were changes identified?', source: src }] },
		{ id: '2.4.2', text: 'Does reviewing focus on keeping the child safe?', source: src, kind: 'case', samples: ['court'], banding: 'case', prompts: [{ id: '2.4.2.a', text: 'Was safety reviewed?', source: src }] }
	]
};

interface Case {
	name: string;
	base?: string;
	edit: (files: VersionFiles) => void;
	/** [section id, kind, subject, field?] of every change expected, in order */
	expect: [string, Change['kind'], string, string?][];
	check?: (changes: Change[]) => void;
}

const cases: Case[] = [
	{ name: 'no change: nothing to report', edit: () => {}, expect: [] },
	{
		name: 'a standard added with two key questions and their prompts',
		edit: (f) => domain(f, 'domains/2.json').standards.push(structuredClone(reviewing)),
		expect: [
			['standards', 'added', 'Standard 2.4 Reviewing'],
			['keyQuestions', 'added', 'Key question 2.4.1'],
			['keyQuestions', 'added', 'Key question 2.4.2'],
			['prompts', 'added', 'Prompt 2.4.1.a'],
			['prompts', 'added', 'Prompt 2.4.2.a']
		],
		check: (c) => assert.is(c[0].to, 'in domain 2, rated by lowest-band, 2 key questions: Reviewing of progress is well informed, analytical and personalised.')
	},
	{
		name: 'a standard removed, with its key questions',
		edit: (f) => (domain(f, 'domains/2.json').standards = domain(f, 'domains/2.json').standards.filter((s) => s.id !== '2.3')),
		expect: [
			['standards', 'removed', 'Standard 2.3 Delivery'],
			['keyQuestions', 'removed', 'Key question 2.3.1'],
			['keyQuestions', 'removed', 'Key question 2.3.2']
		]
	},
	{
		name: 'a key question reworded: word by word',
		edit: (f) => (standard(f, 'domains/2.json', '2.2').keyQuestions[0].text = 'Does planning focus well on how to achieve positive change for the child?'),
		expect: [['keyQuestions', 'reworded', 'Key question 2.2.1', 'text']],
		check: ([c]) => {
			assert.equal(c.words!.filter((w) => w.removed).map((w) => w.text.trim()), ['sufficiently']);
			assert.equal(c.words!.filter((w) => w.added).map((w) => w.text.trim()), ['well']);
			assert.is(c.words!.filter((w) => !w.removed).map((w) => w.text).join(''), 'Does planning focus well on how to achieve positive change for the child?');
		}
	},
	{
		name: 'a standard renumbered (moved to the end and given the next number)',
		edit: (f) => {
			const d = domain(f, 'domains/2.json');
			const planning = d.standards.splice(1, 1)[0];
			planning.id = '2.4';
			d.standards.push(planning);
		},
		expect: [
			['standards', 'renumbered', 'Standard 2.4 Planning'],
			['keyQuestions', 'changed', 'Key question 2.2.1', 'standard'],
			['keyQuestions', 'changed', 'Key question 2.2.2', 'standard']
		],
		check: ([c]) => assert.equal([c.from, c.to], ['2.2', '2.4'])
	},
	{
		name: 'a prompt inserted before others: one added, the later ones renumbered, not all reworded',
		base: '2018',
		edit: (f) => {
			const prompts = standard(f, 'domains/1.json', '1.1').keyQuestions[0].prompts;
			prompts.splice(1, 0, { id: 'new', text: 'Does the vision reflect the voice of children?', source: src });
			prompts.forEach((p, i) => (p.id = `1.1.1.${'abcdefghijklmnop'[i]}`));
		},
		expect: [
			['prompts', 'added', 'Prompt 1.1.1.b'],
			['prompts', 'renumbered', 'Prompt 1.1.1.c'],
			['prompts', 'renumbered', 'Prompt 1.1.1.d'],
			['prompts', 'renumbered', 'Prompt 1.1.1.e']
		],
		check: (c) => assert.equal(c.slice(1).map((x) => [x.from, x.to]), [['1.1.1.b', '1.1.1.c'], ['1.1.1.c', '1.1.1.d'], ['1.1.1.d', '1.1.1.e']])
	},
	{
		name: 'a band edge moved: both bands that meet there are reported',
		edit: (f) => {
			const [ri, good] = bands(f)[0].bands.slice(1, 3);
			ri.max = 60;
			good.min = 60;
		},
		expect: [
			['bandings', 'moved', 'Banding “case”: requires-improvement (too few)', 'range'],
			['bandings', 'moved', 'Banding “case”: good (reasonable majority)', 'range']
		],
		check: (c) => assert.equal(c.map((x) => [x.from, x.to]), [['50–65%', '50–60%'], ['65–80%', '60–80%']])
	},
	{
		name: 'a limiter added, its condition in words',
		edit: (f) =>
			(rules(f).limiters = [{ id: 'reviewing-cap', text: '2.4 inadequate: overall at most requires improvement.', source: src, when: { all: [{ fact: 'rating', params: { standard: '2.4' }, operator: 'equal', value: 'inadequate' }] }, cap: 'requires-improvement' }]),
		expect: [['limiters', 'added', 'Limiter reviewing-cap']],
		check: ([c]) => assert.is(c.to, '2.4 inadequate: overall at most requires improvement. — when: rating of 2.4 is inadequate — overall at most: requires-improvement')
	},
	{
		name: 'a rule changed: its condition and allowed ratings',
		edit: (f) => {
			const rule = rules(f).ratingRules[0] as { conditions: Condition; allow: string[] };
			rule.allow = ['outstanding'];
			rule.conditions = { all: [{ fact: 'band', params: { keyQuestion: 'V1.1' }, operator: 'in', value: ['outstanding', 'good'] }] };
		},
		expect: [
			['rating-rules', 'changed', 'Rating rule victims-outstanding-yes', 'when'],
			['rating-rules', 'changed', 'Rating rule victims-outstanding-yes', 'allows']
		],
		check: ([when, allows]) => {
			assert.is(when.from, 'band of V1.1 is outstanding and answer to V1.2 is yes');
			assert.is(when.to, 'band of V1.1 is one of outstanding, good');
			assert.equal([allows.from, allows.to], ['good, outstanding', 'outstanding']);
		}
	},
	{
		name: 'the composite: a standard counted, the maximum, a band moved',
		edit: (f) => {
			const c = f['composite.json'] as { standards: string[]; max: number; bands: { rating: string; max: number }[] };
			c.standards.push('2.4');
			c.max = 15;
			c.bands[3].max = 15;
		},
		expect: [
			['composite', 'added', 'Composite “Overall YJS rating”', 'standards that count'],
			['composite', 'changed', 'Composite “Overall YJS rating”', 'maximum score'],
			['composite', 'moved', 'Composite “Overall YJS rating”: outstanding', 'scores']
		],
		check: (c) => assert.equal(c.map((x) => [x.from, x.to]), [[undefined, '2.4'], ['12', '15'], ['11–12', '11–15']])
	}
];

const Diff = suite('diffVersions: what a methodology lead needs to know');
for (const c of cases) {
	Diff(c.name, () => {
		const from = read(c.base ?? '2025');
		const to = structuredClone(from);
		c.edit(to);
		const diff = diffVersions(from, to);
		const changes = diff.sections.flatMap((s) => s.changes.map((change) => ({ section: s.id, change })));
		assert.equal(
			changes.map(({ section, change }) => [section, change.kind, change.subject, ...(change.field ? [change.field] : [])]).slice(0, c.expect.length),
			c.expect.map((e) => e.filter((x) => x !== undefined))
		);
		assert.is(diff.count, c.expect.length);
		c.check?.(changes.map((x) => x.change));
	});
}
Diff('the shipped revisions: 2018 to 2021 adds domain 4 and the 2021 rules', () => {
	const diff = diffVersions(read('2018'), read('2021'));
	const find = (section: string) => diff.sections.find((s) => s.id === section)!.changes;
	assert.ok(find('domains').some((c) => c.kind === 'added' && c.subject === 'Domain 4 Resettlement (modular standard)'));
	assert.equal(find('limiters').map((c) => [c.kind, c.subject]), [['added', 'Limiter resettlement-inadequate'], ['added', 'Limiter diversity']]);
	assert.ok(find('standards').some((c) => c.subject.startsWith('Standard 3.4') && c.field === 'method'));
});
Diff('an unfinished draft (files missing) still compares', () => {
	const diff = diffVersions(read('2025'), { 'framework.json': { id: 'hmip-youth', version: 'x', domains: ['domains/2.json'] } });
	assert.ok(diff.count > 0);
	assert.ok(diff.sections.find((s) => s.id === 'composite')!.changes.some((c) => c.kind === 'removed'));
});
Diff('case samples: a changed confidence level, a stratum added and one removed, an exclusion reworded, a bound moved', () => {
	const from = read('2025');
	const to = structuredClone(from);
	const sampling = to['sampling.json'] as { confidence: { value: number }; samples: { id: string; bounds: { min: number }; strata: { id: string; label: string; sample: string }[]; exclusions: { id: string; reason: string }[] }[] };
	const children = sampling.samples.find((s) => s.id === 'children')!;
	sampling.confidence.value = 90;
	children.bounds.min = 20;
	const [dropped] = children.strata.splice(3, 1);
	children.strata.push({ ...children.strata[0], id: 'new-stratum', label: 'A new stratum' });
	children.exclusions[0].reason = `${children.exclusions[0].reason}, unless returned`;
	const changes = diffVersions(from, to).sections.find((s) => s.id === 'sampling')!.changes;
	const said = changes.map((c) => [c.kind, c.subject, c.field ?? '', c.from ?? '', c.to ?? '']);
	assert.ok(said.some(([k, s, f, a, b]) => k === 'changed' && s === 'Case samples' && f === 'confidence level' && a === '80%' && b === '90%'), JSON.stringify(said));
	assert.ok(said.some(([k, s, f, a, b]) => k === 'changed' && s === 'Case sample children' && f === 'size' && a === '15 to 125 cases' && b === '20 to 125 cases'));
	assert.ok(said.some(([k, s]) => k === 'removed' && s === `Case sample children: stratum ${dropped.id}`));
	assert.ok(said.some(([k, s, , , b]) => k === 'added' && s === 'Case sample children: stratum new-stratum' && b.startsWith('A new stratum')));
	assert.ok(changes.some((c) => c.kind === 'reworded' && c.subject === `Case sample children: exclusion ${children.exclusions[0].id}` && c.words?.some((w) => w.added && w.text.includes('unless returned'))));
	// a version without sampling rules, and one given them
	const bare = structuredClone(from);
	delete bare['sampling.json'];
	assert.equal(diffVersions(bare, from).sections.find((s) => s.id === 'sampling')!.changes.map((c) => c.kind), ['added']);
	assert.is(diffVersions(from, from).count, 0);
});
Diff.run();

const Words = suite('overlap');
Words('shared words over all words', () => {
	assert.is(overlap('a b c', 'a b c'), 1);
	assert.is(overlap('A b, c!', 'a b d'), 0.5);
	assert.is(overlap('', ''), 1);
	assert.is(overlap('x', 'y'), 0);
});
Words.run();

const Text = suite('conditionWords');
const conditions: [Condition, string][] = [
	[{ fact: 'rating', params: { standard: '2.4' }, operator: 'equal', value: 'inadequate' }, 'rating of 2.4 is inadequate'],
	[{ all: [] }, 'always'],
	[{ all: [{ fact: 'overall', operator: 'in', value: ['outstanding', 'good'] }] }, 'overall rating is one of outstanding, good'],
	[
		{ any: [{ fact: 'score', operator: 'lessThan', value: 3 }, { all: [{ fact: 'inspectionType', operator: 'equal', value: 'iyjs' }, { fact: 'diversityPracticeInsufficient', operator: 'equal', value: true }] }] },
		'overall score is less than 3 or (inspection type is iyjs and diversity practice insufficient is yes)'
	],
	[{ not: { fact: 'share', params: { keyQuestion: '2.1.1' }, operator: 'greaterThanInclusive', value: 65 } }, 'not (% yes for 2.1.1 is at least 65)'],
	[
		{ fact: 'ratingShare', params: { domains: ['2', '3'], ratings: ['good', 'outstanding'] }, operator: 'equal', value: 100 },
		'% of the standards of domains 2, 3 rated good, outstanding is 100'
	],
	[{ fact: 'ratingCount', params: { standards: ['2.3', '3.3'], ratings: ['inadequate'] }, operator: 'equal', value: 0 }, 'number of standards 2.3, 3.3 rated inadequate is 0']
];
for (const [condition, words] of conditions) Text(words, () => assert.is(conditionWords(condition), words));
Text.run();
