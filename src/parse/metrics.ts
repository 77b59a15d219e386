import type { Metric, MetricName, PeriodType, Range } from '../estimate.js';
import { type Amount, type ColumnUnit, readAmounts, readColumnUnits } from './amounts.js';
import { type ColumnRole, readColumnRoles } from './columns.js';
import type { Span } from './evidence.js';
import { SECTION_HEADING } from './markers.js';
import { Offsets } from './offsets.js';
import { type Change, readChanges, readPercentCell } from './percentages.js';
import { boundIn, endOf, toRange } from './range.js';
import {
  CURRENCIES,
  CURRENCY_SUFFIXES,
  METRIC_LABEL,
  metricNameOf,
  SCALES,
  wordsSource,
} from './words/lexicon.js';

// Reads the estimated figures, wherever the document states them: a table row (label in the first
// cell, current, prior and change in the others) or prose ("a loss attributable to owners of the
// Company of approximately HK$35 million to HK$45 million, as compared with ..."). Each label
// occurrence becomes a mention; refineMentions() then merges what belongs together.

interface Mention {
  name: MetricName;
  label: string;
  /** Start of the sentence or table row the mention is in. */
  sentence: number;
  inTable: boolean;
  /** Under a heading about last year's results ("二、上年同期業績情況"): its figure is the prior. */
  inPriorSection: boolean;
  /** Introduced by a prior cue ("as compared with a net profit of ..."): its figure is the prior. */
  introducedAsPrior: boolean;
  /** In a sentence about one quarter of a longer period ("其中，第三季度…"): a part, not the whole. */
  partOfPeriod: boolean;
  /** In the reasons for the change, where figures are causes rather than estimates. */
  inReasons: boolean;
  /** Only a change is stated, before the label: "a decrease of approximately 40% in the profit". */
  changeOnly: boolean;
  /** End of the sentence or table row. */
  end: number;
  current: Range | null;
  prior: string | null;
  changePct: Range | null;
  currency: string | null;
  /** Where each figure was read, in the normalised text. */
  at: FigureSpans;
  /** Other figures stated for this label, which compete with the one taken. */
  rivals: string[];
}

export interface FigureSpans {
  current: Span | null;
  prior: Span | null;
  changePct: Span | null;
}

/** A metric as read, with where its figures stand and what competed with them. */
export interface MetricRead extends Omit<Metric, 'direction' | 'evidence' | 'confidence'> {
  at: FigureSpans;
  rivals: string[];
  /** Start and end of the sentence or table row the metric was read from. */
  context: Span;
}

export interface MetricsRead {
  metrics: MetricRead[];
  /** The currency the figures are stated in. */
  currency: string | null;
}

