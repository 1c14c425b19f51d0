// sacreBLEU's BLEU tokenizers, rule for rule, so that token counts (and so scores) agree with it.
// 13a is mteval-v13a.pl's tokenizer and sacreBLEU's default; intl is mteval-v14's international one;
// char splits into characters; none only normalises spaces (what `raw_corpus_bleu` uses).
import { codePoints, pyNormalizeSpaces } from '../../text/python-compat.js';

export const bleuTokenizers = ['13a', 'intl', 'char', 'none'] as const;
export type BleuTokenizerName = (typeof bleuTokenizers)[number];
export type Tokenizer = (line: string) => string;

// Inside the 13a class: {|}~  [\]^_`  space!"#$%&  ()*+  :;<=>?@  /  (ASCII symbols and punctuation
// except ' , - . which get the context rules below). JS wants the same ranges written with escapes.
const symbols13a = /([{-~[-`\x20-&(-+:-@/])/gu;
const periodCommaAfterNonDigit = /([^0-9])([.,])/gu;
const periodCommaBeforeNonDigit = /([.,])([^0-9])/gu;
const dashAfterDigit = /([0-9])(-)/gu;

/** sacreBLEU's TokenizerRegexp: the Western-language part shared by 13a (and zh). */
export function tokenizeRegexp(line: string): string {
  const spaced = line
    .replace(symbols13a, ' $1 ')
    .replace(periodCommaAfterNonDigit, '$1 $2 ')
    .replace(periodCommaBeforeNonDigit, ' $1 $2')
    .replace(dashAfterDigit, '$1 $2 ');
  return pyNormalizeSpaces(spaced);
}

export function tokenize13a(line: string): string {
  let text = line.replaceAll('<skipped>', '').replaceAll('-\n', '').replaceAll('\n', ' ');
  // Only unescape when there is something to unescape: most lines have no '&'.
  if (text.includes('&')) {
    text = text.replaceAll('&quot;', '"').replaceAll('&amp;', '&').replaceAll('&lt;', '<').replaceAll('&gt;', '>');
  }
  // The padding spaces let a final period be split off ("end." -> "end ."), as mteval-v13a does.
  return tokenizeRegexp(` ${text} `);
}

// mteval-v14 international: punctuation is split unless it sits between digits; symbols always.
const punctAfterNonNumber = /(\P{N})(\p{P})/gu;
const punctBeforeNonNumber = /(\p{P})(\P{N})/gu;
const symbol = /(\p{S})/gu;

export function tokenizeIntl(line: string): string {
  return pyNormalizeSpaces(
    line.replace(punctAfterNonNumber, '$1 $2 ').replace(punctBeforeNonNumber, ' $1 $2').replace(symbol, ' $1 '),
  );
}

export function tokenizeChar(line: string): string {
  return codePoints(line).join(' ');
}

export function tokenizeNone(line: string): string {
  return line;
}

const byName: Record<BleuTokenizerName, Tokenizer> = {
  '13a': tokenize13a,
  intl: tokenizeIntl,
  char: tokenizeChar,
  none: tokenizeNone,
};

export function bleuTokenizer(name: BleuTokenizerName): Tokenizer {
  return byName[name];
}
