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
import { page } from '../views/layout.tsx';
import { linkTo } from '../views/parts.tsx';

async function holder(c: Context<AppEnv>): Promise<{ participant: Participant; token: string }> {
  const token = c.req.query('t') ?? '';
  const participant = token ? await participantForToken(c.env.DB, c.env.LINK_SECRET, token) : null;
  if (!participant) fail(401, 'unauthorized', message('errors.unsubscribe.invalid'), { page: message('errors.unsubscribe.invalid.title') });
  return { participant, token };
}

export const rhythm = new Hono<AppEnv>()
  .get('/unsubscribe', async (c) => {
    const { participant, token } = await holder(c);
    c.header('Cache-Control', 'private, no-store');
    return c.html(
      page(
        c,
        'Stop reminders',
        <>
          <h1>Stop reminders by e-mail?</h1>
          <p>{participant.displayName}, you will get no more reminders or nudges by e-mail from {participant.cohort.name}. You can turn them on again on your page at any time.</p>
          <form method="post" action={linkTo('/unsubscribe', token)}>
            <button type="submit">Stop my reminders</button>
          </form>
        </>,
      ),
    );
  })
  .post('/unsubscribe', async (c) => {
    const { participant, token } = await holder(c);
    await unsubscribe(c.env.DB, participant.id, new Date());
    c.header('Cache-Control', 'no-store');
    return c.html(
      page(
        c,
        'Reminders stopped',
        <>
          <h1>Your reminders are stopped</h1>
          <p>No more e-mail reminders or nudges. To turn them on again, open <a href={linkTo('/me/', token)}>your page</a>.</p>
        </>,
      ),
    );
  });
