// The best `size` (rank, paragraph id) pairs seen, for the candidates of a query: a min-heap
// on rank.

export class TopK {
  readonly ranks: number[] = [];
  readonly pids: number[] = [];
  constructor(private size: number) {}

  /** Whether `rank` would enter. */
  admits(rank: number): boolean {
    return this.ranks.length < this.size || rank > this.ranks[0];
  }

  /** The lowest rank held once full (−Infinity before). */
  get lowest(): number {
    return this.ranks.length < this.size ? -Infinity : this.ranks[0];
  }

  /** Enters (rank, pid); returns the pid it pushed out, or −1. */
  push(rank: number, pid: number): number {
    const r = this.ranks;
    const p = this.pids;
    if (r.length < this.size) {
      r.push(rank);
      p.push(pid);
      for (let i = r.length - 1; i > 0; ) {
        const up = (i - 1) >> 1;
        if (r[up] <= r[i]) break;
        [r[up], r[i]] = [r[i], r[up]];
        [p[up], p[i]] = [p[i], p[up]];
        i = up;
      }
      return -1;
    }
    const out = p[0];
    r[0] = rank;
    p[0] = pid;
    for (let i = 0; ; ) {
      const a = 2 * i + 1;
      const b = a + 1;
      let m = i;
      if (a < r.length && r[a] < r[m]) m = a;
      if (b < r.length && r[b] < r[m]) m = b;
      if (m === i) break;
      [r[m], r[i]] = [r[i], r[m]];
      [p[m], p[i]] = [p[i], p[m]];
      i = m;
    }
    return out;
  }
}
