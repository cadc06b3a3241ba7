// Copies govuk-frontend's fonts and images to static/assets, where its CSS expects them (/assets/…).
import { cpSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const from = fileURLToPath(new URL('../node_modules/govuk-frontend/dist/govuk/assets', import.meta.url));
const to = fileURLToPath(new URL('../static/assets', import.meta.url));

rmSync(to, { recursive: true, force: true });
cpSync(from, to, { recursive: true });
console.log(`govuk-frontend assets copied to static/assets`);
