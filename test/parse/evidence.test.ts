import { describe, expect, it } from 'vitest';
import { evidenceReader } from '../../src/parse/evidence.js';

describe('evidenceReader', () => {
  const doc = [
    'Item\tCurrent period\tSame period last year',
    'Net profit attributable\tRMB702,265,000 to RMB838,187,300\tRMB453,074,200',
    'The Board is pleased to announce the results. The Group expects a net profit of approximately HK$35.2 million for the year. Reasons follow.',
  ].join('\n');
  const at = (figure: string): [number, number] => {
    const start = doc.indexOf(figure);
    return [start, start + figure.length];
  };

  it('quotes a table row with its cells apart, and a sentence alone from its paragraph', () => {
    const plain = evidenceReader(doc, doc);
    expect(plain.at(at('RMB453,074,200'))).toEqual({
      page: null,
      line: 'Net profit attributable | RMB702,265,000 to RMB838,187,300 | RMB453,074,200',
    });
    expect(plain.at(at('HK$35.2 million')).line).toBe(
      'The Group expects a net profit of approximately HK$35.2 million for the year.',
    );
  });

  it('names the page the figure is printed on when the text has page breaks', () => {
    const raw = `${doc.split('\n').slice(0, 2).join('\n')}\n\f\nThe Board is pleased ... HK$35.2\nmillion for the year.\n\f`;
    const paged = evidenceReader(raw, doc);
    expect(paged.at(at('RMB453,074,200')).page).toBe(1);
    expect(paged.at(at('HK$35.2 million')).page).toBe(2);
  });

  it('cuts a long sentence to a window around the figure, between words', () => {
    const long = `The Group ${'reports steady progress in several markets and '.repeat(6)}expects a net loss of HK$8.5 million ${'as a result of weak demand from customers abroad '.repeat(6)}this year.`;
    const start = long.indexOf('HK$8.5 million');
    const quote = evidenceReader(long, long).at([start, start + 'HK$8.5 million'.length]).line;
    expect(quote.length).toBeLessThanOrEqual(202);
    expect(quote).toMatch(/^….*HK\$8\.5 million.*…$/);
    // Both cuts fall between words.
    const words = long.split(' ');
    expect(words).toContain(quote.slice(1).split(' ')[0]);
    expect(words).toContain(quote.slice(0, -1).split(' ').at(-1));
  });
});
