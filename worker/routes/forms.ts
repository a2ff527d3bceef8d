/** GET of the form pages: a participant's link (?t=TOKEN) opens their personalised form. */
import { Hono, type Context } from 'hono';
import { html } from 'hono/html';
import { parseNeeds } from '../domain/needs.ts';
import { loadGuidance } from '../http/guidance.ts';
import type { AppEnv } from '../http/app-env.ts';
import { FORM_LIST, type FormPath } from '../forms/registry.ts';
import { SLOT, slotSelector } from '../forms/slots.ts';
import { personalisedForm } from '../http/pages.ts';
import { participantFromLink } from '../http/submission.ts';

function formPage(path: FormPath) {
  return async (c: Context<AppEnv>) => {
    const holder = await participantFromLink(c);
    if (holder instanceof Response) return holder;
    return personalisedForm(c, path, holder);
  };
}

export const forms = new Hono<AppEnv>();
for (const { page } of FORM_LIST) forms.get(page, formPage(page));

/** The thank-you page, pointing to the library's guidance for what the check-in revealed (?need=…). */
forms.get('/thanks/', async (c) => {
  const asset = await c.env.ASSETS.fetch(new URL('/thanks/', c.req.url));
  const guidance = await loadGuidance(c, parseNeeds(c.req.query('need')));
  // A fresh Response: the asset's headers are immutable, and the security headers are added later.
  if (!asset.ok || guidance.length === 0) return new Response(asset.body, asset);
  const block = (
    await html`<section class="guidance" aria-labelledby="guidance-title">
      <h2 id="guidance-title">For this week</h2>
      ${guidance.map(
        (g) => html`<h3>${g.heading}</h3>
          <ul>${g.entries.map((e) => html`<li><a href="/library/${e.slug}/">${e.title}</a> — ${e.summary}</li>`)}</ul>`,
      )}
    </section>`
  ).toString();
  return new HTMLRewriter()
    .on(slotSelector(SLOT.guidance), {
      element(el) {
        el.setInnerContent(block, { html: true });
      },
    })
    .transform(new Response(asset.body, asset));
});
