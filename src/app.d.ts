// App-wide types (Locals, PageData, Error) go here as the app grows: https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {}
}

export {};
