import { invisiblePattern } from './text-normalizer.js';

// Disguises count as evidence on their own: ordinary users do not write Latin words with Cyrillic letters
// inside, hide zero-width characters, or paste optimiser-generated token salad ("! ! ! [ [ {").

export interface HeuristicHit {
  id: string;
  weight: number;
}

const mixedScriptWord = /(?=[\p{L}]*\p{Script=Latin})(?=[\p{L}]*[\p{Script=Cyrillic}\p{Script=Greek}])[\p{L}]{3,}/gu;
// Latin-script look-alikes from IPA and Latin Extended (ɑ, ı, ɡ …) inside otherwise plain ASCII words.
const confusableWord = /(?=[\p{L}]*[a-zA-Z])[\p{L}]*[\u0131\u0251\u0261\u0269\u026A\u0280\u1D00-\u1D2B\u2113][\p{L}]*/gu;
const base64Blob = /[A-Za-z0-9+/]{40,}={0,2}/g;
const instructionWords = /\b(?:ignore|instructions?|system|prompt|pretend|jailbreak|password|reveal|disregard)\b/i;

export function obfuscationHits(text: string): HeuristicHit[] {
  const hits: HeuristicHit[] = [];
  const mixed = (text.match(mixedScriptWord)?.length ?? 0) + (text.match(confusableWord)?.length ?? 0);
  if (mixed > 0) hits.push({ id: 'mixed-script-words', weight: Math.min(1.6, 0.8 * mixed) });
  invisiblePattern.lastIndex = 0;
  if (invisiblePattern.test(text)) hits.push({ id: 'invisible-characters', weight: 1.0 });
  if (adversarialSuffix(text)) hits.push({ id: 'adversarial-token-salad', weight: 1.2 });
  for (const blob of text.match(base64Blob) ?? []) {
    try {
      const decoded = Buffer.from(blob, 'base64').toString('utf8');
      if (/^[\x20-\x7e\s]+$/.test(decoded) && instructionWords.test(decoded)) {
        hits.push({ id: 'encoded-instructions', weight: 1.4 });
        break;
      }
    } catch {
      // not base64 after all
    }
  }
  return hits;
}

// Optimiser-made suffixes (GCG and kin) read as token salad: lone brackets and punctuation, words glued
// across a case change ("similarlyNow", "DJstructor"), punctuation fused onto words ("**ONE", "](Me").
const oddToken = /^(?:[a-z]{2,}[A-Z][A-Za-z]*|[A-Z]{2,}[a-z]{2,}[A-Za-z]*|[^\w\s]{2,}\w+|\w+[^\w\s]{2,}\w*|[[\]{}]\w+|\w+[[\]{}]\w+)$/;
// Lone punctuation that prose and stripped code leave behind (. , : - | > parentheses) does not count.
const lonePunct = /^(?![.,:|>()-]+$)[!\[\]{}()<>\\^~@#$%&*+=;:?,.'"`»«-]+$/;
const codeHint = /^(?:def|class|import|return|const|let|var|function|if|else|for|while|try|except|catch|print|from)$|[=(]\)?$|^\.|\(\)|_\w|\w\.\w/;

// Code and tables are legitimately dense with brackets and punctuation: leave them out of this test.
const codeOrTable = /```[\s\S]*?(?:```|(?![\s\S]))|`[^`\n]+`|^(?:>>>|\.\.\.|In \[\d+\]|Out\[\d+\]|\s*\||[ \t]{2,}|Traceback|\s*File "|\s*(?:def|class|import|from|return|print|#)\b|\w*(?:Error|Exception):).*$/gm;

function adversarialSuffix(text: string): boolean {
  const tokens = text.replace(codeOrTable, ' ').split(/\s+/).filter((t) => t !== '');
  for (let start = 0; start < tokens.length; start += 8) {
    const window = tokens.slice(start, start + 24);
    if (window.length < 8) break;
    if (window.filter((t) => codeHint.test(t)).length >= 3) continue; // source code, not salad
    const lone = window.filter((t) => lonePunct.test(t)).length;
    const odd = window.filter((t) => oddToken.test(t)).length;
    const repeatedBracket = /(?:^|\s)([\[\]{}!])(?:\s+\1){2,}(?:\s|$)/.test(window.join(' '));
    if (repeatedBracket || lone + odd >= 6 || (lone >= 1 && odd >= 4) || (lone >= 3 && odd >= 2)) return true;
  }
  return false;
}
