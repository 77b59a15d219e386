import type { Words } from './types.js';

// Chinese vocabulary, in the Traditional forms normalize() maps Simplified text to.

// "股東應佔綜合溢利" names no company; "附屬公司擁有人應佔溢利" is a listed subsidiary's own figure.
const OWNERS =
  '(?:歸屬於|屬於)?(?:上市公司|母公司|本公司|本集團|附屬公司)?(?:股東|所有者|普通股股東|權益股東|擁有人|權益持有人)';
const ATTRIBUTABLE = String.raw`應佔(?:\((?:虧損|溢利)\)/(?:溢利|虧損)|綜合)?(?:期內|年內|本期間|本年度)?(?:淨)?(?:溢利|虧損|利潤|純利|盈利)?(?:淨額)?`;
const PNL = '淨(?:利潤|虧損)';

// Written before a figure or after it alike: "澳門元58.2百萬", "約2,300萬澳門元".
const OTHER_CURRENCIES: Words['currencies'] = [
  ['澳門元', 'MOP'],
  ['澳門幣', 'MOP'],
  ['新加坡元', 'SGD'],
  ['馬幣', 'MYR'],
  ['令吉', 'MYR'],
  ['日圓', 'JPY'],
  ['日元', 'JPY'],
  ['歐元', 'EUR'],
  ['英鎊', 'GBP'],
];

