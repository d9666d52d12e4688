/**
 * Rows → a spreadsheet file people open in Excel: .xlsx (exceljs) or CSV (UTF-8 with a BOM so
 * Excel reads it as UTF-8, or Shift_JIS — strictly Windows-31J/CP932, what Japanese Excel and
 * many municipal systems expect — on request). Shared floor: modules describe their columns and
 * rows; this file knows nothing of cases or KPIs.
 *
 * Formula injection (CSV injection, OWASP): a text cell that starts with = + - @ tab or CR could
 * run as a formula when the file is opened. Every such text cell is written with a leading
 * apostrophe, in both formats, so it shows as the text it was. Numbers stay numbers (a negative
 * change of -0.2 is a number, not text, and cannot carry a formula).
 */
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import iconv from 'iconv-lite';
import { Type } from 'typebox';
import { formatWareki, formatWesternDate, formatWesternDateTime } from './wareki.js';

export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const CSV_ENCODINGS = ['utf-8', 'shift_jis'] as const;
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];
/** 'western': 2026/12/04 only; 'japanese': a 和暦 column (令和8年12月4日) beside every date column. */
export const EXPORT_CALENDARS = ['western', 'japanese'] as const;
export type ExportCalendar = (typeof EXPORT_CALENDARS)[number];

/** The query parameters every export route takes (each module adds its own filters). */
export const exportQueryFields = {
  format: Type.Optional(Type.Union(EXPORT_FORMATS.map((f) => Type.Literal(f)))),
  /** CSV only: UTF-8 with BOM (default) or Shift_JIS. */
  encoding: Type.Optional(Type.Union(CSV_ENCODINGS.map((f) => Type.Literal(f)))),
  calendar: Type.Optional(Type.Union(EXPORT_CALENDARS.map((f) => Type.Literal(f)))),
};
export interface ExportOptions {
  format?: ExportFormat;
  encoding?: CsvEncoding;
  calendar?: ExportCalendar;
}

/** The largest number of rows one export writes; more is refused (narrow the filters). */
export const MAX_EXPORT_ROWS = 10_000;

export type CellValue = string | number | boolean | null | undefined;

/** A column: its (Japanese) header and how to get a row's value. `kind: 'date'` takes an ISO string or Date. */
export type Column<R> =
  | { header: string; value: (row: R) => CellValue; kind?: 'text' | 'number'; width?: number }
  | { header: string; value: (row: R) => string | Date | null | undefined; kind: 'date' | 'datetime'; width?: number };

const FORMULA_START = /^[=+\-@\t\r]/;

/** The text as a spreadsheet will show it, never as a formula: a leading ' when it starts with = + - @ tab or CR. */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A row of plain cells: text neutralised, numbers kept, dates formatted (Asia/Tokyo), 和暦 added when asked. */
function cellsOf<R>(columns: Column<R>[], row: R, calendar: ExportCalendar): (string | number)[] {
  const out: (string | number)[] = [];
  for (const c of columns) {
    const v = c.value(row);
    if (c.kind === 'date' || c.kind === 'datetime') {
      const d = v === null || v === undefined || v === '' ? null : new Date(v as string | Date);
      const ok = d && !Number.isNaN(d.getTime());
      out.push(ok ? (c.kind === 'date' ? formatWesternDate(d) : formatWesternDateTime(d)) : '');
      if (calendar === 'japanese') out.push(ok ? formatWareki(d) : '');
      continue;
    }
    if (v === null || v === undefined) out.push('');
    else if (typeof v === 'number') out.push(Number.isFinite(v) ? v : '');
    else if (typeof v === 'boolean') out.push(v ? 'はい' : 'いいえ');
    else out.push(neutralise(String(v)));
  }
  return out;
}

function headersOf<R>(columns: Column<R>[], calendar: ExportCalendar): string[] {
  return columns.flatMap((c) =>
    (c.kind === 'date' || c.kind === 'datetime') && calendar === 'japanese' ? [c.header, `${c.header}（和暦）`] : [c.header],
  );
}

