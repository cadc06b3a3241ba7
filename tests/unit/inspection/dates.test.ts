import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { dateTime } from '../../../src/lib/inspection/dates';

const When = suite('dateTime: a moment as GOV.UK writes it, in UK time');
const cases: [string, string][] = [
	['2026-12-01T22:10:43.000Z', '1 December 2026, 10:10pm'],
	['2026-12-01T09:05:00Z', '1 December 2026, 9:05am'],
	['2026-12-01T12:00:00Z', '1 December 2026, midday'],
	['2026-12-02T00:00:00Z', '2 December 2026, midnight'],
	// British Summer Time: 11:30 UTC is 12:30pm in London
	['2026-06-01T11:30:00Z', '1 June 2026, 12:30pm'],
	['not a date', 'not a date']
];
for (const [iso, expected] of cases) When(iso, () => assert.is(dateTime(iso), expected));
When.run();
