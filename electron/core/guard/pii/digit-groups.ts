// Numbers in text are often grouped ("4012 8888 8888 1881", "078-05-1123") and several may stand in a row.
// Splitting a run into its groups lets a recognizer try each consecutive slice instead of one greedy match.

export interface DigitGroup {
  start: number;
  end: number;
  digits: string;
  /** The separator before this group ('' for the first group of a run). */
  separator: string;
}

const runPattern = /\d+(?:[ -]\d+)*/g;

/** Runs of digit groups joined by one space or dash, each run not glued to a letter or digit. */
export function digitRuns(text: string): DigitGroup[][] {
  const runs: DigitGroup[][] = [];
  runPattern.lastIndex = 0;
  for (let match = runPattern.exec(text); match !== null; match = runPattern.exec(text)) {
    const groups: DigitGroup[] = [];
    let offset = match.index;
    for (const part of match[0].split(/(?=[ -])/)) {
      const separator = /^[ -]/.test(part) ? part.charAt(0) : '';
      const digits = separator ? part.slice(1) : part;
      const start = offset + separator.length;
      groups.push({ start, end: start + digits.length, digits, separator });
      offset += part.length;
    }
    runs.push(groups);
  }
  return runs;
}

/**
 * Picks non-overlapping slices of consecutive groups, left to right, longest first, that `accept` takes.
 * Slices that mix separators (a space here, a dash there) are skipped: one number uses one style.
 */
export function pickSlices(
  groups: DigitGroup[],
  accept: (digits: string, slice: DigitGroup[]) => boolean,
  maxGroups = 8,
): DigitGroup[][] {
  const picked: DigitGroup[][] = [];
  let i = 0;
  while (i < groups.length) {
    let taken = 0;
    for (let j = Math.min(groups.length, i + maxGroups); j > i; j--) {
      const slice = groups.slice(i, j);
      const separators = new Set(slice.slice(1).map((g) => g.separator));
      if (separators.size > 1) continue;
      if (accept(slice.map((g) => g.digits).join(''), slice)) {
        picked.push(slice);
        taken = j - i;
        break;
      }
    }
    i += Math.max(1, taken);
  }
  return picked;
}
