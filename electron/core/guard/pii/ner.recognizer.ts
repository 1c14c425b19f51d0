import type { Finding, Recognizer } from '../types.js';
import { gazetteer, type Gazetteer } from './ner-gazetteer.js';

// Named entities (PERSON, LOCATION, ORGANIZATION) from capitalised token runs, compromise's lexicon and a
// few cue phrases. Fast (well under a millisecond per 2,000 characters) and offline; it misses names it
// has never seen unless a cue ("my name is …", "Mr. …", "lives in …") gives them away.

interface Token { text: string; lower: string; start: number; end: number; word: boolean; cap: boolean; allCaps: boolean }

const tokenPattern = /\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*|\p{N}+|[^\s\p{L}\p{N}]/gu;
// Function words end a name even when capitalised ("EMAIL_FROM: Gabriella From Deel", "Jane And Bob").
const breakers = new Set(['from', 'to', 'at', 'in', 'on', 'by', 'with', 'for', 'and', 'or', 'the', 'a', 'an', 'via', 'per', 're', 'fw', 'fwd', 'but', 'is', 'are', 'was', 'we', 'you', 'i', 'it', 'this', 'that', 'our', 'your', 'my']);
const connectors = new Set(['of', 'de', 'da', 'di', 'van', 'von', 'der', 'den', 'del', 'la', 'le', 'du', 'bin', 'ibn', 'al']);
// Words that make "John Lewis Inc" a company even though it starts with a first name.
const legalForms = new Set(['inc', 'corp', 'corporation', 'ltd', 'llc', 'llp', 'plc', 'gmbh', 'ag', 'sa', 'co', 'company', 'bank', 'university', 'college', 'institute', 'foundation', 'group', 'association', 'hospital', 'school', 'dept', 'univ', 'assn', 'bros']);
const sentenceEnders = new Set(['.', '!', '?', ':', ';', '"', '“', '(', '[', '-', '–', '—', '•', '*', '#', '>', '|']);
const personCue = /(?:\bmy name is|\bname is|\bname's|\bi am|\bi'm|\bcall me|\bcalled|\bnamed|\bdear|\bhi|\bhello|\bthanks|\bregards|\bsigned|\bby|\bauthor:?|\bcontact)\s*,?\s*$/i;
const placeCue = /(?:\blive[sd]? in|\bliving in|\bbased in|\bborn in|\bmoved to|\blocated in|\bresident of|\bcity of|\bvisit(?:ed|ing)?|\btravel(?:led|ed|ing)? to|\bflew to)\s*$/i;

/** Lexicon key: lower case without diacritics ("María" → "maria"), first part of a hyphenated name. */
function lookupKey(word: string): string {
  const plain = word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const hyphen = plain.indexOf('-');
  return hyphen > 0 ? plain.slice(0, hyphen) : plain;
}

