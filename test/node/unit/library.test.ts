import { describe, expect, it } from 'vitest';
import { libraryProblems } from '../../../site/lib/library.ts';

describe('libraryProblems', () => {
  it('accepts entries whose related entries exist', () => {
    expect(libraryProblems([{ id: 'a', related: ['b'] }, { id: 'b', related: ['a'] }])).toEqual([]);
  });

  it('names a related entry that does not exist, and one that is the entry itself', () => {
    expect(libraryProblems([{ id: 'a', related: ['missing', 'a'] }])).toEqual([
      'content/library/a.mdx: "related" names "missing", but there is no content/library/missing.mdx',
      'content/library/a.mdx: "related" lists the entry itself',
    ]);
  });
});
