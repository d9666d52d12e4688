import { describe, expect, it } from 'vitest';
import { placeKey } from './place-key.js';

/** Each group: ways people type the same place; all must get one key. */
const SAME: [string, string[]][] = [
  ['room suffixes', ['さくら荘103', 'さくら荘103号室', 'さくら荘103号', 'さくら荘103室']],
  ['full and half width', ['さくら荘103', 'さくら荘１０３', 'さくら荘１０３号室', 'ｻｸﾗ荘103']],
  ['katakana and hiragana building names', ['サクラ荘103', 'さくら荘103', 'ｻｸﾗ荘１０３号室']],
  ['spaces', ['さくら荘 103', 'さくら荘\u3000103', ' さくら荘103 ', 'さくら 荘103号室']],
  ['case of latin letters', ['メゾンA-101', 'メゾンａ－１０１', 'メゾンa-101号室']],
  [
    'hyphen variants',
    [
      '目黒本町3-5-12',
      '目黒本町3ー5ー12',
      '目黒本町3−5−12',
      '目黒本町3‐5‐12',
      '目黒本町3–5–12',
      '目黒本町3—5—12',
      '目黒本町３－５－１２',
      '目黒本町3ｰ5ｰ12',
      '目黒本町3―5―12',
      '目黒本町3─5─12',
      '目黒本町3━5━12',
      '目黒本町3‑5‑12',
      '目黒本町3﹣5﹣12',
      '目黒本町3‒5‒12',
    ],
  ],
  [
    '丁目・番地・号',
    [
      '目黒本町3-5-12',
      '目黒本町3丁目5番12号',
      '目黒本町3丁目5番地12',
      '目黒本町三丁目5-12',
      '目黒本町３丁目５番１２号',
      '目黒本町3丁目-5-12',
    ],
  ],
  ['kanji 丁目 numbers', ['上目黒二十三丁目', '上目黒23丁目']],
  [
    'separators between address and building',
    ['目黒本町3-5-12 さくら荘103', '目黒本町3-5-12、さくら荘103号室', '目黒本町3-5-12・さくら荘103'],
  ],
  ['long vowel in a name typed as a hyphen', ['コーポ南105', 'コ-ポ南105', 'こーぽ南105号室']],
];

/** Pairs that are different places and must stay apart. */
const DIFFERENT: [string, string][] = [
  ['さくら荘103', 'さくら荘104'],
  ['さくら荘103', 'さくら荘1030'],
  ['さくら荘103', 'すみれ荘103'],
  ['目黒本町3-5-12', '目黒本町3-51-2'],
  ['目黒本町3-5-12', '目黒本町35-12'],
  ['上目黒二丁目', '上目黒三丁目'],
  ['上目黒十二丁目', '上目黒二丁目'],
  ['上目黒二十丁目', '上目黒二丁目'],
  ['号棟のない102', '102'],
];

describe('placeKey (normalised place text for duplicate suggestions)', () => {
  for (const [why, variants] of SAME) {
    it(`folds ${why}`, () => {
      const keys = variants.map(placeKey);
      expect(new Set(keys), `${variants.join(' / ')} → ${keys.join(' / ')}`).toHaveProperty('size', 1);
    });
  }

  it.each(DIFFERENT)('keeps %s and %s apart', (a, b) => {
    expect(placeKey(a)).not.toBe(placeKey(b));
  });

  it('gives the exact forms the duplicate index stores', () => {
    expect(placeKey('さくら荘103号室')).toBe('さくら荘103');
    expect(placeKey('ｻｸﾗ荘　１０３号')).toBe('さくら荘103');
    expect(placeKey('目黒本町三丁目5番12号 さくら荘103号室')).toBe('目黒本町3-5-12さくら荘103');
    expect(placeKey('メゾンＡ－１０１')).toBe('めぞんa-101');
    expect(placeKey('上目黒十丁目')).toBe('上目黒10丁目');
    expect(placeKey('上目黒十五丁目')).toBe('上目黒15丁目');
    expect(placeKey('上目黒九十九丁目')).toBe('上目黒99丁目');
    expect(placeKey('--3-5--')).toBe('3-5');
    expect(placeKey('3番地5')).toBe('3-5');
    expect(placeKey('霞ヶ関2')).toBe('霞ゖ関2');
  });

  it('leaves no key for nothing', () => {
    expect(placeKey('')).toBe('');
    expect(placeKey(null)).toBe('');
    expect(placeKey(undefined)).toBe('');
    expect(placeKey(' \u3000、・')).toBe('');
    expect(placeKey('ー')).toBe('');
  });

  it('does not treat 号 or 室 inside a name as a room suffix', () => {
    expect(placeKey('号室ハイツ1')).toBe('号室はいつ1');
    expect(placeKey('室町1号室')).toBe('室町1');
  });

  it('leaves malformed kanji numbers as they are', () => {
    expect(placeKey('三三丁目')).toBe('三三丁目');
    expect(placeKey('十十丁目')).toBe('十十丁目');
  });
});
