import { describe, expect, it } from 'vitest';
import { normalizeTags } from '../../../worker/db/submissions.ts';

describe('normalizeTags', () => {
  it('trims, lower-cases, drops empties and duplicates', () => {
    expect(normalizeTags(' Focus, habits ,focus,,')).toBe('focus,habits');
  });

  it('keeps first-seen order', () => {
    expect(normalizeTags('sleep, Focus, habits')).toBe('sleep,focus,habits');
  });

  it('gives an empty string for no tags', () => {
    expect(normalizeTags('')).toBe('');
    expect(normalizeTags(' , ,')).toBe('');
  });
});
