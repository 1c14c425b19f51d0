import { describe, expect, test } from 'vitest';
import { cohenKappa, countTable, fleissKappa, krippendorffAlpha } from '../../electron/core/eval/labeling/agreement-stats.js';

// Reference values are published worked examples, each computed by hand in its source (no Python packages here to
// run a library implementation against): the statistics must reproduce them.

describe("Cohen's κ", () => {
  test('the 50-proposal example: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no → p_o 0.7, p_e 0.5, κ = 0.4', () => {
    // Source: Wikipedia, "Cohen's kappa", section "Simple example" (two readers, 50 grant proposals).
    const a = [...Array(20).fill('yes'), ...Array(5).fill('yes'), ...Array(10).fill('no'), ...Array(15).fill('no')];
    const b = [...Array(20).fill('yes'), ...Array(5).fill('no'), ...Array(10).fill('yes'), ...Array(15).fill('no')];
    expect(cohenKappa(a, b)).toBeCloseTo(0.4, 12);
  });

  test('undefined when both raters used one label throughout', () => {
    expect(cohenKappa(['x', 'x'], ['x', 'x'])).toBeNull();
  });
});

describe("Fleiss' κ", () => {
  test('the 14-rater, 10-subject, 5-category worked example: P̄ = 0.378, P̄_e = 0.2128, κ = 0.210', () => {
    // Source: Wikipedia, "Fleiss' kappa", "Worked example" table (14 raters assign 10 subjects to 5 categories).
    const table = [
      [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
    ];
    const kappa = fleissKappa(table)!;
    expect(kappa).toBeCloseTo(0.210, 3);
    // The published intermediate values: p_j = (0.143, 0.200, 0.279, 0.150, 0.229) from 140 ratings, P̄_e = 0.213.
    const p = [20, 28, 39, 21, 32].map((t) => t / 140);
    expect(p.reduce((s, v) => s + v * v, 0)).toBeCloseTo(0.213, 3);
  });

  test('with two raters and the same items it is Scott’s π, which equals Cohen’s κ when the marginals agree', () => {
    const a = ['x', 'x', 'y', 'y'];
    const b = ['x', 'y', 'x', 'y'];
    const { counts } = countTable(a.map((v, i) => [v, b[i]!]));
    expect(fleissKappa(counts)).toBeCloseTo(cohenKappa(a, b)!, 12);
  });
});

describe("Krippendorff's α", () => {
  // Source: Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers, 12 units,
  // values 1–5 with missing data. Published: nominal α = 0.743, ordinal α = 0.815, interval α = 0.849 (the same
  // values are printed in the documentation of R's irr::kripp.alpha for this matrix).
  const observers: Array<Array<number | null>> = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
    [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
  ];
  const units = observers[0]!.map((_, u) => observers.map((o) => o[u]!));

  test('nominal: 0.743', () => expect(krippendorffAlpha(units, 'nominal')).toBeCloseTo(0.743, 3));
  test('ordinal: 0.815', () => expect(krippendorffAlpha(units, 'ordinal')).toBeCloseTo(0.815, 3));
  test('interval: 0.849', () => expect(krippendorffAlpha(units, 'interval')).toBeCloseTo(0.849, 3));

  test('perfect agreement is 1; units with a single value are not pairable and change nothing', () => {
    expect(krippendorffAlpha([[1, 1], [2, 2], [3, null]], 'nominal')).toBe(1);
  });
});
