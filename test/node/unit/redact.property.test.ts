/**
 * The scrubber's two shortcuts, on random text: the test that lets most text skip linkifyjs's
 * scan never skips text in which linkifyjs finds something, and text whose every character is its
 * own NFKC form is scrubbed at the same places as text that needs the map back to what was typed.
 */
import fc from 'fast-check';
import { find } from 'linkifyjs';
import { describe, expect, it } from 'vitest';
import { MAY_HOLD_LINK, REDACTED, scrubText } from '../../../worker/domain/redact.ts';

/** Text made of the pieces links are made of, and of ordinary words, spaces and punctuation. */
const PIECES = ['a', 'b', 'z', 'ü', 'é', '例', '1', '0', ' ', '\n', '.', ',', '-', '_', '/', '@', ':', '。', '．', '｡', 'com', 'org', 'co', 'uk', 'io', 'de', 'www', 'http', 'https', 'mailto', 'localhost', 'LocalHost', 'xn--', '(', ')', '[', ']', '#', '?', '=', '&', '%', '+', '~', '\u00a0', 'ｅ', 'ｃｏｍ'];
const linkish = fc.array(fc.constantFrom(...PIECES), { maxLength: 24 }).map((parts) => parts.join(''));

describe('scrubText, on random text', () => {
  it('skips the link scan only for text in which linkifyjs finds nothing', () => {
    fc.assert(
      fc.property(fc.oneof(linkish, fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 })), (text) => {
        // Normalised as scrubText does it, a character at a time.
        const plain = Array.from(text, (char) => char.normalize('NFKC')).join('');
        if (!MAY_HOLD_LINK.test(plain)) expect(find(plain)).toEqual([]);
      }),
      { numRuns: 5000 },
    );
  });

  it('cuts the same places out of full-width text as out of its plain form', () => {
    const fullWidth = (text: string) => text.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    fc.assert(
      fc.property(linkish, (text) => {
        const markers = (s: string) => scrubText(s).match(new RegExp(Object.values(REDACTED).map((m) => m.replace(/[[\]]/g, '\\$&')).join('|'), 'g')) ?? [];
        expect(markers(fullWidth(text))).toEqual(markers(text));
      }),
      { numRuns: 2000 },
    );
  });
});
