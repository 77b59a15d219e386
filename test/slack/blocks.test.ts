import { describe, expect, it } from 'vitest';
import type { Estimate, Metric } from '../../src/estimate.js';
import { landings } from '../../src/settle/landing.js';
import {
  alertMessage,
  estimateReply,
  evidenceMessage,
  type FiledEstimate,
  failureMessage,
  figuresMessage,
  historyMessage,
  REPORT_ACTION,
  revisionMessage,
  SHARE_ACTION,
  sharedMessage,
  threadMessage,
} from '../../src/slack/blocks.js';
import type { SlackMessage } from '../../src/slack/limits.js';
import { plainText } from '../../src/slack/plain.js';
import { metric } from '../pipeline/fakes.js';
import { actual, results } from '../settle/support.js';
import { expectNoInjectedMarkup, expectWithinLimits } from './blocks-check.js';
import { filingFor, fixtureEstimates, JL_MAG } from './samples.js';

const item: FiledEstimate = { filing: filingFor(JL_MAG), estimate: JL_MAG };
const textOf = (m: SlackMessage) => JSON.stringify(m.blocks);

describe('alertMessage', () => {
  const alert = alertMessage(item);

  it('leads with kind and company, then the headline range against last year', () => {
    expect(alert.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'Results estimate · JL MAG Rare-Earth (06680)', emoji: false },
    });
    expect(textOf(alert)).toContain('*Year ended 31 Dec 2022*');
    expect(textOf(alert)).toContain('Net profit attributable: *RMB702.3m–838.2m* vs RMB453.1m, +55% to +85%');
    expect(textOf(alert)).toContain('Released 30 Jan 2023 19:02 HKT');
  });

  it('links both PDFs, and offers to report a wrong figure', () => {
    const actions = alert.blocks.find((b) => b.type === 'actions');
    expect(
      actions?.type === 'actions' && actions.elements.map((e) => ('url' in e ? e.url : e.action_id)),
    ).toEqual([item.filing.pdfUrl, item.filing.pdfUrlZh, REPORT_ACTION]);
  });

  it('has a fallback text that reads alone', () => {
    expect(alert.text).toBe(
      'Results estimate · JL MAG Rare-Earth (06680): net profit attributable RMB702.3m–838.2m vs RMB453.1m, ' +
        '+55% to +85% (Year ended 31 Dec 2022)',
    );
  });

  it('warns only when a check failed', () => {
    expect(textOf(alert)).not.toContain(':warning:');
    const bad: Estimate = {
      ...JL_MAG,
      checks: [{ metric: 'net_profit_attributable', stated: '55', computed: '54.98', ok: false }],
    };
    expect(textOf(alertMessage({ ...item, estimate: bad }))).toContain(
      ':warning: The stated change does not match the figures: Net profit attributable stated 55%, figures give 54.98%.',
    );
  });

  it('renders a loss with HK$ and a bound', () => {
    const loss: Estimate = {
      ...JL_MAG,
      kind: 'profit_warning',
      currency: 'HKD',
      metrics: [
        metric({
          name: 'net_profit',
          label: 'loss for the period',
          current: { low: null, high: '-35000000' },
          prior: '-12000000',
        }),
      ],
    };
    expect(textOf(alertMessage({ ...item, estimate: loss }))).toContain(
      'Net profit: *loss of at least HK$35m* vs loss of HK$12m',
    );
  });

  it('still goes out when there are no figures, saying which way the results go', () => {
    const bare = alertMessage({ ...item, estimate: { ...JL_MAG, metrics: [], direction: 'decrease' } });
    expect(textOf(bare)).toContain(
      'Results expected to decrease; no figures could be read from the announcement',
    );
    expect(
      textOf(alertMessage({ ...item, estimate: { ...JL_MAG, metrics: [], direction: null } })),
    ).toContain('No figures could be read');
  });
});

