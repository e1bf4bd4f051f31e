// The little dense linear algebra the word-vector trainer needs: Cholesky QR and a symmetric eigen-solver (cyclic Jacobi).
//
// Matrices are row-major Float64Arrays with explicit shapes. Sizes here are
// small in one dimension (a few hundred columns), so plain loops are enough.

/** Gram matrix XᵀX of an n×m matrix: m×m. */
export function gram(x: Float64Array, n: number, m: number): Float64Array {
  return gramOfColumns(transpose(x, n, m), n, m);
}

/** The m×n transpose of an n×m matrix: its columns, each contiguous. */
function transpose(x: Float64Array, n: number, m: number, out: Float64Array = new Float64Array(n * m)): Float64Array {
  for (let r = 0; r < n; r++) {
    const o = r * m;
    for (let c = 0; c < m; c++) out[c * n + r] = x[o + c]!;
  }
  return out;
}

/**
 * XᵀX from X's columns (m of length n, contiguous): dot products of column pairs, two by two,
 * so each step loads four values for four products into running sums, and nothing is stored until
 * a pair is done. The row-by-row loop this replaced added each product into the m×m result in
 * memory: 1.6 s for 20,000×224 (the trainer's size, nine of these a training) against 0.3 s.
 */
function gramOfColumns(cols: Float64Array, n: number, m: number): Float64Array {
  const g = new Float64Array(m * m);
  for (let i = 0; i < m; i += 2) {
    const a = i * n;
    const twoI = i + 1 < m;
    const b = twoI ? a + n : a;
    for (let j = i; j < m; j += 2) {
      const c = j * n;
      const twoJ = j + 1 < m;
      const d = twoJ ? c + n : c;
      let ac = 0;
      let ad = 0;
      let bc = 0;
      let bd = 0;
      for (let r = 0; r < n; r++) {
        const xa = cols[a + r]!;
        const xb = cols[b + r]!;
        const xc = cols[c + r]!;
        const xd = cols[d + r]!;
        ac += xa * xc;
        ad += xa * xd;
        bc += xb * xc;
        bd += xb * xd;
      }
      g[i * m + j] = ac;
      if (twoJ) g[i * m + j + 1] = ad;
      if (twoI) {
        g[(i + 1) * m + j] = bc;
        if (twoJ) g[(i + 1) * m + j + 1] = bd;
      }
    }
  }
  for (let i = 0; i < m; i++) for (let j = 0; j < i; j++) g[i * m + j] = g[j * m + i]!;
  return g;
}

/**
 * Orthonormalises the columns of an n×m matrix in place (Cholesky QR, run
 * twice for stability; once is enough between power iterations, whose next
 * step re-orthonormalises anyway). Columns that are numerically dependent
 * come out zero.
 */
export function orthonormalise(x: Float64Array, n: number, m: number, passes = 2): void {
  const cols = transpose(x, n, m);
  for (let pass = 0; pass < passes; pass++) {
    const l = cholesky(gramOfColumns(cols, n, m), m);
    // X ← X L⁻ᵀ by columns: column j becomes (xⱼ − Σₖ₍ₖ₌₀..ⱼ₋₁₎ Lⱼₖ·yₖ) / Lⱼⱼ, where yₖ are the
    // columns already done. Four earlier columns are subtracted a sweep, so each value of column j
    // is loaded and stored once per four (2.6 s a pass at 20,000×224 row by row; 0.5 s this way).
    for (let j = 0; j < m; j++) {
      const o = j * n;
      const d = l[j * m + j]!;
      if (!(d > 0)) {
        cols.fill(0, o, o + n);
        continue;
      }
      let k = 0;
      for (; k + 4 <= j; k += 4) {
        const [w0, w1, w2, w3] = [l[j * m + k]!, l[j * m + k + 1]!, l[j * m + k + 2]!, l[j * m + k + 3]!];
        const [o0, o1, o2, o3] = [k * n, (k + 1) * n, (k + 2) * n, (k + 3) * n];
        for (let r = 0; r < n; r++) cols[o + r]! -= w0 * cols[o0 + r]! + w1 * cols[o1 + r]! + w2 * cols[o2 + r]! + w3 * cols[o3 + r]!;
      }
      for (; k < j; k++) {
        const w = l[j * m + k]!;
        const ok = k * n;
        for (let r = 0; r < n; r++) cols[o + r]! -= w * cols[ok + r]!;
      }
      const inv = 1 / d;
      for (let r = 0; r < n; r++) cols[o + r]! *= inv;
    }
  }
  transpose(cols, m, n, x);
}

/** Lower-triangular L with LLᵀ = A for a symmetric positive semi-definite A; a non-positive pivot gives a zero column. */
function cholesky(a: Float64Array, m: number): Float64Array {
  const l = new Float64Array(m * m);
  let scale = 0;
  for (let i = 0; i < m; i++) scale = Math.max(scale, a[i * m + i]!);
  const eps = scale * 1e-12;
  for (let j = 0; j < m; j++) {
    let d = a[j * m + j]!;
    for (let k = 0; k < j; k++) d -= l[j * m + k]! ** 2;
    if (d <= eps) continue;
    const dj = Math.sqrt(d);
    l[j * m + j] = dj;
    for (let i = j + 1; i < m; i++) {
      let s = a[i * m + j]!;
      for (let k = 0; k < j; k++) s -= l[i * m + k]! * l[j * m + k]!;
      l[i * m + j] = s / dj;
    }
  }
  return l;
}

/**
 * Eigen-decomposition of a symmetric m×m matrix by cyclic Jacobi rotations.
 * Returns eigenvalues in descending order and the matching eigenvectors as
 * the columns of a row-major m×m matrix.
 */
export function symmetricEigen(input: Float64Array, m: number, maxSweeps = 60): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(input);
  const v = new Float64Array(m * m);
  for (let i = 0; i < m; i++) v[i * m + i] = 1;
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let off = 0;
    let diag = 0;
    for (let i = 0; i < m; i++) {
      diag += a[i * m + i]! ** 2;
      for (let j = i + 1; j < m; j++) off += a[i * m + j]! ** 2;
    }
    if (off <= 1e-22 * diag || off === 0) break;
    for (let p = 0; p < m - 1; p++) {
      for (let q = p + 1; q < m; q++) {
        const apq = a[p * m + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const app = a[p * m + p]!;
        const aqq = a[q * m + q]!;
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < m; k++) {
          const akp = a[k * m + p]!;
          const akq = a[k * m + q]!;
          a[k * m + p] = c * akp - s * akq;
          a[k * m + q] = s * akp + c * akq;
        }
        for (let k = 0; k < m; k++) {
          const apk = a[p * m + k]!;
          const aqk = a[q * m + k]!;
          a[p * m + k] = c * apk - s * aqk;
          a[q * m + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < m; k++) {
          const vkp = v[k * m + p]!;
          const vkq = v[k * m + q]!;
          v[k * m + p] = c * vkp - s * vkq;
          v[k * m + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: m }, (_, i) => i).sort((i, j) => a[j * m + j]! - a[i * m + i]!);
  const values = new Float64Array(m);
  const vectors = new Float64Array(m * m);
  order.forEach((src, dst) => {
    values[dst] = a[src * m + src]!;
    for (let k = 0; k < m; k++) vectors[k * m + dst] = v[k * m + src]!;
  });
  return { values, vectors };
}
