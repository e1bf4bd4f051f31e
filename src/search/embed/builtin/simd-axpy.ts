// A WebAssembly SIMD kernel for the embedder's inner loop: out += w · x over float32, sixteen values a step.
//
// Summing word vectors is most of the cost of embedding a paper, and V8
// compiles the plain loop to scalar code with bounds checks. The same loop in
// WebAssembly with 128-bit lanes runs several times faster (see the figures
// in sif-embedder.ts's header). The module is a few dozen bytes, assembled
// below from its instructions, so there is no build step and no binary file;
// `simdAxpy()` returns null where WebAssembly SIMD is missing and callers
// keep the plain loop.

/** The part of the WebAssembly API used here (the project's TypeScript libs do not declare it). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
}
const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

/** The kernel over one linear memory: `axpy(out, x, w, n)` adds w · x[0..n) to out[0..n); byte addresses, n a positive multiple of 16. */
export interface SimdAxpy {
  readonly memory: WasmMemory;
  axpy(out: number, x: number, w: number, n: number): void;
}

const SIMD = 0xfd;
const op = {
  localGet: 0x20,
  localSet: 0x21,
  i32Const: 0x41,
  i32Add: 0x6a,
  i32Shl: 0x74,
  i32LtU: 0x49,
  loop: 0x03,
  brIf: 0x0d,
  end: 0x0b,
  // SIMD opcodes follow the 0xfd prefix as LEB128.
  v128Load: [SIMD, 0x00],
  v128Store: [SIMD, 0x0b],
  f32x4Splat: [SIMD, 0x13],
  f32x4Add: [SIMD, 0xe4, 0x01],
  f32x4Mul: [SIMD, 0xe6, 0x01],
} as const;
const [OUT, X, W, N, END, WV] = [0, 1, 2, 3, 4, 5];
const I32 = 0x7f;
const F32 = 0x7d;
const V128 = 0x7b;

function body(): number[] {
  // memarg: alignment exponent (16 bytes), then the constant offset.
  const lane = (offset: number) => [
    op.localGet, OUT,
    op.localGet, OUT, ...op.v128Load, 4, offset,
    op.localGet, X, ...op.v128Load, 4, offset,
    op.localGet, WV, ...op.f32x4Mul,
    ...op.f32x4Add,
    ...op.v128Store, 4, offset,
  ];
  const code = [
    op.localGet, W, ...op.f32x4Splat, op.localSet, WV,
    op.localGet, X, op.localGet, N, op.i32Const, ...sleb(2), op.i32Shl, op.i32Add, op.localSet, END,
    op.loop, 0x40,
    ...lane(0), ...lane(16), ...lane(32), ...lane(48),
    op.localGet, OUT, op.i32Const, ...sleb(64), op.i32Add, op.localSet, OUT,
    op.localGet, X, op.i32Const, ...sleb(64), op.i32Add, op.localSet, X,
    op.localGet, X, op.localGet, END, op.i32LtU, op.brIf, 0,
    op.end,
    op.end,
  ];
  const locals = [2, 1, I32, 1, V128];
  return [...uleb(locals.length + code.length), ...locals, ...code];
}

function section(id: number, content: number[]): number[] {
  return [id, ...uleb(content.length), ...content];
}

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

/** i32.const takes a signed LEB128: 64 needs two bytes. Small non-negative values only. */
function sleb(n: number): number[] {
  return n < 64 ? [n] : [(n & 0x7f) | 0x80, ...sleb(n >>> 7)];
}

const name = (s: string) => [s.length, ...Buffer.from(s, "ascii")];

export const SIMD_AXPY_MODULE = Uint8Array.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  ...section(1, [1, 0x60, 4, I32, I32, F32, I32, 0]), // one type: (i32, i32, f32, i32) -> ()
  ...section(3, [1, 0]), // one function of type 0
  ...section(5, [1, 0x00, 1]), // one memory, one page to start
  ...section(7, [2, ...name("axpy"), 0x00, 0, ...name("mem"), 0x02, 0]),
  ...section(10, [1, ...body()]),
]);

let compiled: object | null | undefined;

/** A fresh instance with its own memory of at least `bytes`, or null where WebAssembly SIMD is not available. */
export function simdAxpy(bytes: number): SimdAxpy | null {
  if (compiled === undefined) {
    try {
      compiled = wasm?.validate(SIMD_AXPY_MODULE) ? new wasm.Module(SIMD_AXPY_MODULE) : null;
    } catch {
      compiled = null;
    }
  }
  if (!compiled || !wasm) return null;
  const instance = new wasm.Instance(compiled);
  const memory = instance.exports.mem as WasmMemory;
  const pages = Math.ceil(bytes / 65_536);
  if (pages > 1) memory.grow(pages - 1);
  return { memory, axpy: instance.exports.axpy as SimdAxpy["axpy"] };
}