describe('threadMessage', () => {
  const thread = threadMessage(item);
  it('gives every metric as people say it, the headline figure’s source line, the drivers, the checks and the audit status', () => {
    const text = textOf(thread);
    expect(text).toContain('This period: RMB702.3m to RMB838.2m');
    expect(text).toContain('Same period last year: RMB423.3m');
    expect(text).toContain('Stated change: +61.61% to +93.72%');
    expect(text).toContain(
      '> Net profit attributable to the shareholders of the listed company | Profit: RMB702,265,000 to RMB838,187,300',
    );
    expect(text).toContain('\\n1. In 2022, the Company');
    expect(text).toContain('\\n3. In the fourth quarter');
    expect(text).toContain(':white_check_mark: Net profit attributable: stated 55%, computed 55.00%');
    expect(text).toContain('Unaudited');
  });
  it('packs a long list of drivers into few sections', () => {
    const drivers = Array.from({ length: 200 }, (_, i) => `Reason ${i} ${'x'.repeat(100)}`);
    const long = threadMessage({ ...item, estimate: { ...JL_MAG, drivers } });
    expectWithinLimits(long);
    expect(JSON.stringify(long)).toContain('Shortened to fit');
  });
});

describe('revisionMessage', () => {
  it('says how the range moved against the previous estimate', () => {
    const revised: FiledEstimate = {
      filing: filingFor(JL_MAG, { id: '2', releasedAt: '2023-03-01T09:00:00Z' }),
      estimate: {
        ...JL_MAG,
        metrics: [
          {
            ...(JL_MAG.metrics[0] as Estimate['metrics'][number]),
            current: { low: '650000000', high: '900000000' },
          },
        ],
      },
    };
    expect(textOf(revisionMessage(revised, item))).toContain(
      'net profit attributable widened from RMB702.3m–838.2m to RMB650m–900m (low -RMB52.3m, high +RMB61.8m), ' +
        'against the estimate of 30 Jan 2023 19:02 HKT',
    );
  });
});

describe('other messages', () => {
  it('offers a share button carrying the filing id', () => {
    const reply = estimateReply(item);
    expect(textOf(reply)).toContain(`"action_id":"${SHARE_ACTION}"`);
    expect(textOf(reply)).toContain(`"value":"${item.filing.id}"`);
    expect(textOf(sharedMessage(item, 'U123'))).toContain('Shared by <@U123>');
    expect(textOf(sharedMessage(item, '<!channel>'))).toContain('Shared by someone');
  });
  it('lists history with links', () => {
    const history = historyMessage('06680', [
      { ...item, landing: null },
      { filing: filingFor(JL_MAG, { id: '9', title: 'PROFIT WARNING' }), estimate: null, landing: null },
    ]);
    expect(textOf(history)).toContain('Estimates for JL MAG Rare-Earth (06680)');
    expect(textOf(history)).toContain(`<${item.filing.pdfUrl}|PDF>`);
    expect(textOf(history)).toContain('PROFIT WARNING');
    expect(textOf(history)).toContain('No estimate has been settled by results yet.');
  });
  it('says in the history how each settled estimate landed, and the guidance record', () => {
    const [inside, below] = ['801200000', '650000000'].map(
      (current) =>
        landings(JL_MAG, results([actual('net_profit_attributable', current, '453074200')]))[0] ?? null,
    );
    const history = plainText(
      historyMessage('06680', [
        { ...item, landing: inside ?? null },
        { ...item, landing: below ?? null },
      ]),
    );
    expect(history).toContain(
      '↳ Actual: RMB801.2m, inside the estimated RMB702.3m–838.2m (73% of the way up)',
    );
    expect(history).toContain('↳ Actual: RMB650m, below the estimated RMB702.3m–838.2m');
    expect(history).toContain(
      '1 of 2 estimates landed inside the range; actuals at 17% of the range on average.',
    );
  });
  it('shows how a settled estimate landed with the /estimate answer', () => {
    const settled = landings(JL_MAG, results([actual('net_profit_attributable', '801200000', '453074200')]));
    expect(plainText(estimateReply({ ...item, landings: settled }))).toContain(
      'Results are out. Actual: RMB801.2m, inside the estimated RMB702.3m–838.2m',
    );
    expect(plainText(estimateReply(item))).not.toContain('Results are out');
  });
  it('renders a failure notice from the filing alone', () => {
    const failure = failureMessage(filingFor(JL_MAG, { title: 'PROFIT WARNING' }));
    expect(failure.text).toContain('Profit warning · JL MAG (06680): Could not read the figures');
  });
});

