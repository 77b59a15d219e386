// Chinese numerals as documents write amounts and dates: 二零二二 (digit by digit, for years),
// 三十一, 四百, 一億二千萬, 三千五百萬. Values stay exact: the result is a digit string.

const DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  兩: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const SMALL_UNITS: Readonly<Record<string, number>> = { 十: 1, 百: 2, 千: 3 };
const BIG_UNITS: Readonly<Record<string, number>> = { 萬: 4, 万: 4, 億: 8, 亿: 8 };

/** One character class of every character a Chinese numeral is written with. */
export const CN_NUMERAL_CHARS = '零〇一二兩两三四五六七八九十百千萬万億亿';

/**
 * The value of a Chinese numeral as a digit string, or null when it is not one. A run of digits
 * alone (二零二二) reads digit by digit; otherwise units multiply: 一億二千萬 -> 120000000.
 */
export function chineseNumeral(text: string): string | null {
  if (text === '') return null;
  if ([...text].every((ch) => ch in DIGITS)) return [...text].map((ch) => DIGITS[ch]).join('');
  let total = 0n;
  let section = 0n;
  let digit: bigint | null = null;
  for (const ch of text) {
    if (ch in DIGITS) {
      if (digit !== null) return null;
      digit = BigInt(DIGITS[ch] as number);
    } else if (ch in SMALL_UNITS) {
      // 十 alone means 一十.
      section += (digit ?? 1n) * 10n ** BigInt(SMALL_UNITS[ch] as number);
      digit = null;
    } else if (ch in BIG_UNITS) {
      const value = (section + (digit ?? 0n)) * 10n ** BigInt(BIG_UNITS[ch] as number);
      if (value === 0n) return null;
      total += value;
      section = 0n;
      digit = null;
    } else {
      return null;
    }
    // 零 only marks a gap ("一千零五"): it does not stand as a pending digit.
    if (digit === 0n) digit = null;
  }
  return (total + section + (digit ?? 0n)).toString();
}

/** Writes a whole number the way documents do, for round-trip tests: 120000000 -> 一億二千萬. */
export function toChineseNumeral(value: bigint): string {
  if (value === 0n) return '零';
  const sections: string[] = [];
  const bigs = ['', '萬', '億', '萬億'];
  let rest = value;
  let index = 0;
  let needZero = false;
  while (rest > 0n) {
    const part = Number(rest % 10000n);
    rest /= 10000n;
    if (part > 0) {
      const written = smallSection(part) + (bigs[index] as string);
      sections.unshift(needZero ? `${written}零` : written);
      needZero = part < 1000 && rest > 0n;
    } else {
      needZero = rest > 0n && sections.length > 0;
    }
    index++;
  }
  return sections.join('').replace(/零+$/, '');
}

function smallSection(part: number): string {
  const chars = '零一二三四五六七八九';
  const units = ['千', '百', '十', ''];
  let out = '';
  let zero = false;
  for (const [i, unit] of units.entries()) {
    const d = Math.floor(part / 10 ** (3 - i)) % 10;
    if (d === 0) {
      zero = out !== '';
      continue;
    }
    if (zero) out += '零';
    zero = false;
    out += chars[d] + unit;
  }
  return out;
}
