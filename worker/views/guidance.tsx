/** The library's guidance for what a check-in revealed: on the thank-you page and a participant's page. */
import type { Guidance } from '../assets.ts';

export function GuidanceList({ guidance }: { guidance: Guidance[] }) {
  return (
    <>
      {guidance.map((g) => (
        <>
          <h3>{g.heading}</h3>
          <ul>
            {g.entries.map((e) => (
              <li>
                <a href={`/library/${e.slug}/`}>{e.title}</a> — {e.summary}
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
  return (
    <section class="guidance" aria-labelledby="guidance-title">
      <h2 id="guidance-title">For this week</h2>
      <GuidanceList guidance={guidance} />
    </section>
  );
}
