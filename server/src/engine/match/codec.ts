// A small binary container for caching the index on disk: magic, version, a JSON header,
// then sections read back in the order they were written (typed arrays in platform byte
// order, string lists as UTF-8 with a length table). Readers copy out of the buffer, so
// sections need no alignment.

const MAGIC = 'UNRE';
const VERSION = 1;

type Typed = Uint32Array | Int32Array | Uint16Array;

export class Writer {
  private parts: Buffer[] = [];

  typed(a: Typed): this {
    return this.section(Buffer.from(a.buffer, a.byteOffset, a.byteLength));
  }

  strings(list: readonly string[]): this {
    const lengths = new Uint32Array(list.length);
    let total = 0;
    for (let i = 0; i < list.length; i++) total += lengths[i] = Buffer.byteLength(list[i]);
    const blob = Buffer.allocUnsafe(total);
    let at = 0;
    for (const s of list) at += blob.write(s, at);
    return this.typed(lengths).section(blob);
  }

  finish(header: object): Buffer {
    const json = Buffer.from(JSON.stringify(header));
    const head = Buffer.alloc(12);
    head.write(MAGIC, 0, 'latin1');
    head.writeUInt32LE(VERSION, 4);
    head.writeUInt32LE(json.length, 8);
    return Buffer.concat([head, json, ...this.parts]);
  }

  private section(b: Buffer): this {
    const head = Buffer.alloc(4);
    head.writeUInt32LE(b.length);
    this.parts.push(head, b);
    return this;
  }
}

export class Reader {
  readonly header: unknown;
  private at: number;

  constructor(private buf: Buffer) {
    if (buf.length < 12 || buf.toString('latin1', 0, 4) !== MAGIC || buf.readUInt32LE(4) !== VERSION) {
      throw new Error('not an unres echo index');
    }
    const len = buf.readUInt32LE(8);
    this.header = JSON.parse(buf.toString('utf8', 12, 12 + len));
    this.at = 12 + len;
  }

  uint32(): Uint32Array<ArrayBuffer> {
    return this.copy(Uint32Array);
  }

  int32(): Int32Array<ArrayBuffer> {
    return this.copy(Int32Array);
  }

  uint16(): Uint16Array<ArrayBuffer> {
    return this.copy(Uint16Array);
  }

  strings(): string[] {
    const lengths = this.uint32();
    const blob = this.section();
    const out = new Array<string>(lengths.length);
    let at = 0;
    for (let i = 0; i < lengths.length; i++) {
      out[i] = blob.toString('utf8', at, at + lengths[i]);
      at += lengths[i];
    }
    return out;
  }

  private copy<T extends Typed>(Ctor: { new (n: number): T; readonly BYTES_PER_ELEMENT: number }): T {
    const bytes = this.section();
    if (bytes.length % Ctor.BYTES_PER_ELEMENT) throw new Error('corrupt echo index');
    const out = new Ctor(bytes.length / Ctor.BYTES_PER_ELEMENT);
    new Uint8Array(out.buffer).set(bytes);
    return out;
  }

  private section(): Buffer {
    if (this.at + 4 > this.buf.length) throw new Error('truncated echo index');
    const n = this.buf.readUInt32LE(this.at);
    const start = this.at + 4;
    if (start + n > this.buf.length) throw new Error('truncated echo index');
    this.at = start + n;
    return this.buf.subarray(start, start + n);
  }
}
