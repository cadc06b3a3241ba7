// Neither the framework version nor the rating is part of the page's data. On the server both are
// the server's own (the version known by its hash, the rating kept for this revision); in the
// browser the version is fetched once by its hash (and kept by the HTTP cache) and the rating is
// worked out by the engine from the record, as every later change is.
import { versionByHash } from '$lib/inspection/framework-content';
import { ratingFor } from '$lib/inspection/record-rating';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ data, fetch }) => {
	const framework = await versionByHash(data.frameworkContent, fetch);
	const { result, relevance } = await ratingFor(data.rating, framework, data.record.evidence);
	return { ...data, framework, result, relevance };
};
