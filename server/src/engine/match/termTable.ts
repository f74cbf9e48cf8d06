// The index's term dictionary: fingerprint hash → dense term id.
import { STEP, Steps } from './slices';
import { grow } from './typedArrays';

/**
 * Fingerprint hash → dense term id; ids are never reused until the table is rebuilt. Open
 * addressing, slot = [hash, id + 1] side by side (0: empty), so that a probe touches one cache
 * line: adding a corpus probes once per posting, tens of millions of times.
 */
export class TermTable {
  private slots: Int32Array;
  hashes = new Uint32Array(1024);
  count = 0;

  constructor(capacity = 1024) {
    let cap = 1024;
    while (cap < capacity * 2) cap *= 2;
    this.slots = new Int32Array(2 * cap);
  }

  /** The table's slots, as `restore` takes them back. */
  get rawSlots(): Int32Array {
    return this.slots;
  }

  /**
   * The table that had `slots` for `hashes`, taken over as they are (a cache file keeps
   * both, checksummed): no re-insertion of millions of terms. Throws if they disagree in size.
   */
  static restore(hashes: Uint32Array<ArrayBuffer>, slots: Int32Array): TermTable {
    const n = slots.length >> 1;
    if (n < 1024 || (n & (n - 1)) !== 0 || hashes.length * 2 > n) throw new Error('corrupt echo index');
    const t = new TermTable(0);
    t.slots = slots;
    t.hashes = hashes;
    t.count = hashes.length;
    return t;
  }

  /** Makes the slots an array of the table's own (restore takes a view of a buffer over). */
  ownSlots(): void {
    this.slots = this.slots.slice();
  }

  /** A table of `hashes` in this order (term id = position), pausing between steps. */
  static *fill(hashes: Uint32Array): Steps<TermTable> {
    const t = new TermTable(hashes.length);
    for (let i = 0; i < hashes.length; i++) {
      t.add(hashes[i]);
      if (i % STEP === STEP - 1) yield;
    }
    return t;
  }

  get(hash: number): number {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    const key = hash | 0;
    for (let i = key & mask; ; i = (i + 1) & mask) {
      const id = slots[2 * i + 1];
      if (id === 0) return -1;
      if (slots[2 * i] === key) return id - 1;
    }
  }

  add(hash: number): number {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    const key = hash | 0;
    let i = key & mask;
    for (; slots[2 * i + 1] !== 0; i = (i + 1) & mask) if (slots[2 * i] === key) return slots[2 * i + 1] - 1;
    const id = this.count++;
    slots[2 * i] = key;
    slots[2 * i + 1] = id + 1;
    this.hashes = grow(this.hashes, this.count);
    this.hashes[id] = hash;
    if (this.count * 2 > slots.length >> 1) this.rehash();
    return id;
  }

  /** Room for `more` terms without growing the table. */
  reserve(more: number): void {
    while ((this.count + more) * 2 > this.slots.length >> 1) this.rehash();
    this.hashes = grow(this.hashes, this.count + more);
  }

  private rehash(): void {
    const old = this.slots;
    const slots = new Int32Array(old.length * 2);
    const mask = (slots.length >> 1) - 1;
    for (let s = 0; s < old.length; s += 2) {
      if (old[s + 1] === 0) continue;
      let i = old[s] & mask;
      while (slots[2 * i + 1] !== 0) i = (i + 1) & mask;
      slots[2 * i] = old[s];
      slots[2 * i + 1] = old[s + 1];
    }
    this.slots = slots;
  }
}

/** Keeps the `size` best (rank, pid) pairs seen; a min-heap on rank. */
