import { expect, test } from '@playwright/test';
import { createInspection, enterTallies, expectAccessible, expectRatings, expectSaved, openTab, propose, strip, type Tallies } from '../support/workspace-e2e';

// A realistic 2018 inspection (the seeds keep no published counts): 24 court cases and 21
// out-of-court cases, fewer where a key question applies only to some cases. Every share is more
// than 5 points from a band edge and no single case would move a standard, so nothing is flagged
// for discretion. By hand, lowest band per standard (minority <50, too few 50-64, reasonable
// majority 65-79, large majority 80+):
//   2.1  21/24 88%, 17/24 71%, 17/24 71%            -> good
//   2.2  21/24 88%, 14/16 88%, 16/18 89%            -> outstanding
//   2.3  17/24 71%, 11/15 73%, 13/18 72%            -> good
//   2.4   8/14 57%,  9/10 90%,  8/11 73%            -> requires improvement
//   3.1  19/21 90%, 15/21 71%, 15/21 71%            -> good
//   3.2  19/21 90%, 11/12 92%, 12/13 92%            -> outstanding
//   3.3  15/21 71%, 10/12 83%, 11/13 85%            -> good
//   3.4  12/21 57%,  6/8 75%                        -> requires improvement
// Domain one as the lead inspector proposed: good, good, requires improvement, good.
// Composite 2+2+1+2 + 2+3+2+1 + 2+3+2+1 = 23 of 36, in the good band 19-30; no limiter in 2018.
const TALLIES: Tallies = {
	'2.1.1': [24, 21], '2.1.2': [24, 17], '2.1.3': [24, 17],
	'2.2.1': [24, 21], '2.2.2': [16, 14], '2.2.3': [18, 16],
	'2.3.1': [24, 17], '2.3.2': [15, 11], '2.3.3': [18, 13],
	'2.4.1': [14, 8], '2.4.2': [10, 9], '2.4.3': [11, 8],
	'3.1.1': [21, 19], '3.1.2': [21, 15], '3.1.3': [21, 15],
	'3.2.1': [21, 19], '3.2.2': [12, 11], '3.2.3': [13, 12],
	'3.3.1': [21, 15], '3.3.2': [12, 10], '3.3.3': [13, 11],
	'3.4.1': [21, 12], '3.4.2': [8, 6]
};
const EXPECTED = {
	'1.1': 'Good', '1.2': 'Good', '1.3': 'Requires improvement', '1.4': 'Good',
	'2.1': 'Good', '2.2': 'Outstanding', '2.3': 'Good', '2.4': 'Requires improvement',
	'3.1': 'Good', '3.2': 'Outstanding', '3.3': 'Good', '3.4': 'Requires improvement'
};

test('a 2018 inspection from key-question tallies reproduces a published report’s ratings, composite and tables', async ({ page }) => {
	const workspace = await createInspection(page, { service: 'Eastshire Youth Offending Service', version: '2018' });
	await expect(page.getByText('hmip-youth@2018', { exact: true })).toBeVisible();
	await expect(strip(page)).toContainText('Overall: Pending');

	await enterTallies(page, TALLIES);
	await propose(page, { '1.1': 'Good', '1.2': 'Good', '1.3': 'Requires improvement', '1.4': 'Good' });
	await expectSaved(page);

	await expectRatings(page, EXPECTED);
	await expect(strip(page)).toContainText('Overall: Good score 23 of 36');

	await openTab(page, 'Ratings');
	const composite = page.getByRole('region', { name: /Overall rating/ });
	await expect(composite.getByRole('definition').first()).toHaveText('23 of 36');
	await expect(composite).toContainText('None applies');
	const planning = page.getByRole('region', { name: /^2\.4 Reviewing/ });
	await expect(planning).toContainText('2.4.1: 8 of 14 relevant cases, 57%, too few (requires improvement)');
	await expect(page.getByText(/Flagged for professional discretion/)).toHaveCount(0);
	await openTab(page, 'Panel');
	await expect(page.getByText('No standard needs the panel: nothing is flagged or pending.')).toBeVisible();

	// what was saved is what the server rates: reload and see the same
	await page.reload();
	await expectRatings(page, EXPECTED);
	await expect(strip(page)).toContainText('Overall: Good score 23 of 36');

	await page.goto(`${workspace}/report`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Eastshire Youth Offending Service: provisional inspection report'); // in progress
	const ratings = page.getByRole('table', { name: 'Ratings for Eastshire Youth Offending Service' });
	await expect(ratings.getByRole('row', { name: /Overall rating \(score 23 of 36\)/ })).toContainText('Good');
	for (const [standard, rating] of Object.entries(EXPECTED)) {
		await expect(ratings.getByRole('row', { name: new RegExp(`^${standard.replace('.', '\\.')} `) })).toContainText(rating);
	}
	const assessment = page.getByRole('table', { name: 'Key questions (Of the 24 cases inspected:)' }).first();
	await expect(assessment.getByRole('row', { name: /support the child's desistance/ })).toHaveText(/24\s*21\s*88%/);
	const joint = page.getByRole('table', { name: 'Key questions (Of the 21 cases inspected:)' }).last();
	await expect(joint.getByRole('row', { name: /work effectively with the police/ })).toHaveText(/Of the 8 cases where relevant.*8\s*6\s*75%/);
	await expectAccessible(page);

	// printed, the page keeps the report and drops the service's header and buttons
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByRole('button', { name: 'Print this report' })).toBeHidden();
	await expect(page.getByRole('link', { name: 'Yardstick' })).toBeHidden();
	await expect(ratings).toBeVisible();
});

test('every tab of the workspace has no serious or critical accessibility violations', async ({ page }) => {
	test.slow(); // five full axe runs over a large page
	await createInspection(page, { service: 'Northshire YOS', version: '2018' });
	await enterTallies(page, { '2.1.1': [3, 2] });
	for (const tab of ['Cases', 'Tallies', 'Qualitative standards', 'Ratings', 'Panel']) {
		await openTab(page, tab);
		await expectAccessible(page);
	}
});