describe('hostile filing text', () => {
  const hostile: Estimate = {
    ...JL_MAG,
    company: { en: '<!channel> ACME & <@U123> <http://evil.example|CLICK>', zh: null },
    title: 'PROFIT WARNING <!channel> <@U123> <http://evil.example|click> &',
    metrics: [
      { ...(JL_MAG.metrics[0] as Estimate['metrics'][number]), name: 'other', label: '<!here> label' },
    ],
    drivers: ['<!everyone> buy now <http://evil.example>'],
    checks: [{ metric: '<@U999>', stated: '1', computed: '2', ok: false }],
  };
  const hostileItem: FiledEstimate = {
    filing: filingFor(hostile, { title: hostile.title, stockNames: ['<!here>'] }),
    estimate: hostile,
  };
  const messages = {
    alert: alertMessage(hostileItem),
    thread: threadMessage(hostileItem),
    revision: revisionMessage(hostileItem, item),
    failure: failureMessage(hostileItem.filing),
    reply: estimateReply(hostileItem),
    history: historyMessage('06680', [{ ...hostileItem, landing: null }]),
  };
  it.each(Object.entries(messages))('escapes everything in the %s', (_, message) => {
    expectNoInjectedMarkup(message);
    expect(message.text).not.toMatch(/<[!@]/);
  });
  it('shows the escaped text as it was written, in plain text', () => {
    expect(plainText(messages.alert)).toContain(
      'PROFIT WARNING <!channel> <@U123> <http://evil.example|click> &',
    );
    expect(JSON.stringify(messages.alert)).toContain('&lt;!channel&gt; &lt;@U123&gt;');
  });
});

describe('every parser fixture', () => {
  const cases = fixtureEstimates();
  it('are there to check', () => expect(cases.length).toBeGreaterThan(1));
  it.each(cases)('$name renders within Block Kit limits, escaped', ({ estimate }) => {
    const filed: FiledEstimate = { filing: filingFor(estimate), estimate };
    for (const message of [
      alertMessage(filed),
      threadMessage(filed),
      revisionMessage(filed, item),
      estimateReply(filed),
    ]) {
      expectWithinLimits(message);
      expectNoInjectedMarkup(message);
    }
  });
});

