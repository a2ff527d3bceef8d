/**
 * A participant's page once their cohort's links expired, while something of theirs is still
 * published: what it is, and a button to withdraw each item. Nothing else opens with the link.
 */
import type { Participant } from '../db/participants.ts';
import type { PublishedItem } from '../db/published.ts';
import { Published } from './me.tsx';
import { useT } from './i18n.ts';

export interface EndedPageProps {
  participant: Participant;
  token: string;
  /** The cohort's last day. */
  endsOn: string;
  published: PublishedItem[];
}

export function EndedPageView({ participant, token, endsOn, published }: EndedPageProps) {
  const t = useT();
  return (
    <>
      <h1>{t('me.hello', { name: participant.displayName })}</h1>
      <p class="lede">{t('ended.lede', { cohort: participant.cohort.name })}</p>
      <p>{t('ended.explain', { date: t.date(endsOn, 'year') })}</p>
      <Published token={token} published={published} />
      <p class="meta">{t('me.private')}</p>
    </>
  );
}
