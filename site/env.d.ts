/** The data the renderer hands the pages made from D1 (site/lib/stories.ts). */
declare namespace App {
  interface Locals extends import('./lib/stories.ts').PageData {}
}
