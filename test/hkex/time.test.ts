import { describe, expect, it } from 'vitest';
import { hktDay, hktToIso } from '../../src/hkex/time.js';

describe('hktToIso', () => {
  it('reads dd/mm/yyyy HH:MM as Hong Kong time (UTC+8)', () => {
    expect(hktToIso('30/01/2023 19:02')).toBe('2023-01-30T11:02:00.000Z');
  });

  it('crosses midnight back into the previous UTC day', () => {
    expect(hktToIso('01/01/2024 07:59')).toBe('2023-12-31T23:59:00.000Z');
  });

  it.each([
    '31/02/2024 10:00',
    '12/13/2024 10:00',
    '12/01/2024 24:00',
    '2024-01-12 10:00',
    '1/1/2024 10:00',
    '',
  ])('refuses %j', (text) => {
    expect(hktToIso(text)).toBeNull();
  });
});

describe('hktDay', () => {
  it('is the Hong Kong calendar day, which starts at 16:00 UTC', () => {
    expect(hktDay(new Date('2024-01-11T15:59:00Z'))).toBe('20240111');
    expect(hktDay(new Date('2024-01-11T16:00:00Z'))).toBe('20240112');
  });
});
