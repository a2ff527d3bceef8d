/**
 * The pseudo-locale check: a page rendered with every message wrapped in ⟦ ⟧ (worker/domain/i18n.ts)
 * shows no other words than those, the data it was given (names, answers) and numbers or signs. Any
 * other visible text — a text node, or an attribute a person reads (alt, title, aria-label,
 * placeholder, a button's value, the page's description) — was written into a template instead of
 * a catalogue, and is reported.
 */
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { PSEUDO_CLOSE, PSEUDO_OPEN } from '../../worker/domain/i18n.ts';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/** Elements whose content nobody reads as text. */
const UNREAD = new Set(['script', 'style', 'template']);
/** Attributes a person reads or hears. */
const READ_ATTRIBUTES = new Set(['alt', 'title', 'aria-label', 'placeholder', 'label']);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const INNERMOST = new RegExp(`${escape(PSEUDO_OPEN)}[^${escape(PSEUDO_OPEN)}${escape(PSEUDO_CLOSE)}]*${escape(PSEUDO_CLOSE)}`, 'g');

/** `text` with everything the translator made, then every piece of `data`, taken out. */
export function leftover(text: string, data: readonly string[]): string {
  let rest = text;
  // Messages nest (a translated date inside a sentence): take out the innermost until none is left.
  for (let before = ''; before !== rest; ) {
    before = rest;
    rest = rest.replace(INNERMOST, ' ');
  }
  for (const piece of data) if (piece) rest = rest.split(piece).join(' ');
  return rest;
}

/** Whether what is left still holds a word: letters are words, digits and signs are not. */
function holdsWords(rest: string): boolean {
  return /\p{L}/u.test(rest);
}

/** The texts of a page a person reads, with where each was found. */
export function readableTexts(html: string): { where: string; text: string }[] {
  const found: { where: string; text: string }[] = [];
  const visit = (node: Node, path: string) => {
    if (node.nodeName === '#text') {
      const text = (node as DefaultTreeAdapterMap['textNode']).value.replace(/\s+/g, ' ').trim();
      if (text) found.push({ where: path, text });
      return;
    }
    if (!('childNodes' in node)) return;
    const element = node as Element;
    if (element.tagName && UNREAD.has(element.tagName)) return;
    const here = element.tagName ? `${path} > ${element.tagName}${element.attrs.find((a) => a.name === 'id') ? `#${element.attrs.find((a) => a.name === 'id')!.value}` : ''}` : path;
    for (const attr of element.attrs ?? []) {
      const read =
        READ_ATTRIBUTES.has(attr.name) ||
        (attr.name === 'value' && element.tagName === 'input' && ['submit', 'button', 'reset'].includes(element.attrs.find((a) => a.name === 'type')?.value ?? '')) ||
        (attr.name === 'content' && element.tagName === 'meta' && element.attrs.some((a) => a.name === 'name' && a.value === 'description'));
      if (read && attr.value.trim()) found.push({ where: `${here}[${attr.name}]`, text: attr.value.trim() });
    }
    const content = element.tagName === 'template' ? [] : element.childNodes;
    for (const child of content) visit(child, here);
  };
  visit(parse(html), '');
  return found;
}

/** Every text of `html` not from a catalogue nor from `data`: "where: text". Empty when the page is all translated. */
export function untranslated(html: string, data: readonly string[] = []): string[] {
  const pieces = [...data].sort((a, b) => b.length - a.length);
  return readableTexts(html)
    .filter(({ text }) => holdsWords(leftover(text, pieces)))
    .map(({ where, text }) => `${where.replace(/^ > html > /, '')}: ${text}`);
}
