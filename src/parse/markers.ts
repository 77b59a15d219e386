// The marks documents use to structure text, shared by the cleanup and the readers: list items
// ("1.", "(ii)", "（一）", "•"), inline enumerations inside a sentence, and section headings.

/**
 * A list item at the start of a line, with its trailing space. "1.2022年" is item 1 about 2022,
 * while "1.2億元" is a number.
 */
export const LIST_MARKER =
  /^\s*(?:\d{1,2}(?:\.(?!\d{1,3}(?!\d))|、|\))|[(（](?:\d{1,2}|[ivx]{1,4}|[a-h]|[一二三四五六七八九十]{1,3})[)）]|(?:[ivx]{1,4}|[a-h])[.)]|[一二三四五六七八九十]{1,3}、|[•·●▪■◆‧]|[-–*](?=\s))\s*/i;

/** An enumeration inside a sentence: "(i) ...; and (ii) ...", "(a)...；及(b)...". */
export const INLINE_MARKER = /[(（](?:[ivx]{1,4}|[a-h]|\d{1,2}|[一二三四五六七八九十]{1,3})[)）]\s*/gi;

/** A numbered section heading on a line of its own: "III. EXPLANATION ...", "三、業績變動原因說明". */
export const SECTION_HEADING = /^(?:[一二三四五六七八九十]{1,3}、|[IVX]{1,5}\.\s)[^\n]{0,60}$/gm;
const ONE_HEADING = new RegExp(SECTION_HEADING.source);

/** Whether one line is a numbered section heading. */
export const isSectionHeading = (line: string): boolean => ONE_HEADING.test(line);
