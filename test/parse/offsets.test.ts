import { describe, expect, it } from 'vitest';
import { Offsets } from '../../src/parse/offsets.js';

describe('Offsets', () => {
  const lines = Offsets.of('ab\ncd\n\nef', /\n/g);

  it('finds the nearest mark before a position', () => {
    expect(lines.before(0)).toBe(-1);
    expect(lines.before(2)).toBe(-1);
    expect(lines.before(3)).toBe(2);
    expect(lines.before(9)).toBe(6);
  });

  it('finds the nearest mark at or after a position, else the text length', () => {
    expect(lines.from(0)).toBe(2);
    expect(lines.from(2)).toBe(2);
    expect(lines.from(6)).toBe(6);
    expect(lines.from(7)).toBe(9);
  });
});
