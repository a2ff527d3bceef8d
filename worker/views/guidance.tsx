/** The library's guidance for what a check-in revealed: on the thank-you page and a participant's page. */
import type { Guidance } from '../assets.ts';
import { localePath } from '../domain/locales.ts';
import { useT } from './i18n.ts';

/** Each need's entries, linked to the library they were read from (the reader's language, or the original). */
export function GuidanceList({ guidance }: { guidance: Guidance[] }) {
  const t = useT();
  return (
    <>
      {guidance.map((g) => (
        <>
          <h3>{t(g.heading)}</h3>
          <ul>
            {g.entries.map((e) => (
              <li>
                <a href={localePath(g.locale, `/library/${e.slug}/`)}>{e.title}</a> — {e.summary}
              </li>
            ))}
          </ul>
        </>
      ))}
    </>
  );
}

/** The thank-you page's block, filled into its guidance slot. */
export function ThanksGuidance({ guidance }: { guidance: Guidance[] }) {
  const t = useT();
  return (
    <section class="guidance" aria-labelledby="guidance-title">
      <h2 id="guidance-title">{t('guidance.heading')}</h2>
      <GuidanceList guidance={guidance} />
    </section>
  );
}
