import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAnnouncement } from '../../src/parse/index.js';

// Every fixture announcement with a sibling expected.json is parsed and compared whole.
const DIR = join(import.meta.dirname, '..', 'fixtures', 'announcements');
const cases = readdirSync(DIR)
  .filter((name) => name.endsWith('.txt'))
  .map((name) => name.slice(0, -'.txt'.length))
  .filter((base) => readdirSync(DIR).includes(`${base}.expected.json`));

describe('announcement corpus', () => {
  it('has fixtures to check', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it.each(cases)('%s', (base) => {
    const text = readFileSync(join(DIR, `${base}.txt`), 'utf8');
    const expected: unknown = JSON.parse(readFileSync(join(DIR, `${base}.expected.json`), 'utf8'));
    expect(parseAnnouncement(text)).toEqual(expected);
  });

  // What extraction varies without changing the document must not change the Estimate either.
  it.each(cases)('%s survives CRLF, trailing spaces and a page break', (base) => {
    const text = readFileSync(join(DIR, `${base}.txt`), 'utf8');
    const estimate = parseAnnouncement(text);
    expect(parseAnnouncement(text.replace(/\n/g, '\r\n'))).toEqual(estimate);
    expect(parseAnnouncement(text.replace(/\n/g, '  \n'))).toEqual(estimate);
    expect(parseAnnouncement(text.replace('\n\n', '\n\f\n'))).toEqual(estimate);
  });
});
