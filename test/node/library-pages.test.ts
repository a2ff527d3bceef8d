import { describe, expect, it } from 'vitest';
import { groupByKind, groupByStage, groupByTag, inPartnershipOrder, type Browsable } from '../../site/lib/library-browse.ts';
import { KIND_LABELS, STAGE_LABELS, entryCount, tagHref, tagSlug } from '../../site/lib/library-labels.ts';
import { LIBRARY_KINDS, LIBRARY_STAGES } from '../../site/schemas.ts';

type Entry = Browsable & { id: string };
const entry = (id: string, kind: Entry['data']['kind'], stage: Entry['data']['stage'], tags: string[] = []): Entry => ({ id, data: { kind, stage, tags } });
const ids = (entries: Entry[]) => entries.map((e) => e.id);

describe('tagSlug', () => {
  it('turns spaces into hyphens and keeps hyphenated tags as they are', () => {
    expect(tagSlug('peer circles')).toBe('peer-circles');
    expect(tagSlug('knowledge exchange')).toBe('knowledge-exchange');
    expect(tagSlug('check-in')).toBe('check-in');
    expect(tagSlug('micro-goals')).toBe('micro-goals');
  });

  it('collapses runs of spaces and hyphens and trims them from the ends', () => {
    expect(tagSlug('difficult  conversations')).toBe('difficult-conversations');
    expect(tagSlug('a - b')).toBe('a-b');
    expect(tagSlug(' pause ')).toBe('pause');
    expect(tagSlug('stage 2-')).toBe('stage-2');
  });

  it('gives the address of the tag page', () => {
    expect(tagHref('peer circles')).toBe('/library/tags/peer-circles/');
  });
});

describe('labels', () => {
  it('names every kind and gives every stage one sentence saying when it applies', () => {
    expect(Object.keys(KIND_LABELS).sort()).toEqual([...LIBRARY_KINDS].sort());
    expect(Object.keys(STAGE_LABELS).sort()).toEqual([...LIBRARY_STAGES].sort());
    for (const { when } of Object.values(STAGE_LABELS)) expect(when).toMatch(/^[A-Z][^.]+\.$/);
  });

  it('counts entries in words', () => {
    expect(entryCount(0)).toBe('0 entries');
    expect(entryCount(1)).toBe('1 entry');
    expect(entryCount(3)).toBe('3 entries');
  });
});

describe('groupByStage', () => {
  it('lists the stages that have entries in partnership order, mentors last', () => {
    const entries = [entry('m', 'checklist', 'mentor'), entry('k1', 'guide', 'kickoff'), entry('s', 'role-play', 'setback'), entry('k2', 'template', 'kickoff')];
    expect(groupByStage(entries).map((g) => [g.stage, ids(g.entries)])).toEqual([
      ['kickoff', ['k1', 'k2']],
      ['setback', ['s']],
      ['mentor', ['m']],
    ]);
  });
});

describe('groupByKind', () => {
  it("lists the kinds that have entries in the schema's order", () => {
    const entries = [entry('t', 'template', 'weekly'), entry('g', 'guide', 'pause'), entry('t2', 'template', 'kickoff')];
    expect(groupByKind(entries).map((g) => [g.kind, ids(g.entries)])).toEqual([
      ['guide', ['g']],
      ['template', ['t', 't2']],
    ]);
  });
});

describe('groupByTag', () => {
  it('lists every tag A–Z by slug, keeping its label', () => {
    const entries = [entry('a', 'guide', 'weekly', ['weekly', 'knowledge exchange']), entry('b', 'guide', 'weekly', ['agenda', 'weekly'])];
    expect(groupByTag(entries).map((t) => [t.slug, t.label, ids(t.entries)])).toEqual([
      ['agenda', 'agenda', ['b']],
      ['knowledge-exchange', 'knowledge exchange', ['a']],
      ['weekly', 'weekly', ['a', 'b']],
    ]);
  });

  it('makes spellings that share a slug one tag, named as first seen, with each entry once', () => {
    const entries = [entry('a', 'guide', 'weekly', ['peer circles']), entry('b', 'guide', 'weekly', ['peer-circles', 'peer circles'])];
    expect(groupByTag(entries).map((t) => [t.slug, t.label, ids(t.entries)])).toEqual([['peer-circles', 'peer circles', ['a', 'b']]]);
  });
});

describe('inPartnershipOrder', () => {
  it('sorts by stage and keeps the given order within a stage', () => {
    const entries = [entry('closing', 'guide', 'closing'), entry('weekly-b', 'guide', 'weekly'), entry('kickoff', 'guide', 'kickoff'), entry('weekly-a', 'guide', 'weekly')];
    expect(ids(inPartnershipOrder(entries))).toEqual(['kickoff', 'weekly-b', 'weekly-a', 'closing']);
    expect(ids(entries)).toEqual(['closing', 'weekly-b', 'kickoff', 'weekly-a']);
  });
});
