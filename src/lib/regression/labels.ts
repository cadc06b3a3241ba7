// Expectations and outcomes in words, for pages: "2.1 Assessment: final rating", "Requires improvement".

const SECTIONS: Record<string, string> = {
	standards: 'final rating',
	computed: 'computed rating, before panel decisions',
	allowed: 'ratings the panel may choose from'
};

const COMPOSITE: Record<string, string> = {
	score: 'score',
	max: 'maximum score',
	rating: 'rating',
	scoreRange: 'score range',
	limiter: 'limiter that capped it',
	challenges: 'limiters that flag it for challenge'
};

const SETS: Record<string, string> = {
	violations: 'Standards breaking a decision rule',
	flagged: 'Standards flagged for professional discretion',
	guidance: 'Standards departing from decision guidance',
	unexplained: 'Standards departing from decision guidance with no reason recorded',
	framework: 'Framework version the file names'
};

/** What an expectation is about. `titles`: standard id → title. */
export function expectationLabel(what: string, titles: Record<string, string> = {}): string {
	const dot = what.indexOf('.');
	const section = dot < 0 ? what : what.slice(0, dot);
	const key = dot < 0 ? '' : what.slice(dot + 1);
	if (section === 'composite') return `Overall: ${COMPOSITE[key] ?? key}`;
	if (section in SECTIONS) return `${key}${titles[key] ? ` ${titles[key]}` : ''}: ${SECTIONS[section]}`;
	return SETS[section] ?? what;
}

/** A rating id or state as people read it. */
export function outcomeWords(outcome: string): string {
	if (outcome === 'needs-decision') return 'Needs a panel decision';
	if (outcome === 'not-rated') return 'Not rated';
	if (outcome === 'no such standard') return 'No such standard';
	const words = outcome.replace(/-/g, ' ');
	return words.charAt(0).toUpperCase() + words.slice(1);
}

/** An expected or actual value: ratings in words, lists joined, nothing said as such. */
export function valueWords(value: unknown): string {
	if (value === undefined) return 'Not listed';
	if (value === null) return 'None';
	if (Array.isArray(value)) return value.length ? value.map((v) => (typeof v === 'string' && /^[a-z-]+$/.test(v) ? outcomeWords(v) : String(v))).join(', ') : 'None';
	if (typeof value === 'string') return /^[a-z]+(-[a-z]+)*$/.test(value) || value === 'no such standard' ? outcomeWords(value) : value;
	return String(value);
}
