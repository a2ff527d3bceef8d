import { describe, expect, it } from 'vitest';
import { REDACTED, scrubText } from '../../../worker/domain/redact.ts';

const EMAIL = REDACTED.email;
const URL = REDACTED.url;
const PHONE = REDACTED.phone;

describe('scrubText: e-mail addresses', () => {
  it('removes a plain address', () => {
    expect(scrubText('Write to ann@example.org please')).toBe(`Write to ${EMAIL} please`);
  });

  it('removes plus-addressing on a subdomain', () => {
    expect(scrubText('Mail jo.bloggs+tandem@mail.example.co.uk now')).toBe(`Mail ${EMAIL} now`);
  });

  it('removes an address with a unicode local part', () => {
    expect(scrubText('Schreib müller.jörg@beispiel.de an')).toBe(`Schreib ${EMAIL} an`);
  });
});

describe('scrubText: URLs', () => {
  it('removes http and https links', () => {
    expect(scrubText('see http://a.b.com/x?y=1 and https://example.org')).toBe(`see ${URL} and ${URL}`);
  });

  it('removes www. links', () => {
    expect(scrubText('at www.tandem-app.net/faq today')).toBe(`at ${URL} today`);
  });

  it('removes a bare domain with a path', () => {
    expect(scrubText('read example.com/path here')).toBe(`read ${URL} here`);
  });

  it('removes a bare domain without a path', () => {
    expect(scrubText('my site is ann.dev')).toBe(`my site is ${URL}`);
  });
});

describe('scrubText: phone numbers', () => {
  it('removes an international number', () => {
    expect(scrubText('Call +44 20 7946 0958 today')).toBe(`Call ${PHONE} today`);
  });

  it('removes a UK mobile number', () => {
    expect(scrubText('Call 07700 900123 today')).toBe(`Call ${PHONE} today`);
  });

  it('removes a dashed US number', () => {
    expect(scrubText('called me at 555-123-4567.')).toBe(`called me at ${PHONE}.`);
  });

  it('removes a US number with the area code in parentheses, parentheses included', () => {
    expect(scrubText('Call (555) 123-4567 today')).toBe(`Call ${PHONE} today`);
  });
});

describe('scrubText: ordinary text is kept', () => {
  it.each([
    'ran 10 km in 55 minutes',
    'week 12',
    '3/5 days',
    'e.g. a short walk',
    'Mr. Smith helped',
  ])('keeps %j', (text) => {
    expect(scrubText(text)).toBe(text);
  });

  // An ISO date is eight digits with separators: it must not be taken for a phone number.
  it('keeps an ISO date', () => {
    expect(scrubText('we met on 2026-11-28')).toBe('we met on 2026-11-28');
  });

  it.each(['from 2026-11-28 to 2026-12-05', 'due 28.11.2026', 'the 2026-2027 season'])('keeps the dates in %j', (text) => {
    expect(scrubText(text)).toBe(text);
  });
});

describe('scrubText: newer top-level domains', () => {
  it.each(['see mybot.ai/demo', 'at notes.xyz'])('removes the address in %j', (text) => {
    expect(scrubText(text)).toContain('[link removed]');
  });
});

describe('scrubText: the spellings an attack found (issue 16)', () => {
  it.each([
    ['call 555–123–4567 (en dashes)', `call ${PHONE} (en dashes)`],
    ['call 555—123—4567 (em dashes)', `call ${PHONE} (em dashes)`],
    ['ruf 030/1234567 an', `ruf ${PHONE} an`],
    ['full-width ０７７００ ９００１２３ here', `full-width ${PHONE} here`],
    ['full-width dashes ５５５－１２３－４５６７ here', `full-width dashes ${PHONE} here`],
    ['international +33 6 12 34 56 78.', `international ${PHONE}.`],
  ])('removes the phone number in %j', (text, scrubbed) => {
    expect(scrubText(text)).toBe(scrubbed);
  });

  it.each([
    ['buy at shop.ru today', `buy at ${URL} today`],
    ['see mysite.biz/contact', `see ${URL}`],
    ['files on ftp://files.example.org/notes.txt', `files on ${URL}`],
    ['my page example.photography, ok?', `my page ${URL}, ok?`],
    ['a full-width ｅｘａｍｐｌｅ．ｃｏｍ link', `a full-width ${URL} link`],
    ['files at sftp://host.internal/x.', `files at ${URL}.`],
  ])('removes the address in %j', (text, scrubbed) => {
    expect(scrubText(text)).toBe(scrubbed);
  });

  it.each([
    'name [at] example [dot] com',
    'name(at)example(dot)com',
    'name [ at ] example [ dot ] co [ dot ] uk',
    'name {at} example.com',
    'name [@] example [.] com',
    'name@example [dot] com',
    'NAME [AT] EXAMPLE [DOT] COM',
    // An @ is enough, whatever the top-level domain: internal and reserved ones are somebody's too.
    'ann@corp.internal',
    'ben.private@mail.invalid',
  ])('removes the obfuscated address %j', (text) => {
    expect(scrubText(`write to ${text} please`)).toBe(`write to ${EMAIL} please`);
  });
});

describe('scrubText: ordinary text with numbers, dots and brackets is kept', () => {
  it.each([
    'ran 5 km in 30 minutes',
    'week 3',
    'we met on 2026-03-08',
    'v2.0 of the plan',
    'e.g. a walk, i.e. outside',
    'read 120 pages (at last) and 3.5 chapters',
    'meet at 10:30, then at 14:00',
    'score 4/5, energy 3',
    'I use node.js and index.html',
    'the 2026–2027 season',
    'from 08.03.2026 to 15.03.2026',
    'on 01-02-2026 and 2026.03.08',
    '1,000 words a day',
    'met [at] the café [dot] nice',
    'ＦＵＬＬ－ＷＩＤＴＨ text stays as typed',
  ])('keeps %j', (text) => {
    expect(scrubText(text)).toBe(text);
  });
});
