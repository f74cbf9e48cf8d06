// Word documents written by hand, as Word writes their XML, for the tests of the Word reader
// (test/unit/readDocx.test.ts) and for LibreOffice to read the same (test/office/).
import { strToU8, zipSync } from 'fflate';

export const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"';
export const REV = 'w:author="张三" w:date="2025-03-01T10:00:00Z"';

const TYPES = 'application/vnd.openxmlformats-officedocument.wordprocessingml';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A .docx package: the body, and the footnotes and numbering parts if given (with the content types and relationships Word needs). */
export function docx(body: string, footnotes?: string, numbering?: string): Uint8Array {
  const parts: Array<[string, string, string, string]> = [];
  if (footnotes) parts.push(['footnotes', `<w:footnotes ${W}>${footnotes}</w:footnotes>`, 'footnotes', 'footnotes']);
  if (numbering) parts.push(['numbering', `<w:numbering ${W}>${numbering}</w:numbering>`, 'numbering', 'numbering']);
  const xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      `${xml}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
        `<Override PartName="/word/document.xml" ContentType="${TYPES}.document.main+xml"/>` +
        parts.map(([name, , type]) => `<Override PartName="/word/${name}.xml" ContentType="${TYPES}.${type}+xml"/>`).join('') +
        '</Types>',
    ),
    '_rels/.rels': strToU8(
      `${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/></Relationships>`,
    ),
    'word/_rels/document.xml.rels': strToU8(
      `${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        parts.map(([name, , , rel], i) => `<Relationship Id="rId${i + 1}" Type="${REL}/${rel}" Target="${name}.xml"/>`).join('') +
        '</Relationships>',
    ),
    'word/document.xml': strToU8(`${xml}<w:document ${W}><w:body>${body}<w:sectPr/></w:body></w:document>`),
  };
  for (const [name, content] of parts) files[`word/${name}.xml`] = strToU8(xml + content);
  return zipSync(files);
}

export const run = (text: string) => `<w:r><w:rPr><w:rFonts w:eastAsia="SimSun"/></w:rPr><w:t xml:space="preserve">${text}</w:t></w:r>`;
export const ins = (text: string, id = 1) => `<w:ins w:id="${id}" ${REV}>${run(text)}</w:ins>`;
export const del = (text: string, id = 2) => `<w:del w:id="${id}" ${REV}><w:r><w:delText xml:space="preserve">${text}</w:delText></w:r></w:del>`;
export const para = (content: string, mark = '') => `<w:p><w:pPr><w:ind w:firstLine="480"/><w:rPr>${mark}</w:rPr></w:pPr>${content}</w:p>`;

const lvl = (ilvl: number, format: string, text: string, suff = '') =>
  `<w:lvl w:ilvl="${ilvl}"><w:start w:val="1"/><w:numFmt w:val="${format}"/>${suff}<w:lvlText w:val="${text}"/></w:lvl>`;

/** Lists: 7 numbered `1.` with `(a)` below, 8 bullets, 9 as 7 but starting at 5. */
export const NUMBERING =
  `<w:abstractNum w:abstractNumId="3">${lvl(0, 'decimal', '%1.')}${lvl(1, 'lowerLetter', '(%2)', '<w:suff w:val="space"/>')}</w:abstractNum>` +
  `<w:abstractNum w:abstractNumId="4">${lvl(0, 'bullet', '•')}</w:abstractNum>` +
  `<w:num w:numId="7"><w:abstractNumId w:val="3"/></w:num><w:num w:numId="8"><w:abstractNumId w:val="4"/></w:num>` +
  `<w:num w:numId="9"><w:abstractNumId w:val="3"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>`;

/** A list item; with `former`, its properties before a tracked formatting change put it in that list. */
const item = (content: string, numId: number, ilvl = 0, mark = '', former?: number) =>
  `<w:p><w:pPr><w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr><w:rPr>${mark}</w:rPr>` +
  (former === undefined ? '' : `<w:pPrChange w:id="90" ${REV}><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="${former}"/></w:numPr></w:pPr></w:pPrChange>`) +
  `</w:pPr>${content}</w:p>`;

/** Operative paragraphs numbered by Word, one of them inserted as a tracked change, the last one numbered since a tracked change (a bullet before). */
export const NUMBERED_BODY =
  para(run('大会，')) +
  item(run('鼓励各国提供援助；'), 7) +
  item(ins('促请各国合作，', 3), 7, 0, `<w:ins w:id="4" ${REV}/>`) +
  item(run('包括交流信息；'), 7, 1) +
  item(run('包括提供培训；'), 7, 1) +
  item(run('决定继续处理这一问题。'), 7) +
  item(run('要点'), 8) +
  item(run('另一个编号'), 9, 0, '', 8);