/** A CSV field: quoted when it holds a quote, comma, line break or edge space (RFC 4180). */
function csvField(v: string | number): string {
  const s = typeof v === 'number' ? String(v) : v;
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/*
 * Characters whose usual Unicode form has no place in CP932 but whose look-alike has: mapped
 * before encoding so 「〜」 and 「−」 survive instead of becoming "?".
 */
const CP932_LOOKALIKES: Record<string, string> = {
  '\u301C': '\uFF5E', // 〜 WAVE DASH → ～
  '\u2212': '\uFF0D', // − MINUS SIGN → －
  '\u2016': '\u2225', // ‖ → ∥
  '\u00A2': '\uFFE0', // ¢ → ￠
  '\u00A3': '\uFFE1', // £ → ￡
  '\u00AC': '\uFFE2', // ¬ → ￢
  '\u2014': '\u2015', // — EM DASH → ―
};

/** Encodes CSV text: UTF-8 with a BOM (Excel then reads it as UTF-8), or Shift_JIS (CP932). */
export function encodeCsv(text: string, encoding: CsvEncoding): Buffer {
  if (encoding === 'shift_jis') {
    const mapped = text.replace(/[\u301C\u2212\u2016\u00A2\u00A3\u00AC\u2014]/g, (ch) => CP932_LOOKALIKES[ch] ?? ch);
    return iconv.encode(mapped, 'cp932');
  }
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

export interface ExportFile {
  body: Buffer;
  contentType: string;
  /** e.g. "cases-2026-12-05.xlsx" (ASCII, safe in any Content-Disposition). */
  filename: string;
  rows: number;
}

/**
 * Writes the rows as .xlsx (one sheet, header row bold and frozen, every cell a value: no
 * formulas) or CSV (CRLF lines).
 */
export async function writeTable<R>(t: {
  name: string;
  sheet: string;
  columns: Column<R>[];
  rows: R[];
  options: ExportOptions;
  now: Date;
  /** .xlsx only: lines above the header (title, period, tenant), written as neutralised text. */
  preamble?: string[];
}): Promise<ExportFile> {
  const format = t.options.format ?? 'xlsx';
  const calendar = t.options.calendar ?? 'western';
  const headers = headersOf(t.columns, calendar);
  const body = t.rows.map((r) => cellsOf(t.columns, r, calendar));
  const preamble = (t.preamble ?? []).map(neutralise);
  const day = formatWesternDate(t.now).replace(/\//g, '-');
  if (format === 'csv') {
    // No preamble in CSV: its first line is the header, so other programs can read it.
    const lines = [headers.map(csvField).join(','), ...body.map((r) => r.map(csvField).join(','))];
    const encoding = t.options.encoding ?? 'utf-8';
    return {
      body: encodeCsv(`${lines.join('\r\n')}\r\n`, encoding),
      contentType: `text/csv; charset=${encoding === 'shift_jis' ? 'Shift_JIS' : 'utf-8'}`,
      filename: `${t.name}-${day}${encoding === 'shift_jis' ? '-sjis' : ''}.csv`,
      rows: t.rows.length,
    };
  }
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Tsunagari';
  wb.created = t.now;
  const ws = wb.addWorksheet(t.sheet.slice(0, 31));
  for (const p of preamble) ws.addRow([p]);
  const headerRow = ws.addRow(headers);
  headerRow.font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: headerRow.number }];
  // Every cell is a plain value (string or number): exceljs writes a formula only from { formula }.
  for (const r of body) ws.addRow(r);
  let i = 1;
  for (const c of t.columns) {
    const w = c.width ?? Math.min(40, Math.max(10, c.header.length * 2 + 2));
    ws.getColumn(i++).width = w;
    if ((c.kind === 'date' || c.kind === 'datetime') && calendar === 'japanese') ws.getColumn(i++).width = 18;
  }
  return {
    body: Buffer.from(await wb.xlsx.writeBuffer()),
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    filename: `${t.name}-${day}.xlsx`,
    rows: t.rows.length,
  };
}

/** Sends the file as a download (never cached: it holds personal data). */
export function sendExport(reply: FastifyReply, file: ExportFile) {
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', `attachment; filename="${file.filename}"`)
    .header('cache-control', 'no-store')
    .header('x-export-rows', String(file.rows))
    .send(file.body);
}
