// Attackers dress instructions up so that signatures miss them: Cyrillic "а" for Latin "a", zero-width
// joiners inside words, fullwidth letters. Signatures run on text with those disguises taken off, and the
// disguises themselves are evidence (see obfuscation.heuristics.ts).

const homoglyphs: Record<string, string> = {
  а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x', і: 'i', ј: 'j', ѕ: 's', һ: 'h', ԁ: 'd', ԛ: 'q', ԝ: 'w', ɡ: 'g',
  ɑ: 'a', ı: 'i', ο: 'o', α: 'a', ε: 'e', ι: 'i', κ: 'k', ν: 'v', τ: 't', υ: 'u', ρ: 'p', χ: 'x', ℓ: 'l', ɩ: 'i', ӏ: 'l',
};
const homoglyphPattern = new RegExp(`[${Object.keys(homoglyphs).join('')}]`, 'gu');
export const invisiblePattern = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u206A-\u206F\uFEFF\u{E0000}-\u{E007F}]/gu;

export function normalizeForScan(text: string): string {
  return text
    .normalize('NFKC')
    .replace(invisiblePattern, '')
    .toLowerCase()
    .replace(homoglyphPattern, (ch) => homoglyphs[ch] ?? ch)
    .replace(/[’‘`]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\s+/g, ' ');
}
