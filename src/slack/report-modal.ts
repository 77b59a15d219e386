import type { types } from '@slack/bolt';
import type { FigureReport, Metric } from '../estimate.js';
import { headlineMetric } from '../parse/headline-metric.js';
import { truncate } from './limits.js';
import { escapeText } from './mrkdwn.js';
import { type FiledEstimate, mention } from './verdicts.js';

// The "Report a wrong figure" modal: which figure, the right value, a note. Pure: the view to
// open, what a submission says, and the line posted in the filing's thread.

export const REPORT_VIEW = 'report_figure_view';
const BLOCK = { field: 'report_field', value: 'report_value', note: 'report_note' } as const;
const ACTION = { field: 'field', value: 'value', note: 'note' } as const;

const FIELD_WORDS = {
  current: 'this period',
  prior: 'same period last year',
  changePct: 'stated change',
} as const;

/** Where the modal was opened, so the submission knows which filing and thread it is about. */
export interface ReportOrigin {
  filingId: string;
  channel: string | null;
}

interface Option {
  text: string;
  value: string;
}

function fieldOptions(item: FiledEstimate): Option[] {
  const lead = headlineMetric(item.estimate.metrics);
  const metrics = lead ? [lead, ...item.estimate.metrics.filter((m) => m !== lead)] : item.estimate.metrics;
  const options = metrics.flatMap((m) =>
    (Object.keys(FIELD_WORDS) as (keyof typeof FIELD_WORDS)[]).map((f) => ({
      text: truncate(`${m.label}: ${FIELD_WORDS[f]}`, 75),
      value: `${m.name}.${f}`,
    })),
  );
  // Slack allows 100 options; the period and "something else" always fit.
  return [
    ...options.slice(0, 98),
    { text: 'The period', value: 'period' },
    { text: 'Something else', value: 'other' },
  ];
}

const plain = (text: string) => ({ type: 'plain_text' as const, text });

export function reportModal(item: FiledEstimate, origin: ReportOrigin): types.ModalView {
  const options = fieldOptions(item).map((o) => ({ text: plain(o.text), value: o.value }));
  return {
    type: 'modal',
    callback_id: REPORT_VIEW,
    private_metadata: JSON.stringify(origin),
    title: plain('Report a wrong figure'),
    submit: plain('Report'),
    close: plain('Cancel'),
    blocks: [
      {
        type: 'section',
        text: { type: 'mrkdwn', text: truncate(escapeText(item.filing.title), 2900) },
      },
      {
        type: 'input',
        block_id: BLOCK.field,
        label: plain('Which figure'),
        element: { type: 'static_select', action_id: ACTION.field, options, initial_option: options[0] },
      },
      {
        type: 'input',
        block_id: BLOCK.value,
        label: plain('The right value'),
        hint: plain('As the announcement states it, e.g. RMB453,074,200 or 55%'),
        element: { type: 'plain_text_input', action_id: ACTION.value, max_length: 200 },
      },
      {
        type: 'input',
        block_id: BLOCK.note,
        optional: true,
        label: plain('Note'),
        element: { type: 'plain_text_input', action_id: ACTION.note, multiline: true, max_length: 1000 },
      },
    ],
  };
}

/** What the modal's state holds: Bolt's view.state.values. */
type Values = Record<
  string,
  Record<string, { value?: string | null; selected_option?: { value: string } | null }>
>;

export type Submission =
  | { ok: true; origin: ReportOrigin; field: string; value: string; note: string }
  | { ok: false; errors: Record<string, string> };

/** Reads a submitted modal; a missing value or a tampered origin comes back as field errors. */
export function readSubmission(view: { private_metadata?: string; state: { values: Values } }): Submission {
  const values = view.state.values;
  const field = values[BLOCK.field]?.[ACTION.field]?.selected_option?.value ?? '';
  const value = (values[BLOCK.value]?.[ACTION.value]?.value ?? '').trim();
  const note = (values[BLOCK.note]?.[ACTION.note]?.value ?? '').trim();
  const origin = parseOrigin(view.private_metadata);
  if (value === '') return { ok: false, errors: { [BLOCK.value]: 'Say what the right value is.' } };
  if (field === '' || origin === null) return { ok: false, errors: { [BLOCK.field]: 'Choose the figure.' } };
  return { ok: true, origin, field, value, note };
}

function parseOrigin(text: string | undefined): ReportOrigin | null {
  try {
    const o = JSON.parse(text ?? '') as Partial<ReportOrigin>;
    if (typeof o.filingId !== 'string' || !/^\d{1,20}$/.test(o.filingId)) return null;
    return { filingId: o.filingId, channel: typeof o.channel === 'string' ? o.channel : null };
  } catch {
    return null;
  }
}

/** "<@U1> reports: net profit attributable, same period last year should be RMB453,074,300 (note)". */
export function reportLine(report: FigureReport, metrics: readonly Metric[]): string {
  const [name, part] = report.field.split('.');
  const metric = metrics.find((m) => m.name === name);
  const what =
    report.field === 'period'
      ? 'the period'
      : report.field === 'other'
        ? 'a figure'
        : `${metric ? metric.label : name}, ${FIELD_WORDS[part as keyof typeof FIELD_WORDS] ?? part}`;
  const note = report.note === '' ? '' : ` (${report.note})`;
  return `${mention(report.user)} reports: ${escapeText(`${what} should be ${report.value}${note}`)}`;
}