// Given names that are also ordinary words: at a sentence start, alone, they need another clue.
const wordlikeNames = new Set(['grace', 'hope', 'faith', 'joy', 'mark', 'bill', 'will', 'rose', 'may', 'june', 'april', 'summer', 'autumn',
  'dawn', 'destiny', 'sunny', 'art', 'frank', 'grant', 'jack', 'chase', 'hunter', 'page', 'lane', 'pat', 'rob', 'sue', 'guy', 'dean',
  'drew', 'ray', 'rich', 'max', 'miles', 'penny', 'amber', 'crystal', 'ivy', 'holly', 'iris', 'jade', 'pearl', 'ruby', 'sky', 'star',
  'august', 'carol', 'harmony', 'honor', 'justice', 'liberty', 'major', 'royal', 'sage', 'precious', 'price', 'young', 'king', 'bob']);

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  tokenPattern.lastIndex = 0;
  for (let m = tokenPattern.exec(text); m !== null; m = tokenPattern.exec(text)) {
    const value = m[0];
    const word = /^\p{L}/u.test(value);
    const stem = value.replace(/['’]s$/u, '');
    const first = stem.charAt(0);
    tokens.push({
      text: value, lower: lookupKey(stem), start: m.index, end: m.index + stem.length, word,
      cap: word && first !== first.toLowerCase(), allCaps: word && stem.length > 1 && stem === stem.toUpperCase(),
    });
  }
  return tokens;
}

function sentenceStart(tokens: Token[], i: number, text: string, g: Gazetteer): boolean {
  const prev = tokens[i - 1];
  const cur = tokens[i];
  if (!prev || !cur) return true;
  if (text.slice(prev.end, cur.start).includes('\n')) return true;
  if (!sentenceEnders.has(prev.text)) return false;
  const before = tokens[i - 2];
  // "Mr. Mayers", "Richard M. Nixon": a dot after an honorific or an initial does not end a sentence.
  return !(prev.text === '.' && before && (g.honorifics.has(before.lower) || (before.cap && before.text.length === 1)));
}

/** Capitalised words joined by single spaces, initials ("M.") and inner connectors ("Bank of America"). */
function capitalisedRuns(tokens: Token[], text: string, g: Gazetteer): Array<{ first: number; parts: Token[] }> {
  const runs: Array<{ first: number; parts: Token[] }> = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i];
    if (!t || !t.cap) { i++; continue; }
    const parts: Token[] = [t];
    let j = i + 1;
    let afterDot = false;
    while (j < tokens.length) {
      const last = parts[parts.length - 1] as Token;
      if (last.text !== last.text.replace(/['’]s$/u, '')) break; // a possessive ends the name
      const next = tokens[j] as Token;
      const abbreviation = (last.text.length === 1 && last.cap) || g.honorifics.has(last.lower);
      if (next.text === '.' && !afterDot && abbreviation && tokens[j + 1]?.cap && text.slice(last.end, next.start) === '') {
        afterDot = true; // "M." in "Richard M. Nixon", "Mr." in "Mr. Mayers"
        j++;
        continue;
      }
      const gap = text.slice(last.end, next.start);
      if (gap !== (afterDot ? '. ' : ' ')) break;
      afterDot = false;
      if (next.cap && !breakers.has(next.lower)) { parts.push(next); j++; continue; }
      if (connectors.has(next.text) && tokens[j + 1]?.cap && text.slice(next.end, tokens[j + 1]?.start) === ' ') { parts.push(next); j++; continue; }
      break;
    }
    runs.push({ first: i, parts });
    i = j;
  }
  return runs;
}

function classify(parts: Token[], atStart: boolean, before: string, g: Gazetteer): Finding | undefined {
  let p = parts.filter((t) => !t.allCaps || g.organizations.has(t.lower) || g.places.has(t.lower));
  if (p.length !== parts.length && p.length === 0) return undefined;
  let honorific = false;
  if (p[0] && g.honorifics.has(p[0].lower) && p.length > 1) { p = p.slice(1); honorific = true; }
  const firstWord = p[0];
  const isName = (t: Token): boolean => g.firstNames.has(t.lower) || g.people.has(t.lower);
  const known = (t: Token): boolean => isName(t) || g.places.has(t.lower) || g.organizations.has(t.lower) || g.lastNames.has(t.lower);
  if (firstWord && atStart && !honorific && g.common.has(firstWord.lower) && !known(firstWord)) p = p.slice(1);
  while (p[0] && !honorific && g.calendar.has(p[0].lower)) p = p.slice(1);
  while (p.length > 0 && connectors.has((p[p.length - 1] as Token).lower)) p = p.slice(0, -1);
  const head = p[0];
  const tail = p[p.length - 1];
  if (!head || !tail) return undefined;
  const span = (type: string, score: number, parts2: Token[] = p): Finding => ({
    type, start: (parts2[0] as Token).start, end: (parts2[parts2.length - 1] as Token).end, score, recognizer: 'ner',
  });
  const full = p.map((t) => t.lower).join(' ');
  if (honorific) return span('PERSON', 0.85);
  if (g.people.has(full) && p.length > 1) return span('PERSON', 0.85);
  if (g.places.has(full)) return span('LOCATION', p.length > 1 ? 0.85 : 0.7);
  if (g.organizations.has(full) && !(p.length === 1 && legalForms.has(full))) return span('ORGANIZATION', 0.7);
  if (p.length > 1 && isName(head) && !legalForms.has(tail.lower)) return span('PERSON', 0.85);
  if (p.length > 1 && g.orgWords.has(tail.lower)) return span('ORGANIZATION', 0.6);
  if (p.length > 2 && g.orgWords.has(head.lower) && p[1]?.lower === 'of') return span('ORGANIZATION', 0.6);
  if (p.length > 1 && g.placeWords.has(tail.lower)) return span('LOCATION', 0.6);
  // "Sydney", "Austin", "Victoria": names that are also places follow the cue ("flew to Sydney").
  if (p.length === 1 && g.people.has(head.lower) && placeCue.test(before)) return span('LOCATION', 0.6);
  if (isName(head) && p.length === 1 && atStart && wordlikeNames.has(head.lower) && !/['’]s$/u.test(head.text)) return undefined;
  if (isName(head)) return span('PERSON', p.length > 1 ? 0.85 : g.people.has(head.lower) ? 0.5 : 0.7);
  if (p.length === 1 && g.lastNames.has(head.lower) && !atStart) return span('PERSON', 0.5);
  if (p.length === 2 && g.lastNames.has(tail.lower) && !g.common.has(head.lower)) return span('PERSON', 0.6);
  if (personCue.test(before) && !p.some((t) => g.common.has(t.lower))) return span('PERSON', 0.6);
  if (placeCue.test(before) && !p.some((t) => g.common.has(t.lower))) return span('LOCATION', 0.5);
  // Otherwise the first single word the lexicon knows ("Microsoft Open Source …" → Microsoft).
  for (const t of p) {
    if (g.organizations.has(t.lower) && !legalForms.has(t.lower)) return span('ORGANIZATION', 0.6, [t]);
    if (g.places.has(t.lower) && !g.common.has(t.lower)) return span('LOCATION', 0.6, [t]);
  }
  return undefined;
}

export function createNerRecognizer(): Recognizer {
  const g = gazetteer();
  return {
    name: 'ner',
    entities: ['PERSON', 'LOCATION', 'ORGANIZATION'],
    analyze(text: string): Finding[] {
      const tokens = tokenize(text);
      const findings: Finding[] = [];
      for (const run of capitalisedRuns(tokens, text, g)) {
        const first = run.parts[0] as Token;
        const last = run.parts[run.parts.length - 1] as Token;
        // "Mercury Technologies, Inc.": a legal form after a comma makes the run a company.
        const suffix = /^,? (?:Inc|Corp|Ltd|LLC|LLP|PLC|GmbH|AG|S\.A|Co)\b\.?/.exec(text.slice(last.end, last.end + 8));
        if (suffix && run.parts.length >= 1 && !legalForms.has(first.lower)) {
          findings.push({ type: 'ORGANIZATION', start: first.start, end: last.end + suffix[0].length, score: 0.8, recognizer: 'ner' });
          continue;
        }
        const before = text.slice(Math.max(0, first.start - 24), first.start);
        const finding = classify(run.parts, sentenceStart(tokens, run.first, text, g), before, g);
        if (finding) findings.push(finding);
      }
      return findings;
    },
  };
}
