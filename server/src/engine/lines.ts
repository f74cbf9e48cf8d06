// Lines of a source text and conversion between offsets and (line, character) positions.
// Offsets and characters are UTF-16 code units, as in JS strings and in LSP.

export interface Line {
  /** Offset of the first unit of the line. */
  start: number;
  /** Offset just past the last unit of the line, before its line break. */
  end: number;
  text: string;
  /** Cut out of a line flattened from several (engine/flattened.ts): it opens where a line did. */
  cut?: boolean;
}

export interface Position {
  line: number;
  character: number;
}

/** Calls `line(start, end)` for each line of `source`, `end` before its break (\r\n, \n or \r). */
function eachLine(source: string, line: (start: number, end: number) => void): void {
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 10 || c === 13) {
      line(start, i);
      if (c === 13 && source.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  line(start, source.length);
}

/** Splits on \r\n, \n and \r, keeping offsets into the source. */
export function splitLines(source: string): Line[] {
  const lines: Line[] = [];
  eachLine(source, (start, end) => lines.push({ start, end, text: source.slice(start, end) }));
  return lines;
}

export class LineIndex {
  private readonly starts: number[] = [];

  constructor(private readonly source: string) {
    // Without a string and an object per line, as splitLines makes.
    eachLine(source, (start) => this.starts.push(start));
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.source.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    // An offset inside a \r\n pair belongs to the end of the line.
    return { line: lo, character: o - this.starts[lo] };
  }

  offsetAt(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.starts.length) return this.source.length;
    const start = this.starts[pos.line];
    const next = pos.line + 1 < this.starts.length ? this.starts[pos.line + 1] : this.source.length;
    let end = next;
    if (pos.line + 1 < this.starts.length) {
      end = next - 1;
      if (this.source.charCodeAt(end - 1) === 13 && this.source.charCodeAt(end) === 10) end--;
    }
    return Math.max(start, Math.min(start + pos.character, end));
  }

  get lineCount(): number {
    return this.starts.length;
  }
}
