import { describe, expect, it } from 'vitest';
import { entrySlug, slugify, strategyEntry } from '../../../cli/promote.ts';

describe('slugify', () => {
  it('makes a file name from a title', () => {
    expect(slugify('Two-minute start!')).toBe('two-minute-start');
    expect(slugify('Café — naïve plan')).toBe('cafe-naive-plan');
    expect(slugify('???')).toBe('strategy');
  });
});

describe('strategyEntry', () => {
  const strategy = {
    id: 7,
    title: 'Obstacle first',
    body: 'Name one obstacle before any progress. It saves time.\n\nexport const x = 1 {y} <b>z</b>',
    tags: ['check-in', 'Bad Tag!'],
    author: 'Ada "A"',
    cohort: { slug: 'c', name: 'Spring', publication: 'public' as const },
    week: 3,
  };

  it('writes frontmatter the library schema accepts, with the participant’s words as a string', () => {
    expect(strategyEntry(strategy, '2026-11-28')).toBe(`---
title: "Obstacle first"
summary: "Name one obstacle before any progress."
kind: guide
stage: weekly
tags: ["check-in"]
minutes: 1
reviewed: 2026-11-28
related: []
shared:
  source: 7
  text: "Name one obstacle before any progress. It saves time.\\n\\nexport const x = 1 {y} <b>z</b>"
  author: "Ada \\"A\\""
  cohort: "Spring"
  week: 3
---
`);
  });

  it('leaves no MDX body for the words to be compiled from', () => {
    const mdx = strategyEntry(strategy, '2026-11-28');
    expect(mdx.slice(mdx.lastIndexOf('---') + 3).trim()).toBe('');
  });
});

describe('entrySlug', () => {
  it('keeps a title’s slug, and adds the strategy’s number to one the library’s own pages take', () => {
    expect(entrySlug('plan-first', 7)).toEqual({ slug: 'plan-first', note: '' });
    expect(entrySlug('stories', 7).slug).toBe('stories-7');
    expect(entrySlug('community', 7).note).toContain('/library/community/ is one of the library');
  });
});
