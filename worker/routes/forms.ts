/** GET of the form pages: a participant's link (?t=TOKEN) opens their personalised form. */
import { Hono, type Context } from 'hono';
import { participantForToken } from '../db/participants.ts';
import { FORM_PAGES, messagePage, personalisedForm, type FormPath } from '../http/pages.ts';
import type { AppEnv } from '../http/app-env.ts';

function formPage(path: FormPath) {
  return async (c: Context<AppEnv>) => {
    const token = c.req.query('t') ?? '';
    if (!token) {
      return messagePage(c, 401, 'This form needs your personal link', 'Open the link your mentor sent you (it ends in “?t=” followed by a long code). If you cannot find it, ask your mentor to send it again.');
    }
    const participant = await participantForToken(c.env.DB, c.env.LINK_SECRET, token);
    if (!participant) {
      return messagePage(c, 401, 'This link does not work any more', 'Your link may have been replaced by a newer one, or copied only in part. Ask your mentor for your current personal link.');
    }
    return personalisedForm(c, path, { participant, token });
  };
}

export const forms = new Hono<AppEnv>();
for (const path of Object.keys(FORM_PAGES) as FormPath[]) forms.get(path, formPage(path));
