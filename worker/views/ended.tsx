/**
 * A participant's page once their cohort's links expired, while something of theirs is still
 * published: what it is, and a button to withdraw each item. Nothing else opens with the link.
 */
import type { Participant } from '../db/participants.ts';
import type { PublishedItem } from '../db/published.ts';
import { Published } from './me.tsx';

export interface EndedPageProps {
  participant: Participant;
  token: string;
  /** The cohort's last day. */
  endsOn: string;
  published: PublishedItem[];
}

export function EndedPageView({ participant, token, endsOn, published }: EndedPageProps) {
  return (
    <>
      <h1>Hello, {participant.displayName}</h1>
      <p class="lede">{participant.cohort.name} · ended</p>
      <p>
        Your cohort ended on {endsOn}, so your link no longer opens your forms and pages. It still opens this page for as long as something you wrote is published, so you can see it
        and withdraw it whenever you like. For anything else, ask your mentor.
      </p>
      <Published token={token} published={published} />
      <p class="meta">This page is yours alone: keep its link private.</p>
    </>
  );
}
