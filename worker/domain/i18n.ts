/**
 * Every word Tandem shows a participant or a reader comes from a message catalogue
 * (worker/messages/<locale>/<area>.json, ICU MessageFormat), formatted with intl-messageformat, with
 * dates, numbers, lists and plurals by the locale's own rules (Intl). The same translator serves the
 * Astro build, the Worker's pages and errors, and the mails. Catalogues are plain JSON so a
 * translator can work on them with any tool; test/node/unit/catalogues.test.ts holds every language
 * to the English keys, arguments and plural forms.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import arCommon from '../messages/ar/common.json' with { type: 'json' };
import arErrors from '../messages/ar/errors.json' with { type: 'json' };
import arForms from '../messages/ar/forms.json' with { type: 'json' };
import arLibrary from '../messages/ar/library.json' with { type: 'json' };
import arMail from '../messages/ar/mail.json' with { type: 'json' };
import arMentor from '../messages/ar/mentor.json' with { type: 'json' };
import arPages from '../messages/ar/pages.json' with { type: 'json' };
import arSite from '../messages/ar/site.json' with { type: 'json' };
import enCommon from '../messages/en/common.json' with { type: 'json' };
import enErrors from '../messages/en/errors.json' with { type: 'json' };
import enForms from '../messages/en/forms.json' with { type: 'json' };
import enLibrary from '../messages/en/library.json' with { type: 'json' };
import enMail from '../messages/en/mail.json' with { type: 'json' };
import enMentor from '../messages/en/mentor.json' with { type: 'json' };
import enPages from '../messages/en/pages.json' with { type: 'json' };
import enSite from '../messages/en/site.json' with { type: 'json' };
import esCommon from '../messages/es/common.json' with { type: 'json' };
import esErrors from '../messages/es/errors.json' with { type: 'json' };
import esForms from '../messages/es/forms.json' with { type: 'json' };
import esLibrary from '../messages/es/library.json' with { type: 'json' };
import esMail from '../messages/es/mail.json' with { type: 'json' };
import esMentor from '../messages/es/mentor.json' with { type: 'json' };
import esPages from '../messages/es/pages.json' with { type: 'json' };
import esSite from '../messages/es/site.json' with { type: 'json' };
import { textDirection, type Locale } from './locales.ts';

/** The English catalogue is the reference: its keys are the messages that exist. */
const EN = { ...enCommon, ...enErrors, ...enForms, ...enPages, ...enMentor, ...enMail, ...enSite, ...enLibrary };
export type MessageKey = keyof typeof EN;
export type Catalogue = Record<MessageKey, string>;

/** Every catalogue, by language; tsc fails on a language that lacks a message. */
export const CATALOGUES: Record<Locale, Catalogue> = {
  en: EN,
  es: { ...esCommon, ...esErrors, ...esForms, ...esPages, ...esMentor, ...esMail, ...esSite, ...esLibrary } satisfies Catalogue,
  ar: { ...arCommon, ...arErrors, ...arForms, ...arPages, ...arMentor, ...arMail, ...arSite, ...arLibrary } satisfies Catalogue,
};

/** What a message's {arguments} may be given. */
export type MessageValues = Record<string, string | number | Date>;

/**
 * A message chosen before the language is known (an error thrown deep in a request, a field's
 * problem), put into words where the answer is written.
 */
export interface Message {
  key: MessageKey;
  values?: MessageValues;
}

/** A message to translate later. */
export function message(key: MessageKey, values?: MessageValues): Message {
  return values ? { key, values } : { key };
}

/** How a date is written: `weekday` "Monday 8 March", `day` "8 March", `short` "8 Mar", `year` "8 March 2027", `weekdayYear` "Monday 8 March 2027", `time` "09:00". */
export type DateStyle = 'weekday' | 'day' | 'short' | 'year' | 'weekdayYear' | 'time';

const DATE_STYLES: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  weekday: { weekday: 'long', day: 'numeric', month: 'long' },
  day: { day: 'numeric', month: 'long' },
  short: { day: 'numeric', month: 'short' },
  year: { day: 'numeric', month: 'long', year: 'numeric' },
  weekdayYear: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
};

