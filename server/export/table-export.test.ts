import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { type Column, encodeCsv, neutralise, writeTable } from './table-export.js';
import { formatWareki } from './wareki.js';

interface Row {
  name: string;
  note: string | null;
  n: number | null;
  at: string | null;
}
const columns: Column<Row>[] = [
  { header: '氏名', value: (r) => r.name },
  { header: 'メモ', value: (r) => r.note },
  { header: '件数', value: (r) => r.n, kind: 'number' },
  { header: '受付日時', value: (r) => r.at, kind: 'datetime' },
];
const rows: Row[] = [
  { name: '目黒 花子', note: '=HYPERLINK("http://evil.example","click")', n: 3, at: '2026-12-04T00:30:00Z' },
  { name: '+81 3', note: '-1+2', n: -2, at: null },
  { name: '@SUM(A1)', note: '\tx', n: null, at: '2019-04-30T15:00:00Z' },
  { name: '"quoted", and\nnew line', note: '\rcr', n: 0, at: '2019-05-01T00:00:00+09:00' },
];
const now = new Date('2026-12-05T01:00:00Z');

describe('neutralise', () => {
  it('prefixes every text that starts with = + - @ tab or CR with an apostrophe', () => {
    for (const s of ['=1+1', '+1', '-1', '@A1', '\t=1', '\r=1']) expect(neutralise(s)).toBe(`'${s}`);
  });
  it('leaves other text alone, formula characters later in the text included', () => {
    for (const s of ['目黒区', 'a=b', ' =1', "'=1", '', '1-2']) expect(neutralise(s)).toBe(s);
  });
});

describe('wareki', () => {
  it('writes 令和 with 元年 for the first year, in Asia/Tokyo', () => {
    expect(formatWareki(new Date('2025-12-04T00:00:00+09:00'))).toBe('令和7年12月4日');
    expect(formatWareki(new Date('2019-05-01T00:00:00+09:00'))).toBe('令和元年5月1日');
    // 2019-04-30 15:00 UTC is already 5月1日 in Tokyo.
    expect(formatWareki(new Date('2019-04-30T14:59:00Z'))).toBe('平成31年4月30日');
    expect(formatWareki(new Date('2019-04-30T15:00:00Z'))).toBe('令和元年5月1日');
  });
});

describe('writeTable', () => {
  it('.xlsx: read back with exceljs, a formula-like text stays text and no cell is a formula', async () => {
    const file = await writeTable({ name: 'cases', sheet: 'ケース', columns, rows, options: { format: 'xlsx' }, now });
    expect(file.filename).toBe('cases-2026-12-05.xlsx');
    expect(file.rows).toBe(4);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.body as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('ケース')!;
    expect(ws.getRow(1).values).toEqual([undefined, '氏名', 'メモ', '件数', '受付日時']);
    const note = ws.getCell('B2');
    expect(note.type).toBe(ExcelJS.ValueType.String);
    expect(note.value).toBe('\'=HYPERLINK("http://evil.example","click")');
    expect(ws.getCell('A3').value).toBe("'+81 3");
    expect(ws.getCell('B3').value).toBe("'-1+2");
    expect(ws.getCell('C3').value).toBe(-2); // a number stays a number
    expect(ws.getCell('A4').value).toBe("'@SUM(A1)");
    expect(ws.getCell('D2').value).toBe('2026/12/04 09:30');
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
      }),
    );
  });

  it('CSV: UTF-8 with a BOM, RFC 4180 quoting, CRLF, neutralised cells', async () => {
    const file = await writeTable({ name: 'cases', sheet: 'x', columns, rows, options: { format: 'csv' }, now });
    expect([...file.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(file.contentType).toBe('text/csv; charset=utf-8');
    const text = file.body.subarray(3).toString('utf8');
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('氏名,メモ,件数,受付日時');
    expect(lines[1]).toBe(`目黒 花子,"'=HYPERLINK(""http://evil.example"",""click"")",3,2026/12/04 09:30`);
    expect(lines[2]).toBe("'+81 3,'-1+2,-2,");
    expect(text).toContain('"""quoted"", and\nnew line"');
    expect(text).toContain("'\rcr");
    expect(text).toContain("'\tx");
  });

  it('CSV in Shift_JIS decodes back to the same text, 〜 and − included', async () => {
    const r: Row[] = [{ name: '髙橋 〜 −5', note: '①㈱', n: 1, at: null }];
    const file = await writeTable({ name: 'cases', sheet: 'x', columns, rows: r, options: { format: 'csv', encoding: 'shift_jis' }, now });
    expect(file.contentType).toBe('text/csv; charset=Shift_JIS');
    expect(file.filename).toBe('cases-2026-12-05-sjis.csv');
    expect([...file.body.subarray(0, 4)]).toEqual([...iconv.encode('氏名', 'cp932')]); // no BOM
    const text = iconv.decode(file.body, 'Shift_JIS');
    expect(text).toContain('髙橋 ～ －5,①㈱,1,');
  });

  it('adds a 和暦 column beside each date when asked', async () => {
    const file = await writeTable({ name: 'c', sheet: 'x', columns, rows, options: { format: 'csv', calendar: 'japanese' }, now });
    const lines = file.body.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('氏名,メモ,件数,受付日時,受付日時（和暦）');
    expect(lines[1]).toMatch(/,2026\/12\/04 09:30,令和8年12月4日$/);
    expect(file.body.subarray(3).toString('utf8')).toContain('2019/05/01 00:00,令和元年5月1日');
  });

  it('UTF-8 encoding writes a BOM; Shift_JIS does not', () => {
    expect(encodeCsv('a', 'utf-8')).toEqual(Buffer.from([0xef, 0xbb, 0xbf, 0x61]));
    expect(encodeCsv('a', 'shift_jis')).toEqual(Buffer.from([0x61]));
  });
});
