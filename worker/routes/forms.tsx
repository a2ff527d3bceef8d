/** GET of the form pages: a participant's link (?t=TOKEN) opens their personalised form; and the thank-you page. */
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { fetchAsset, loadGuidance } from '../assets.ts';
import { formContext } from '../db/form-context.ts';
import { parseNeeds } from '../domain/needs.ts';
import { cycleAt } from '../domain/weeks.ts';
import { FORM_LIST, type FormPath } from '../forms/registry.ts';
import { SLOT, slotSelector } from '../forms/slots.ts';
import { requireLink } from '../middleware/auth.ts';
import { withTurnstile } from '../middleware/turnstile.ts';
import { fillFormPage, type FormFill } from '../views/form-page.tsx';
import { ThanksGuidance } from '../views/guidance.tsx';
import { messagePage } from '../views/layout.tsx';

/** The built form page at `path`, filled in for one participant (and shown again with errors after a failed post). */
export async function serveForm<E extends AppEnv>(c: Context<E>, path: FormPath, fill: FormFill, status: 200 | 400 = 200): Promise<Response> {
  const asset = await fetchAsset(c, path);
  if (!asset.ok) {
    return messagePage(c, 503, 'The forms are not built yet', 'The site has not been built. Run “npm run build” (or “npm start”) and open the link again.');
  }
  const week = cycleAt(fill.participant.cohort, new Date());
  const context = await formContext(c.env.DB, path, fill.participant, week);
  return withTurnstile(c, fillFormPage(asset, fill, context, week, status));
}

export const forms = new Hono<AppEnv>();
/** Answers a link may choose in advance (a reminder's "last action: done", "we need a pause"). */
const PRESETS: Record<string, readonly string[]> = { last_action_done: ['yes', 'partly', 'no'], needs_pause: ['on'] };

for (const { page } of FORM_LIST) {
  forms.get(page, requireLink, (c) => {
    const values = Object.fromEntries(Object.entries(PRESETS).flatMap(([name, allowed]) => (allowed.includes(c.req.query(name) ?? '') ? [[name, c.req.query(name)!]] : [])));
    return serveForm(c, page, { participant: c.get('participant'), token: c.get('token'), values: Object.keys(values).length ? values : undefined });
  });
}

/** The thank-you page, pointing to the library's guidance for what the check-in revealed (?need=…). */
forms.get('/thanks/', async (c) => {
  const asset = await fetchAsset(c, '/thanks/');
  const guidance = await loadGuidance(c, parseNeeds(c.req.query('need')));
  // A fresh Response: the asset's headers are immutable, and the security headers are added later.
  if (!asset.ok || guidance.length === 0) return new Response(asset.body, asset);
  const block = (<ThanksGuidance guidance={guidance} />).toString();
  return new HTMLRewriter()
    .on(slotSelector(SLOT.guidance), {
      element(el) {
        el.setInnerContent(block, { html: true });
      },
    })
    .transform(new Response(asset.body, asset));
});
