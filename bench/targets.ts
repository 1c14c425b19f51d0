// The pass/fail targets of `npm run bench -- --check` (issue 17): one line per target,
// `TARGET <name> <measured> <goal> pass|fail`, and the run exits 0 only when every target passes.
export interface Target {
  name: string;
  measured: number;
  goal: string;
  pass: boolean;
}

export function target(name: string, measured: number, op: '>=' | '<=', goal: number): Target {
  const pass = Number.isFinite(measured) && (op === '>=' ? measured >= goal : measured <= goal);
  return { name, measured, goal: `${op}${goal}`, pass };
}

export function targetLine(t: Target): string {
  const value = Number.isFinite(t.measured) ? String(Number(t.measured.toPrecision(4))) : 'NaN';
  return `TARGET ${t.name} ${value} ${t.goal} ${t.pass ? 'pass' : 'fail'}`;
}
