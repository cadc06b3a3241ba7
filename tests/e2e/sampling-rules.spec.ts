// A version's sampling rules (sampling.json) as a methodology lead meets them: read on the
// version's document page with every figure's source and what the sources leave open, edited in
// the framework editor with problems named at their fields, and compared by the diff.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { signInAs } from '../support/accounts';
import { seriousViolations } from '../support/axe';
import { whenHydrated } from '../support/hydration';
import type { SamplingRules } from '../../src/lib/sampling/types';

const rules = (version: string) => JSON.parse(readFileSync(`rules/hmip-youth/${version}/sampling.json`, 'utf8')) as SamplingRules;
const textbox = (page: Page, name: string) => page.getByRole('textbox', { name, exact: true });

test('the document page shows the case-sample rules: confidence, margin, bounds, strata and the sample each feeds, the small-service rule, exclusions and gaps', async ({ page }) => {
	const sampling = rules('2025');
	const children = sampling.samples.find((s) => s.strata.length)!;
	await page.goto('/frameworks/hmip-youth/2025');
	await whenHydrated(page);
	await page.getByRole('navigation', { name: 'Contents' }).getByRole('link', { name: 'Case samples' }).click();
	const section = page.getByRole('region', { name: 'Case samples' });
	await expect(section.getByRole('heading', { level: 2, name: 'Case samples' })).toBeVisible();
	await expect(section.locator('dt', { hasText: 'Confidence level' }).locator('xpath=following-sibling::dd[1]')).toContainText(`${sampling.confidence.value}%`);
	await expect(section.locator('dt', { hasText: 'Confidence level' }).locator('xpath=following-sibling::dd[1]')).toContainText(`Source: ${sampling.confidence.source!.document}`);
	await expect(section.getByText(`${children.sizing.marginOfError!.value} percentage points`)).toBeVisible();
	await expect(section.getByText(`${children.bounds.min} to ${children.bounds.max} cases`)).toBeVisible();
	const strata = section.getByRole('table', { name: `Strata of the ${children.label} sample` });
	await expect(strata.getByRole('row')).toHaveCount(children.strata.length + 1);
	const framework = JSON.parse(readFileSync('rules/hmip-youth/2025/framework.json', 'utf8')) as { samples: { id: string; label: string }[] };
	for (const stratum of children.strata) {
		const row = strata.getByRole('row', { name: new RegExp(`^${stratum.label}`) });
		await expect(row).toContainText(framework.samples.find((s) => s.id === stratum.sample)!.label);
		await expect(row).toContainText(stratum.source.section);
	}
	await expect(section.getByText(`When there are fewer than ${children.smallService!.eligibleBelow} eligible cases, or a stratum has none: aim for ${children.smallService!.aim} cases`)).toBeVisible();
	for (const x of children.exclusions ?? []) await expect(section.getByText(x.reason, { exact: false }).first()).toBeVisible();
	// what the sources leave open is marked, never filled in
	const gap = sampling.notes!.find((n) => n.kind === 'gap')!;
	await expect(section.locator('.govuk-inset-text', { hasText: gap.text })).toContainText('Gap');
	await expect(section.getByText(sampling.notes!.find((n) => n.kind === 'interpretation')!.text)).toBeVisible();
	expect(await seriousViolations(page)).toEqual([]);

	// 2018: the sources give no margin of error, and the page says so
	await page.goto('/frameworks/hmip-youth/2018');
	const older = page.getByRole('region', { name: 'Case samples' });
	await expect(older.locator('dt', { hasText: 'Margin of error' }).first().locator('xpath=following-sibling::dd[1]')).toContainText('not given');
	await expect(older.getByText(rules('2018').samples[0].sizing.marginOfError!.gap!).first()).toBeVisible();
});

