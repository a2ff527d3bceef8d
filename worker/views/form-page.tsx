/**
 * A built form page filled in for one participant with HTMLRewriter: their token, a fresh
 * idempotency key, what they chose from and recall, and, after a failed post, what they typed
 * with each problem beside its field. The page is the one built in their language; what is
 * written here is in it too (the translator `t`).
 */
import type { Child } from 'hono/jsx';
import type { FormContext } from '../db/form-context.ts';
import type { Participant } from '../db/participants.ts';
import type { MessageKey, Translator } from '../domain/i18n.ts';
import type { Option } from '../forms/fields.ts';
import { OPTIONS_SLOT_PREFIX, SLOT, slotSelector } from '../forms/slots.ts';
import { I18n, useT } from './i18n.ts';

export interface FormFill {
  participant: Participant;
  token: string;
  /** The answers of a failed post, to show again. */
  values?: Record<string, string>;
  /** Problems per field of a failed post, in words. */
  errors?: Record<string, string>;
}

/** What the page is, in the words of its language. */
export interface PageWords {
  t: Translator;
  /** The form's title (its registry entry's), for the page title shown again with errors. */
  title: MessageKey;
}

function Choices({ name, options, chosen, invalid }: { name: string; options: Option[]; chosen: string; invalid: boolean }) {
  // Written here, these radios miss the input[name] handler: they are marked invalid the same way.
  const problem = invalid ? { 'aria-invalid': 'true', 'aria-describedby': `${name}-error` } : {};
  return (
    <>
      {options.map((o) => (
        <label>
          <input type="radio" name={name} value={o.value} checked={o.value === chosen} {...problem} />
          <span>{o.label}</span>
        </label>
      ))}
    </>
  );
}

function ErrorSummary({ errors }: { errors: Record<string, string> }) {
  const t = useT();
  const names = Object.keys(errors);
  return (
    <>
      <h2>{t('form.errors.heading', { count: names.length })}</h2>
      <ul>
        {names.map((name) => (
          <li>
            <a href={`#${name}`}>{errors[name]}</a>
          </li>
        ))}
      </ul>
    </>
  );
}

/** Markup written with the page's translator. */
function render(t: Translator, node: Child): string {
  return (<I18n.Provider value={t}>{node}</I18n.Provider>).toString();
}

/** The page `asset` filled in for `fill.participant` in cycle `week`. */
export function fillFormPage(asset: Response, fill: FormFill, context: FormContext, week: number, status: 200 | 400, { t, title }: PageWords): Response {
  const values: Record<string, string> = { ...fill.values, token: fill.token, idempotency_key: fill.values?.idempotency_key || crypto.randomUUID() };
  const errors = fill.errors ?? {};
  const { participant } = fill;

  const rewriter = new HTMLRewriter()
    // What a screen reader says first on the page shown again: "Error:" (the GOV.UK pattern).
    .on('title', {
      element(el) {
        if (Object.keys(errors).length > 0) el.setInnerContent(t('form.errors.title', { title: t('page.title', { title: t(title) }) }));
      },
    })
    .on(slotSelector(SLOT.participant), {
      element(el) {
        el.setInnerContent(t('form.who', { name: participant.displayName, cohort: participant.cohort.name, week }));
      },
    })
    .on('input[name], textarea[name]', {
      element(el) {
        const name = el.getAttribute('name')!;
        const value = values[name];
        const type = el.getAttribute('type');
        if (type === 'radio' || type === 'checkbox') {
          if (fill.values && Object.hasOwn(fill.values, name)) {
            if (value === el.getAttribute('value') || (type === 'checkbox' && value !== undefined && value !== '')) el.setAttribute('checked', '');
            else el.removeAttribute('checked');
          }
        } else if (value !== undefined) {
          if (el.tagName === 'textarea') el.setInnerContent(value);
          else el.setAttribute('value', value);
        }
        if (errors[name]) {
          el.setAttribute('aria-invalid', 'true');
          const described = el.getAttribute('aria-describedby') ?? '';
          el.setAttribute('aria-describedby', `${described} ${name}-error`.trim());
        }
      },
    })
    .on(`[data-slot^="${OPTIONS_SLOT_PREFIX}"]`, {
      element(el) {
        const name = el.getAttribute('data-slot')!.slice(OPTIONS_SLOT_PREFIX.length);
        const options = context.options[name] ?? [];
        const choices =
          options.length === 0 ? (
            <p class="hint">{context.noOptions[name] ?? t('form.nothingToChoose')}</p>
          ) : (
            <Choices name={name} options={options} chosen={values[name] ?? ''} invalid={Boolean(errors[name])} />
          );
        el.setInnerContent(render(t, choices), { html: true });
      },
    })
    .on('[data-text]', {
      element(el) {
        const text = context.texts[el.getAttribute('data-text')!];
        if (text) el.setInnerContent(text);
      },
    })
    .on('[data-show-with]', {
      element(el) {
        if (context.texts[el.getAttribute('data-show-with')!]) el.removeAttribute('hidden');
      },
    })
    .on('[data-error-for]', {
      element(el) {
        const message = errors[el.getAttribute('data-error-for')!];
        if (message) {
          el.setInnerContent(message);
          el.removeAttribute('hidden');
        }
      },
    })
    .on(slotSelector(SLOT.formErrors), {
      element(el) {
        if (Object.keys(errors).length === 0) return;
        el.setInnerContent(render(t, <ErrorSummary errors={errors} />), { html: true });
        el.removeAttribute('hidden');
        // Focus starts on the list of problems, with JavaScript off too: it is read out first and
        // the next Tab reaches its links to the fields.
        el.setAttribute('autofocus', '');
      },
    });

  const response = rewriter.transform(new Response(asset.body, { status, headers: asset.headers }));
  const headers = new Headers(response.headers);
  // Not no-store: the back button must show this very page again (same idempotency key), so
  // sending it twice stores one record. private + no-cache keeps it out of shared caches.
  headers.set('Cache-Control', 'private, no-cache');
  headers.delete('ETag');
  return new Response(response.body, { status, headers });
}
