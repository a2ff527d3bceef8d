/**
 * What is published is one definition (PUBLISHED in worker/db/rules.ts, and PUBLISHED_ON_SITE, its
 * public part), read three ways: the cohort story's timeline (built: public text only), the
 * members-only page's moments (text shared with the cohort too), a moment per shared piece of text,
 * and the participant's own list, an item per thing they can withdraw.
 */
import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertCohort, type Cohort } from '../../worker/db/cohorts.ts';
import { listLinkRecipients } from '../../worker/db/participants.ts';
import { listPublished } from '../../worker/db/published.ts';
import { importRoster } from '../../worker/db/roster.ts';
import { listMembersMoments } from '../../worker/db/moments.ts';
import { loadCohortStory } from '../../worker/db/story.ts';

let cohort: Cohort;
let ada: number;
let reflections: Record<'both' | 'strategyOnly' | 'private', number>;

async function reflect(key: string, week: number, insight: string, strategy: string, consent: string): Promise<number> {
  const row = await env.DB.prepare(
    `INSERT INTO reflections (idempotency_key, participant_id, cohort_id, week, working, not_working, why, insight, strategy_title, strategy_body, consent)
     SELECT ?1, id, cohort_id, ?2, 'w', 'n', 'y', ?3, ?4, ?5, ?6 FROM participants WHERE id = ?7 RETURNING id`,
  )
    .bind(key, week, insight, strategy, strategy ? `How: ${strategy}` : '', consent, ada)
    .first<{ id: number }>();
  return row!.id;
}

beforeAll(async () => {
  cohort = (await insertCohort(env.DB, { slug: 'shared', name: 'Shared', timezone: 'UTC', cadenceDays: 7, startsOn: '2026-01-05', endsOn: null, publication: 'public', language: 'en' }))!;
  await importRoster(env.DB, cohort.id, [{ name: 'Ada', email: 'ada@shared.invalid', role: 'mentee', pair: 'P1', circle: '' }]);
  ada = (await listLinkRecipients(env.DB, cohort.id))[0]!.id;
  await env.DB.prepare(
    `INSERT INTO checkins (idempotency_key, participant_id, cohort_id, week, progress, next_step, committed_action, win, win_consent)
     VALUES ('w1', ?1, ?2, 1, 'p', 'n', 'c', 'Kept my streak', 'cohort'), ('w2', ?1, ?2, 2, 'p', 'n', 'c', 'A private win', 'private')`,
  )
    .bind(ada, cohort.id)
    .run();
  reflections = {
    both: await reflect('r2', 2, 'Small steps win', 'Two-minute start', 'public'),
    strategyOnly: await reflect('r3', 3, '', 'Body doubling', 'cohort'),
    private: await reflect('r4', 4, 'Kept to myself', '', 'private'),
  };
});

describe('what is published', () => {
  it('is a moment per piece of text shared with the cohort or publicly on its members-only page', async () => {
    const moments = await listMembersMoments(env.DB, cohort.id);
    expect(moments.map((m) => [m.week, m.kind, m.author, m.title, m.text, m.consent])).toEqual([
      [1, 'win', 'Ada', '', 'Kept my streak', 'cohort'],
      [2, 'insight', 'Ada', '', 'Small steps win', 'public'],
      [2, 'strategy', 'Ada', 'Two-minute start', 'How: Two-minute start', 'public'],
      [3, 'strategy', 'Ada', 'Body doubling', 'How: Body doubling', 'cohort'],
    ]);
  });

  it('builds only what was shared publicly into the cohort’s story timeline', async () => {
    const { timeline } = await loadCohortStory(env.DB, cohort, new Date('2026-02-04T12:00:00Z'));
    expect(timeline.map((m) => [m.week, m.kind, m.title, m.text, m.consent])).toEqual([
      [2, 'insight', '', 'Small steps win', 'public'],
      [2, 'strategy', 'Two-minute start', 'How: Two-minute start', 'public'],
    ]);
  });

  it('is an item per thing its author can withdraw on their page, a reflection read as “strategy: insight”', async () => {
    expect(await listPublished(env.DB, ada)).toEqual([
      { kind: 'reflection', id: reflections.strategyOnly, week: 3, text: 'Body doubling: ', consent: 'cohort' },
      { kind: 'reflection', id: reflections.both, week: 2, text: 'Two-minute start: Small steps win', consent: 'public' },
      { kind: 'win', id: expect.any(Number), week: 1, text: 'Kept my streak', consent: 'cohort' },
    ]);
  });
});

describe('published text, scrubbed in the Worker’s runtime', () => {
  it('reads contact details with the same detectors in workerd as in the build', async () => {
    const other = (await insertCohort(env.DB, { slug: 'scrubbed', name: 'Scrubbed', timezone: 'UTC', cadenceDays: 7, startsOn: '2026-01-05', endsOn: null, publication: 'public', language: 'en' }))!;
    await importRoster(env.DB, other.id, [{ name: 'Bo', email: 'bo@shared.invalid', role: 'mentee', pair: 'P1', circle: '' }]);
    await env.DB.prepare(
      `INSERT INTO checkins (idempotency_key, participant_id, cohort_id, week, progress, next_step, committed_action, win, win_consent)
       SELECT 'scrub-1', id, cohort_id, 1, 'p', 'n', 'c', 'Ring ０７７００ ９００１２３ or 555–123–4567, see mysite.biz/contact, write name [at] example [dot] com', 'public' FROM participants WHERE cohort_id = ?1`,
    )
      .bind(other.id)
      .run();
    const { timeline } = await loadCohortStory(env.DB, other, new Date('2026-02-04T12:00:00Z'));
    expect(timeline.map((m) => m.text)).toEqual(['Ring [phone removed] or [phone removed], see [link removed], write [email removed]']);
  });
});
