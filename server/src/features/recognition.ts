// Whether the parser recognised anything: a text with words in it but no paragraph found is
// never passed over in silence. A text in another language gets one information message (unres
// checks Chinese texts); a Chinese text where no paragraph was found gets a warning saying why.
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { paragraphs } from '../engine/model';
import { DraftDocument } from './document';
import { Finding, finding } from './findings';

export const NOT_CHINESE = 'not-chinese';
export const NOTHING_RECOGNISED = 'nothing-recognised';

/** A title typed alone is a draft begun, not an unrecognised text; longer than this, it is text. */
const TITLE_CHARS = 60;
/** Characters of the text looked at to tell its language. */
const SAMPLE = 20000;

export function recognitionFindings(doc: DraftDocument): Finding[] {
  const res = doc.resolution;
  if (paragraphs(res).length > 0) return [];
  const first = /\S[^\r\n]*/.exec(doc.text);
  if (!first) return [];
  const span = { start: first.index, end: first.index + first[0].trimEnd().length };
  const sample = doc.text.slice(0, SAMPLE);
  const han = countOf(sample, /[\u3400-\u9fff\uf900-\ufaff]/g);
  const letters = countOf(sample, /[\p{L}]/gu) - han;
  if (han * 4 < letters) {
    return [
      finding(doc, span, NOT_CHINESE, DiagnosticSeverity.Information,
        'unres 检查中文决议文本，此文件看来不是中文，未作检查 / unres checks resolutions in Chinese: this text does not look Chinese, so it was not checked'),
    ];
  }
  const others = res.heading.filter((h) => h.kind === 'other');
  const unread = others.length > 0 || (res.title?.text.length ?? 0) > TITLE_CHARS;
  if (!unread) return [];
  const [zh, en] = res.opening
    ? ['“大会，”之后没有段落', 'nothing follows the opening']
    : [
        '没有“大会，”“安全理事会，”之类的开头，也没有以段落动词（回顾、决定……）或执行部分编号（1.）开头的行',
        'no opening such as 大会， or 安全理事会，, and no line opens with a paragraph verb (回顾, 决定…) or an operative number (1.)',
      ];
  return [finding(doc, span, NOTHING_RECOGNISED, DiagnosticSeverity.Warning, `未识别出任何段落：${zh} / No paragraph recognised: ${en}`)];
}

function countOf(text: string, re: RegExp): number {
  let n = 0;
  for (const _ of text.matchAll(re)) n++;
  return n;
}
