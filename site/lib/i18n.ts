/**
 * The site's translator: the same catalogues as the Worker's pages (worker/domain/i18n.ts). A build
 * with TANDEM_PSEUDO_LOCALE=on writes every message in the pseudo-locale (⟦ ⟧), for the test that
 * finds text not taken from a catalogue.
 */
import { translator, type Translator } from '../../worker/domain/i18n.ts';
import type { Locale } from '../../worker/domain/locales.ts';

const translators = new Map<Locale, Translator>();

/** The translator for pages in `locale`. */
export function translatorFor(locale: Locale): Translator {
  let t = translators.get(locale);
  if (!t) {
    t = translator(locale, { pseudo: process.env.TANDEM_PSEUDO_LOCALE === 'on' });
    translators.set(locale, t);
  }
  return t;
}
