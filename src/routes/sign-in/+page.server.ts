import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { signIn } from '$lib/server/auth';
import { SESSION_COOKIE, startSession } from '$lib/server/sessions';
import { users } from '$lib/server/users';

const safeNext = (next: string | null) => (next && next.startsWith('/') && !next.startsWith('//') ? next : '/');

export const load: PageServerLoad = async ({ locals, url }) => ({
	user: locals.user,
	next: safeNext(url.searchParams.get('next')),
	// a fresh data folder: say how to make the first account rather than refuse every name
	noAccounts: (await users().list()).length === 0
});

export const actions: Actions = {
	default: async ({ request, cookies, getClientAddress, url }) => {
		const form = await request.formData();
		const name = String(form.get('name') ?? '').trim();
		const password = String(form.get('password') ?? '');
		const errors: Record<string, string> = {};
		if (!name) errors.name = 'Enter your name';
		if (!password) errors.password = 'Enter your password';
		if (Object.keys(errors).length) return fail(400, { name, errors });
		const result = await signIn(name, password, getClientAddress());
		if (!result.ok) return fail(result.field ? 400 : 429, { name, errors: { [result.field ?? 'name']: result.message } });
		const session = await startSession(result.user.name);
		cookies.set(SESSION_COOKIE, session.id, { path: '/', httpOnly: true, sameSite: 'strict', secure: url.protocol === 'https:', expires: session.expires });
		redirect(303, safeNext(url.searchParams.get('next')));
	}
};
