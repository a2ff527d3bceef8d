import { describe, expect, it } from 'vitest';
import { jsonForTerminal, printable } from '../../../cli/terminal.ts';

describe('printable', () => {
  it('shows C0 controls as their control pictures, DEL as ␡, and keeps tabs and line breaks', () => {
    expect(printable('a\u001b[31mb\u0007c\rd\u0000e\u007f')).toBe('a␛[31mb␇c␍d␀e␡');
    expect(printable('line one\n\tline two')).toBe('line one\n\tline two');
  });

  it('shows C1 controls and unpaired surrogates as U+FFFD, and leaves other text as it is', () => {
    expect(printable('x\u0085y\u009b0m\ud800z')).toBe('x\uFFFDy\uFFFD0m\uFFFDz');
    expect(printable('José “Pepe” 👩‍💻 \u00a0é')).toBe('José “Pepe” 👩‍💻 \u00a0é');
  });

  it('shows the bidi controls that reorder the rest of a line as U+FFFD, and leaves Arabic and its marks as they are', () => {
    // RLO would print "Ada, mentee, Pair 1" after it backwards on the mentor's terminal (a "Trojan Source" trick).
    expect(printable('Ada\u202e, mentee\u202c; \u2066x\u2069 \u202a\u202b\u202d\u2067\u2068')).toBe('Ada\uFFFD, mentee\uFFFD; \uFFFDx\uFFFD \uFFFD\uFFFD\uFFFD\uFFFD\uFFFD');
    expect(printable('أمينة\u200f (Pair 1) \u200e\u061c')).toBe('أمينة\u200f (Pair 1) \u200e\u061c');
  });
});

describe('jsonForTerminal', () => {
  it('escapes DEL and C1 controls, which JSON.stringify writes raw, and means the same', () => {
    const value = { name: 'Ada\u009b2J\u007f\u001b', n: 1 };
    const json = jsonForTerminal(value);
    expect(json).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/);
    expect(json).toContain('\\u009b');
    expect(JSON.parse(json)).toEqual(value);
  });
});
