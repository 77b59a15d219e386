import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAnnouncement } from '../../src/parse/index.js';
import { evidenceProblem, withoutPages } from './support/evidence.js';

// Every fixture announcement with a sibling expected.json is parsed and compared whole.
const DIR = join(import.meta.dirname, '..', 'fixtures', 'announcements');
const cases = readdirSync(DIR)
  .filter((name) => name.endsWith('.txt'))
  .map((name) => name.slice(0, -'.txt'.length))
  .filter((base) => readdirSync(DIR).includes(`${base}.expected.json`));
const read = (base: string): string => readFileSync(join(DIR, `${base}.txt`), 'utf8');

describe('announcement corpus', () => {
  it('has fixtures to check', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it.each(cases)('%s', (base) => {
    const expected: unknown = JSON.parse(readFileSync(join(DIR, `${base}.expected.json`), 'utf8'));
    expect(parseAnnouncement(read(base))).toEqual(expected);
  });

  it.each(cases)('%s: every figure quotes a line that states it', (base) => {
    for (const metric of parseAnnouncement(read(base)).metrics) {
      expect(evidenceProblem(metric), metric.name).toBeNull();
    }
  });

  // What extraction varies without changing the document must not change the Estimate either;
  // a page break only gives the evidence page numbers.
  it.each(cases)('%s survives CRLF, trailing spaces and a page break', (base) => {
    const text = read(base);
    const estimate = parseAnnouncement(text);
    expect(parseAnnouncement(text.replace(/\n/g, '\r\n'))).toEqual(estimate);
    expect(parseAnnouncement(text.replace(/\n/g, '  \n'))).toEqual(estimate);
    expect(withoutPages(parseAnnouncement(text.replace('\n\n', '\n\f\n')))).toEqual(estimate);
  });
});
