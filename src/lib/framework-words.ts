// The words the framework pages use for the rule format's values.
export const METHOD_WORDS: Record<string, string> = {
	'lowest-band': 'Case-based: the lowest band of its key questions',
	judgement: 'Qualitative: the lead inspector proposes a rating, the panel decides',
	'rating-rules': 'Rating rules give the ratings allowed; the panel chooses among them'
};

export const KIND_WORDS: Record<string, string> = {
	case: 'Case-based: the share of relevant cases answered yes, banded',
	judgement: 'Qualitative: answered yes or no by the lead inspector'
};

export const ratingWords = (ratings: { id: string; label: string }[] | undefined) => {
	const labels = new Map((ratings ?? []).map((r) => [r.id, r.label]));
	return (id: string | undefined) => (id ? (labels.get(id) ?? id) : '');
};
