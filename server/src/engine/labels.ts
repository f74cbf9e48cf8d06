// How paragraphs and resolutions are named in short labels. No imports: the VS Code client's
// comparison view uses them without loading the engine (its Traditional-character tables).

/** `A/RES/72/57` → `72/57`, for short labels. */
export function shortSymbol(symbol: string): string {
  return symbol.replace(/^A\/RES\//i, '');
}

/** PP4 → 序言部分第 4 段, OP3 → 执行部分第 3 段. */
export function chineseLabel(label: string): string {
  const m = /^(PP|OP)(\d+)$/.exec(label);
  if (!m) return label;
  return `${m[1] === 'PP' ? '序言部分' : '执行部分'}第 ${m[2]} 段`;
}
