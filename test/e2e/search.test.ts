/**
 * Searching the library as a reader does, in Debian Chromium against the built site: Pagefind's
 * UI on /search/ finds an entry by a word that appears only in its body. With JavaScript off the
 * page says that search needs it and points to the library.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserProgram, browserSuite, hasBrowser, SHOTS } from '../support/browser.ts';

const world = new BrowserProgram();
// "tally" is in the body of this entry alone: not in its title or summary, nor in any other entry.
const WORD = 'tally';
const ENTRY = { title: 'Role-Play: When Your Partner Goes Quiet', path: '/library/roleplay-partner-goes-quiet/' };
/** The text box of Pagefind's default UI (named by its placeholder). */
const pagefindBox = (page: Page) => page.getByRole('textbox', { name: 'Search' });

describe.skipIf(!hasBrowser)(browserSuite('Searching the library').replace('JavaScript off', 'JavaScript on and off'), () => {
  beforeAll(() => world.start());
  afterAll(() => world.stop());

  it('finds an entry by a word in its body, from ?q= in the address', async () => {
    const page = await world.page({ javaScript: true, width: 1100 });
    await page.goto(`${world.base}/search/?q=${WORD}`);
    const result = page.getByRole('link', { name: ENTRY.title });
    await result.waitFor({ timeout: 10_000 });
    await page.screenshot({ path: join(SHOTS, 'search-results.png'), fullPage: true });
    expect(new URL((await result.getAttribute('href')) ?? '', world.base).pathname).toBe(ENTRY.path);
    // The word is in that entry alone, so it is the only result.
    expect(await page.getByText(`1 result for ${WORD}`).isVisible()).toBe(true);
    // Pagefind's own search box replaces the plain form and holds the word searched for.
    expect(await page.getByLabel('Words to look for').isHidden()).toBe(true);
    expect(await pagefindBox(page).inputValue()).toBe(WORD);
    await page.context().close();
  });

  it('finds it again from a word typed into the search box, reached from the header', async () => {
    const page = await world.page({ javaScript: true });
    await page.goto(`${world.base}/library/`);
    await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Search' }).click();
    await page.waitForURL(`${world.base}/search/`);
    await pagefindBox(page).fill(WORD);
    await page.getByRole('link', { name: ENTRY.title }).waitFor({ timeout: 10_000 });
    await page.context().close();
  });

  it('finds a translated entry from the Spanish search page by a word in its Spanish text', async () => {
    // "fastidio" is in the Spanish text of this entry alone (and in no English entry).
    const page = await world.page({ javaScript: true, width: 1100 });
    await page.goto(`${world.base}/es/search/?q=fastidio`);
    const result = page.getByRole('link', { name: 'Juego de roles: cuando tu compañero deja de dar señales' });
    await result.waitFor({ timeout: 10_000 });
    expect(new URL((await result.getAttribute('href')) ?? '', world.base).pathname).toBe('/es/library/roleplay-partner-goes-quiet/');
    // Pagefind's box is named by the Spanish catalogue's placeholder.
    expect(await page.getByRole('textbox', { name: 'Buscar' }).inputValue()).toBe('fastidio');
    await page.context().close();
  });

  it('without JavaScript, keeps a plain form and says that search needs JavaScript', async () => {
    const page = await world.page();
    await page.goto(`${world.base}/search/`);
    await page.getByLabel('Words to look for').fill(WORD);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(`${world.base}/search/?q=${WORD}`);
    expect(await page.getByRole('search').isVisible()).toBe(true);
    expect(await page.getByText('needs JavaScript').isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'browse the whole library' }).getAttribute('href')).toBe('/library/');
    await page.context().close();
  });
});
