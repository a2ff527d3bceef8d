/** The shell of the pages the Worker renders itself, with the site's stylesheet, and a plain message page. */
import type { Context } from 'hono';
import { html } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../app-env.ts';
import { localePath } from '../domain/locales.ts';
import { I18n, useT } from './i18n.ts';

export function Layout({ title, children }: { title: string; children: Child }) {
  const t = useT();
  return (
    <html lang={t.locale} dir={t.dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{t('page.title', { title })}</title>
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/tandem.css" />
      </head>
      <body>
        <a class="skip" href="#main">
          {t('site.skip')}
        </a>
        <header class="site-header">
          <nav aria-label={t('site.nav')}>
            <a class="brand" href={localePath(t.locale, '/')}>
              {t('site.name')}
            </a>
            <a href={localePath(t.locale, '/library/')}>{t('site.nav.library')}</a>
            <a href={localePath(t.locale, '/search/')}>{t('site.nav.search')}</a>
          </nav>
        </header>
        <main id="main" class="page narrow">
          {children}
        </main>
      </body>
    </html>
  );
}

/** A whole page in the request's language (`c.get('t')`): the doctype and the layout around `body`. */
export function page<E extends AppEnv>(c: Context<E>, title: string, body: Child) {
  return html`<!doctype html>${(
    <I18n.Provider value={c.get('t')}>
      <Layout title={title}>{body}</Layout>
    </I18n.Provider>
  )}`;
}

/** A small page for errors and refusals that have no form to go back to. */
export function messagePage<E extends AppEnv>(c: Context<E>, status: ContentfulStatusCode, title: string, message: string) {
  c.header('Cache-Control', 'no-store');
  return c.html(
    page(
      c,
      title,
      <>
        <h1>{title}</h1>
        <p>{message}</p>
        <p>
          <a href={localePath(c.get('t').locale, '/')}>{c.get('t')('errors.home')}</a>
        </p>
      </>,
    ),
    status,
  );
}
