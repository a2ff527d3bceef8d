import { describe, expect, it } from 'vitest';
import { orphanTranslations } from '../../../site/lib/library-problems.ts';

describe('orphanTranslations', () => {
  it('finds a translation whose original was renamed or deleted, and nothing else', () => {
    expect(orphanTranslations(['pair-quick-start', 'kickoff-agenda'], ['es/pair-quick-start', 'ar/kickoff-agenda'])).toEqual([]);
    expect(orphanTranslations(['pair-quick-start'], ['es/pair-quick-start', 'ar/pair-quickstart'])).toEqual([
      'content/library/ar/pair-quickstart.mdx translates content/library/pair-quickstart.mdx, which does not exist; rename it after its original, or delete it',
    ]);
  });
});
