// Growing a typed array: the postings index's columns, scratch space and tables all double this way.
type Typed = Int32Array | Uint32Array | Uint16Array | Uint8Array | Float32Array | Float64Array;

/** A copy of `a` with room for `size` elements, holding its first `used` (default: all). */
export function grown<T extends Typed>(a: T, size: number, used = a.length): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a.subarray(0, used) as never);
  return b;
}
