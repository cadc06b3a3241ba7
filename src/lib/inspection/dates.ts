// Dates: typed into GOV.UK date inputs (day, month, year), kept as ISO dates, shown in long form.

export type DateParts = { day: string; month: string; year: string };

export function dateParts(form: FormData, name: string): DateParts {
	const get = (part: string) => String(form.get(`${name}-${part}`) ?? '').trim();
	return { day: get('day'), month: get('month'), year: get('year') };
}

/** null when all three are blank; an error message when the date is not a real one. */
export function isoDate(parts: DateParts, what: string): { date: string | null } | { error: string } {
	const { day, month, year } = parts;
	if (!day && !month && !year) return { date: null };
	const missing = (['day', 'month', 'year'] as const).filter((p) => !parts[p]);
	if (missing.length) return { error: `${what} must include a ${missing.join(' and a ')}` };
	if (![day, month, year].every((p) => /^\d+$/.test(p)) || year.length !== 4) return { error: `${what} must be a real date, for example 14 5 2025` };
	const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
	const parsed = new Date(`${iso}T00:00:00Z`);
	if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== iso) return { error: `${what} must be a real date, for example 14 5 2025` };
	return { date: iso };
}

export function partsOf(iso: string | undefined): Partial<DateParts> {
	if (!iso) return {};
	const [year, month, day] = iso.split('-');
	return { day: String(Number(day)), month: String(Number(month)), year };
}

const long = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' });

export function longDate(iso: string): string {
	const date = new Date(`${iso}T00:00:00Z`);
	return Number.isNaN(date.getTime()) ? iso : long.format(date);
}

const dayInLondon = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Europe/London' });
const timeInLondon = new Intl.DateTimeFormat('en-GB', { hour: 'numeric', minute: '2-digit', hourCycle: 'h12', timeZone: 'Europe/London' });

// Worded moments, by the ISO text: a list shows the same ones on every visit, and wording one
// (formatToParts in a time zone) costs more than the rest of its row. Cleared when full.
const worded = new Map<string, string>();

/** A moment as GOV.UK writes it, in UK time: "1 December 2026, 10:10pm", "midday", "midnight". */
export function dateTime(iso: string): string {
	let words = worded.get(iso);
	if (words === undefined) {
		if (worded.size >= 1000) worded.clear();
		worded.set(iso, (words = wordDateTime(iso)));
	}
	return words;
}

function wordDateTime(iso: string): string {
	const at = new Date(iso);
	if (Number.isNaN(at.getTime())) return iso;
	const parts = Object.fromEntries(timeInLondon.formatToParts(at).map((p) => [p.type, p.value]));
	const period = String(parts.dayPeriod ?? '').toLowerCase().replace(/\./g, '').replace(/\s/g, '');
	const time = parts.minute === '00' && parts.hour === '12' ? (period === 'am' ? 'midnight' : 'midday') : `${parts.hour}:${parts.minute}${period}`;
	return `${dayInLondon.format(at)}, ${time}`;
}

// One formatter each, made once: making an Intl formatter costs far more than using one, and a
// page may show hundreds of dates.
const decided = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', hourCycle: 'h12', timeZone: 'Europe/London' });

/** When a panel decision was made, GOV.UK style in UK time: "1 December 2026 at 10:50pm". */
export function decidedAt(iso: string): string {
	const parts = Object.fromEntries(decided.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
	return `${parts.day} ${parts.month} ${parts.year} at ${Number(parts.hour)}:${parts.minute}${String(parts.dayPeriod).toLowerCase().replace(/\s/g, '')}`;
}

const clock = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });

/** A time of day on the reader's clock, as "09:05". */
export const clockTime = (iso: string): string => clock.format(new Date(iso));
