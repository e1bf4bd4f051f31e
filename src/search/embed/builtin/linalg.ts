// The little dense linear algebra the word-vector trainer needs: Cholesky QR and a symmetric eigen-solver (cyclic Jacobi).
//
// Matrices are row-major Float64Arrays with explicit shapes. Sizes here are
// small in one dimension (a few hundred columns), so plain loops are enough.

/** Gram matrix XᵀX of an n×m matrix: m×m. */
export function gram(x: Float64Array, n: number, m: number): Float64Array {
  const g = new Float64Array(m * m);
  for (let r = 0; r < n; r++) {
    const o = r * m;
    for (let i = 0; i < m; i++) {
      const xi = x[o + i]!;
      if (xi === 0) continue;
      const gi = i * m;
      for (let j = i; j < m; j++) g[gi + j]! += xi * x[o + j]!;
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
  for (let pass = 0; pass < passes; pass++) {
    const g = gram(x, n, m);
    const l = cholesky(g, m);
    // X ← X L⁻ᵀ, row by row: solve L y = xᵣ for each row.
    const row = new Float64Array(m);
    for (let r = 0; r < n; r++) {
      const o = r * m;
      for (let i = 0; i < m; i++) {
        let s = x[o + i]!;
        for (let k = 0; k < i; k++) s -= l[i * m + k]! * row[k]!;
        const d = l[i * m + i]!;
        row[i] = d > 0 ? s / d : 0;
      }
      x.set(row, o);
    }
  }
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
