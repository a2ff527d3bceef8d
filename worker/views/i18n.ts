/**
 * The reader's translator for the Worker's views: `page(c, …)` provides the request's (set by
 * worker/middleware/locale.ts), and a component reads it with `useT()`.
 */
import { createContext, useContext } from 'hono/jsx';
import { translator, type Translator } from '../domain/i18n.ts';
import { DEFAULT_LOCALE } from '../domain/locales.ts';

export const I18n = createContext<Translator>(translator(DEFAULT_LOCALE));

/** The translator of the page being rendered. */
export function useT(): Translator {
  return useContext(I18n);
}
