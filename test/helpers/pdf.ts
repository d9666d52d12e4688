/**
 * The text of a PDF as a reader (or a search in a PDF viewer) sees it, page by page, read with
 * Mozilla's PDF.js. Chromium's fonts map some kanji to their Kangxi-radical code points (⽇ for 日);
 * NFKC folds those back so tests can look for ordinary Japanese. It does not fold the CJK Radicals
 * Supplement (⻑ for 長), which has no compatibility mapping: avoid such kanji in expectations.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export async function pdfPages(pdf: Buffer): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(
      content.items
        .map((item) => ('str' in item ? item.str : ''))
        .join('')
        .normalize('NFKC'),
    );
  }
  await doc.destroy();
  return pages;
}
