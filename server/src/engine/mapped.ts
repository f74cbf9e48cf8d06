// Helpers for MappedText: clean text that remembers where each unit came from.
import { MappedText, Span } from './model';

/** The source span of clean-text units [start, end). An empty range maps to an empty span. */
export function mapSpan(m: MappedText, start: number, end: number): Span {
  if (m.offsets.length === 0) return { start: 0, end: 0 };
  if (end <= start) {
    const at = start < m.offsets.length ? m.offsets[start] : m.offsets[m.offsets.length - 1] + 1;
    return { start: at, end: at };
  }
  return { start: m.offsets[start], end: m.offsets[end - 1] + 1 };
}

/** Builds a MappedText piece by piece. */
export class MappedBuilder {
  private chars: string[] = [];
  private offs: number[] = [];

  /** Appends source[start, end) unchanged. */
  copy(source: string, start: number, end: number): void {
    for (let i = start; i < end; i++) {
      this.chars.push(source[i]);
      this.offs.push(i);
    }
  }

  /** Appends a synthetic unit (e.g. a joining space) attributed to source offset `at`. */
  put(ch: string, at: number): void {
    this.chars.push(ch);
    this.offs.push(at);
  }

  get length(): number {
    return this.chars.length;
  }

  last(): string | undefined {
    return this.chars[this.chars.length - 1];
  }

  /** Drops trailing units matching `re` (one unit each). */
  trimEnd(re: RegExp): void {
    while (this.chars.length && re.test(this.chars[this.chars.length - 1])) {
      this.chars.pop();
      this.offs.pop();
    }
  }

  build(): MappedText {
    return { text: this.chars.join(''), offsets: this.offs.slice() };
  }
}

/** A MappedText of source[start, end) as it is. */
export function sliceMapped(source: string, start: number, end: number): MappedText {
  const b = new MappedBuilder();
  b.copy(source, start, end);
  return b.build();
}
