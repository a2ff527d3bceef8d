/**
 * Stopping reminders from a mail: the one-click unsubscribe (RFC 8058) that mail clients POST to,
 * and the page a person reaches by following the link, with a button (a link alone must not
 * unsubscribe: mail scanners open links). Works after the cohort's links expire: stopping mail must.
 */
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { participantForToken, type Participant } from '../db/participants.ts';
import { unsubscribe } from '../db/reminder-settings.ts';
import { message } from '../domain/i18n.ts';
import { fail } from '../errors.ts';
import { speak } from '../middleware/locale.ts';
import { page } from '../views/layout.tsx';
import { linkTo } from '../views/parts.tsx';

async function holder(c: Context<AppEnv>): Promise<{ participant: Participant; token: string }> {
  const token = c.req.query('t') ?? '';
  const participant = token ? await participantForToken(c.env.DB, c.env.LINK_SECRET, token) : null;
  if (!participant) fail(401, 'unauthorized', message('errors.unsubscribe.invalid'), { page: message('errors.unsubscribe.invalid.title') });
  // The page is in its holder's language, as their mails are.
  speak(c, participant.language);
  return { participant, token };
}

export const rhythm = new Hono<AppEnv>()
  .get('/unsubscribe', async (c) => {
    const { participant, token } = await holder(c);
    const t = c.get('t');
    c.header('Cache-Control', 'private, no-store');
    return c.html(
      page(
        c,
        t('unsubscribe.title'),
        <>
          <h1>{t('unsubscribe.heading')}</h1>
          <p>{t('unsubscribe.explain', { name: participant.displayName, cohort: participant.cohort.name })}</p>
          <form method="post" action={linkTo('/unsubscribe', token)}>
            <button type="submit">{t('unsubscribe.button')}</button>
          </form>
        </>,
      ),
    );
  })
  .post('/unsubscribe', async (c) => {
    const { participant, token } = await holder(c);
    const t = c.get('t');
    await unsubscribe(c.env.DB, participant.id, new Date());
    c.header('Cache-Control', 'no-store');
    return c.html(
      page(
        c,
        t('unsubscribe.done.title'),
        <>
          <h1>{t('unsubscribe.done.heading')}</h1>
          <p>{t('unsubscribe.done.body')}</p>
          <p>
            <a href={linkTo('/me/', token)}>{t('unsubscribe.done.link')}</a>
          </p>
        </>,
      ),
    );
  });
