/**
 * The printable sticker and certificate (見守り協力事業者ステッカー・協定締結証) as an A4 PDF, and
 * the QR codes in it. The Japanese font comes from an npm package (Noto Sans JP, its JIS X 0208
 * subset, about 1.4 MB a weight), so a fresh machine without CJK fonts renders the same; pdfkit
 * embeds only the glyphs used (a page is ~35 kB). WOFF, not WOFF2: fontkit reads WOFF2 but its
 * subsets of it come out blank.
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { formatTokyoLongDate, tokyoMidnight } from '../../time.js';

const require = createRequire(import.meta.url);
const fontDir = path.join(path.dirname(require.resolve('@openfonts/noto-sans-jp_japanese/package.json')), 'files');

/**
 * WOFF 1.0 → plain sfnt (TrueType), once per process. fontkit reads WOFF directly but inflates
 * tables again on every glyph lookup: a page took 15 s that way and takes well under 1 s from
 * the unpacked font.
 */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.toString('latin1', 0, 4) !== 'wOFF') throw new Error('not a WOFF 1.0 font');
  const flavor = woff.readUInt32BE(4);
  const numTables = woff.readUInt16BE(12);
  const tables = Array.from({ length: numTables }, (_, i) => {
    const at = 44 + i * 20;
    const tag = woff.subarray(at, at + 4);
    const offset = woff.readUInt32BE(at + 4);
    const compLength = woff.readUInt32BE(at + 8);
    const origLength = woff.readUInt32BE(at + 12);
    const checksum = woff.readUInt32BE(at + 16);
    const raw = woff.subarray(offset, offset + compLength);
    return { tag, checksum, data: compLength < origLength ? inflateSync(raw) : raw };
  });
  const entrySelector = Math.floor(Math.log2(numTables));
  const searchRange = 2 ** entrySelector * 16;
  const header = Buffer.alloc(12 + numTables * 16);
  header.writeUInt32BE(flavor, 0);
  header.writeUInt16BE(numTables, 4);
  header.writeUInt16BE(searchRange, 6);
  header.writeUInt16BE(entrySelector, 8);
  header.writeUInt16BE(numTables * 16 - searchRange, 10);
  const parts: Buffer[] = [header];
  let offset = header.length;
  tables.forEach((t, i) => {
    const rec = 12 + i * 16;
    t.tag.copy(header, rec);
    header.writeUInt32BE(t.checksum, rec + 4);
    header.writeUInt32BE(offset, rec + 8);
    header.writeUInt32BE(t.data.length, rec + 12);
    const padded = (t.data.length + 3) & ~3;
    parts.push(t.data, Buffer.alloc(padded - t.data.length));
    offset += padded;
  });
  return Buffer.concat(parts);
}

let fonts: { regular: Buffer; bold: Buffer } | null = null;
function loadFonts() {
  return (fonts ??= {
    regular: woffToSfnt(readFileSync(path.join(fontDir, 'noto-sans-jp-japanese-400.woff'))),
    bold: woffToSfnt(readFileSync(path.join(fontDir, 'noto-sans-jp-japanese-700.woff'))),
  });
}

/** The field app's enrollment link for a one-time code. */
export function enrollUrl(publicUrl: string, code: string): string {
  return `${publicUrl}/field/enroll?code=${encodeURIComponent(code)}`;
}

/** The resident report page, crediting the partner whose sticker was scanned. */
export function stickerUrl(publicUrl: string, tenantSlug: string, stickerCode: string): string {
  return `${publicUrl}/t/${tenantSlug}/report?ref=${encodeURIComponent(stickerCode)}`;
}

/** An SVG QR code (for the console to show once, next to the link). */
export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

/**
 * Kanji outside JIS X 0208 that the bundled subset lacks, mapped to their common forms so a
 * name prints legibly rather than as empty boxes (e.g. 髙橋 → 高橋).
 */
const VARIANTS: Record<string, string> = { 髙: '高', 﨑: '崎', 德: '徳', 濵: '濱', 瀨: '瀬', 𠮷: '吉', 栁: '柳' };
const printable = (s: string) => [...s].map((c) => VARIANTS[c] ?? c).join('');

export interface StickerData {
  tenantName: string;
  partnerName: string;
  agreementNumber: number;
  signedOn: string; // YYYY-MM-DD
  scope: string;
  qrText: string;
  /** Set for a one-time enrollment sticker: what to tell the person printing it. */
  enrollment?: { label: string | null; expiresAt: Date };
}

const mm = (v: number) => (v * 72) / 25.4;

function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 2;
  const cell = size / (n + quiet * 2);
  doc.save().rect(x, y, size, size).fill('#ffffff');
  doc.fillColor('#000000');
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      if (qr.modules.get(r, c)) doc.rect(x + (c + quiet) * cell, y + (r + quiet) * cell, cell + 0.05, cell + 0.05);
    }
  }
  doc.fill().restore();
  // The link is also an annotation, so a PDF viewer can open it and tests can read it.
  doc.link(x, y, size, size, text);
}

