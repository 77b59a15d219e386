import type { EstimateKind } from '../estimate.js';
import { classifyTitle, kindOfTitle, type TitleVerdict } from './kind.js';

// Reads the announcement's masthead: the stock codes, the issuer's English and Chinese names,
// the headline (which decides the kind) and the language the document is written in.

export interface Headline {
  stockCodes: string[];
  company: { en: string | null; zh: string | null };
  title: string;
  kind: EstimateKind | null;
  /** The headline's verdict, which tells "plainly not an estimate" from "says nothing either way". */
  verdict: TitleVerdict;
  language: 'en' | 'zh';
}

/** What an estimate and a results reading both report of the announcement's masthead. */
export function mastheadOf({ stockCodes, company, title, language }: Headline) {
  return { stockCodes, company, title, language };
}

/** The masthead is in the first lines; nothing after them is read for it. */
const HEAD_LINES = 60;
/** The masthead's bracketed stock code line, as opposed to a form's "Stock code" field. */
const MASTHEAD_CODE = /^\s*[(（][^)）]*(?:stock\s+codes?|股份代[號碼]|股票代[號碼])/i;
// The codes right after the label: "06680", "2263 (HKD counter) and 82263 (RMB counter)"; a form's
// field may be followed by unrelated numbers ("No.: Lin 2025-004"), which are not read.
const STOCK_CODE =
  /(?:stock\s+codes?|(?:股份|股票|證券|H股)代[號碼])[^:：\d\n]{0,20}[:：]?\s*(?<codes>\d{1,6}(?:\s{0,2}(?:\([^()\n]{0,30}\))?\s{0,2}(?:,|、|\/|and|及|&)\s{0,2}\d{1,6})*)/gi;
