// Paragraph texts by text id, each distinct text once.
import { grow } from './typedArrays';

/** FNV-1a over the UTF-16 units, mixed. */
export function textHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return ((h ^ (h >>> 15)) | 0) >>> 0;
}

/** Texts as a cache file holds them: UTF-16LE one after the other, text i at offsets[i] … offsets[i + 1] (code units). */
export interface PackedTexts {
  offsets: Uint32Array;
  blob: Buffer;
}

/**
 * Paragraph texts by text id, each distinct text once: a corpus carries paragraphs over from
 * version to version, and a third or more of its paragraphs are copies of another.
 */
export class TextStore {
  /** Texts by id; `undefined`: not yet decoded from `packed`. */
  private readonly texts: (string | undefined)[];
  /**
   * A restored store's texts, decoded one by one when first asked for (text()): a warm start
   * then decodes the few a search needs instead of 600,000 (~0.1 s) before the corpus is ready.
   */
  private readonly packed?: PackedTexts;
  /** Paragraphs holding each text. */
  refs: Uint32Array;
  /** For each text, the last paragraph id added with it (−1: none): add() reuses its fingerprints. */
  lastPid: Int32Array;
  /**
   * Text → id, made when first needed (a restored index may never add anything): open
   * addressing on a hash of the text, slot = [hash, id + 1] (0: empty). Cheaper than a Map of
   * a million strings.
   */
  private table?: Int32Array;
  private used = 0;
  /** Texts reserve() made room for before the table was made. */
  private wanted = 0;

  constructor(texts: string[] | PackedTexts = [], refs?: Uint32Array) {
    if (Array.isArray(texts)) this.texts = texts;
    else {
      this.packed = texts;
      this.texts = new Array<string | undefined>(texts.offsets.length - 1);
    }
    this.refs = refs ?? new Uint32Array(Math.max(1024, this.texts.length));
    this.lastPid = new Int32Array(Math.max(1024, this.texts.length)).fill(-1);
  }

  /** Number of text ids given out (released texts included). */
  get count(): number {
    return this.texts.length;
  }

  /** The text of `id` ('' once released). */
  text(id: number): string {
    const t = this.texts[id];
    if (t !== undefined) return t;
    const { offsets, blob } = this.packed!;
    return (this.texts[id] = blob.toString('utf16le', offsets[id] * 2, offsets[id + 1] * 2));
  }

  /**
   * Room for `more` texts without growing the table. A table not made yet is left to the first
   * intern (hashing every text of a restored index is ~0.3 s at 30,000 resolutions), told the size.
   */
  reserve(more: number): void {
    if (!this.table) {
      this.wanted = more;
      return;
    }
    const want = (this.used + more) * 4;
    if (this.table.length < want) this.rehash(want / 2);
  }

  /** The id of `text` (added if new); `hash`, if given, is textHash(text). */
  intern(text: string, hash?: number): number {
    if (!this.table) this.rehash(Math.max(1024, (this.texts.length + this.wanted) * 2));
    const h = (hash ?? textHash(text)) | 0;
    const table = this.table!;
    const mask = (table.length >> 1) - 1;
    let slot = h & mask;
    for (; table[2 * slot + 1] !== 0; slot = (slot + 1) & mask) {
      const id = table[2 * slot + 1] - 1;
      if (table[2 * slot] === h && this.refs[id] > 0 && this.text(id) === text) {
        this.refs[id]++;
        return id;
      }
    }
    const id = this.texts.length;
    this.texts.push(text);
    table[2 * slot] = h;
    table[2 * slot + 1] = id + 1;
    this.refs = grow(this.refs, id + 1);
    this.refs[id] = 1;
    if (id >= this.lastPid.length) {
      const old = this.lastPid;
      this.lastPid = new Int32Array(old.length * 2).fill(-1);
      this.lastPid.set(old);
    }
    if (++this.used * 2 > table.length >> 1) this.rehash(table.length);
    return id;
  }

  /** A text no paragraph holds any more is dropped (its slot stays, skipped, until a rehash). */
  release(id: number): void {
    if (--this.refs[id] > 0) return;
    this.texts[id] = '';
  }

  /** A table of at least `slots` slots holding every live text. */
  private rehash(slots: number): void {
    let n = 1024;
    while (n < slots) n *= 2;
    const table = new Int32Array(2 * n);
    const mask = n - 1;
    this.used = 0;
    for (let id = 0; id < this.texts.length; id++) {
      if (this.refs[id] === 0) continue;
      const h = textHash(this.text(id));
      let slot = h & mask;
      while (table[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
      table[2 * slot] = h;
      table[2 * slot + 1] = id + 1;
      this.used++;
    }
    this.table = table;
  }
}