/** Renders the A4 sticker + certificate page. */
export function renderStickerPdf(d: StickerData): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 0, info: { Title: `見守り協力事業者 ${d.partnerName}`, Author: d.tenantName } });
  const { regular, bold } = loadFonts();
  doc.registerFont('jp', regular);
  doc.registerFont('jp-bold', bold);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const W = doc.page.width;
  const green = '#1a7a4c';
  const partner = printable(d.partnerName);
  const tenant = printable(d.tenantName);

  // Sticker: 90 × 110 mm, with a dashed cut line.
  const sw = mm(90),
    sh = mm(110),
    sx = (W - sw) / 2,
    sy = mm(15);
  doc
    .save()
    .dash(4, { space: 3 })
    .lineWidth(0.5)
    .strokeColor('#888888')
    .rect(sx - mm(3), sy - mm(3), sw + mm(6), sh + mm(6))
    .stroke()
    .undash()
    .restore();
  doc.roundedRect(sx, sy, sw, sh, mm(4)).lineWidth(2).fillAndStroke('#ffffff', green);
  doc.rect(sx, sy + mm(4), sw, mm(14)).fill(green);
  doc
    .font('jp-bold')
    .fontSize(20)
    .fillColor('#ffffff')
    .text('見守り協力事業者', sx, sy + mm(6.5), { width: sw, align: 'center' });
  doc
    .font('jp')
    .fontSize(9)
    .fillColor('#1a1a1a')
    .text(`${tenant} 見守りネットワーク`, sx, sy + mm(21), { width: sw, align: 'center' });
  const qrSize = mm(52);
  drawQr(doc, d.qrText, sx + (sw - qrSize) / 2, sy + mm(28), qrSize);
  const caption = d.enrollment ? 'スマートフォン登録用（1回限り）' : '気になることがあれば、QRコードからお知らせください';
  doc
    .font('jp')
    .fontSize(8)
    .text(caption, sx + mm(4), sy + mm(82), { width: sw - mm(8), align: 'center' });
  doc
    .font('jp-bold')
    .fontSize(12)
    .text(partner, sx + mm(4), sy + mm(90), { width: sw - mm(8), align: 'center', height: mm(12), ellipsis: true });
  doc
    .font('jp')
    .fontSize(7)
    .fillColor('#555555')
    .text(`協定番号 第${d.agreementNumber}号`, sx, sy + mm(103), { width: sw, align: 'center' });

  // Certificate (協定締結証).
  const cx = mm(20),
    cy = mm(140),
    cw = W - mm(40),
    ch = mm(140);
  doc.lineWidth(3).strokeColor(green).rect(cx, cy, cw, ch).stroke();
  doc
    .lineWidth(0.8)
    .rect(cx + mm(3), cy + mm(3), cw - mm(6), ch - mm(6))
    .stroke();
  doc
    .font('jp-bold')
    .fontSize(24)
    .fillColor('#1a1a1a')
    .text('見守りネットワーク協定締結証', cx, cy + mm(14), { width: cw, align: 'center' });
  doc
    .font('jp')
    .fontSize(12)
    .text(`「${tenant} 見守りネットワーク協定締結事業者」`, cx, cy + mm(32), { width: cw, align: 'center' });
  doc
    .font('jp-bold')
    .fontSize(22)
    .text(partner, cx + mm(10), cy + mm(46), { width: cw - mm(20), align: 'center' });
  doc
    .font('jp')
    .fontSize(11)
    .text(
      `貴事業者は、${tenant}と見守り協定を締結し、地域の見守り活動にご協力いただいている見守り協力事業者であることを証します。`,
      cx + mm(18),
      cy + mm(66),
      { width: cw - mm(36), align: 'left', lineGap: 4 },
    );
  const rows: [string, string][] = [
    ['協定番号', `第${d.agreementNumber}号`],
    ['締結日', formatTokyoLongDate(new Date(tokyoMidnight(d.signedOn)))],
    ['協定の範囲', printable(d.scope)],
  ];
  let ry = cy + mm(88);
  for (const [k, v] of rows) {
    doc
      .font('jp-bold')
      .fontSize(10)
      .text(k, cx + mm(18), ry, { width: mm(28) });
    doc
      .font('jp')
      .fontSize(10)
      .text(v, cx + mm(48), ry, { width: cw - mm(66) - mm(36), height: mm(12), ellipsis: true });
    ry += mm(8);
  }
  drawQr(doc, d.qrText, cx + cw - mm(18) - mm(30), cy + mm(86), mm(30));
  doc
    .font('jp-bold')
    .fontSize(14)
    .text(tenant, cx, cy + ch - mm(18), { width: cw - mm(18), align: 'right' });

  if (d.enrollment) {
    const until = formatTokyoLongDate(d.enrollment.expiresAt);
    const label = d.enrollment.label ? `（${printable(d.enrollment.label)}）` : '';
    doc
      .font('jp')
      .fontSize(9)
      .fillColor('#a01010')
      .text(
        `このQRコードはスマートフォンを1台だけ登録できる一回限りのコードです${label}。有効期限：${until}。読み取り後は破棄してください。`,
        mm(20),
        mm(284),
        { width: W - mm(40), align: 'center', lineGap: 2 },
      );
  }
  doc.end();
  return done;
}
