/** The pseudo-locale check itself: it must find English left in a page, and only that. */
import { describe, expect, it } from 'vitest';
import { translator } from '../../../worker/domain/i18n.ts';
import { untranslated } from '../../support/pseudo.ts';

const t = translator('en', { pseudo: true });

describe('the pseudo-locale', () => {
  it('wraps every message, date and list, and leaves numbers alone', () => {
    expect(t('site.nav.library')).toBe('⟦Library⟧');
    expect(t('page.title', { title: t('site.nav.search') })).toBe('⟦⟦Search⟧ · Tandem⟧');
    expect(t.date('2027-03-08', 'weekday')).toBe('⟦Monday 8 March⟧');
    expect(t.list(['Ada', 'Ben'])).toBe('⟦Ada and Ben⟧');
    expect(t.number(1234)).toBe('1,234');
  });

  it('finds text written into a page instead of taken from a catalogue', () => {
    const html = `<html><head><title>${t('site.name')}</title><meta name="description" content="Written here"></head>
      <body><h1>${t('site.nav.library')}</h1><p>Due on ${t.date('2027-03-08', 'weekday')}</p>
      <img alt="A chart" src="x.png"><input type="submit" value="${t('site.nav.search')}"><button aria-label="Close">×</button>
      <script>const english = 'not read';</script><p>42 · 7%</p></body></html>`;
    expect(untranslated(html)).toEqual(['head > meta[content]: Written here', 'body > p: Due on ⟦Monday 8 March⟧', 'body > img[alt]: A chart', 'body > button[aria-label]: Close']);
  });

  it('lets the data a page was given through: names and answers are not messages', () => {
    const html = `<body><p>${t('page.title', { title: 'Ada’s week' })}</p><p>Ada</p><p>Ada: ran 5 km</p></body>`;
    expect(untranslated(html, ['Ada’s week', 'Ada', 'ran 5 km'])).toEqual([]);
    expect(untranslated(html, ['Ada’s week', 'Ada'])).toEqual(['body > p: Ada: ran 5 km']);
  });
});
