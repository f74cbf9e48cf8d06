// A comparison as one self-contained HTML page: `unres compare --format html` and the VS Code
// comparison view (a webview, where the --vscode-* colours of the theme apply). Pure: the client
// and the CLI both import it.
import { Comparison, ComparedParagraph, ParagraphClass, chineseLabel, shortSymbol } from './comparison';

/** Each class as both languages name it, in the order summaries list them. */
export const CLASS_NAMES: Record<ParagraphClass, string> = {
  unchanged: '未改 unchanged',
  technical: '技术性更新 technical',
  changed: '措辞修改 changed',
  new: '新增 new',
  dropped: '删除 dropped',
};

const STYLE = `
body { font-family: var(--vscode-font-family, "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif); color: var(--vscode-foreground, #1f1f1f); background: var(--vscode-editor-background, #fff); margin: 1em 1.5em; line-height: 1.7; }
h1 { font-size: 1.3em; margin: 0 0 .2em; } .why { opacity: .8; margin: 0 0 .8em; }
.chips { display: flex; flex-wrap: wrap; gap: .4em; margin: .6em 0 1em; }
.chip { border-radius: 1em; padding: .1em .8em; border-left: .5em solid; background: var(--vscode-editorWidget-background, #f3f3f3); }
table { border-collapse: collapse; width: 100%; } td { vertical-align: top; padding: .35em .5em; border-bottom: 1px solid var(--vscode-editorWidget-border, #ddd); }
td.label { white-space: nowrap; font-size: .85em; width: 1%; }
td.label b { font-family: var(--vscode-editor-font-family, monospace); font-size: 1.15em; }
tr { border-left: .5em solid; }
.unchanged { border-color: #9e9e9e; } .technical { border-color: #3b82f6; } .changed { border-color: #f59e0b; } .new { border-color: #16a34a; } .dropped { border-color: #dc2626; }
tr.unchanged td.text { opacity: .6; }
ins { text-decoration: none; font-weight: bold; background: var(--vscode-diffEditor-insertedTextBackground, rgba(22,163,74,.25)); }
del { text-decoration: none; background: var(--vscode-diffEditor-removedTextBackground, rgba(220,38,38,.22)); }
del::before { content: "〔"; } del::after { content: "〕"; }
.echo { font-size: .85em; opacity: .8; display: block; }
.moved { font-size: .85em; font-style: italic; }
`;

/** The page: a summary, then one table row per paragraph, coloured by class. */
export function comparisonHtml(c: Comparison): string {
  const title = `${c.draft.symbol ?? '草案 draft'} ↔ ${c.predecessor.symbol}`;
  const chips = (Object.keys(CLASS_NAMES) as ParagraphClass[])
    .map((k) => `<span class="chip ${k}" data-class="${k}">${esc(CLASS_NAMES[k])} <b>${c.summary[k]}</b></span>`)
    .join('');
  const verdict = c.technicalUpdate ? '技术性更新 technical update: 是 yes' : '技术性更新 technical update: 否 no';
  return `<!DOCTYPE html>
<html lang="zh-Hans"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline';">
<title>${esc(title)}</title><style>${STYLE}</style></head>
<body>
<h1>${esc(title)}${c.draft.title ? ` 《${esc(c.draft.title)}》` : ''}</h1>
<p class="why">与 compared with <b>${esc(c.predecessor.symbol)}</b> — ${esc(c.predecessor.reason)}</p>
<div class="chips">${chips}<span class="chip" data-class="moved">移动 moved <b>${c.summary.moved}</b></span><span class="chip verdict">${esc(verdict)}</span></div>
<table>
${c.rows.map((r) => rowHtml(r, c)).join('\n')}
</table>
</body></html>`;
}

function rowHtml(r: ComparedParagraph, c: Comparison): string {
  const was = r.predecessor ? `${shortSymbol(c.predecessor.symbol)} ${r.predecessor.label}` : '';
  const moved = r.moved ? `<span class="moved">移自 moved from ${esc(chineseLabel(r.predecessor!.label))}</span>` : '';
  const echoes = (r.echoes ?? []).map((e) => `<span class="echo">先前措辞 earlier wording: ${esc(e.symbol)} ${esc(e.paragraph)} (${Math.round(e.score * 100)}%)</span>`).join('');
  const text = r.diff.map((d) => (d.op === 'equal' ? esc(d.text) : d.op === 'insert' ? `<ins>${esc(d.text)}</ins>` : `<del>${esc(d.text)}</del>`)).join('');
  // One narrow cell for the paragraph, its class and its counterpart: the text gets the width.
  return (
    `<tr class="${r.cls}" data-class="${r.cls}"><td class="label"><b>${esc(r.draft?.label ?? '—')}</b><br>${esc(CLASS_NAMES[r.cls])}` +
    `${was ? `<br>← ${esc(was)}` : ''}${moved ? `<br>${moved}` : ''}</td><td class="text">${text}${echoes}</td></tr>`
  );
}

function esc(s: string): string {
  return s.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!);
}
