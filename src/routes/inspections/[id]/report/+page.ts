// The framework version is not part of the page's data: on the server it is the loader's own
// (known by its hash), in the browser it is fetched once by its hash and kept by the HTTP cache.
import { versionByHash } from '$lib/inspection/framework-content';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ data, fetch }) => ({ ...data, framework: await versionByHash(data.frameworkContent, fetch) });
