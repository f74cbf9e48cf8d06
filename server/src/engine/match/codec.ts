// A small binary container for caching the index on disk: magic, version, a JSON header,
// then sections read back in the order they were written (typed arrays in platform byte
// order, string lists as UTF-8 with a length table). Every section starts on a multiple of 8
// bytes from the container's start (the header is padded, a section's length field is 8 bytes
// and its bytes are padded to a multiple of 8), so that a reader whose buffer is aligned takes
// the typed arrays as views of it, without copying; an unaligned buffer is copied from.
//
// Both sides are generators (see slices.ts) so that a large index is written and read in
// slices: the writer yields the file's bytes as chunks, in order, and `undefined` where it
// may pause without having produced bytes; the reader yields where it may pause.

const MAGIC = 'UNRE';
const VERSION = 2;
/** Sections start on multiples of this many bytes: any typed array's element size divides it. */
export const ALIGN = 8;
/** Largest chunk the writer yields, and bytes of strings decoded between pauses. */
const CHUNK_BYTES = 1 << 22;
/** Strings measured or decoded between pauses. */
const STRINGS_PER_STEP = 1 << 13;

type Typed = Uint32Array | Int32Array | Uint16Array | Uint8Array;

/** Bytes of the file, in order, or `undefined`: a point where the writer may pause. */
export type Chunk = Buffer | undefined;

/** Bytes of padding after `n` bytes, to the next multiple of ALIGN. */
export function padding(n: number): number {
  return (ALIGN - (n % ALIGN)) % ALIGN;
}

/** A section's length field (ALIGN bytes: the length as u32 LE, then zeros). */
function lengthField(n: number): Buffer {
  const b = Buffer.alloc(ALIGN);
  b.writeUInt32LE(n);
  return b;
}

/** The container's opening: magic, version and `header` as JSON, padded with spaces. */
export function headerChunk(header: object): Buffer {
  const text = JSON.stringify(header);
  const json = Buffer.from(text + ' '.repeat(padding(12 + Buffer.byteLength(text))));
  const head = Buffer.alloc(12);
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(VERSION, 4);
  head.writeUInt32LE(json.length, 8);
  return Buffer.concat([head, json]);
}

/**
 * A typed array as a section. The chunks are views of `a`, not copies: it must not change
 * until they are written.
 */
export function* typedChunks(a: Typed): Generator<Chunk, void, undefined> {
  yield lengthField(a.byteLength);
  for (let at = 0; at < a.byteLength; at += CHUNK_BYTES) {
    yield Buffer.from(a.buffer, a.byteOffset + at, Math.min(CHUNK_BYTES, a.byteLength - at));
  }
  if (padding(a.byteLength)) yield Buffer.alloc(padding(a.byteLength));
}

/** `count` strings (`at(i)` the i-th) as a length table and a UTF-8 blob. */
export function* stringChunks(count: number, at: (i: number) => string): Generator<Chunk, void, undefined> {
  const lengths = new Uint32Array(count);
  let total = 0;
  for (let i = 0; i < count; i++) {
    total += lengths[i] = Buffer.byteLength(at(i));
    if (i % STRINGS_PER_STEP === STRINGS_PER_STEP - 1) yield undefined;
  }
  yield* typedChunks(lengths);
  yield lengthField(total);
  for (let i = 0; i < count; ) {
    let bytes = 0;
    let j = i;
    while (j < count && (j === i || (bytes + lengths[j] <= CHUNK_BYTES && j - i < STRINGS_PER_STEP))) bytes += lengths[j++];
    const blob = Buffer.allocUnsafe(bytes);
    let pos = 0;
    for (; i < j; i++) pos += blob.write(at(i), pos);
    yield blob;
  }
  if (padding(total)) yield Buffer.alloc(padding(total));
}

/**
 * `count` strings (`at(i)` the i-th) as a table of offsets (UTF-16 code units, count + 1) and
 * the strings one after the other in UTF-16LE: read back without per-string decoding (Chinese
 * text is also a third smaller than in UTF-8), each string when it is first needed.
 */
export function* utf16Chunks(count: number, at: (i: number) => string): Generator<Chunk, void, undefined> {
  const offsets = new Uint32Array(count + 1);
  for (let i = 0; i < count; i++) {
    offsets[i + 1] = offsets[i] + at(i).length;
    if (i % STRINGS_PER_STEP === STRINGS_PER_STEP - 1) yield undefined;
  }
  yield* typedChunks(offsets);
  const total = offsets[count] * 2;
  yield lengthField(total);
  for (let i = 0; i < count; ) {
    let j = i + 1;
    while (j < count && (offsets[j + 1] - offsets[i]) * 2 <= CHUNK_BYTES) j++;
    const blob = Buffer.allocUnsafe((offsets[j] - offsets[i]) * 2);
    for (let pos = 0; i < j; i++) pos += blob.write(at(i), pos, 'utf16le');
    yield blob;
  }
  if (padding(total)) yield Buffer.alloc(padding(total));
}