describe('unconfirmed figures', () => {
  const headline = JL_MAG.metrics[0] as Metric;
  const withHeadline = (m: Metric): Estimate => ({ ...JL_MAG, metrics: [m, ...JL_MAG.metrics.slice(1)] });

  it('never shows a figure the parser is unsure of as a bare fact', () => {
    const unsure = withHeadline({
      ...headline,
      confidence: {
        level: 'unsure',
        reasons: ['stated change 55% does not match 54.98% computed from the figures'],
      },
    });
    const text = textOf(alertMessage({ ...item, estimate: unsure }));
    expect(text).toContain(
      'Net profit attributable: :warning: *figures unconfirmed, see the PDF* (stated change 55% does not match 54.98% computed from the figures)',
    );
    expect(text).not.toContain('*RMB702.3m–838.2m*');
    expect(alertMessage({ ...item, estimate: unsure }).text).toContain(
      'net profit attributable unconfirmed, see the PDF',
    );
    // The thread still shows what was read, marked.
    expect(textOf(threadMessage({ ...item, estimate: unsure }))).toContain(
      '· :warning: unconfirmed: stated change 55% does not match',
    );
  });

  it('says in one line that the Chinese version agrees', () => {
    const agreed: FiledEstimate = {
      ...item,
      twin: { verdict: 'match', other: 'zh', differences: [], error: null },
    };
    expect(textOf(alertMessage(agreed))).toContain(':white_check_mark: Figures match the Chinese version.');
    expect(textOf(estimateReply(agreed))).toContain('Figures match the Chinese version.');
  });

  it('names both readings when the versions disagree, and marks the figure unconfirmed', () => {
    const other = { ...headline, current: { low: '70226500', high: '83818730' } };
    const disagreeing: FiledEstimate = {
      ...item,
      estimate: withHeadline({
        ...headline,
        confidence: { level: 'unsure', reasons: ['the Chinese version reads the current differently'] },
      }),
      twin: {
        verdict: 'mismatch',
        other: 'zh',
        differences: [
          { metric: headline.name, label: headline.label, fields: ['current'], shown: headline, other },
        ],
        error: null,
      },
    };
    const text = textOf(alertMessage(disagreeing));
    expect(text).toContain(
      '*figures unconfirmed, see the PDF* (the Chinese version reads the current differently)',
    );
    expect(text).toContain(
      'Read: *RMB702.3m–838.2m* vs RMB453.1m, +55% to +85%; the Chinese version: *RMB70.2m–83.8m*',
    );
    expect(text).toContain(
      'The Chinese version reads some figures differently: net profit attributable; they are unconfirmed.',
    );
    expect(textOf(threadMessage(disagreeing))).toContain('The Chinese version: RMB70.2m to RMB83.8m');
  });

  it('says which version could not be read', () => {
    const half: FiledEstimate = {
      ...item,
      twin: {
        verdict: 'other_unreadable',
        other: 'zh',
        differences: [],
        error: 'encrypted PDF (needs a password)',
      },
    };
    expect(textOf(alertMessage(half))).toContain(
      'The Chinese version could not be read (encrypted PDF (needs a password)); figures not cross-checked.',
    );
  });

  it('marks a reported figure as disputed in later replies', () => {
    const reported: FiledEstimate = {
      ...item,
      reports: [
        {
          filingId: item.filing.id,
          field: 'net_profit_attributable.prior',
          value: 'RMB453,074,300',
          note: '',
          user: 'U0REPORTER',
          at: '2023-01-31T02:00:00.000Z',
        },
      ],
    };
    expect(textOf(estimateReply(reported))).toContain(
      '*figures unconfirmed, see the PDF* (disputed by <@U0REPORTER>)',
    );
  });
});

describe('figures, losses and evidence in threads', () => {
  const loss: Estimate = {
    ...JL_MAG,
    currency: 'HKD',
    metrics: [
      metric({
        name: 'net_profit',
        label: 'loss for the year',
        current: { low: '-40000000', high: '-30000000' },
        prior: '-12500000',
        evidence: {
          current: { page: 2, line: 'a loss of HK$30 million to HK$40 million' },
          prior: null,
          changePct: null,
        },
      }),
    ],
  };

  it('reads a loss range as people say it in the thread, and every digit when the figures are asked for', () => {
    expect(textOf(threadMessage({ ...item, estimate: loss }))).toContain(
      'This period: loss of HK$30m to HK$40m',
    );
    expect(textOf(threadMessage({ ...item, estimate: loss }))).not.toContain('-HK$40,000,000');
    expect(textOf(figuresMessage({ ...item, estimate: loss }))).toContain(
      'This period: -HK$40,000,000 to -HK$30,000,000',
    );
  });

  it('quotes the line each figure was read from, with its page', () => {
    const text = textOf(evidenceMessage({ ...item, estimate: loss }));
    expect(text).toContain('> a loss of HK$30 million to HK$40 million _(p. 2)_');
  });
});

describe('filing text in messages', () => {
  it('cannot format, link or mention: sections are verbatim and the text is neutralised', () => {
    const hostile = filingFor(JL_MAG, { title: '*URGENT* <!channel> visit http://evil.example \u202eKCOTS' });
    const message = alertMessage({ filing: hostile, estimate: JL_MAG });
    const text = JSON.stringify(message.blocks);
    expect(text).not.toContain('*URGENT*');
    expect(text).toContain('∗URGENT∗ &lt;!channel&gt;');
    expect(text).not.toContain('\u202e');
    for (const block of message.blocks) {
      if (block.type === 'section') expect(block.text).toMatchObject({ verbatim: true });
      if (block.type === 'context')
        for (const e of block.elements) expect(e).toMatchObject({ verbatim: true });
    }
  });
});
