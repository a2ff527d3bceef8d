/**
 * The complete-feedback rule (isComplete in worker/db/rules.ts): line breaks and tabs count as
 * spaces, and runs of up to eight spaces as one gap. The SQL skips its replace() chain for text
 * with no line break, tab or double space; for any text it counts as the rule written out does.
 */
import { env } from 'cloudflare:test';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isComplete } from '../../worker/db/rules.ts';

/** The rule written out in TypeScript: the words of each part once its spacing is tidied. */
function words(text: string): number {
  let spaced = text.replace(/[\r\n\t]/g, ' ');
  for (let i = 0; i < 3; i++) spaced = spaced.replaceAll('  ', ' ');
  const t = spaced.replace(/^ +| +$/g, '');
  return t === '' ? 0 : t.split(' ').length;
}

const text = fc.array(fc.constantFrom('a', 'bc', ' ', '  ', '\t', '\n', '\r'), { maxLength: 30 }).map((parts) => parts.join(''));

describe('complete feedback', () => {
  it('counts the words of each part as the rule says, whatever the spacing', async () => {
    await fc.assert(
      fc.asyncProperty(text, text, text, fc.integer({ min: 1, max: 4 }), async (behaviour, impact, nextStep, min) => {
        const row = await env.DB.prepare(`SELECT ${isComplete('f', '?4')} AS complete FROM (SELECT ?1 AS behaviour, ?2 AS impact, ?3 AS next_step) f`)
          .bind(behaviour, impact, nextStep, min)
          .first<{ complete: number }>();
        expect(row!.complete).toBe(Number([behaviour, impact, nextStep].every((part) => words(part) >= min)));
      }),
      { numRuns: 200 },
    );
  });
});
