import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { cleanup } from '../../src/parse/cleanup.js';
import { readMetrics } from '../../src/parse/metrics.js';
import { normalize } from '../../src/parse/normalize.js';

const metrics = (text: string) => {
  const doc = cleanup(text);
  return readMetrics(doc, normalize(doc));
};

describe('readMetrics', () => {
  it('reads a loss range in prose, with the prior introduced by a different label', () => {
    const text =
      'the Group is expected to record a net loss attributable to owners of the Company of approximately HK$35 million to HK$45 million for the year ended 31 March 2024, as compared with a net profit of approximately HK$12.3 million for the corresponding period in 2023.';
    expect(metrics(text)).toMatchObject({
      currency: 'HKD',
      metrics: [
        {
          name: 'net_profit_attributable',
          label: 'net loss attributable to owners of the Company',
          current: { low: '-45000000', high: '-35000000' },
          prior: '12300000',
          changePct: null,
        },
      ],
    });
  });

  it('takes the prior and the change from a second mention in the same Chinese sentence', () => {
    const text =
      '本集團預期錄得本公司擁有人應佔溢利不少於人民幣80百萬元，較截至2022年6月30日止六個月之本公司擁有人應佔溢利約人民幣50.2百萬元增加不少於59%。';
    expect(metrics(text).metrics).toMatchObject([
      {
        name: 'net_profit_attributable',
        label: '本公司擁有人應佔溢利',
        current: { low: '80000000', high: null },
        prior: '50200000',
        changePct: { low: '59', high: null },
      },
    ]);
  });

  it('reads a thousands table: parentheses negative, per-share rows in units, labels as written', () => {
    const text = [
      "Unit: RMB'000",
      'Item\tCurrent reporting period\tSame period last year\tChange',
      'Net profit attributable to shareholders of the listed company\t96,000 – 118,000\t(1,234)\tN/A',
      'Basic earnings per share (RMB per share)\t0.18 – 0.22\t0.08\tIncrease of 125.00% to 175.00%',
    ].join('\n');
    expect(metrics(text).metrics).toMatchObject([
      {
        name: 'net_profit_attributable',
        label: 'Net profit attributable to shareholders of the listed company',
        current: { low: '96000000', high: '118000000' },
        prior: '-1234000',
        changePct: null,
      },
      {
        name: 'eps_basic',
        label: 'Basic earnings per share (RMB per share)',
        current: { low: '0.18', high: '0.22' },
        prior: '0.08',
        changePct: { low: '125.00', high: '175.00' },
      },
    ]);
  });

  it('fills the prior from a section about last year’s results', () => {
    const text = [
      '1.預計2023年年度實現歸屬於母公司所有者的淨利潤為-8,000萬元到-12,000萬元。',
      '二、上年同期經營業績和財務狀況',
      '（一）歸屬於母公司所有者的淨利潤：-2,136.58萬元。',
    ].join('\n');
    expect(metrics(text).metrics).toMatchObject([
      {
        name: 'net_profit_attributable',
        label: '歸屬於母公司所有者的淨利潤',
        current: { low: '-120000000', high: '-80000000' },
        prior: '-21365800',
        changePct: null,
      },
    ]);
  });

  it('reads a change stated before its label, and a later figure completing it', () => {
    const onlyChange =
      'the Group expects to record a decrease of approximately 40 per cent. in the profit attributable to owners of the Company for the year.';
    expect(metrics(onlyChange).metrics).toMatchObject([
      {
        name: 'net_profit_attributable',
        label: 'profit attributable to owners of the Company',
        current: { low: null, high: null },
        prior: null,
        changePct: { low: '-40', high: '-40' },
      },
    ]);
    const completed = `${onlyChange} The profit attributable to owners of the Company is expected to be approximately HK$60 million to approximately HK$66 million.`;
    expect(metrics(completed).metrics[0]).toMatchObject({
      current: { low: '60000000', high: '66000000' },
      changePct: { low: '-40', high: '-40' },
    });
  });

  it('reads per-share figures in the cents their label names, and a change stated after the table', () => {
    const text = [
      '(RMB million, unless otherwise stated)',
      'Gross profit\t1,102.5\t1,086.3',
      'Basic earnings per share (RMB cents)\t11.26\t16.04',
      'Accordingly, the basic earnings per share is expected to decrease by approximately 29.8%.',
    ].join('\n');
    expect(metrics(text).metrics).toMatchObject([
      {
        name: 'other',
        label: 'Gross profit',
        current: { low: '1102500000', high: '1102500000' },
        prior: '1086300000',
        changePct: null,
      },
      {
        name: 'eps_basic',
        label: 'Basic earnings per share (RMB cents)',
        current: { low: '0.1126', high: '0.1126' },
        prior: '0.1604',
        changePct: { low: '-29.8', high: '-29.8' },
      },
    ]);
  });

  it('reads a prior introduced by "from", signed by the label', () => {
    const text =
      'the Group expects its net loss to decrease to not more than HK$50 million for the year ended 31 March 2025 from approximately HK$120 million for the year ended 31 March 2024.';
    expect(metrics(text).metrics).toMatchObject([
      {
        name: 'net_profit',
        label: 'net loss',
        current: { low: '-50000000', high: null },
        prior: '-120000000',
        changePct: null,
      },
    ]);
  });

  it('reads a Chinese table under a bare column unit', () => {
    const text = '\t2023年\t2022年\n\t千港元\t千港元\n收益\t1,250\t1,000';
    expect(metrics(text)).toMatchObject({
      currency: 'HKD',
      metrics: [
        {
          name: 'revenue',
          label: '收益',
          current: { low: '1250000', high: '1250000' },
          prior: '1000000',
          changePct: null,
        },
      ],
    });
  });

  it.each([
    [
      '本集團預期本期間之本公司股東應佔溢利將較截至2023年6月30日止六個月之約人民幣3.86億元減少不少於40%。',
      '本公司股東應佔溢利',
    ],
    [
      'the profit attributable to owners of the Company is expected to decrease by not less than 40% from approximately RMB386 million.',
      'profit attributable to owners of the Company',
    ],
  ])('reads a change stated against its base alone: %s', (text, label) => {
    expect(metrics(text).metrics).toMatchObject([
      {
        name: 'net_profit_attributable',
        label,
        current: { low: null, high: null },
        prior: '386000000',
        changePct: { low: null, high: '-40' },
      },
    ]);
  });

  it('reads the figure a change leads to after a prior cue as the current one', () => {
    expect(metrics('本集團之收益預期較去年同期增加約35%至約人民幣1,250百萬元。').metrics).toMatchObject([
      {
        name: 'revenue',
        label: '收益',
        current: { low: '1250000000', high: '1250000000' },
        prior: null,
        changePct: { low: '35', high: '35' },
      },
    ]);
  });

  it('ignores mentions without a figure and change amounts', () => {
    const text =
      'Revenue generated from the robotics sector increased by approximately 140%. 淨利潤將增加人民幣21,000萬元。';
    expect(metrics(text).metrics).toMatchObject([]);
  });
});

const millions = fc.integer({ min: 1, max: 99_999 }).map((n) => (n / 10).toString());

test.prop([
  millions,
  millions,
  fc.constantFrom('net loss attributable to owners of the Company', '本公司擁有人應佔虧損'),
])('a loss range reads negative with low <= high, whichever end is written first', (a, b, label) => {
  const text = label.startsWith('net')
    ? `the Group expects to record a ${label} of approximately HK$${a} million to HK$${b} million.`
    : `本集團預期錄得${label}約${a}百萬港元至${b}百萬港元。`;
  const [metric] = metrics(text).metrics;
  const [small, large] = [a, b].map((x) => Math.round(Number(x) * 1_000_000)).sort((x, y) => x - y);
  expect(metric?.current).toEqual({ low: String(-(large as number)), high: String(-(small as number)) });
});
