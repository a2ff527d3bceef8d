import { describe, expect, it } from 'vitest';
import { readRoster, RosterError } from '../../../cli/roster.ts';

const HEADER = 'name,email,role,pair,circle';

function csv(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

/** The problems readRoster throws for a file (fails the test if it does not throw a RosterError). */
function problemsOf(text: string): string[] {
  try {
    readRoster(text);
  } catch (err) {
    expect(err).toBeInstanceOf(RosterError);
    return (err as RosterError).problems;
  }
  throw new Error('readRoster accepted the file');
}

describe('readRoster: good files', () => {
  it('parses a roster with a BOM, CRLF, quoted names, mixed-case e-mails and roles', () => {
    const text =
      '\uFEFFName,Email,Role,Pair,Circle\r\n' +
      '"Smith, Ann",Ann@Example.ORG,Mentor,,\r\n' +
      'Bo,bo@example.org,MENTEE,p1,c1\r\n' +
      'Cy,cy@example.org,mentee,p1,c1\r\n';
    expect(readRoster(text)).toEqual([
      { name: 'Smith, Ann', email: 'ann@example.org', role: 'mentor', pair: '', circle: '' },
      { name: 'Bo', email: 'bo@example.org', role: 'mentee', pair: 'p1', circle: 'c1' },
      { name: 'Cy', email: 'cy@example.org', role: 'mentee', pair: 'p1', circle: 'c1' },
    ]);
  });

  it('accepts a pair of three', () => {
    const entries = readRoster(csv(HEADER, 'A,a@x.org,mentee,p1,', 'B,b@x.org,mentee,p1,', 'C,c@x.org,mentee,p1,'));
    expect(entries.map((e) => e.pair)).toEqual(['p1', 'p1', 'p1']);
  });

  it('reads a bare quote inside an unquoted name as the name it shows, as spreadsheets do', () => {
    const rows = readRoster(csv(HEADER, 'José "Pepe" Ruiz,pepe@example.org,mentee,p1,c1', 'Ann "the 2nd",ann@example.org,mentee,p1,c1', '"Smith, ""Bo""",bo@example.org,mentor,,'));
    expect(rows.map((r) => r.name)).toEqual(['José "Pepe" Ruiz', 'Ann "the 2nd"', 'Smith, "Bo"']);
  });

  it('accepts a file without the circle column, circle defaulting to empty', () => {
    expect(readRoster(csv('name,email,role,pair', 'A,a@x.org,mentor,'))).toEqual([
      { name: 'A', email: 'a@x.org', role: 'mentor', pair: '', circle: '' },
    ]);
  });
});

describe('readRoster: bad files', () => {
  it('names the line of a bad e-mail address', () => {
    expect(problemsOf(csv(HEADER, 'A,a@x.org,mentor,,', 'B,not-an-email,mentor,,'))).toEqual(['line 3: the e-mail address is not valid']);
  });

  it('names the line of an unknown role', () => {
    expect(problemsOf(csv(HEADER, 'A,a@x.org,boss,,'))).toEqual(['line 2: the role must be “mentor” or “mentee”']);
  });

  it('names the line of a mentee without a pair', () => {
    expect(problemsOf(csv(HEADER, 'A,a@x.org,mentor,,', 'Cy,cy@x.org,mentee,,'))).toEqual(['line 3: Cy is a mentee without a pair']);
  });

  it('names both lines of a duplicate e-mail, whatever its case', () => {
    expect(problemsOf(csv(HEADER, 'A,a@x.org,mentor,,', 'B,A@X.org,mentor,,'))).toEqual(['line 3: a@x.org is already on line 2']);
  });

  it('counts blank lines when naming lines', () => {
    expect(problemsOf('name,email,role,pair\r\nA,a@x.org,mentor,\r\n\r\nB,a@x.org,mentor,\r\n')).toEqual(['line 4: a@x.org is already on line 2']);
  });

  it('names the line of a pair with one member', () => {
    expect(problemsOf(csv(HEADER, 'A,a@x.org,mentor,,', 'B,b@x.org,mentee,p2,'))).toEqual([
      'line 3: pair “p2” has only one member (a pair needs two, or three when numbers are odd)',
    ]);
  });

  it('names the lines of a pair with four members', () => {
    const text = csv(HEADER, 'A,a@x.org,mentee,p3,', 'B,b@x.org,mentee,p3,', 'C,c@x.org,mentee,p3,', 'D,d@x.org,mentee,p3,');
    expect(problemsOf(text)).toEqual(['line 2, line 3, line 4, line 5: pair “p3” has 4 members (at most three)']);
  });

  it('checks pairs together with the people already in the cohort', () => {
    const existing = [
      { name: 'Ada', email: 'ada@x.org', role: 'mentee' as const, pair: 'p1', circle: '' },
      { name: 'Ben', email: 'ben@x.org', role: 'mentee' as const, pair: 'p1', circle: '' },
    ];
    const text = csv(HEADER, 'Cy,cy@x.org,mentee,p1,', 'Di,di@x.org,mentee,p1,');
    let problems: string[] = [];
    try {
      readRoster(text, existing);
    } catch (err) {
      problems = (err as RosterError).problems;
    }
    expect(problems).toEqual(['line 2, line 3, Ada (already in the cohort), Ben (already in the cohort): pair “p1” has 4 members (at most three)']);
  });

  it('lets a re-import move people: the file wins over what is stored', () => {
    const existing = [
      { name: 'Ada', email: 'ada@x.org', role: 'mentee' as const, pair: 'p1', circle: '' },
      { name: 'Ben', email: 'ben@x.org', role: 'mentee' as const, pair: 'p1', circle: '' },
    ];
    const entries = readRoster(csv(HEADER, 'Ada,ada@x.org,mentee,p2,', 'Cy,cy@x.org,mentee,p2,', 'Ben,ben@x.org,mentee,p3,', 'Di,di@x.org,mentee,p3,'), existing);
    expect(entries.map((e) => `${e.name}:${e.pair}`)).toEqual(['Ada:p2', 'Cy:p2', 'Ben:p3', 'Di:p3']);
  });

  it('refuses a mentor with a pair', () => {
    expect(problemsOf(csv(HEADER, 'Mo,mo@x.org,mentor,p1,', 'A,a@x.org,mentee,p1,', 'B,b@x.org,mentee,p1,'))).toEqual([
      'line 2: Mo is a mentor; leave the pair of a mentor empty',
    ]);
  });

  it('names the lines of a pair split across circles', () => {
    expect(problemsOf(csv(HEADER, 'A,a@x.org,mentee,p1,c1', 'B,b@x.org,mentee,p1,c2'))).toEqual([
      'line 2, line 3: the members of pair “p1” are in different circles',
    ]);
  });

  it('reports every problem at once', () => {
    expect(problemsOf(csv(HEADER, 'A,bad,mentor,,', 'B,b@x.org,boss,,', 'C,c@x.org,mentee,,'))).toHaveLength(3);
  });

  it('names a missing column on line 1', () => {
    expect(problemsOf(csv('name,email,role', 'A,a@x.org,mentor'))).toEqual(['line 1: missing column pair (expected name,email,role,pair,circle)']);
  });

  it('refuses an empty file', () => {
    expect(problemsOf('')).toEqual(['the file has no participants (expected a header line and one line per person)']);
  });

  it('refuses a line with too few fields as invalid CSV', () => {
    expect(problemsOf(csv('name,email,role,pair', 'A,a@x.org,mentor'))[0]).toMatch(/^the file is not valid CSV: .*line 2/);
  });
});

describe('the optional reminder columns', () => {
  it('reads each person’s timezone, hour and whether they get mail, and names a bad value by its line', () => {
    const [ada, ben] = readRoster(`name,email,role,pair,circle,timezone,remind_hour,reminders
Ada,ada@x.invalid,mentee,P1,,Asia/Kolkata,7,
Ben,ben@x.invalid,mentee,P1,,,,off
`);
    expect(ada!.reminders).toEqual({ timezone: 'Asia/Kolkata', hour: 7, byMail: true });
    expect(ben!.reminders).toEqual({ timezone: null, hour: 9, byMail: false });
    expect(() =>
      readRoster(`name,email,role,pair,circle,timezone,remind_hour,reminders
Ada,ada@x.invalid,mentee,P1,,Mars/Olympus,24,maybe
Ben,ben@x.invalid,mentee,P1,,,,
`),
    ).toThrow(/line 2: the timezone is not one like Europe\/London or America\/New_York; the reminder hour must be a whole hour from 0 to 23; reminders must be “on” or “off”/);
  });
});

describe('readRoster: names and labels are published, so they carry no contact details and no control characters', () => {
  it.each([
    ['Ann (ann@example.org)', 'the name has an e-mail address in it'],
    ['Ann ann [at] example [dot] org', 'the name has an e-mail address in it'],
    ['Bob +44 20 7946 0958', 'the name has a phone number in it'],
    ['Cat of mysite.biz', 'the name has a web address in it'],
  ])('refuses the name %j', (name, problem) => {
    expect(problemsOf(csv(HEADER, `${name},a@x.org,mentor,,`))).toEqual([`line 2: ${problem} (names are published: use a pseudonym without contact details)`]);
  });

  it('refuses a pair or circle label with a web address', () => {
    expect(problemsOf(csv(HEADER, 'A,a@x.org,mentee,shop.ru,', 'B,b@x.org,mentee,shop.ru,'))).toEqual([
      'line 2: the pair has a web address in it (pair labels are published: use a label without contact details)',
      'line 3: the pair has a web address in it (pair labels are published: use a label without contact details)',
    ]);
  });

  it.each([
    ['U+001B', '\u001b'],
    ['U+0007', '\u0007'],
    ['U+0000', '\u0000'],
    ['U+007F', '\u007f'],
    ['U+0085', '\u0085'],
    ['U+009B', '\u009b'],
    ['U+202E', '\u202e'],
    ['U+2067', '\u2067'],
  ])('refuses a name with the control character %s, naming it by its code', (code, control) => {
    expect(problemsOf(csv(HEADER, `Ann${control}x,a@x.org,mentor,,`))).toEqual([`line 2: the name has an invisible control character in it (${code}); retype it without`]);
  });

  it.each(['José "Pepe" Ruiz', 'Anne-Marie O’Neil', 'Dr. Li 3rd', 'Zoë & Jo', 'Team 7', 'Pair 2026', 'أمينة', 'ليلى\u200f 2'])('accepts the name %j', (name) => {
    expect(readRoster(csv(HEADER, `"${name.replaceAll('"', '""')}",a@x.org,mentor,,`))[0]!.name).toBe(name);
  });
});
