/**
 * GET of the form pages: a participant's link (?t=TOKEN) opens their personalised form, built in
 * their language; and the thank-you page of each language.
 */
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { fetchAsset, loadGuidance } from '../assets.ts';
import { formContext } from '../db/form-context.ts';
import { LOCALES, localeOfPath, localePath } from '../domain/locales.ts';
import { parseNeeds } from '../domain/needs.ts';
import { cycleAt } from '../domain/weeks.ts';
import { FORM_LIST, type FormPath } from '../forms/registry.ts';
import { SLOT, slotSelector } from '../forms/slots.ts';
import { requireLink } from '../middleware/auth.ts';
import { speak } from '../middleware/locale.ts';
import { withTurnstile } from '../middleware/turnstile.ts';
import { fillFormPage, type FormFill } from '../views/form-page.tsx';
import { ThanksGuidance } from '../views/guidance.tsx';
import { I18n } from '../views/i18n.ts';
import { messagePage } from '../views/layout.tsx';

/**
 * The built form page at `path` in the participant's language, filled in for them (and shown again
 * with errors after a failed post). Whatever address they opened, their language decides the page.
 */
export async function serveForm<E extends AppEnv>(c: Context<E>, path: FormPath, fill: FormFill, status: 200 | 400 = 200): Promise<Response> {
  speak(c, fill.participant.language);
  const t = c.get('t');
  const asset = await fetchAsset(c, localePath(t.locale, path));
  if (!asset.ok) return messagePage(c, 503, t('form.notBuilt.title'), t('form.notBuilt.body'));
  const week = cycleAt(fill.participant.cohort, new Date());
  const context = await formContext(c.env.DB, path, fill.participant, week, t);
  const form = FORM_LIST.find((f) => f.page === path)!;
  return withTurnstile(c, fillFormPage(asset, fill, context, week, status, { t, title: form.title }));
}

export const forms = new Hono<AppEnv>();
/** Answers a link may choose in advance (a reminder's "last action: done", "we need a pause"). */
const PRESETS: Record<string, readonly string[]> = { last_action_done: ['yes', 'partly', 'no'], needs_pause: ['on'] };

for (const { page } of FORM_LIST) {
  // The link is /checkin/?t=…; the address of the page built in another language works as well.
  for (const address of LOCALES.map((locale) => localePath(locale, page))) {
    forms.get(address, requireLink, (c) => {
      const values = Object.fromEntries(Object.entries(PRESETS).flatMap(([name, allowed]) => (allowed.includes(c.req.query(name) ?? '') ? [[name, c.req.query(name)!]] : [])));
      return serveForm(c, page, { participant: c.get('participant'), token: c.get('token'), values: Object.keys(values).length ? values : undefined });
    });
  }
}

/** The thank-you page of each language, pointing to the library's guidance for what the check-in revealed (?need=…). */
for (const address of LOCALES.map((locale) => localePath(locale, '/thanks/'))) {
  forms.get(address, async (c) => {
    // Whoever posted was sent to the page of their language: it speaks that language.
    speak(c, localeOfPath(address));
    const t = c.get('t');
    const asset = await fetchAsset(c, address);
    const guidance = await loadGuidance(c, parseNeeds(c.req.query('need')), t.locale);
    // A fresh Response: the asset's headers are immutable, and the security headers are added later.
    if (!asset.ok || guidance.length === 0) return new Response(asset.body, asset);
    const block = (
      <I18n.Provider value={t}>
        <ThanksGuidance guidance={guidance} />
      </I18n.Provider>
    ).toString();
    return new HTMLRewriter()
      .on(slotSelector(SLOT.guidance), {
        element(el) {
          el.setInnerContent(block, { html: true });
        },
      })
      .transform(new Response(asset.body, asset));
  });
}
