/** GET of the form pages: a participant's link (?t=TOKEN) opens their personalised form. */
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../http/app-env.ts';
import { FORM_PAGES, personalisedForm, type FormPath } from '../http/pages.ts';
import { participantFromLink } from '../http/submission.ts';

function formPage(path: FormPath) {
  return async (c: Context<AppEnv>) => {
    const holder = await participantFromLink(c);
    if (holder instanceof Response) return holder;
    return personalisedForm(c, path, holder);
  };
}

export const forms = new Hono<AppEnv>();
for (const path of Object.keys(FORM_PAGES) as FormPath[]) forms.get(path, formPage(path));