export const ZH: Words = {
  currencies: [
    ['人民幣', 'CNY'],
    ['港幣', 'HKD'],
    ['港元', 'HKD'],
    ['美元', 'USD'],
    ['新台幣', 'TWD'],
    ...OTHER_CURRENCIES,
  ],
  // Longest first: "港元" must not be read as a bare "元", which in an A-share filing means RMB.
  currencySuffixes: [
    ['人民幣元', 'CNY'],
    ['港元', 'HKD'],
    ['港幣', 'HKD'],
    ['美元', 'USD'],
    ['新台幣(?:元)?', 'TWD'],
    ['新元', 'SGD'],
    ...OTHER_CURRENCIES,
    ['元', 'CNY'],
  ],
  months: [],
  periodSpans: [
    ['年度', { type: 'annual', months: 12 }],
    ['十二個月', { type: 'annual', months: 12 }],
    ['全年', { type: 'annual', months: 12 }],
    ['六個月', { type: 'interim', months: 6 }],
    ['半年度?', { type: 'interim', months: 6 }],
    ['九個月', { type: 'nine_months', months: 9 }],
    ['十八個月', { type: 'other', months: 18 }],
    ['三個月', { type: 'quarter', months: 3 }],
    ['季度', { type: 'quarter', months: 3 }],
    ['一個月', { type: 'other', months: 1 }],
  ],
  yearParts: [
    ['年度', { type: 'annual', firstMonth: 1, lastMonth: 12 }],
    ['全年', { type: 'annual', firstMonth: 1, lastMonth: 12 }],
    ['半年度', { type: 'interim', firstMonth: 1, lastMonth: 6 }],
    ['上半年', { type: 'interim', firstMonth: 1, lastMonth: 6 }],
    ['中期', { type: 'interim', firstMonth: 1, lastMonth: 6 }],
    ['1-6月', { type: 'interim', firstMonth: 1, lastMonth: 6 }],
    ['前三季度', { type: 'nine_months', firstMonth: 1, lastMonth: 9 }],
    ['1-9月', { type: 'nine_months', firstMonth: 1, lastMonth: 9 }],
    ['第一季度', { type: 'quarter', firstMonth: 1, lastMonth: 3 }],
    ['1-3月', { type: 'quarter', firstMonth: 1, lastMonth: 3 }],
    ['第二季度', { type: 'quarter', firstMonth: 4, lastMonth: 6 }],
    ['第三季度', { type: 'quarter', firstMonth: 7, lastMonth: 9 }],
    ['第四季度', { type: 'quarter', firstMonth: 10, lastMonth: 12 }],
  ],
  scales: [
    // Per-share figures in 分 / 仙 (cents); not 分鐘, 分部, 分別 and the like.
    ['分(?!鐘|之|部|別|析|配|類|派|佈|銷|公司)', -2],
    ['仙', -2],
    ['千萬', 7],
    ['百萬', 6],
    ['億', 8],
    ['萬', 4],
    ['千', 3],
  ],
  rangeJoins: ['至', '到', '~', '-', '–', '—', '－'],
  increase: ['增加', '增長', '上升', '上漲', '提升', '提高', '預增', '增幅', '擴大', '翻倍', '倍增'],
  decrease: ['減少', '下降', '下跌', '下滑', '降低', '預減', '減幅', '降幅', '收窄', '減虧'],
  turnaroundProfit: ['扭虧為盈', '轉虧為盈', '由虧轉盈', '扭虧', '轉為(?:盈利|溢利|純利)'],
  turnaroundLoss: ['由盈轉虧', '轉盈為虧', '轉為(?:虧損|淨虧損)'],
  loss: ['虧損', '淨虧損'],
  profit: ['盈利', '溢利', '純利'],
  atLeast: ['不少於', '不低於', '超過', '逾'],
  atMost: ['不超過', '不多於', '不高於'],
  // "較截至2022年12月31日止年度之約人民幣91.0百萬元", "（2022年：約人民幣130.5百萬元）"
  prior: [
    '上年同期',
    '去年同期',
    '上年度',
    '上一?個財政年度',
    '去年',
    '同比',
    '上年',
    '較',
    String.raw`\([^()\n]{0,40}(?:\d{4}|[零〇一二三四五六七八九]{4})年[^()\n:]{0,20}:`,
  ],
  metrics: [
    {
      name: 'adjusted_net_profit',
      pattern: '(?:經調整|非(?:香港|國際)財務報告準則)(?:經調整)?(?:淨利潤|溢利|淨溢利|淨虧損|虧損)',
    },
    {
      name: 'net_profit_attributable_recurring',
      pattern: `(?:${OWNERS}的)?扣除非經常性損益(?:後)?(?:的)?(?:${OWNERS}的)?${PNL}`,
    },
    { name: 'net_profit_attributable', pattern: `${OWNERS}(?:的${PNL}|${ATTRIBUTABLE})` },
    { name: 'eps_basic', pattern: '基本每股(?:收益|盈利|虧損)|每股基本(?:收益|盈利|虧損)' },
    {
      name: 'profit_before_tax',
      pattern: String.raw`除(?:所得)?稅前(?:溢利|虧損|利潤|\((?:虧損|溢利)\)/(?:溢利|虧損))|利潤總額`,
    },
    { name: 'operating_profit', pattern: '營業利潤|經營(?:溢利|利潤)' },
    // "公平值收益", "出售…之收益淨額" are gains, not revenue.
    // "一次性收益", "其他收入", "利息收入" are not revenue either.
    {
      name: 'revenue',
      pattern: '營業(?:總)?收入|營業額|(?<![值售性他息])收益(?!率|淨額)|(?<![值售性他息業])收入(?!淨額)',
    },
    {
      name: 'net_profit',
      // "期內(虧損)/溢利", "年度利潤" head a results statement's row.
      pattern: String.raw`(?:期內|年內|本期)(?:溢利|虧損|淨利潤|\((?:虧損|溢利)\)/(?:溢利|虧損))|年度(?:溢利|虧損|利潤)(?!總額)|綜合(?:淨)?(?:溢利|虧損)(?:淨額)?|(?:溢利|虧損)淨額|淨(?:利潤|虧損|溢利)|純利`,
    },
    { name: 'other', pattern: '毛利(?!率)' },
    // "本集團預期將錄得虧損約三千五百萬港元": the result itself, named by the verb before it.
    { name: 'net_profit', pattern: '(?:虧損|溢利|盈利)(?<=錄得(?:約)?(?:虧損|溢利|盈利))' },
  ],
  driverHeadings: ['業績變動原因說明', '業績(?:預告)?變動的?(?:主要)?原因', '(?:主要)?原因(?:說明|分析)?'],
  driverLeads: ['主要(?:是由於|由於|原因(?:是|為|如下))', '乃由於', '主要歸因於'],
  resultsKinds: [
    ['業績快報', 'preliminary_results'],
    ['中期業績|半年度業績', 'interim_results'],
    ['(?:全年|年度|末期)業績|年度報告摘要', 'annual_results'],
  ],
  statementHeadings: [
    '(?:簡明)?綜合(?:損益|收益|全面收益|損益及其他全面收益|損益及全面收益)表',
    '合[併並](?:損益|利潤|收益)表',
    '利潤表',
  ],
  keyFiguresHeadings: ['主要(?:財務|會計)數據'],
  statementEnds: ['(?:簡明)?綜合財務狀況表', '(?:合併)?資產負債表', '財務狀況表', '附註'],
  owners: [OWNERS],
  attributableTo: [
    String.raw`(?:以下(?:人士|各方)?)?應佔(?:年內|期內|本年度|本期間)?(?:(?:溢利|虧損|淨利潤|利潤)(?:/\((?:虧損|溢利)\))?|\((?:虧損|溢利)\)/(?:溢利|虧損))?`,
    '(?:溢利|虧損|淨利潤)歸屬於',
  ],
  perShareHeadings: ['每股(?:基本)?(?:盈利|虧損|收益|\\((?:虧損|溢利)\\)/(?:盈利|溢利))'],
  basic: ['基本'],
  cents: ['仙', '(?<=人民幣|港幣|港)分'],
  restated: ['經重列', '經重述', '重列'],
  unaudited: ['未經審核', '未經審計'],
};
