/**
 * The renderer's entry (site/integrations/renderer.ts): renders one page of the site the way
 * Astro's build would, from the data the caller hands it, without a server or Vite.
 */
import { createApp } from 'astro/app/entrypoint';
import type { PageData } from '../lib/stories.ts';

const app = createApp({ streaming: false });

/** The page at `url` (the site's address), made from `data`. */
export function renderPage(url: string, data: PageData): Promise<Response> {
  return app.render(new Request(url), { locals: data });
}
