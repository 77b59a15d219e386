import type { Words } from './types.js';

// English vocabulary. A single space in a pattern stands for any run of whitespace (labels wrap
// across lines in PDF text); see compile.ts.

const PNL = String.raw`(?:net )?(?:profits?|loss(?:es)?|\(loss\)/profit|profit/\(loss\)|\(loss\)\s?/\s?profit|earnings|results?)`;
const OWNERS = `(?:the )?(?:ordinary )?(?:owners|shareholders|equity (?:share)?holders|holders of ordinary shares)(?: of (?:the )?(?:listed company|company|parent(?: company)?|group))?`;
const FOR_PERIOD = '(?: for the (?:period|year|quarter))?';
const NON_RECURRING = `(?:after (?:deducting|deduction of|the deduction of)|deducting|net of|excluding) (?:the )?non-recurring (?:gains? (?:and|or) loss(?:es)?|profits? (?:and|or) loss(?:es)?|items|profit or loss)`;

export const EN: Words = {
  currencies: [
    ['RMB', 'CNY'],
    ['CNY', 'CNY'],
    ['HK\\$', 'HKD'],
    ['HKD', 'HKD'],
    ['US\\$', 'USD'],
    // "HK5.6 cents": the currency word is bare "HK" only before a figure in cents.
    ['HK(?=[\\d.]+\\s?cents?\\b)', 'HKD'],
    ['USD', 'USD'],
    ['MOP\\$?', 'MOP'],
    ['MYR', 'MYR'],
    // "RM12.4 million": bare "RM" is the ringgit only right before a figure.
    ['RM(?=\\s?\\d)', 'MYR'],
    ['S\\$', 'SGD'],
    ['SGD', 'SGD'],
    ['JPY', 'JPY'],
    ['EUR', 'EUR'],
    ['€', 'EUR'],
    ['GBP', 'GBP'],
    ['£', 'GBP'],
    ['NT\\$', 'TWD'],
    ['TWD', 'TWD'],
  ],
  currencySuffixes: [],
  months: [
    'jan(?:uary)?',
    'feb(?:ruary)?',
    'mar(?:ch)?',
    'apr(?:il)?',
    'may',
    'june?',
    'july?',
    'aug(?:ust)?',
    'sep(?:t(?:ember)?)?',
    'oct(?:ober)?',
    'nov(?:ember)?',
    'dec(?:ember)?',
  ],
  periodSpans: [
    ['twelve months', { type: 'annual', months: 12 }],
    ['(?:eighteen|18) months', { type: 'other', months: 18 }],
    ['(?:financial |fiscal )?year', { type: 'annual', months: 12 }],
    ['six months', { type: 'interim', months: 6 }],
    ['half[- ]year', { type: 'interim', months: 6 }],
    ['interim period', { type: 'interim', months: 6 }],
    ['nine months', { type: 'nine_months', months: 9 }],
    ['three months', { type: 'quarter', months: 3 }],
    ['quarter', { type: 'quarter', months: 3 }],
    // A monthly return covers one month, which is none of the estimate period types.
    ['month', { type: 'other', months: 1 }],
  ],
  yearParts: [
    ['annual', { type: 'annual', firstMonth: 1, lastMonth: 12 }],
    ['interim', { type: 'interim', firstMonth: 1, lastMonth: 6 }],
    ['first half', { type: 'interim', firstMonth: 1, lastMonth: 6 }],
    ['first three quarters', { type: 'nine_months', firstMonth: 1, lastMonth: 9 }],
    ['first quarter', { type: 'quarter', firstMonth: 1, lastMonth: 3 }],
  ],
  scales: [
    ['billion', 9],
    ['bn', 9],
    ['million', 6],
    ['mn', 6],
    ['m', 6],
    // A-share tables in English: "Unit: RMB ten thousand" (萬元).
    ['ten thousand', 4],
    ['thousand', 3],
    ['cents?', -2],
  ],
  rangeJoins: ['to', 'and'],
  increase: [
    'increase[sd]?',
    'increasing',
    'rise',
    'rose',
    'risen',
    'grow(?:th|n)?',
    'grew',
    'up',
    'higher',
    'improve(?:d|ment)?',
    'doubl(?:e|ed|ing)',
    'widen(?:ed|ing|s)?',
    'surge[sd]?',
    'jump(?:ed|s)?',
  ],
  decrease: [
    'decrease[sd]?',
    'decreasing',
    'decline[sd]?',
    'drop(?:ped|s)?',
    'f[ae]ll',
    'fallen',
    'down',
    'lower',
    'reduc(?:e|ed|tion)',
    'narrow(?:ed|ing|s)?',
  ],
  // A bare "turnaround" is read against the figure's sign: to a profit unless the figure is a loss.
  turnaroundProfit: [
    'turn(?:ed|s|ing)?\\s?around',
    'return(?:ed|s)? to (?:a )?(?:net )?profit',
    '(?:net )?profit instead of (?:a )?(?:net )?loss',
    'from (?:a )?(?:net )?loss (?:[^.;]{0,60} )?to (?:a )?(?:net )?profit',
  ],
  turnaroundLoss: [
    '(?:net )?loss instead of (?:a )?(?:net )?profit',
    'from (?:a )?(?:net )?profit (?:[^.;]{0,60} )?to (?:a )?(?:net )?loss',
    'turn(?:ed|s)? (?:in)?to (?:a )?(?:net )?loss',
  ],
  // "profit or loss", "gains and losses" name an account, not a loss.
  loss: ['(?<!(?:gains?|profits?) (?:and|or) )(?:net )?loss(?:es)?', 'deficit'],
  profit: ['(?:net )?profits?'],
  atLeast: ['not less than', 'no less than', 'at least', 'more than', 'over', 'exceeding'],
  atMost: [
    'not more than',
    'no more than',
    'not exceeding',
    'not (?:be )?(?:expected )?to exceed',
    'up to',
    'less than',
    'below',
  ],
  prior: [
    '(?:the )?same period (?:of )?last year',
    '(?:the )?(?:corresponding|same) period (?:of|in) (?:the previous year|last year|\\d{4})',
    'the corresponding period',
    'the previous (?:financial )?year',
    'last year',
    'prior (?:year|period)',
    'compared (?:to|with)',
    // "its net loss to decrease to HK$50 million from approximately HK$120 million"
    // ... but not "a loss ranging from X to Y".
    '(?<!rang(?:e|es|ing) )from',
    // "(2022: RMB0.24)", "(nine months ended 30 September 2023: approximately HK$34.2 million)"
    String.raw`\([^()\n]{0,60}\d{4}:`,
    // "(Corresponding Period: RMB0.134)", "(same period last year: ...)"
    String.raw`\((?:the )?(?:corresponding|same|prior|previous) (?:period|year)[^()\n:]{0,30}:`,
  ],
  metrics: [
    {
      name: 'adjusted_net_profit',
      pattern: `(?:adjusted|non-hkfrs|non-ifrs|underlying|core)(?: adjusted)? ${PNL}(?: attributable to ${OWNERS})?`,
    },
    {
      name: 'net_profit_attributable_recurring',
      pattern: `${PNL}${FOR_PERIOD} attributable to ${OWNERS} ${NON_RECURRING}`,
    },
    {
      name: 'net_profit_attributable_recurring',
      pattern: `${PNL} ${NON_RECURRING}(?: attributable to ${OWNERS})?`,
    },
    { name: 'net_profit_attributable', pattern: `${PNL}${FOR_PERIOD} attributable to ${OWNERS}` },
    {
      name: 'eps_basic',
      pattern: String.raw`basic (?:earnings|\(?loss\)?|\(loss\)/earnings|earnings/\(loss\)) per share|(?:earnings|loss) per share (?:- )?\(?basic\)?`,
    },
    {
      name: 'profit_before_tax',
      // "Total profit": an A-share table's 利潤總額 in English.
      pattern: String.raw`(?:profit|loss|\(loss\)/profit|profit/\(loss\)) before (?:income )?tax(?:ation)?|total profit`,
    },
    {
      name: 'operating_profit',
      pattern: String.raw`operating (?:profit|loss|\(loss\)\s?/\s?profit|profit\s?/\s?\(loss\))|(?:profit|loss|profit/\(loss\)|\(loss\)/profit) from operations`,
    },
    { name: 'revenue', pattern: `(?:total )?(?:operating )?(?:revenue|turnover)` },
    {
      name: 'net_profit',
      pattern: String.raw`(?:consolidated )?(?:net )?(?:profit|loss|\(loss\)/profit|profit/\(loss\)) (?:after tax )?for the (?:period|year|quarter)|(?:consolidated )?(?:net )?(?:profit|loss) after (?:income )?tax(?:ation)?|(?:consolidated )?net (?:profit|loss)`,
    },
    { name: 'other', pattern: 'gross (?:profit|loss)' },
    // "expects to record a loss ranging from ...": the result itself, named by the verb before it.
    {
      name: 'net_profit',
      // The word comes first and the look-behind after it, so the pattern is tried only at a word.
      pattern:
        '(?:loss|profit)(?<=(?:record|recorded|recording|report|reported|incur|incurred) (?:an? )?(?:loss|profit))(?! (?:before|after|attributable|for|instead|of the))',
    },
  ],
  driverHeadings: [
    'explanation(?:s)? (?:for|of|on) (?:the )?(?:changes?|reasons?)',
    'reasons? for (?:the )?(?:changes?|estimated results|profit warning|positive profit alert|expected)',
    '(?:main|principal|major) reasons?',
  ],
  driverLeads: [
    '(?:is|are|was|were) (?:mainly |primarily |principally |largely )?(?:attributable|due|attributed) to',
    '(?:mainly|primarily|principally|largely) (?:attributable|due|attributed) to',
    // Not "As a result of the change of year end, ..." opening a sentence: that is no reason.
    '(?<=[A-Za-z,] )as a result of',
    'mainly because of',
  ],
  // Ordered narrow to wide: an "annual results express" is a preliminary actual.
  resultsKinds: [
    [
      'results express|preliminary (?:financial|operating) data|express (?:report|announcement) of (?:the )?(?:annual|interim) results',
      'preliminary_results',
    ],
    ['interim results|results for the six months', 'interim_results'],
    ['(?:annual|final|full[- ]year) results|results for the (?:financial )?year', 'annual_results'],
  ],
  statementHeadings: [
    'consolidated (?:statement|income statement) of (?:profit or loss|comprehensive income|income)',
    'consolidated (?:income statement|statement of profit or loss)',
    'condensed consolidated (?:statement|income statement) of (?:profit or loss|comprehensive income)',
  ],
  keyFiguresHeadings: ['(?:principal|major|key) (?:financial|accounting) data'],
  statementEnds: [
    'consolidated statement of financial position',
    'statement of financial position',
    'consolidated balance sheet',
    'notes(?: to the (?:condensed )?consolidated financial (?:statements|information))?',
  ],
  owners: [OWNERS],
  // "Profit for the year attributable to:", or "Attributable to:" alone under the profit's row.
  attributableTo: [
    String.raw`(?:(?:${PNL}|\(loss\)/profit|profit/\(loss\))(?: for the (?:year|period))? )?attributable to`,
  ],
  perShareHeadings: [
    String.raw`(?:basic )?(?:earnings|\(loss\)/earnings|earnings/\(loss\)|loss|\(loss\)/profit) per share`,
  ],
  basic: ['basic'],
  cents: ['cents?'],
  restated: ['restated'],
  unaudited: ['unaudited', 'not (?:been )?audited'],
};