/** The chunks joined, pauses ignored. */
export function joinChunks(chunks: Iterable<Chunk>): Buffer {
  const parts: Buffer[] = [];
  for (const c of chunks) if (c) parts.push(c);
  return Buffer.concat(parts);
}

export class Reader {
  readonly header: unknown;
  private at: number;

  constructor(private buf: Buffer) {
    if (buf.length < 12 || buf.toString('latin1', 0, 4) !== MAGIC || buf.readUInt32LE(4) !== VERSION) {
      throw new Error('not an unres echo index');
    }
    const len = buf.readUInt32LE(8);
    if (12 + len > buf.length) throw new Error('truncated echo index');
    this.header = JSON.parse(buf.toString('utf8', 12, 12 + len));
    this.at = 12 + len;
  }

  // Each read pauses (yields) between pieces of CHUNK_BYTES.

  uint32(): Generator<undefined, Uint32Array<ArrayBuffer>, undefined> {
    return this.array(Uint32Array);
  }

  int32(): Generator<undefined, Int32Array<ArrayBuffer>, undefined> {
    return this.array(Int32Array);
  }

  uint16(): Generator<undefined, Uint16Array<ArrayBuffer>, undefined> {
    return this.array(Uint16Array);
  }

  uint8(): Generator<undefined, Uint8Array<ArrayBuffer>, undefined> {
    return this.array(Uint8Array);
  }

  /** A string list. */
  *strings(): Generator<undefined, string[], undefined> {
    const lengths = yield* this.uint32();
    const blob = this.section();
    const out = new Array<string>(lengths.length);
    let at = 0;
    let since = 0;
    for (let i = 0; i < lengths.length; i++) {
      if (at + lengths[i] > blob.length) throw new Error('corrupt echo index');
      out[i] = blob.toString('utf8', at, at + lengths[i]);
      at += lengths[i];
      since += lengths[i];
      if (i % STRINGS_PER_STEP === STRINGS_PER_STEP - 1 || since >= CHUNK_BYTES) {
        since = 0;
        yield undefined;
      }
    }
    if (at !== blob.length) throw new Error('corrupt echo index');
    return out;
  }

  /**
   * What utf16Chunks wrote, checked but not decoded: the offsets and the bytes, a view of the
   * buffer (TextStore decodes a text when first asked for it).
   */
  *utf16Packed(): Generator<undefined, { offsets: Uint32Array; blob: Buffer }, undefined> {
    const offsets = yield* this.uint32();
    const blob = this.section();
    const n = offsets.length - 1;
    if (n < 0 || offsets[0] !== 0 || offsets[n] * 2 !== blob.length) throw new Error('corrupt echo index');
    for (let i = 0; i < n; i++) {
      if (offsets[i + 1] < offsets[i]) throw new Error('corrupt echo index');
      if (i % STRINGS_PER_STEP === STRINGS_PER_STEP - 1) yield undefined;
    }
    return { offsets, blob };
  }

  /**
   * A typed array section: a view of the buffer when the section is aligned in memory (the
   * buffer is then shared: the array must be the reader's caller's to change), else a copy made
   * in pieces of CHUNK_BYTES.
   */
  private *array<T extends Typed>(Ctor: { new (n: number): T; new (b: ArrayBuffer, at: number, n: number): T; readonly BYTES_PER_ELEMENT: number }): Generator<undefined, T, undefined> {
    const bytes = this.section();
    if (bytes.length % Ctor.BYTES_PER_ELEMENT) throw new Error('corrupt echo index');
    const n = bytes.length / Ctor.BYTES_PER_ELEMENT;
    if (bytes.byteOffset % Ctor.BYTES_PER_ELEMENT === 0) return new Ctor(bytes.buffer as ArrayBuffer, bytes.byteOffset, n);
    const out = new Ctor(n);
    const view = new Uint8Array(out.buffer);
    for (let at = 0; at < bytes.length; at += CHUNK_BYTES) {
      view.set(bytes.subarray(at, Math.min(bytes.length, at + CHUNK_BYTES)), at);
      yield undefined;
    }
    return out;
  }

  private section(): Buffer {
    if (this.at + ALIGN > this.buf.length) throw new Error('truncated echo index');
    const n = this.buf.readUInt32LE(this.at);
    const start = this.at + ALIGN;
    if (start + n + padding(n) > this.buf.length) throw new Error('truncated echo index');
    this.at = start + n + padding(n);
    return this.buf.subarray(start, start + n);
  }
}
