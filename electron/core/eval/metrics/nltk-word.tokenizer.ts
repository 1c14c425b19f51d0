// NLTK's `word_tokenize(text, preserve_line=True)` (NLTKWordTokenizer, the improved Treebank
// tokenizer), which is how NLTK's METEOR examples and the common METEOR wrappers tokenize.
// Without Punkt sentence splitting (its model is a download we do not ship): the text is treated as
// one sentence, so only a final period is split off ("end. Next" keeps "end."), as with preserve_line.
import { PY_DIGIT, PY_WORD, PY_WS, pySplit } from '../../text/python-compat.js';

const W = PY_WORD;
const notWordBefore = `(?<![${W}])`;
const notWordAfter = `(?![${W}])`;
const endOfText = '(?=\\n?$)'; // Python's `$` also matches before a final newline

type Rule = [RegExp, string];
const rule = (source: string, replacement: string, flags = ''): Rule => [new RegExp(source, `gu${flags}`), replacement];

const startingQuotes: Rule[] = [
  rule('([«“‘„]|[`]+)', ' $1 '),
  rule('^"', '``'),
  rule('(``)', ' $1 '),
  rule('([ (\\[{<])("|\'{2})', '$1 `` '),
  rule(`(')(?!re|ve|ll|m|t|s|d|n)([${W}])${notWordAfter}`, '$1 $2', 'i'),
];

const punctuation: Rule[] = [
  rule(`([^.])(\\.)([\\])}>"'»”’ ]*)[${PY_WS}]*${endOfText}`, '$1 $2 $3 '),
  rule(`([:,])([^${PY_DIGIT}])`, ' $1 $2'),
  rule(`([:,])${endOfText}`, ' $1 '),
  rule('\\.{2,}', ' $& '),
  rule('[;@#$%&]', ' $& '),
  rule(`([^.])(\\.)([\\])}>"']*)[${PY_WS}]*${endOfText}`, '$1 $2$3 '), // the final period
  rule('[?!]', ' $& '),
  rule("([^'])' ", "$1 ' "),
  rule('[*]', ' $& '),
];

const parensBrackets = rule('[\\][(){}<>]', ' $& ');
const doubleDashes = rule('--', ' -- ');

const endingQuotes: Rule[] = [
  rule('([»”’])', ' $1 '),
  rule("''", " '' "),
  rule('"', " '' "),
  rule("([^' ])('[sS]|'[mM]|'[dD]|') ", '$1 $2 '),
  rule("([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) ", '$1 $2 '),
];

// Robert MacIntyre's contractions: "cannot" -> "can not", "gonna" -> "gon na", " 'tis" -> " 't is".
const contractions: Rule[] = [
  ...['(can)(not)', "(d)('ye)", '(gim)(me)', '(gon)(na)', '(got)(ta)', '(lem)(me)', "(more)('n)"].map((c) => rule(`${notWordBefore}${c}${notWordAfter}`, ' $1 $2 ', 'i')),
  rule(`${notWordBefore}(wan)(na)(?=[${PY_WS}])`, ' $1 $2 ', 'i'),
  rule(` ('t)(is)${notWordAfter}`, ' $1 $2 ', 'i'),
  rule(` ('t)(was)${notWordAfter}`, ' $1 $2 ', 'i'),
];

function applyAll(text: string, rules: readonly Rule[]): string {
  let out = text;
  for (const [pattern, replacement] of rules) out = out.replace(pattern, replacement);
  return out;
}

export function nltkWordTokenize(text: string): string[] {
  let out = applyAll(text, startingQuotes);
  out = applyAll(out, punctuation);
  out = applyAll(out, [parensBrackets, doubleDashes]);
  out = applyAll(` ${out} `, endingQuotes);
  out = applyAll(out, contractions);
  return pySplit(out);
}
