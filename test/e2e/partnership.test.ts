/**
 * The partnership forms and each participant's page, in Debian Chromium with JavaScript off: every
 * form accepts a real submission and refuses a bad one clearly; /me shows the week and its actions.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserProgram, browserSuite, hasBrowser, SHOTS } from '../support/browser.ts';

const world = new BrowserProgram();

describe.skipIf(!hasBrowser)(browserSuite('The partnership'), () => {
  beforeAll(() => world.start());
  afterAll(() => world.stop());

  it('agrees a contract: Ada proposes it, Ben confirms it on his page', async () => {
    const page = await world.page();
    await page.goto(world.url('/contract/', 'Ada'));
    await page.getByLabel('Why are we partners?').fill('Finish our theses by June.');
    await page.getByRole('radio', { name: 'Tuesday' }).check();
    await page.getByLabel('At what time?').fill('18:30');
    await page.getByLabel('Where do we meet?').fill('Video call');
    await page.getByLabel('Our boundaries').fill('No messages after 21:00.');
    await page.getByLabel('How we will know it works').fill('8 of 10 check-ins held.');
    await page.getByLabel('What each of us brings').fill('Structure and encouragement.');
    expect(await page.getByLabel('How each session goes').inputValue()).toMatch(/One concrete action/);
    await page.getByLabel('When we will look at this again').fill('2027-01-15');
    await page.getByRole('button', { name: 'Propose this contract' }).click();
    await page.waitForURL(`${world.base}/thanks/**`);

    await page.goto(world.url('/me/', 'Ben'));
    expect(await page.locator('#contract').locator('..').textContent()).toMatch(/waiting for Ben to confirm/);
    await page.getByRole('button', { name: 'I agree to version 1' }).click();
    await page.waitForURL(`${world.base}/me/**`);
    expect(await page.locator('body').textContent()).toMatch(/Agreed by both of you/);
    await page.context().close();
  });

  it('refuses a goal without a real measure, saying why, then saves it', async () => {
    const page = await world.page();
    await page.goto(world.url('/goals/', 'Cy'));
    await page.getByLabel('What will you do?').fill('Write the method section');
    await page.getByLabel('How will you measure it?').fill('   ');
    await page.getByLabel('What is the target?').fill('3,000 words');
    await page.getByLabel('By when?').fill('2027-02-15');
    await page.getByRole('button', { name: 'Save my goal' }).click();
    expect(await page.locator('#measure-error').textContent()).toMatch(/^A goal needs a measure, so you and your partner can tell when it is done/);
    expect(await page.getByLabel('What is the target?').inputValue()).toBe('3,000 words');
    await page.getByLabel('How will you measure it?').fill('words written');
    await page.getByRole('button', { name: 'Save my goal' }).click();
    await page.waitForURL(`${world.base}/thanks/**`);

    await page.goto(world.url('/me/', 'Cy'));
    expect(await page.locator('body').textContent()).toContain('Write the method section');
    await page.getByLabel('Milestone reached').fill('First 1,000 words');
    await page.getByLabel('On', { exact: true }).fill('2027-01-10');
    await page.getByRole('button', { name: 'Record it' }).click();
    await page.waitForURL(`${world.base}/me/**`);
    expect(await page.locator('body').textContent()).toContain('First 1,000 words');
    await page.context().close();
  });

  it('sends feedback to a partner, who rates it once on their page', async () => {
    const page = await world.page();
    await page.goto(world.url('/feedback/', 'Eve'));
    await page.getByRole('radio', { name: 'Fay (your partner)' }).check();
    await page.getByLabel('What did you see them do?').fill('You named one obstacle before any progress.');
    await page.getByLabel('What did it change?').fill('We got to the useful part in five minutes.');
    await page.getByLabel('What could they try next?').fill('Name the smallest next step too.');
    await page.getByRole('button', { name: 'Send my feedback' }).click();
    await page.waitForURL(`${world.base}/thanks/**`);

    await page.goto(world.url('/me/', 'Fay'));
    await page.getByRole('radio', { name: '4' }).check();
    await page.getByRole('button', { name: 'Rate it' }).click();
    await page.waitForURL(`${world.base}/me/**`);
    expect(await page.locator('body').textContent()).not.toContain('Feedback waiting for your rating');
    expect(await world.rows('SELECT usefulness FROM feedback')).toEqual([{ usefulness: 4 }]);
    await page.context().close();
  });

  it('sends a pulse and program feedback', async () => {
    const page = await world.page();
    await page.goto(world.url('/pulse/', 'Di'));
    for (const legend of ['I trust my partner to follow through', 'I can say what is really going on without fear', 'Giving and receiving feedback feels easy', 'We adjust our plans when things change']) {
      await page.getByRole('group', { name: legend }).getByRole('radio', { name: '4' }).check();
    }
    await page.getByRole('button', { name: 'Send my pulse' }).click();
    await page.waitForURL(`${world.base}/thanks/**`);

    await page.goto(world.url('/program-feedback/', 'Di'));
    await page.getByRole('radio', { name: 'About right' }).check();
    await page.getByLabel('One change you would make').fill('Fortnightly circles.');
    await page.getByRole('button', { name: 'Send to my mentor' }).click();
    await page.waitForURL(`${world.base}/thanks/**`);
    expect(await world.rows('SELECT trust, adaptability FROM pulses')).toEqual([{ trust: 4, adaptability: 4 }]);
    expect(await world.rows('SELECT cadence_fit, suggestion FROM program_feedback')).toEqual([{ cadence_fit: 'about-right', suggestion: 'Fortnightly circles.' }]);
    await page.context().close();
  });

  it('shows a participant their week, with a calendar to download', async () => {
    const page = await world.page({ width: 1000 });
    await page.goto(world.url('/me/', 'Ada'));
    const text = await page.locator('main').textContent();
    expect(text).toContain('Your partner: Ben');
    expect(text).toMatch(/You are the (observer|reporter)/);
    expect(text).toMatch(/North: .*(facilitates this cycle|you facilitate)/);
    await page.screenshot({ path: join(SHOTS, 'me-page.png'), fullPage: true });
    const ics = await page.request.get(world.url('/me/calendar.ics', 'Ada'));
    expect(await ics.text()).toContain('SUMMARY:Partnership meeting with Ben');
    await page.context().close();
  });
});
