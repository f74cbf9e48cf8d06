// PDFs written by hand for the PDF reader's tests: pages of text placed where a resolution has
// it, in the fonts old Official Document System PDFs use — Chinese fonts that are not embedded,
// with a predefined encoding (STSong-Light in UniGB-UCS2-H, MSung-Light in UniCNS-UCS2-H), which
// pdf.js can read only with its CMaps — or no text at all (a scan).

export interface PlacedText {
  text: string;
  x: number;
  /** The baseline, from the bottom of the page (points). */
  y: number;
  size: number;
}

export type ChineseFont = 'simplified' | 'traditional';

const FONTS: Record<ChineseFont, { name: string; encoding: string; ordering: string; supplement: number }> = {
  simplified: { name: 'STSong-Light', encoding: 'UniGB-UCS2-H', ordering: 'GB1', supplement: 4 },
  traditional: { name: 'MSung-Light', encoding: 'UniCNS-UCS2-H', ordering: 'CNS1', supplement: 4 },
};

/** UCS-2 big-endian hex of a string (what a UCS2-H encoded string holds). */
function ucs2Hex(s: string): string {
  return [...s].map((c) => c.charCodeAt(0).toString(16).padStart(4, '0')).join('');
}

/** An A4 PDF: each page's texts, or (`drawing`) only a filled rectangle, as a scanned page without a text layer is. */
export function handWrittenPdf(pages: Array<PlacedText[] | 'drawing'>, font: ChineseFont = 'simplified'): Uint8Array {
  const f = FONTS[font];
  const objects: string[] = [];
  const add = (body: string) => objects.push(body) - 1 + 1; // object numbers from 1
  const catalog = add('');
  const pagesObj = add('');
  const descendant = add(
    `<< /Type /Font /Subtype /CIDFontType0 /BaseFont /${f.name} /CIDSystemInfo << /Registry (Adobe) /Ordering (${f.ordering}) /Supplement ${f.supplement} >> ` +
      `/FontDescriptor ${objects.length + 2} 0 R /DW 1000 >>`,
  );
  const type0 = add(`<< /Type /Font /Subtype /Type0 /BaseFont /${f.name} /Encoding /${f.encoding} /DescendantFonts [${descendant} 0 R] >>`);
  add(`<< /Type /FontDescriptor /FontName /${f.name} /Flags 6 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>`);
  const kids: number[] = [];
  for (const page of pages) {
    const content =
      page === 'drawing'
        ? '0.2 g 72 300 450 400 re f'
        : page.map((t) => `BT /F1 ${t.size} Tf ${t.x} ${t.y} Td <${ucs2Hex(t.text)}> Tj ET`).join('\n');
    const stream = add(`<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`);
    kids.push(add(`<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 ${type0} 0 R >> >> /Contents ${stream} 0 R >>`));
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
  objects[pagesObj - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  let out = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

/**
 * Lines of a resolution page as the Official Document System sets them: 12-point text on lines
 * 20 points apart from the top, a paragraph's first line indented two characters (`  ` at the
 * start of a line here), a 9-point running header above and a footer below.
 */
export function resolutionPage(lines: string[], opts: { header?: string; footer?: string; notes?: string[] } = {}): PlacedText[] {
  const placed: PlacedText[] = [];
  const left = 90;
  if (opts.header) placed.push({ text: opts.header, x: left, y: 790, size: 9 });
  lines.forEach((line, i) => {
    const indent = /^ */.exec(line)![0].length / 2;
    // `^1` in a line: a superscript footnote marker (7 points, raised 4).
    const parts = line.trim().split(/\^(\d+)/);
    let x = left + indent * 24;
    parts.forEach((part, j) => {
      const superscript = j % 2 === 1;
      if (part) placed.push({ text: part, x, y: 740 - i * 20 + (superscript ? 4 : 0), size: superscript ? 7 : 12 });
      x += part.length * (superscript ? 4 : 12);
    });
  });
  (opts.notes ?? []).forEach((note, i) => placed.push({ text: note, x: left, y: 110 - i * 14, size: 10 }));
  if (opts.footer) placed.push({ text: opts.footer, x: 400, y: 50, size: 8 });
  return placed;
}

/** The two pages of a short resolution in 79/40's wording: title, two preambular paragraphs (one with a footnote), three operative. */
export const PAGE_1 = resolutionPage(
  [
    '  79/40. 小武器和轻武器非法贸易的各方面问题',
    '  大会，',
    '  回顾其 2023 年 12 月 4 日第 78/46 号决议及以往所有关于',
    '小武器和轻武器非法贸易各方面问题的决议，',
    '  强调必须继续全面执行《行动纲领》，^1并确认《行动纲',
    '领》对这方面国际努力的重大贡献，',
    '  1. 鼓励各国提供国际合作和援助，包括加强国家能力，以便',
    '充分执行《行动纲领》；',
  ],
  { notes: ['1 A/CONF.192/15，第四章，第 24 段。'], footer: '24-22639 1/2' },
);
export const PAGE_2 = resolutionPage(['  2. 请秘书长向大会第八十届会议报告本决议的执行情况；', '  3. 决定继续处理这一问题。'], {
  header: 'A/RES/79/40 小武器和轻武器非法贸易的各方面问题',
  footer: '24-22639 2/2',
});
