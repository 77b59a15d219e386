// One normalisation up front, so every reader handles a single script and a single digit set.
// It maps character for character (the output has the input's length), so a reader can find a
// span in the normalised text and slice the document's own wording at the same offsets.

// Simplified forms of the characters that the readers' word tables use, paired with their
// Traditional forms. Only these matter: the readers never look for any other word.
const SIMPLIFIED =
  '归属东净润业绩预亏减营币万亿经损后报应占盈扣类对较变动计审计间为转态润负个长发实际务费用资产额税润简汇兑于拥内调财准权总与现约码号从过区说导项单团续并纯综录门马圆欧镑扩会议证监愿适';
const TRADITIONAL =
  '歸屬東淨潤業績預虧減營幣萬億經損後報應佔盈扣類對較變動計審計間為轉態潤負個長發實際務費用資產額稅潤簡匯兌於擁內調財準權總與現約碼號從過區說導項單團續並純綜錄門馬圓歐鎊擴會議證監願適';

const TO_TRADITIONAL = new Map<string, string>();
for (let i = 0; i < SIMPLIFIED.length; i++) {
  const s = SIMPLIFIED[i] as string;
  const t = TRADITIONAL[i] as string;
  if (s !== t) TO_TRADITIONAL.set(s, t);
}

export function normalizeChar(ch: string): string {
  const code = ch.charCodeAt(0);
  // Full-width ASCII forms (digits, letters, punctuation) to their half-width twins.
  if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0);
  if (code === 0x3000 || code === 0x00a0) return ' ';
  return TO_TRADITIONAL.get(ch) ?? ch;
}

// Only these characters change; the rest of a document is left to the engine's own scan.
const CHANGED = new RegExp(`[\\uff01-\\uff5e\\u3000\\u00a0${[...TO_TRADITIONAL.keys()].join('')}]`, 'g');

/** Full-width to half-width and Simplified to Traditional, one character for one. */
export function normalize(text: string): string {
  return text.replace(CHANGED, normalizeChar);
}