test('sampling rules are edited in the framework editor, checked at their fields, saved, and compared by the diff', async ({ page }) => {
	test.setTimeout(120_000);
	const sampling = rules('2025');
	const children = sampling.samples.find((s) => s.strata.length)!;
	const [first, , , last] = children.strata;
	const exclusion = children.exclusions![0];
	await signInAs(page, 'methodology-lead');
	await page.goto('/frameworks/hmip-youth/2025/new-draft');
	await page.getByLabel('New draft from hmip-youth@2025').fill('sampling-trial');
	await page.getByRole('button', { name: 'Make the draft' }).click();
	await expect(page).toHaveURL(/\/frameworks\/hmip-youth\/sampling-trial\/edit$/);
	// compared before any edit: no change to the case samples (the server keeps this diff by the two contents)
	await page.goto('/frameworks/hmip-youth/diff?from=2025&to=sampling-trial');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('What changed from 2025 to sampling-trial');
	await expect(page.getByRole('region', { name: 'Case samples' })).toHaveCount(0);
	await page.goto('/frameworks/hmip-youth/sampling-trial/edit');
	await whenHydrated(page);

	const confidence = textbox(page, 'The case samples: Confidence level');
	await expect(confidence).toHaveValue(String(sampling.confidence.value));
	await confidence.fill('150');
	await expect(page.getByText('Confidence level of the sampling rules: a confidence level is a percentage above 0 and below 100, not 150').first()).toBeVisible();
	await confidence.fill('90');
	// a case sample's fields are shown when it is opened
	await page.getByText(`Case sample: ${children.label}`, { exact: true }).click();
	await textbox(page, `Case sample ${children.id}: Largest sample`).fill('100');
	await textbox(page, `Case sample ${children.id}: Margin of error`).fill('6');
	// a stratum gone, another renamed, and a new one that must say which sample it feeds
	await page.getByRole('button', { name: `Remove stratum ${last.id} of case sample ${children.id}` }).click();
	await textbox(page, `Stratum ${first.id} of case sample ${children.id}: Label`).fill('Custody and resettlement');
	// an exclusion's reason left empty is named at its field, in words
	const reason = textbox(page, `Exclusion ${exclusion.id} of case sample ${children.id}: Reason`);
	await reason.fill('');
	await expect(page.getByText(`Enter the reason of exclusion ${exclusion.id} of case sample ${children.id}`).first()).toBeVisible();
	await expect(reason).toHaveAttribute('aria-describedby', /-error/);
	await reason.fill(`${exclusion.reason}, unless they have returned`);
	await expect(page.getByText('This draft passes every schema and meaning check')).toBeVisible();
	expect(await seriousViolations(page)).toEqual([]);
	await page.getByRole('button', { name: 'Save draft' }).click();
	await expect(page.getByText(/All changes saved \(revision 2\)/)).toBeVisible();

	// the saved draft, read back in the editor and compared with 2025: the changed draft's diff, never the one kept from before
	await page.reload();
	await whenHydrated(page);
	await expect(textbox(page, 'The case samples: Confidence level')).toHaveValue('90');
	await page.getByText(`Case sample: ${children.label}`, { exact: true }).click();
	await expect(textbox(page, `Case sample ${children.id}: Largest sample`)).toHaveValue('100');
	await page.goto('/frameworks/hmip-youth/diff?from=2025&to=sampling-trial');
	const changes = page.getByRole('region', { name: 'Case samples' });
	await expect(changes.getByRole('listitem').filter({ hasText: 'confidence level' })).toContainText(`${sampling.confidence.value}%`);
	await expect(changes.getByRole('listitem').filter({ hasText: 'confidence level' })).toContainText('90%');
	await expect(changes.getByRole('listitem').filter({ hasText: `Case sample ${children.id}: size` })).toContainText(`${children.bounds.min} to 100 cases`);
	await expect(changes.getByRole('listitem').filter({ hasText: 'margin of error' })).toContainText('6 percentage points');
	await expect(changes.getByRole('listitem').filter({ hasText: `stratum ${last.id}` })).toContainText('Removed');
	await expect(changes.getByRole('listitem').filter({ hasText: `stratum ${first.id}` })).toContainText('Custody and resettlement');
	await expect(changes.getByRole('listitem').filter({ hasText: `exclusion ${exclusion.id}` })).toContainText('unless they have returned');
	expect(await seriousViolations(page)).toEqual([]);

	// the draft's own page shows the edited rules
	await page.goto('/frameworks/hmip-youth/sampling-trial');
	const section = page.getByRole('region', { name: 'Case samples' });
	await expect(section.locator('dt', { hasText: 'Confidence level' }).locator('xpath=following-sibling::dd[1]')).toContainText('90%');
	await expect(section.getByRole('table', { name: `Strata of the ${children.label} sample` }).getByRole('row')).toHaveCount(children.strata.length);
});
