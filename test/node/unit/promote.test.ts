import { describe, expect, it } from 'vitest';
import { escapeMdx, slugify, strategyEntry } from '../../../cli/promote.ts';

describe('slugify', () => {
  it('makes a file name from a title', () => {
    expect(slugify('Two-minute start!')).toBe('two-minute-start');
    expect(slugify('Café — naïve plan')).toBe('cafe-naive-plan');
    expect(slugify('???')).toBe('strategy');
  });
});

describe('escapeMdx', () => {
  it('leaves plain words alone', () => {
    expect(escapeMdx('Start for two minutes, then decide.')).toBe('Start for two minutes, then decide.');
  });

  it('turns what MDX would run or render into text', () => {
    expect(escapeMdx('{alert(1)} <img src=x>')).toBe('&#123;alert(1)&#125; &#60;img src=x&#62;');
    expect(escapeMdx('# not a heading, *not bold*')).toBe('\\# not a heading, \\*not bold\\*');
  });
});

describe('strategyEntry', () => {
  it('writes frontmatter the library schema accepts and credits the author', () => {
    const mdx = strategyEntry(
      { id: 7, title: 'Obstacle first', body: 'Name one obstacle before any progress. It saves time.', tags: ['check-in', 'Bad Tag!'], author: 'Ada', cohort: { slug: 'c', name: 'Spring', publication: 'public' }, week: 3 },
      '2026-11-28',
    );
    expect(mdx).toContain('title: "Obstacle first"\nsummary: "Name one obstacle before any progress."\nkind: guide\nstage: weekly\ntags: ["check-in"]\nminutes: 1\nreviewed: 2026-11-28\nrelated: []\n---');
    expect(mdx).toContain('*Shared by Ada of Spring, week 3, with their consent.');
  });
});
