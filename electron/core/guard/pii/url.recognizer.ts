import type { Finding, Recognizer } from '../types.js';
import { matchAll } from './text-spans.js';

// Country-code TLDs (ISO 3166 plus uk, eu, su) and generic TLDs worth knowing offline (the IANA list is long;
// these cover nearly all real traffic). Brand TLDs ("microsoft") are left out on purpose: in prose
// "www.microsoft" is a typo far more often than a host.
const genericTlds = new Set(`com org net edu gov mil int info biz name pro aero coop museum mobi jobs travel tel asia cat post xxx
app dev io ai co me tv cc ly gg sh site online tech store shop cloud web webcam blog news live life world today
space website page link click email digital network solutions services systems agency company center media
studio design art club group global team work works zone city health law legal finance bank insurance money
capital consulting engineering software security academy school university education institute foundation
charity church community social chat wiki review reviews guide tips xyz top icu vip win bid trade market
london berlin paris nyc tokyo amsterdam vlaanderen brussels wien swiss quebec scot wales eus bzh africa`.split(/\s+/));
const countryTlds = new Set(`ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bm bn bo br bs bt bw by bz
ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg er es et eu fi fj fk fm fo fr ga gd ge gf gg gh
gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in io iq ir is it je jm jo jp ke kg kh ki km kn kp kr kw ky kz la
lb lc li lk lr ls lt lu lv ly ma mc md me mg mh mk ml mm mn mo mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz
om pa pe pf pg ph pk pl pm pn pr ps pt pw py qa re ro rs ru rw sa sb sc sd se sg sh si sk sl sm sn so sr ss st su sv sx sy sz tc td
tf tg th tj tk tl tm tn to tr tt tv tw tz ua ug uk us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw`.split(/\s+/));
// Two-letter labels that are far more often file extensions than country codes when no scheme says "URL".
const fileLikeCcTlds = new Set(['py', 'rs', 'sh', 'md', 'pl', 'cs', 'ts', 'js', 'rb', 'go', 'so', 'gz', 'ps', 'am', 'in', 'is', 'it', 'at', 'as', 'do', 'no', 'to', 'me', 'us', 'my', 'an', 'be', 'by', 'im', 'or']);

const label = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const host = `(?:(?:${label}\\.)+[A-Za-z]{2,63}|\\[[0-9A-Fa-f:.]+\\]|\\d{1,3}(?:\\.\\d{1,3}){3}|localhost)`;
const tail = `(?::\\d{1,5})?(?:[/?#][^\\s<>"'\`]*)?`;
const withScheme = new RegExp(`(?<![\\p{L}\\p{N}_])(?:https?|ftp)://${host}${tail}`, 'giu');
const bare = new RegExp(`(?<![\\p{L}\\p{N}_@./-])(?:www\\.)?(?:${label}\\.)+([A-Za-z]{2,63})(?:/[^\\s<>"'\`]*)?(?![\\p{L}\\p{N}_@-])`, 'gu');

/** Closing punctuation that ends a sentence rather than the URL ("see https://x.org/a)."). */
function trimEnd(text: string, start: number, end: number): number {
  while (end > start) {
    const ch = text.charAt(end - 1);
    if (ch === ')' && text.slice(start, end).split('(').length > text.slice(start, end).split(')').length - 1) break;
    if (!'.,;:!?)]}\'"'.includes(ch)) break;
    end--;
  }
  return end;
}

function knownTld(tld: string, hasWww: boolean): boolean {
  const lower = tld.toLowerCase();
  if (lower.length === 2) return countryTlds.has(lower) && (hasWww || !fileLikeCcTlds.has(lower));
  return genericTlds.has(lower);
}

export function createUrlRecognizer(): Recognizer {
  return {
    name: 'url',
    entities: ['URL'],
    analyze(text: string): Finding[] {
      const findings: Finding[] = [];
      for (const match of matchAll(withScheme, text)) {
        let start = match.index;
        let end = trimEnd(text, start, start + match[0].length);
        const hostPart = /:\/\/([^/:?#]+)/.exec(text.slice(start, end))?.[1] ?? '';
        const tld = hostPart.split('.').pop() ?? '';
        if (hostPart.includes('.') && !hostPart.startsWith('[') && !/^\d/.test(tld) && !knownTld(tld, true)) continue;
        // Presidio's convention: a URL quoted on both sides is taken with its quotes.
        const before = text.charAt(start - 1);
        if ((before === '"' || before === "'") && text.charAt(end) === before) {
          start--;
          end++;
        }
        findings.push({ type: 'URL', start, end, score: 0.6, recognizer: 'url' });
      }
      for (const match of matchAll(bare, text)) {
        const start = match.index;
        if (findings.some((f) => start >= f.start && start < f.end)) continue;
        const end = trimEnd(text, start, start + match[0].length);
        const value = text.slice(start, end);
        const hostPart = value.split('/')[0] ?? '';
        const hasWww = /^www\./i.test(hostPart);
        const labels = hostPart.split('.');
        if (hasWww && labels.length < 3) continue;
        const tld = labels[labels.length - 1] ?? '';
        if (!knownTld(tld, hasWww)) continue;
        // "the email.If you…": a capitalised TLD after a lower-case name is a missing space, not a host.
        if (/^[A-Z][a-z]/.test(tld) && hostPart !== hostPart.toUpperCase()) continue;
        if (labels.some((l) => /^\d+$/.test(l))) continue; // version numbers and decimals
        findings.push({ type: 'URL', start, end, score: 0.5, recognizer: 'url' });
      }
      return findings.sort((a, b) => a.start - b.start);
    },
  };
}
