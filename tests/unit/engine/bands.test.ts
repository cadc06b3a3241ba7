import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { bandOf, compositeBandOf, formatShare, interiorEdges, marginToBoundary } from '../../../src/lib/engine/bands';
import { framework } from '../../support/factory';

const banding = framework().bandings[0];

const BandOf = suite('bandOf');
for (const [share, rating] of [
	[0, 'inadequate'],
	[49.99, 'inadequate'],
	[50, 'requires-improvement'],
	[64.99, 'requires-improvement'],
	[65, 'good'],
	[79.99, 'good'],
	[80, 'outstanding'],
	[100, 'outstanding']
] as const) {
	BandOf(`${share}% is ${rating}`, () => assert.is(bandOf(banding, share)?.rating, rating));
}
BandOf('a share in a gap has no band', () => {
	const gappy = { ...banding, bands: banding.bands.filter((b) => b.rating !== 'requires-improvement') };
	assert.is(bandOf(gappy, 55), null);
});
BandOf.run();

const Margin = suite('marginToBoundary');
for (const [share, margin] of [
	[47, 3],
	[50, 0],
	[72.5, 7.5],
	[100, 20],
	[10, 40]
] as const) {
	Margin(`${share}% is ${margin} points from an edge`, () => assert.is(marginToBoundary(banding, share), margin));
}
Margin('interior edges exclude 0 and 100', () => assert.equal(interiorEdges(banding), [50, 65, 80]));
Margin.run();

const Format = suite('formatShare');
Format('rounds to whole numbers', () => assert.is(formatShare(100 / 3, [50, 65, 80]), '33%'));
Format('keeps a decimal rather than round across an edge', () => {
	assert.is(formatShare(64.7, [50, 65, 80]), '64.7%');
	assert.is(formatShare(79.6, [50, 65, 80]), '79.6%');
});
Format.run();

const Composite = suite('compositeBandOf');
for (const [score, rating] of [
	[0, 'inadequate'],
	[1, 'inadequate'],
	[2, 'requires-improvement'],
	[5, 'good'],
	[6, 'outstanding'],
	[7, null]
] as const) {
	Composite(`score ${score} is ${rating}`, () => assert.is(compositeBandOf(framework().composite, score), rating));
}
Composite.run();
