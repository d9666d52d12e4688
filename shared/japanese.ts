/**
 * Japanese text and dates, the same on the server and in the browser: how a place typed by a
 * person is folded for comparison (duplicate place keys on the server, area search in the
 * console) and how a date is written in the Japanese era (exports and the console's 和暦
 * option). Pure functions over the standard library only (shared/ imports nothing), so both
 * sides agree by construction instead of by copy.
 */

const KANJI_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一 … 九十九 as a number (the 丁目 of Japanese addresses); null when it is not one. */
export function kanjiNumber(s: string): number | null {
  const m = /^([一二三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(s);
  if (!m || s === '') return null;
  const [, tens, ten, ones] = m;
  if (tens && !ten) return ones ? null : KANJI_DIGITS[tens]!;
  return (ten ? (tens ? KANJI_DIGITS[tens]! : 1) * 10 : 0) + (ones ? KANJI_DIGITS[ones]! : 0);
}

/**
 * NFKC (full/half width digits, letters and kana), lower case, katakana to hiragana (サクラ荘 =
 * さくら荘: ァ U+30A1 … ヶ U+30F6 → ぁ U+3041 … ゖ U+3096).
 */
export function foldWidthCaseKana(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u30A1-\u30F6]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0x60));
}

/** 三丁目 → 3丁目 (area names are written in kanji, people type digits). */
export function chomeToDigits(s: string): string {
  return s.replace(/([一二三四五六七八九十]{1,3})丁目/g, (all, k: string) => {
    const n = kanjiNumber(k);
    return n === null ? all : `${n}丁目`;
  });
}

const warekiFormat = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
  timeZone: 'Asia/Tokyo',
  era: 'long',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
});

/** 「令和8年12月4日」 in Asia/Tokyo (ICU's Japanese calendar writes an era's first year as 元年). */
export function formatWareki(d: Date): string {
  return warekiFormat.format(d);
}
