// The canonical text of a longlist as a draw reads it, whose SHA-256 a draw records: one line per
// row in the longlist's order, each the JSON array [case reference, stratum id, excluded], and
// nothing else (no other column, no heading, no reason: the reasons are recorded word for word
// with the draw, and only these three decide which cases are drawn). The hash itself is the
// server's (node:crypto): the browser never draws.

export interface FingerprintRow {
	reference: string;
	/** a stratum id, or the id of a case sample without strata */
	group: string;
	excluded?: boolean;
}

/** Version 1 of the form: change it only with a new name for the record's field. */
export function longlistForm(rows: readonly FingerprintRow[]): string {
	let text = '';
	for (const r of rows) text += `${JSON.stringify([r.reference, r.group, !!r.excluded])}\n`;
	return text;
}
