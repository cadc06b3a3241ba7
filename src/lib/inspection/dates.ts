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
