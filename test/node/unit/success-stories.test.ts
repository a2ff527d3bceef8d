import { describe, expect, it } from 'vitest';
import { groupByWhatHelped } from '../../../site/lib/success-stories.ts';

describe('groupByWhatHelped', () => {
  it('groups by the first tag, then the strategy name, then Other; bigger groups first', () => {
    const stories = [
      { id: 1, strategy: 'Two-minute start', tags: ['focus', 'habits'] },
      { id: 2, strategy: 'Obstacle first', tags: [] },
      { id: 3, strategy: '', tags: [] },
      { id: 4, strategy: 'Half-size it', tags: ['focus'] },
    ];
    expect(groupByWhatHelped(stories).map((g) => [g.helped, g.stories.map((s) => s.id)])).toEqual([
      ['focus', [1, 4]],
      ['Obstacle first', [2]],
      ['Other', [3]],
    ]);
  });
});
