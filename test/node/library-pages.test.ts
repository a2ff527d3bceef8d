import { describe, expect, it } from 'vitest';
import { groupByKind, groupByStage, groupByTag, inPartnershipOrder, type Browsable } from '../../site/lib/library-browse.ts';
import { entryHref, kindLabel, stageLabel, tagHref, tagLabel, tagSlug } from '../../site/lib/library-labels.ts';
import { LIBRARY_KINDS, LIBRARY_STAGES } from '../../site/schemas.ts';
import { translator } from '../../worker/domain/i18n.ts';

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

  it('gives the address of the tag page, in each language', () => {
    expect(tagHref('peer circles')).toBe('/library/tags/peer-circles/');
    expect(tagHref('peer circles', 'es')).toBe('/es/library/tags/peer-circles/');
    expect(entryHref('pair-quick-start', 'ar')).toBe('/ar/library/pair-quick-start/');
  });
});

describe('labels', () => {
  const en = translator('en');
  const es = translator('es');

  it('names every kind and gives every stage one sentence saying when it applies', () => {
    for (const kind of LIBRARY_KINDS) for (const form of ['one', 'many', 'about'] as const) expect(kindLabel(en, kind, form)).not.toBe('');
    for (const stage of LIBRARY_STAGES) expect(stageLabel(en, stage, 'when')).toMatch(/^[A-Z][^.]+\.$/);
    expect(kindLabel(es, 'role-play', 'many')).toBe('Juegos de roles');
    expect(stageLabel(es, 'setback')).toBe('Contratiempos');
  });

  it('names the tags the catalogue knows in the language, and shows a new one as written', () => {
    expect(tagLabel(es, 'peer circles')).toBe('círculos de pares');
    expect(tagLabel(es, 'peer-circles')).toBe('círculos de pares');
    expect(tagLabel(es, 'brand new tag')).toBe('brand new tag');
  });

  it('counts entries in words', () => {
    expect([0, 1, 3].map((count) => en('library.entryCount', { count }))).toEqual(['0 entries', '1 entry', '3 entries']);
    expect([0, 1, 2, 3, 11, 100].map((count) => translator('ar')('library.entryCount', { count }))).toEqual(['لا مداخل', 'مدخل واحد', 'مدخلان', '3 مداخل', '11 مدخلًا', '100 مدخل']);
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
