import { INLINE_MARKER, isSectionHeading, LIST_MARKER } from './markers.js';
import { wordsSource } from './words/lexicon.js';

// Reads the stated reasons for the change, one entry per reason in document order. They come as
// a section ("III. EXPLANATION FOR THE CHANGES IN RESULTS", "三、業績變動原因說明") of numbered
// paragraphs, or as a sentence with a lead ("mainly attributable to", "主要由於") followed by a
// list, an inline enumeration ("(i) ...; and (ii) ...") or a single reason.

const HEADING = new RegExp(wordsSource('driverHeadings'), 'i');
const LEAD = new RegExp(wordsSource('driverLeads'), 'i');
const SECTION_END = /^(?:By order of the Board|承董事會命|On behalf of the Board)/i;
const HEADING_MAX = 80;
// A reason that is a fragment of the lead sentence ends with its joining punctuation; a reason
// that is a sentence of its own keeps its full stop.
const JOINER = /\s*(?:[;；,，]\s*(?:and|or|及|或|以及|和)?|[.。])\s*$/i;
const ENDS_AS_FRAGMENT = /[;；]\s*(?:and|or|及|或|以及|和)?\s*$/i;
const SENTENCE_END = /。|\.(?=\s+[A-Z“"(]|\s*$)/g;

interface Line {
  start: number;
  text: string;
}

/** The reasons, sliced from `doc` at offsets found in `norm` (its normalised twin). */
export function readDrivers(doc: string, norm: string): string[] {
  const lines = linesOf(norm);
  const headingAt = lines.findIndex((l) => isHeading(l.text) && HEADING.test(l.text));
  if (headingAt >= 0) {
    const section = sectionAfter(lines, headingAt);
    const listed = section.filter((l) => LIST_MARKER.test(l.text));
    if (listed.length > 0) return listItems(doc, listed);
    const led = ledReasons(doc, norm, section);
    return led ?? section.map((l) => clean(doc.slice(l.start, l.start + l.text.length), false));
  }
  return ledReasons(doc, norm, lines) ?? [];
}

function linesOf(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    if (line.trim() !== '') out.push({ start, text: line });
    start += line.length + 1;
  }
  return out;
}

/** A numbered heading, or a short upper-case line ("REASONS FOR THE PROFIT WARNING"). */
const isHeading = (text: string): boolean =>
  text.length <= HEADING_MAX &&
  (isSectionHeading(text) || (/[A-Z]{4}/.test(text) && text === text.toUpperCase()));

function sectionAfter(lines: Line[], headingAt: number): Line[] {
  const out: Line[] = [];
  for (const line of lines.slice(headingAt + 1)) {
    if (isHeading(line.text) || SECTION_END.test(line.text)) break;
    out.push(line);
  }
  return out;
}

/** The first sentence with a lead, read as a list that follows it or as an inline enumeration. */
function ledReasons(doc: string, norm: string, lines: Line[]): string[] | null {
  for (const [i, line] of lines.entries()) {
    const lead = LEAD.exec(line.text);
    if (lead === null) continue;
    const restStart = line.start + lead.index + lead[0].length;
    const rest = norm.slice(restStart, line.start + line.text.length);
    // "mainly attributable to:" (or the lead ending its line) then the reasons as list items; a
    // single item line holding "(i) ...; (ii) ..." is an inline enumeration pushed onto its own line.
    if (/[:：]\s*$/.test(rest) || rest.trim() === '') {
      const listed = [];
      for (const next of lines.slice(i + 1)) {
        if (!LIST_MARKER.test(next.text)) break;
        listed.push(next);
      }
      const only = listed.length === 1 ? (listed[0] as Line) : null;
      if (only !== null && [...only.text.matchAll(INLINE_MARKER)].length > 1) {
        return inlineItems(doc, only.start, norm.slice(only.start, only.start + only.text.length));
      }
      if (listed.length > 0) return listItems(doc, listed);
    }
    return inlineItems(doc, restStart, rest);
  }
  return null;
}

function listItems(doc: string, listed: Line[]): string[] {
  const items = listed.map((l) => {
    const marker = LIST_MARKER.exec(l.text)?.[0].length ?? 0;
    return doc.slice(l.start + marker, l.start + l.text.length);
  });
  const fragments = items.some((item) => ENDS_AS_FRAGMENT.test(item));
  return items.map((item) => clean(item, fragments));
}

/** "(i) A; and (ii) B." -> ["A", "B"]; with no markers, the rest of the sentence is one reason. */
function inlineItems(doc: string, start: number, rest: string): string[] {
  const markers = [...rest.matchAll(INLINE_MARKER)];
  const lastMarker = markers.at(-1);
  SENTENCE_END.lastIndex = lastMarker === undefined ? 0 : lastMarker.index;
  const end = SENTENCE_END.exec(rest)?.index ?? rest.length;
  if (lastMarker === undefined) return [clean(doc.slice(start, start + end), true)].filter((s) => s !== '');
  return markers.map((m, i) => {
    const from = start + m.index + m[0].length;
    const to = start + (markers[i + 1]?.index ?? end);
    return clean(doc.slice(from, to), true);
  });
}

/** One clean line: whitespace collapsed, a fragment's joining punctuation dropped. */
function clean(text: string, fragment: boolean): string {
  const flat = text
    .replace(/\s+/g, ' ')
    .replace(/^[\s:：]+/, '')
    .trim();
  return fragment ? flat.replace(JOINER, '').trim() : flat;
}