// An A-share code has six digits; HKEX codes have at most five.
const CODE = /(?<![\d.])\d{1,5}(?![\d.])/g;
const ZH_COMPANY = /^[^\s()（）「」]{2,40}(?:有限公司|股份公司|集團)\s*\*?$/u;
const EN_COMPANY =
  /^[A-Z][A-Za-z0-9&.,'’()\- ]{2,100}\b(?:LIMITED|LTD\.?|INC\.?|CORPORATION|CORP\.|PLC|COMPANY)\s*\*?$/i;
const CJK = /[\u3400-\u9fff]/;
const CJK_GLOBAL = /[\u3400-\u9fff]/g;
const LATIN_GLOBAL = /[A-Za-z]/g;
const TITLE_MAX = 160;

/**
 * `isTitle` tells a line that names the kind of document sought: an estimate's by default; the
 * results reader passes its own.
 */
export function readHeadline(
  doc: string,
  norm: string,
  isTitle: (line: string) => boolean = (line) => kindOfTitle(line) !== null,
): Headline {
  // Lines are matched in their normalised form and returned as the document writes them; blank
  // lines stay, since they end a headline block.
  const head = { doc: doc.split('\n', HEAD_LINES), norm: norm.split('\n', HEAD_LINES) };
  const codeLine = head.norm.findIndex((line) => MASTHEAD_CODE.test(line));
  const block = titleBlock(head.norm, codeLine, isTitle);
  const title = block === null ? '' : joinTitle(head.doc.slice(block.start, block.end));
  const mastheadEnd = block?.start ?? Math.max(codeLine, 0);
  const verdict = title === '' ? null : classifyTitle(title);
  return {
    stockCodes: stockCodesOf(norm),
    company: {
      en: nameOf(head, mastheadEnd, (line) => EN_COMPANY.test(line) && !CJK.test(line)),
      zh: nameOf(head, mastheadEnd, (line) => ZH_COMPANY.test(line)),
    },
    title,
    kind: verdict === 'not_estimate' ? null : verdict,
    verdict,
    language: languageOf(title === '' ? doc.slice(0, 4000) : title),
  };
}

function stockCodesOf(norm: string): string[] {
  const codes = new Set<string>();
  for (const m of norm.slice(0, 6000).matchAll(STOCK_CODE)) {
    for (const code of (m.groups?.codes ?? '').matchAll(CODE)) codes.add(code[0].padStart(5, '0'));
  }
  return [...codes];
}

// A form names the issuer in a labelled field rather than in a masthead.
const NAME_FIELD = /^\s*(?:Name of Issuer|公司名稱|發行人名稱)[:：]\s*/i;

/** The name in the masthead (the lines above the headline), else in a form's issuer field. */
function nameOf(
  head: { doc: string[]; norm: string[] },
  mastheadEnd: number,
  isName: (line: string) => boolean,
): string | null {
  const inMasthead = head.norm.findIndex((line, i) => i < mastheadEnd && isName(line.trim()));
  const fieldLength = (line: string): number => NAME_FIELD.exec(line)?.[0].length ?? -1;
  const inField = head.norm.findIndex(
    (line) => fieldLength(line) >= 0 && isName(line.slice(fieldLength(line)).trim()),
  );
  const at = inMasthead >= 0 ? inMasthead : inField;
  if (at < 0) return null;
  const skip = inMasthead >= 0 ? 0 : fieldLength(head.norm[at] as string);
  return (head.doc[at] as string)
    .slice(skip)
    .trim()
    .replace(/\s*\*$/, '');
}

/**
 * Where the headline stands: the block of upper-case lines holding the first line that names an
 * estimate kind ("INSIDE INFORMATION" / "POSITIVE PROFIT ALERT" is one headline). Failing that,
 * the first headline-like line after the stock code, or at the top of a form that has none.
 */
function titleBlock(
  lines: string[],
  codeLine: number,
  isTitle: (line: string) => boolean,
): { start: number; end: number } | null {
  const kindLine = lines.findIndex(
    (line, i) => i >= codeLine - 2 && line.length <= TITLE_MAX && isTitle(line),
  );
  const at = kindLine >= 0 ? kindLine : lines.findIndex((line, i) => i > codeLine && isHeadlineLike(line));
  if (at < 0) return null;
  const upper = isUpperLine(lines[at] as string);
  let start = at;
  while (upper && start - 1 > codeLine && isUpperLine(lines[start - 1] as string)) start--;
  // "內幕消息" / "盈利警告", "海外監管公告" / "2025年年度業績預告": a Chinese lead-in line above.
  if (!upper && start - 1 > codeLine && ZH_LEAD_IN.test((lines[start - 1] as string).trim())) start--;
  let end = at + 1;
  while (upper && end < lines.length && isUpperLine(lines[end] as string)) end++;
  return { start, end };
}

const ZH_LEAD_IN = /^(?:內幕消息|海外監管公告|自願(?:性)?公告)$/;

const joinTitle = (lines: string[]): string =>
  lines
    .map((line) => line.trim())
    .join(' ')
    .slice(0, TITLE_MAX * 2);

/** Not a bracketed note, a form number ("FF301"), a labelled field or a long paragraph. */
const isHeadlineLike = (line: string): boolean => {
  const text = line.trim();
  return (
    !/^[(（]/.test(text) &&
    !/[:：\t]/.test(text) &&
    text.length <= TITLE_MAX &&
    (/\S\s+\S/.test(text) || /[\u3400-\u9fff]{4}/.test(text))
  );
};

const isUpperLine = (line: string): boolean =>
  /[A-Z]{3}/.test(line) &&
  line === line.toUpperCase() &&
  !/^\s*\(|\)\s*$/.test(line) &&
  line.length <= TITLE_MAX;

function languageOf(text: string): 'en' | 'zh' {
  const cjk = text.match(CJK_GLOBAL)?.length ?? 0;
  const latin = text.match(LATIN_GLOBAL)?.length ?? 0;
  return cjk * 2 >= latin && cjk > 0 ? 'zh' : 'en';
}
