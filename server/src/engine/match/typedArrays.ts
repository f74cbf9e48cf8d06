// Growing typed arrays, for the index's tables.

export type Growable = Uint32Array | Int32Array | Uint16Array;

/** `a`, or a copy with room for `need` items: twice the size, or `need` exactly when `exact`. */
export function grow<T extends Growable>(a: T, need: number, exact = false): T {
  if (need <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(exact ? need : Math.max(need, a.length * 2, 1024));
  b.set(a as never);
  return b;
}
