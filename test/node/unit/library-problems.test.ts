import { describe, expect, it } from 'vitest';
import { libraryProblems, withdrawnQuotes } from '../../../site/lib/library-problems.ts';
import { reservedLibrarySlugs } from '../../../site/lib/library-routes.ts';
import { ROOT } from '../../support/program.ts';

describe('libraryProblems', () => {
  it('accepts entries whose related entries exist', () => {
    expect(libraryProblems([{ id: 'a', related: ['b'] }, { id: 'b', related: ['a'] }], ['a.mdx', 'b.mdx'])).toEqual([]);
  });

  it('names a related entry that does not exist, and one that is the entry itself', () => {
    expect(libraryProblems([{ id: 'a', related: ['missing', 'a'] }])).toEqual([
      'content/library/a.mdx: "related" names "missing", but there is no content/library/missing.mdx',
      'content/library/a.mdx: "related" lists the entry itself',
    ]);
  });

  it('names two files that would make the same address', () => {
    expect(libraryProblems([], ['Pair_start.mdx', 'pair-start.mdx', 'other.mdx'])).toEqual([
      'content/library: Pair_start.mdx and pair-start.mdx would both be /library/pair-start/; rename one',
    ]);
  });

  it('names a file that would take the address of one of the library’s own pages', () => {
    expect(libraryProblems([], ['Stories.mdx', 'story-time.mdx'], ['community', 'stories'])).toEqual([
      "content/library/Stories.mdx: /library/stories/ is one of the library's own pages, so this entry would never be shown; rename the file",
    ]);
  });

  it('does not stop the build for a quote whose author withdrew consent', () => {
    expect(libraryProblems([{ id: 'kept', related: [], source: 7 }, { id: 'gone', related: [], source: 8 }], ['kept.mdx', 'gone.mdx'])).toEqual([]);
  });
});

describe('withdrawnQuotes', () => {
  it('names each entry quoting a strategy that is no longer shared publicly, and what to do', () => {
    expect(withdrawnQuotes([{ id: 'kept', related: [], source: 7 }, { id: 'gone', related: [], source: 8 }, { id: 'own', related: [] }], new Set([7]))).toEqual([
      {
        id: 'gone',
        warning:
          'content/library/gone.mdx quotes strategy 8, which is no longer shared publicly (its author withdrew consent or left the program), so the entry was left out of the site. Delete the file, or rewrite it without their words and remove "shared" from its frontmatter.',
      },
    ]);
  });
});

describe('reservedLibrarySlugs', () => {
  it('reserves every page and folder of site/pages/[...locale]/library/ but the entry page', () => {
    expect(reservedLibrarySlugs(ROOT)).toEqual(['community', 'guidance.json', 'index', 'kinds', 'stages', 'stories', 'tags']);
  });
});
