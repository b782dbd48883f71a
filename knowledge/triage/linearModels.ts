/** The small dense models of level 2: standardisation, multinomial logistic regression, conditional logit. */

// =============================================================================================
// Small dense models (level 2): multinomial logistic regression and conditional logit

interface Standardizer {
  mean: number[];
  scale: number[];
}

function fitStandardizer(rows: number[][]): Standardizer {
  const d = rows[0]?.length ?? 0;
  const mean = new Array<number>(d).fill(0);
  const scale = new Array<number>(d).fill(1);
  if (!rows.length) return { mean, scale };
  for (const r of rows) for (let j = 0; j < d; j++) mean[j] += r[j] / rows.length;
  for (let j = 0; j < d; j++) {
    let v = 0;
    for (const r of rows) v += (r[j] - mean[j]) ** 2;
    const sd = Math.sqrt(v / rows.length);
    scale[j] = sd > 1e-9 ? sd : 1;
  }
  return { mean, scale };
}

function standardize(x: number[], s: Standardizer): number[] {
  return x.map((v, j) => (Number.isFinite(v) ? (v - s.mean[j]) / s.scale[j] : 0));
}

/** Multinomial logistic regression: W is C x (d + 1), last column the bias. */
export interface SoftmaxModel {
  std: Standardizer;
  w: number[][];
}

function softmax(z: number[]): number[] {
  let max = -Infinity;
  for (const v of z) if (v > max) max = v;
  const e = z.map((v) => Math.exp(v - max));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

/** Full-batch gradient descent with Nesterov momentum on the L2-regularised cross-entropy. */
export function fitSoftmax(X: number[][], y: number[], C: number, l2 = 1e-2, iters = 400, weights?: number[]): SoftmaxModel {
  const std = fitStandardizer(X);
  const Z = X.map((x) => [...standardize(x, std), 1]);
  const d = (X[0]?.length ?? 0) + 1;
  const N = Z.length;
  let w = Array.from({ length: C }, () => new Array<number>(d).fill(0));
  let v = Array.from({ length: C }, () => new Array<number>(d).fill(0));
  const lr = 0.5;
  const mu = 0.9;
  const wsum = weights ? weights.reduce((a, b) => a + b, 0) : N;
  for (let it = 0; it < iters; it++) {
    const look = w.map((row, c) => row.map((val, j) => val + mu * v[c][j]));
    const g = Array.from({ length: C }, () => new Array<number>(d).fill(0));
    for (let i = 0; i < N; i++) {
      const x = Z[i];
      const p = softmax(look.map((row) => row.reduce((a, val, j) => a + val * x[j], 0)));
      const wi = (weights ? weights[i] : 1) / wsum;
      for (let c = 0; c < C; c++) {
        const e = (p[c] - (c === y[i] ? 1 : 0)) * wi;
        if (e === 0) continue;
        for (let j = 0; j < d; j++) g[c][j] += e * x[j];
      }
    }
    for (let c = 0; c < C; c++) for (let j = 0; j < d - 1; j++) g[c][j] += l2 * look[c][j];
    v = v.map((row, c) => row.map((val, j) => mu * val - lr * g[c][j]));
    w = w.map((row, c) => row.map((val, j) => val + v[c][j]));
  }
  return { std, w };
}

export function predictSoftmax(m: SoftmaxModel, x: number[]): number[] {
  const z = [...standardize(x, m.std), 1];
  return softmax(m.w.map((row) => row.reduce((a, val, j) => a + val * z[j], 0)));
}

/** Conditional logit: one weight vector scores every candidate; softmax over an example's candidates. */
export interface RankerModel {
  std: Standardizer;
  w: number[];
}

export function fitRanker(groups: { feats: number[][]; gold: number }[], l2 = 1e-3, iters = 400): RankerModel {
  const std = fitStandardizer(groups.flatMap((g) => g.feats));
  const Z = groups.map((g) => g.feats.map((f) => standardize(f, std)));
  const d = groups[0]?.feats[0]?.length ?? 0;
  let w = new Array<number>(d).fill(0);
  let v = new Array<number>(d).fill(0);
  const lr = 0.5;
  const mu = 0.9;
  const N = groups.length || 1;
  for (let it = 0; it < iters; it++) {
    const look = w.map((val, j) => val + mu * v[j]);
    const g = new Array<number>(d).fill(0);
    groups.forEach((grp, i) => {
      const feats = Z[i];
      const p = softmax(feats.map((f) => f.reduce((a, val, j) => a + val * look[j], 0)));
      feats.forEach((f, k) => {
        const e = (p[k] - (k === grp.gold ? 1 : 0)) / N;
        if (e !== 0) for (let j = 0; j < d; j++) g[j] += e * f[j];
      });
    });
    for (let j = 0; j < d; j++) g[j] += l2 * look[j];
    v = v.map((val, j) => mu * val - lr * g[j]);
    w = w.map((val, j) => val + v[j]);
  }
  return { std, w };
}

export function scoreRanker(m: RankerModel, feats: number[][]): number[] {
  return softmax(feats.map((f) => standardize(f, m.std).reduce((a, val, j) => a + val * m.w[j], 0)));
}