const SIGN = new RegExp(`(?<loss>${wordsSource('loss')})|(?<profit>${wordsSource('profit')})`, 'gi');
// "將增加人民幣21,000萬元", "a decrease of approximately RMB120 million": the amount of a change.
const DIRECTION = new RegExp(
  `(?:${wordsSource('increase')}|${wordsSource('decrease')})\\s{0,3}(?:of|by|約|達)?\\s{0,3}(?:approximately|about|around|約)?\\s{0,3}$`,
  'i',
);
const PRIOR_CUE = new RegExp(wordsSource('prior'), 'gi');
const DIRECTION_WORD = new RegExp(`${wordsSource('increase')}|${wordsSource('decrease')}`, 'i');
// Where the reasons for the change begin: their heading, or the first sentence that leads into them.
const REASONS = new RegExp(`${wordsSource('driverHeadings')}|${wordsSource('driverLeads')}`, 'i');
const CUE_BREAK = new RegExp(
  `[,，%]|per\\s?cent|${wordsSource('increase')}|${wordsSource('decrease')}|${CURRENCIES.source}|${CURRENCY_SUFFIXES.source}`,
  'i',
);
const SCALE_WORD = new RegExp(SCALES.source, 'i');
const PRIOR_HEADING = new RegExp(wordsSource('prior'), 'i');
// Semicolons end a clause of an enumeration ("(i) ...；(ii) ..."), which never carries a figure on.
// "per cent." is no sentence end.
const SENTENCE_END = /[。;；\n]|(?<!per\s?cent)\.(?=\s|$)/g;
/** How close a prior cue must stand to its figure: "as compared with [a profit of] RMB...". */
const CUE_REACH = 80;
/** A table's unit header applies to rows within this distance below it. */
const UNIT_REACH = 1500;
// A label that is a defined term ("(the “Net Profit”)", "（「純利」）") names the label before it.
const DEFINED_TERM = /[“"「『‘]\s*$/;
// A part of the period or of the business ("third quarter", "分部"): its figure is not the period's.
const PART_QUALIFIER =
  /(?:(?:first|second|third|fourth) quarter|second half(?: of (?:the )?(?:year|\d{4}))?|segment|division)(?:['’]s)?\s+(?:of\s+)?(?:the\s+)?$|(?:第[一二三四]季度|單季度?|下半年|分部|業務)(?:的|之)?\s*$/i;
// "Revenue generated from the robotics sector": a part of the business named after the label.
const PART_AFTER =
  /^\s+(?:generated\s+)?(?:from|of|in)\s+(?:the\s+|its\s+)?(?:[\w'’-]+\s+){0,4}(?:segment|sector|division|business)\b/i;
const COMPARED_AFTER = /^\s*(?:相比|比較|作比較)/;
// An A-share form's "業績預告的具體適用情形：…淨利潤與上年同期相比上升50%以上" names the rule the
// estimate falls under, not a figure.
const TEMPLATE_CONDITION = /適用(?:的)?情形/;
const QUARTER = /(?:first|second|third|fourth) quarter|three months ended|第[一二三四]季度|單季|止三個月/i;
// "increase from RMB100 million to RMB150 million": a base and an outcome, not a range.
const FROM_BEFORE = /(?<!rang(?:e|es|ing)\s{1,3})\bfrom\s+(?:approximately\s+|about\s+)?$/i;

export interface ReadOptions {
  /** A quarter's figures are the estimate's own in a quarterly estimate, and nowhere else. */
  periodType?: PeriodType;
}

export function readMetrics(doc: string, norm: string, options: ReadOptions = {}): MetricsRead {
  const units = nearestAbove(readColumnUnits(norm));
  const columnRoles = nearestAbove(readColumnRoles(norm));
  const headings = Offsets.of(norm, SECTION_HEADING);
  const lines = Offsets.of(norm, /\n/g);
  const tabs = Offsets.of(norm, /\t/g);
  const sentences = Offsets.of(norm, SENTENCE_END);
  const reasonsFrom = REASONS.exec(norm)?.index ?? norm.length;
  const { labels, nameOf } = readLabels(norm, options);
  const mentions: Mention[] = [];
  const rowsRead = new Set<number>();
  labels.forEach((m, i) => {
    const lineStart = lines.before(m.index) + 1;
    const lineEnd = lines.from(m.index);
    const firstTab = tabs.from(lineStart);
    const heading = headings.before(m.index + 1);
    const context = {
      name: nameOf(m),
      inPriorSection: heading >= 0 && PRIOR_HEADING.test(norm.slice(heading, lines.from(heading))),
      introducedAsPrior: labelIntroducedAsPrior(norm, lineStart, m.index),
    };
    if (firstTab < lineEnd && m.index < firstTab) {
      if (rowsRead.has(lineStart)) return;
      rowsRead.add(lineStart);
      const unit = units(lineStart);
      const rowUnit = context.name === 'eps_basic' ? perShare(unit, norm.slice(lineStart, firstTab)) : unit;
      mentions.push({
        ...context,
        inReasons: false,
        partOfPeriod: false,
        changeOnly: false,
        ...readRow(norm, lineStart, firstTab, lineEnd, rowUnit, columnRoles(lineStart)?.roles),
        label: tidy(doc.slice(lineStart, firstTab)),
        end: lineEnd,
      });
      return;
    }
    const labelEnd = m.index + m[0].length;
    const sentence = sentences.before(m.index) + 1;
    const sentenceEnd = sentences.from(labelEnd);
    if (TEMPLATE_CONDITION.test(norm.slice(sentence, m.index))) return;
    const end = Math.min(sentenceEnd, labels[i + 1]?.index ?? norm.length);
    const prose = readProse(norm, m.index, labelEnd, end);
    // Worth looking back only for a mention that states something of its own.
    if (prose.prior === null && (prose.current !== null || prose.changePct !== null)) {
      const previous = labels[i - 1];
      const from = Math.max(sentence, previous === undefined ? 0 : previous.index + previous[0].length);
      const base = priorBeforeLabel(norm, from, m.index);
      if (base !== null) {
        prose.prior = base.figure;
        prose.at.prior = base.at;
      }
    }
    const changeBefore = prose.changePct === null ? changeBeforeLabel(norm, sentence, m.index) : null;
    // "與…虧損約8.2百萬港元相比，…虧損將增加至不少於15.0百萬港元": the figure is the base the next
    // mention of the sentence is compared with.
    const comparedWith =
      prose.at.current !== null &&
      COMPARED_AFTER.test(norm.slice(prose.at.current[1], prose.at.current[1] + 6));
    mentions.push({
      ...context,
      ...prose,
      introducedAsPrior: context.introducedAsPrior || comparedWith,
      changePct: prose.changePct ?? changeBefore?.range ?? null,
      at: {
        ...prose.at,
        changePct:
          prose.at.changePct ?? (changeBefore === null ? null : [changeBefore.start, changeBefore.end]),
      },
      inReasons: m.index >= reasonsFrom,
      partOfPeriod: options.periodType !== 'quarter' && QUARTER.test(norm.slice(sentence, sentenceEnd)),
      // Only a change stated ("溢利淨額將較去年同期增加約50%"), or a base and which way it goes: the
      // metric is estimated without a figure. In the reasons such a sentence is a cause instead.
      changeOnly:
        prose.current === null &&
        m.index < reasonsFrom &&
        (changeBefore !== null ||
          prose.changePct !== null ||
          (prose.prior !== null && DIRECTION_WORD.test(norm.slice(labelEnd, end)))),
      sentence,
      end: sentenceEnd,
      label: tidy(doc.slice(m.index, labelEnd)),
    });
  });
  const metrics = refineMentions(mentions);
  return {
    metrics: metrics.map(({ name, label, current, prior, changePct, at, rivals, sentence, end }) => ({
      name,
      label,
      current: current ?? { low: null, high: null },
      prior,
      changePct,
      at,
      rivals,
      context: [sentence, end] as const,
    })),
    currency: metrics.find((m) => m.currency !== null)?.currency ?? null,
  };
}

/**
 * The labels that state metrics. One that names a part of the period or business states none; a
 * defined term ("本公司擁有人應佔溢利（「純利」）") states none where it is defined and, used later,
 * stands for the label it was defined after.
 */
function readLabels(
  norm: string,
  options: ReadOptions,
): { labels: RegExpExecArray[]; nameOf: (m: RegExpExecArray) => MetricName } {
  const aliases = new Map<string, MetricName>();
  const labels: RegExpExecArray[] = [];
  for (const m of norm.matchAll(METRIC_LABEL)) {
    const before = norm.slice(Math.max(0, m.index - 40), m.index);
    const defines = labels.at(-1);
    if (DEFINED_TERM.test(before)) {
      if (defines !== undefined) aliases.set(m[0].toLowerCase(), metricNameOf(defines));
    } else if (
      (options.periodType === 'quarter' || !PART_QUALIFIER.test(before)) &&
      !PART_AFTER.test(norm.slice(m.index + m[0].length, m.index + m[0].length + 60))
    ) {
      labels.push(m);
    }
  }
  return { labels, nameOf: (m) => aliases.get(m[0].toLowerCase()) ?? metricNameOf(m) };
}

type Figures = Pick<
  Mention,
  'current' | 'prior' | 'changePct' | 'currency' | 'inTable' | 'sentence' | 'at' | 'rivals'
>;

const noFigures = (sentence: number, inTable: boolean): Figures => ({
  current: null,
  prior: null,
  changePct: null,
  currency: null,
  inTable,
  sentence,
  at: { current: null, prior: null, changePct: null },
  rivals: [],
});

/**
 * A table row. Where the header names the columns, each cell is read for its role; otherwise the
 * first cell holding money is the current period and the next one the prior.
 */
function readRow(
  norm: string,
  lineStart: number,
  firstTab: number,
  lineEnd: number,
  unit: ColumnUnit | null,
  roles: ReadonlyMap<number, ColumnRole> | undefined,
): Figures {
  const figures = noFigures(lineStart, true);
  let from = firstTab + 1;
  for (const [i, cell] of norm.slice(from, lineEnd).split('\t').entries()) {
    const to = from + cell.length;
    const role = roles?.get(i + 1);
    if (role !== 'superseded') {
      const change =
        readChanges(norm, from, to)[0] ?? (role === 'percent' ? readPercentCell(norm, from, to) : null);
      if (change !== null && figures.changePct === null) {
        figures.changePct = change.range;
        figures.at.changePct = [change.start, change.end];
      }
    }
    const amount =
      role === 'superseded' || role === 'percent'
        ? undefined
        : readAmounts(norm, from, to, unit).find((a) => !isChangeAmount(norm, from, a));
    if (amount !== undefined) {
      const range = figureOf(norm, from, from, amount);
      if (role !== 'prior' && figures.current === null) {
        figures.current = range;
        figures.currency = amount.currency;
        figures.at.current = [amount.start, amount.end];
      } else if (role !== 'current' && figures.prior === null) {
        figures.prior = single(range);
        figures.at.prior = [amount.start, amount.end];
      }
    }
    from = to + 1;
  }
  return figures;
}

/** A sentence: the first amount is the current figure, one introduced by a prior cue the prior. */
function readProse(
  norm: string,
  labelStart: number,
  labelEnd: number,
  end: number,
): Omit<Figures, 'sentence'> {
  const figures = noFigures(labelStart, false);
  for (const amount of readAmounts(norm, labelEnd, end)) {
    if (isChangeAmount(norm, labelEnd, amount)) continue;
    const before = norm.slice(labelEnd, amount.start);
    if (amount.ends !== undefined && FROM_BEFORE.test(before) && figures.current === null) {
      // "from RMB100 million to RMB150 million": the first end is the base, the second the outcome.
      const [base, outcome] = amount.ends;
      figures.prior ??= single(figureOf(norm, labelStart, labelEnd, base));
      figures.at.prior ??= [base.start, base.end];
      figures.current = figureOf(norm, labelStart, labelEnd, outcome);
      figures.currency = outcome.currency ?? base.currency;
      figures.at.current = [outcome.start, outcome.end];
      continue;
    }
    const range = figureOf(norm, labelStart, labelEnd, amount);
    // Also the first amount: "溢利將較…之約人民幣3.86億元減少不少於40%" states only the base.
    if (introducedAsPrior(norm, labelEnd, amount.start)) {
      if (figures.prior === null) {
        figures.prior = single(range);
        figures.at.prior = [amount.start, amount.end];
      }
    } else if (figures.current === null) {
      figures.current = range;
      figures.currency = amount.currency;
      figures.at.current = [amount.start, amount.end];
    } else if (single(range) !== single(figures.current)) {
      figures.rivals.push(single(range) as string);
    }
  }
  const change = readChanges(norm, labelEnd, end)[0];
  if (change !== undefined) {
    figures.changePct = change.range;
    figures.at.changePct = [change.start, change.end];
  }
  return figures;
}

/**
 * A base stated before its label: "as compared with a loss of approximately HK$31.2 million for
 * the year ended 30 September 2023, the Group expects to record a profit of ...". Only text after
 * any other label is looked at, so another metric's base is never taken.
 */
function priorBeforeLabel(
  norm: string,
  from: number,
  labelStart: number,
): { figure: string; at: Span } | null {
  const amount = readAmounts(norm, from, labelStart)
    .filter((a) => introducedAsPrior(norm, from, a.start) && !isChangeAmount(norm, from, a))
    .at(-1);
  if (amount === undefined) return null;
  const before = norm.slice(from, amount.start);
  const clause = before.slice(Math.max(before.lastIndexOf(','), before.lastIndexOf('，')) + 1);
  const written = amount.low.isNegative();
  const range = toRange(endOf(amount.low), endOf(amount.high), !written && lastSign(clause) === 'loss', null);
  const figure = single(range);
  return figure === null ? null : { figure, at: [amount.start, amount.end] };
}

/**
 * The figure an amount states. Its sign is the profit or loss word in its own clause ("Loss:",
 * "as compared with a profit of"), else the one in its label ("net loss attributable to"); words
 * in an aside between them ("which excludes the fair value loss") say nothing about it.
 */
function figureOf(norm: string, labelStart: number, labelEnd: number, amount: Amount): Range {
  const before = norm.slice(labelEnd, amount.start);
  const clause = before.slice(
    Math.max(
      before.lastIndexOf(','),
      before.lastIndexOf(')'),
      before.lastIndexOf('，'),
      before.lastIndexOf('）'),
    ) + 1,
  );
  const sign = lastSign(clause) ?? lastSign(norm.slice(labelStart, labelEnd));
  const written = amount.low.isNegative() || amount.high.isNegative();
  return toRange(endOf(amount.low), endOf(amount.high), !written && sign === 'loss', boundIn(before));
}

function lastSign(text: string): 'loss' | 'profit' | null {
  let sign: 'loss' | 'profit' | null = null;
  for (const m of text.matchAll(SIGN)) sign = m.groups?.loss !== undefined ? 'loss' : 'profit';
  return sign;
}

const isChangeAmount = (norm: string, from: number, amount: Amount): boolean =>
  DIRECTION.test(norm.slice(Math.max(from, amount.start - 30), amount.start));

/**
 * A prior cue close before the amount, with no clause break between them, no other figure (the
 * cue's own), nor a change the amount is the outcome of ("較去年同期增加約35%至約人民幣1,250百萬元").
 */
function introducedAsPrior(norm: string, from: number, at: number): boolean {
  return priorCueGap(norm, from, at) !== null;
}

/** The text between the prior cue that introduces `at` and `at`, or null when none does. */
function priorCueGap(norm: string, from: number, at: number): string | null {
  const span = norm.slice(Math.max(from, at - CUE_REACH), at);
  let cueEnd = -1;
  for (const m of span.matchAll(PRIOR_CUE)) cueEnd = m.index + m[0].length;
  const gap = cueEnd >= 0 ? span.slice(cueEnd) : null;
  return gap !== null && !CUE_BREAK.test(gap) ? gap : null;
}

/**
 * A label introduced as the prior ("as compared with a net profit of ..."), but not a table whose
 * cells ran together into one paragraph: "… Same period last year Net profit attributable …" is
 * a column header followed by the next row's label.
 */
function labelIntroducedAsPrior(norm: string, from: number, at: number): boolean {
  const gap = priorCueGap(norm, from, at);
  return gap !== null && !(/^\s+$/.test(gap) && /[A-Z]/.test(norm[at] ?? ''));
}

/**
 * Merges mentions into metrics. A second mention of a metric in the same sentence, one introduced
 * by a prior cue, or one under a heading about last year gives the prior figure. Otherwise the
 * first mention with a figure wins and later ones (the figure restated in the reasons) drop out;
 * a later one that states a different figure is a rival.
 */
function refineMentions(mentions: Mention[]): Mention[] {
  const kept: Mention[] = [];
  for (const [i, mention] of mentions.entries()) {
    const same = kept.find((k) => k.name === mention.name);
    const figure = mention.current === null ? null : single(mention.current);
    const sameSentence = kept.findLast((k) => !k.inTable && k.sentence === mention.sentence);
    // "纯利将较…之纯利约人民币1.86亿元大幅下降": the label, then its base, and no figure of its own.
    const baseOf =
      mention.introducedAsPrior && sameSentence === undefined && same === undefined
        ? mentions
            .slice(0, i)
            .findLast(
              (k) => k.name === mention.name && k.sentence === mention.sentence && !k.inTable && !k.inReasons,
            )
        : undefined;
    if (mention.partOfPeriod && same !== undefined) {
      // A quarter's figure inside a longer period's estimate neither restates nor rivals it.
    } else if (baseOf !== undefined && figure !== null) {
      kept.push({
        ...baseOf,
        prior: figure,
        changePct: baseOf.changePct ?? mention.changePct,
        at: {
          ...baseOf.at,
          prior: mention.at.current,
          changePct: baseOf.changePct === null ? mention.at.changePct : baseOf.at.changePct,
        },
        rivals: [],
      });
    } else if (mention.inPriorSection) {
      if (same !== undefined && same.prior === null && figure !== null) {
        same.prior = figure;
        same.at.prior = mention.at.current;
      }
    } else if (sameSentence !== undefined && statesPriorFirst(sameSentence, mention)) {
      // "turn around from a net loss of X for 2023 to a net profit of Y for 2024": prior first.
      sameSentence.prior = sameSentence.current === null ? null : single(sameSentence.current);
      sameSentence.at.prior = sameSentence.at.current;
      sameSentence.current = mention.current;
      sameSentence.at.current = mention.at.current;
      sameSentence.label = mention.label;
      sameSentence.changePct ??= mention.changePct;
      sameSentence.at.changePct ??= mention.at.changePct;
      sameSentence.introducedAsPrior = false;
    } else if (mention.introducedAsPrior && sameSentence !== undefined) {
      mergePrior(sameSentence, mention, figure);
    } else if (same !== undefined && !mention.inTable && same.sentence === mention.sentence) {
      mergePrior(same, mention, figure);
    } else if (same === undefined && (mention.current !== null || mention.changeOnly)) {
      kept.push({ ...mention, at: { ...mention.at }, rivals: [...mention.rivals] });
    } else if (same?.changeOnly === true && mention.current !== null) {
      // The figure stated later completes the change stated first.
      kept[kept.indexOf(same)] = {
        ...mention,
        prior: mention.prior ?? same.prior,
        changePct: mention.changePct ?? same.changePct,
        at: {
          current: mention.at.current,
          prior: mention.prior === null ? same.at.prior : mention.at.prior,
          changePct: mention.changePct === null ? same.at.changePct : mention.at.changePct,
        },
      };
    } else if (same !== undefined && mention.current === null) {
      // A change stated after the figures ("Accordingly, ... is expected to decrease by 67%").
      if (same.changePct === null && mention.changePct !== null) {
        same.changePct = mention.changePct;
        same.at.changePct = mention.at.changePct;
      }
    } else if (same !== undefined && figure !== null && same.current !== null) {
      const taken = [same.current.low, same.current.high];
      if (!taken.includes(figure) && !same.rivals.includes(figure) && !isRestatedPart(same, mention)) {
        same.rivals.push(figure);
      }
    }
  }
  return kept;
}

/** The first mention of a sentence was the base ("from a net loss of X"), the next one the outcome. */
const statesPriorFirst = (first: Mention, next: Mention): boolean =>
  first.introducedAsPrior &&
  !next.introducedAsPrior &&
  next.current !== null &&
  first.current !== null &&
  first.prior === null;

/** A later table row of the same metric is another table's view of it (a previous estimate, say). */
const isRestatedPart = (same: Mention, mention: Mention): boolean => same.inTable && mention.inTable;

function mergePrior(into: Mention, from: Mention, figure: string | null): void {
  if (into.prior === null && figure !== null) {
    into.prior = figure;
    into.at.prior = from.at.current;
  }
  if (into.changePct === null && from.changePct !== null) {
    into.changePct = from.changePct;
    into.at.changePct = from.at.changePct;
  }
}

// "a decrease of approximately 40% in the profit attributable to ...": the change, then the label.
const CHANGE_OF_LABEL = /^\s+in\s+(?:the\s+|its\s+)?(?:Group['’]s\s+)?$/i;
const CHANGE_REACH = 100;

function changeBeforeLabel(norm: string, sentence: number, labelStart: number): Change | null {
  const change = readChanges(norm, Math.max(sentence, labelStart - CHANGE_REACH), labelStart).at(-1);
  return change !== undefined && CHANGE_OF_LABEL.test(norm.slice(change.end, labelStart)) ? change : null;
}

const single = (range: Range): string | null => range.low ?? range.high;

const tidy = (label: string): string => label.replace(/\s+/g, ' ').trim();
/** Finds the table header that governs a row: the nearest one above it, if near enough. */
function nearestAbove<T extends { at: number }>(headers: T[]): (at: number) => T | null {
  const offsets = new Offsets(
    headers.map((u) => u.at),
    Number.POSITIVE_INFINITY,
  );
  const byOffset = new Map(headers.map((u) => [u.at, u]));
  return (at) => {
    const above = offsets.before(at);
    return above >= 0 && at - above < UNIT_REACH ? (byOffset.get(above) ?? null) : null;
  };
}

/**
 * Per-share figures are in currency units even in a table stated in thousands, unless the row's
 * own label names a scale: "Basic earnings per share (RMB cents)".
 */
function perShare(unit: ColumnUnit | null, label: string): ColumnUnit {
  const scale = SCALE_WORD.exec(label)?.[0];
  return { currency: unit?.currency ?? null, power: (scale === undefined ? 0 : SCALES.valueOf(scale)) ?? 0 };
}