/** The locale Intl formats with: British English writes "Monday 8 March", as the pages always have. */
const INTL_LOCALE: Record<Locale, string> = { en: 'en-GB', es: 'es', ar: 'ar' };

export interface Translator {
  readonly locale: Locale;
  /** The value of `<html dir>`. */
  readonly dir: 'ltr' | 'rtl';
  /** The message `key` with its arguments filled in. */
  (key: MessageKey, values?: MessageValues): string;
  /** A message chosen earlier (`message(...)`), in words. */
  say(message: Message): string;
  /**
   * A date: a calendar day (`YYYY-MM-DD`, read as that day wherever the reader is) or an instant,
   * shown in `timeZone` (a calendar day needs none).
   */
  date(value: string | Date, style: DateStyle, timeZone?: string): string;
  /** A number as the locale writes it (grouping, decimal sign). */
  number(value: number, options?: Intl.NumberFormatOptions): string;
  /** Items joined as the locale joins them: "Ada, Ben and Cleo". */
  list(items: readonly string[]): string;
}

export interface TranslatorOptions {
  /**
   * The pseudo-locale: every message, date and list comes out wrapped in ⟦ ⟧, so a test can find
   * any text on a page that did not come through here (test/support/pseudo.ts).
   */
  pseudo?: boolean;
}

/** The pseudo-locale's marks around everything the translator makes. */
export const PSEUDO_OPEN = '⟦';
export const PSEUDO_CLOSE = '⟧';

const formats = new Map<string, IntlMessageFormat>();

function formatOf(locale: Locale, key: MessageKey): IntlMessageFormat {
  const id = `${locale}\u0000${key}`;
  let format = formats.get(id);
  if (!format) {
    const message = CATALOGUES[locale][key];
    if (message === undefined) throw new Error(`No message “${key}” in the ${locale} catalogue.`);
    format = new IntlMessageFormat(message, INTL_LOCALE[locale]);
    formats.set(id, format);
  }
  return format;
}

/**
 * Intl's formatters, made once per language and options. Each holds ICU data in native memory that
 * V8 does not count, so one made per call (a build writes hundreds of thousands of dates and
 * numbers) let the build's memory grow by hundreds of MB before a collection freed them.
 */
const intlFormats = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.ListFormat>();

function cached<F extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.ListFormat>(id: string, make: () => F): F {
  let format = intlFormats.get(id) as F | undefined;
  if (!format) {
    format = make();
    intlFormats.set(id, format);
  }
  return format;
}

function dateFormat(locale: string, style: DateStyle, timeZone: string): Intl.DateTimeFormat {
  return cached(`date|${locale}|${style}|${timeZone}`, () => new Intl.DateTimeFormat(locale, { ...DATE_STYLES[style], timeZone }));
}

function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return cached(`number|${locale}|${JSON.stringify(options)}`, () => new Intl.NumberFormat(locale, options));
}

function listFormat(locale: string): Intl.ListFormat {
  return cached(`list|${locale}`, () => new Intl.ListFormat(locale, { type: 'conjunction' }));
}

/** A calendar day as the instant its formatting starts from (UTC midnight, formatted in UTC). */
function asDate(value: string | Date): Date {
  return typeof value === 'string' ? new Date(`${value}T00:00:00Z`) : value;
}

/** The translator for one language. */
export function translator(locale: Locale, options: TranslatorOptions = {}): Translator {
  const mark = options.pseudo ? (text: string) => `${PSEUDO_OPEN}${text}${PSEUDO_CLOSE}` : (text: string) => text;
  const intlLocale = INTL_LOCALE[locale];
  const t = (key: MessageKey, values?: MessageValues) => mark(String(formatOf(locale, key).format(values)));
  return Object.assign(t, {
    say: (m: Message) => t(m.key, m.values),
    locale,
    dir: textDirection(locale),
    date: (value: string | Date, style: DateStyle, timeZone?: string) => mark(dateFormat(intlLocale, style, typeof value === 'string' ? 'UTC' : (timeZone ?? 'UTC')).format(asDate(value))),
    number: (value: number, numberOptions?: Intl.NumberFormatOptions) => numberFormat(intlLocale, numberOptions).format(value),
    list: (items: readonly string[]) => mark(listFormat(intlLocale).format(items)),
  });
}
