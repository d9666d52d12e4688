/**
 * The comparable form of a place as people type it ("さくら荘103号室", "ｻｸﾗ荘 １０３", "さくら荘103"):
 * two reports of the same door should get the same key however they were typed, so triage can
 * suggest them as duplicates. Stored with each concern (concerns.place_key) when it is filed.
 *
 * Folds: Unicode NFKC (full/half width digits, letters and kana), case, katakana to hiragana
 * (building names: サクラ荘 = さくら荘), every hyphen or dash variant and the long-vowel mark to
 * "-", whitespace and separators removed, 丁目/番地/番/号 addresses to "3-5-12", and the
 * room suffixes 号室/号/室 after a number dropped.
 */
import { chomeToDigits, foldWidthCaseKana } from '../../../shared/japanese.js';

// Hyphens, dashes, minus signs, box-drawing lines and the long-vowel mark people type between
// numbers (NFKC has already turned the full-width and small forms into these).
const DASHES = /[\u2010\u2012\u2013\u2014\u2015\u2212\u30FC\u2500\u2501]/g;
// Whitespace and the separators people put between an address and a building.
const SEPARATORS = /[\s\u3000、，,。．.・･/／()（）「」]/g;

/** The comparable key of a place text ('' when nothing is left). */
export function placeKey(text: string | null | undefined): string {
  if (!text) return '';
  let s = foldWidthCaseKana(text);
  s = s.replace(SEPARATORS, '');
  s = s.replace(DASHES, '-');
  s = chomeToDigits(s);
  // 3丁目5番12号 / 3丁目5番地12 / 3丁目5-12 → 3-5-12; 5番地12号 → 5-12.
  s = s.replace(/(\d+)丁目-?(?=\d)/g, '$1-');
  s = s.replace(/(\d+)番地?-?(?=\d)/g, '$1-');
  // Room and house-number suffixes after a number: 103号室, 103号, 103室 → 103.
  s = s.replace(/(\d)(号室|号|室)/g, '$1');
  // A dash run collapses; a dash at either end carries nothing.
  s = s.replace(/-+/g, '-').replace(/^-|-$/g, '');
  return s;
}
