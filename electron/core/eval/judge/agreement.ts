// Judge–human agreement: raw accuracy and Cohen's kappa (Cohen 1960), κ = (p_o − p_e) / (1 − p_e), where p_o is the
// observed agreement and p_e the agreement expected by chance from each rater's own label frequencies.

export interface AgreementResult {
  n: number;
  accuracy: number | null;
  /** null when undefined: both raters used one and the same label throughout (p_e = 1). */
  kappa: number | null;
}

export function agreement(pairs: ReadonlyArray<readonly [string | number, string | number]>): AgreementResult {
  const n = pairs.length;
  if (n === 0) return { n: 0, accuracy: null, kappa: null };
  const judge = new Map<string, number>();
  const human = new Map<string, number>();
  let agree = 0;
  for (const [j, h] of pairs) {
    const a = String(j);
    const b = String(h);
    if (a === b) agree++;
    judge.set(a, (judge.get(a) ?? 0) + 1);
    human.set(b, (human.get(b) ?? 0) + 1);
  }
  const observed = agree / n;
  let expected = 0;
  for (const [label, count] of judge) expected += (count / n) * ((human.get(label) ?? 0) / n);
  const kappa = expected === 1 ? null : (observed - expected) / (1 - expected);
  return { n, accuracy: observed, kappa };
}
