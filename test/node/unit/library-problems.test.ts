import { describe, expect, it } from 'vitest';
import { libraryProblems } from '../../../site/lib/library-problems.ts';

const none = new Set<number>();

describe('libraryProblems', () => {
  it('accepts entries whose related entries exist', () => {
    expect(libraryProblems([{ id: 'a', related: ['b'] }, { id: 'b', related: ['a'] }], none, ['a.mdx', 'b.mdx'])).toEqual([]);
  });

  it('names a related entry that does not exist, and one that is the entry itself', () => {
    expect(libraryProblems([{ id: 'a', related: ['missing', 'a'] }], none)).toEqual([
      'content/library/a.mdx: "related" names "missing", but there is no content/library/missing.mdx',
      'content/library/a.mdx: "related" lists the entry itself',
    ]);
  });

  it('names two files that would make the same address', () => {
    expect(libraryProblems([], none, ['Pair_start.mdx', 'pair-start.mdx', 'other.mdx'])).toEqual([
      'content/library: Pair_start.mdx and pair-start.mdx would both be /library/pair-start/; rename one',
    ]);
  });

  it('names an entry quoting a strategy that is no longer shared publicly', () => {
    expect(libraryProblems([{ id: 'kept', related: [], source: 7 }, { id: 'gone', related: [], source: 8 }], new Set([7]))).toEqual([
      'content/library/gone.mdx: it quotes strategy 8, which is no longer shared publicly (its author withdrew consent or left the program); remove the file, or rewrite it without their words and remove "shared"',
    ]);
  });
});
