/** The shell of the pages the Worker renders itself, with the site's stylesheet, and a plain message page. */
import type { Context } from 'hono';
import { html } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export function Layout({ title, children }: { title: string; children: Child }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${title} · Tandem`}</title>
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/tandem.css" />
      </head>
      <body>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header class="site-header">
          <nav aria-label="Site">
            <a class="brand" href="/">
              Tandem
            </a>
            <a href="/library/">Library</a>
            <a href="/search/">Search</a>
          </nav>
        </header>
        <main id="main" class="page narrow">
          {children}
        </main>
      </body>
    </html>
  );
}

/** A whole page: the doctype and the layout around `body`. */
export function page(title: string, body: Child) {
  return html`<!doctype html>${<Layout title={title}>{body}</Layout>}`;
}

/** A small page for errors and refusals that have no form to go back to. */
export function messagePage(c: Context, status: ContentfulStatusCode, title: string, message: string) {
  c.header('Cache-Control', 'no-store');
  return c.html(
    page(
      title,
      <>
        <h1>{title}</h1>
        <p>{message}</p>
        <p>
          <a href="/">Go to the Tandem home page</a>
        </p>
      </>,
    ),
    status,
  );
}
