// Dates as people read them on these pages: 1 April 2025.
const long = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' });

export function formatDate(isoDate: string | undefined): string {
	if (!isoDate) return '';
	const date = new Date(isoDate.length === 10 ? `${isoDate}T00:00:00Z` : isoDate);
	return Number.isNaN(date.getTime()) ? isoDate : long.format(date);
}
