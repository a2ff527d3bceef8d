/**
 * The cohort's members-only page: what its members shared with the cohort or publicly, week by
 * week, under display names. Rendered for a valid link of that cohort only, never built. No JavaScript.
 */
import type { Moment } from '../db/moments.ts';
import type { Participant } from '../db/participants.ts';
import { MOMENT_LABELS } from '../domain/consent.ts';
import { PageLinks } from './parts.tsx';
import { useT } from './i18n.ts';

export interface CohortPageProps {
  participant: Participant;
  token: string;
  inCircle: boolean;
  moments: Moment[];
}

export function CohortPageView({ participant, token, inCircle, moments }: CohortPageProps) {
  const t = useT();
  const { cohort } = participant;
  const weeks = [...Map.groupBy(moments, (m) => m.week)].sort(([a], [b]) => b - a);
  return (
    <>
      <h1>{cohort.name}</h1>
      <p class="lede">{t('cohort.lede')}</p>
      <PageLinks token={token} current="cohort" inCircle={inCircle} mentorOf={participant.role === 'mentor' ? cohort.slug : undefined} />
      <p class="meta">{t('cohort.private', { cohort: cohort.name })}</p>
      {weeks.length === 0 ? (
        <p>{t('cohort.empty')}</p>
      ) : (
        weeks.map(([week, shared]) => (
          <section aria-labelledby={`week-${week}`}>
            <h2 id={`week-${week}`}>{t('pair.week', { week })}</h2>
            <ul class="moments">
              {shared.map((m) => (
                <li>
                  <span class="moment-kind">{t(MOMENT_LABELS[m.kind])}</span> {m.title && <strong>{m.title}: </strong>}
                  {m.text}{' '}
                  <span class="meta">{t('cohort.by', { name: m.author, consent: m.consent })}</span>
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </>
  );
}
