import { describe, expect, it } from 'vitest';
import type { Listing } from '../../src/hkex/listing.js';
import { isKnownFiling, pairKey, pairListings } from '../../src/hkex/pairing.js';

const base = 'https://www1.hkexnews.hk/listedco/listconews/sehk/2023/0130';

function listing(id: string, file: string, title: string): Listing {
  return {
    id,
    board: 'sehk',
    stockCodes: ['06680'],
    stockNames: ['JL MAG'],
    title,
    releasedAt: '2023-01-30T11:02:00.000Z',
    category: 'Announcements and Notices - [Inside Information]',
    t1Code: '10000',
    t2Code: '13300',
    url: `${base}/${file}`,
  };
}

describe('pairKey', () => {
  it('drops the _c before the extension only', () => {
    expect(pairKey(`${base}/2023013001234_c.pdf`)).toBe(pairKey(`${base}/2023013001234.pdf`));
    expect(pairKey(`${base}/2023013001234_c.htm`)).toBe(
      '/listedco/listconews/sehk/2023/0130/2023013001234.htm',
    );
    expect(pairKey(`${base}/abc_cd.pdf`)).toBe('/listedco/listconews/sehk/2023/0130/abc_cd.pdf');
  });
});

describe('pairListings', () => {
  const en = [
    listing('101', '2023013001234.pdf', 'PRELIMINARY ESTIMATION FOR THE ANNUAL RESULTS OF 2022'),
    listing('102', '2023013001240.pdf', 'ENGLISH ONLY NOTICE'),
  ];
  const zh = [
    listing('201', '2023013001234_c.pdf', '2022年度業績預告'),
    listing('202', '2023013009999_c.pdf', '另一公告'),
  ];

  it('makes one Filing per English listing, carrying its Chinese twin', () => {
    const [paired, alone, ...rest] = pairListings(en, zh);
    expect(rest).toEqual([]);
    expect(paired).toMatchObject({
      id: '101',
      idZh: '201',
      title: 'PRELIMINARY ESTIMATION FOR THE ANNUAL RESULTS OF 2022',
      titleZh: '2022年度業績預告',
      pdfUrl: `${base}/2023013001234.pdf`,
      pdfUrlZh: `${base}/2023013001234_c.pdf`,
    });
    expect(alone).toMatchObject({ id: '102', idZh: null, titleZh: null, pdfUrlZh: null });
  });

  it('pairs a document both feeds list under one path, without a second id', () => {
    const [only] = pairListings([listing('7', 'x.pdf', 'NOTICE')], [listing('7', 'x.pdf', '通告')]);
    expect(only).toMatchObject({ id: '7', idZh: null, titleZh: '通告' });
  });

  it('knows a filing by either language id', () => {
    const [paired] = pairListings(en, zh);
    if (!paired) throw new Error('no filing');
    expect(isKnownFiling(paired, (id) => id === '201')).toBe(true);
    expect(isKnownFiling(paired, (id) => id === '101')).toBe(true);
    expect(isKnownFiling(paired, () => false)).toBe(false);
  });
});
