// Encodings that hide a probe from keyword filters while a capable model can still decode it (garak's encoding
// probes, promptfoo's strategies). Each returns the text the target receives, with the decoding request attached.

export function rot13(text: string): string {
  return text.replace(/[a-z]/gi, (c) => {
    const base = c <= 'Z' ? 65 : 97;
    return String.fromCharCode(((c.charCodeAt(0) - base + 13) % 26) + base);
  });
}

export function toHex(text: string): string {
  return Buffer.from(text, 'utf8').toString('hex');
}

const leet: Record<string, string> = { a: '4', e: '3', i: '1', o: '0', s: '5', t: '7', l: '1', g: '9', b: '8' };
export function leetspeak(text: string): string {
  return text.replace(/[aeiostlgb]/gi, (c) => leet[c.toLowerCase()] ?? c);
}

/** Latin letters swapped for Cyrillic and Greek look-alikes. */
const homoglyphs: Record<string, string> = { a: '\u0430', c: '\u0441', e: '\u0435', o: '\u043e', p: '\u0440', x: '\u0445', y: '\u0443', i: '\u0456', A: '\u0391', B: '\u0392', E: '\u0395', H: '\u0397', K: '\u039a', M: '\u039c', O: '\u039f', T: '\u03a4' };
export function homoglyph(text: string): string {
  return [...text].map((c) => homoglyphs[c] ?? c).join('');
}

/** Unicode tag characters (U+E0000 block): invisible in most renderers, still tokenised by some models. */
export function unicodeTags(text: string): string {
  return [...text].map((c) => {
    const code = c.codePointAt(0) ?? 0;
    return code >= 0x20 && code < 0x7f ? String.fromCodePoint(0xe0000 + code) : c;
  }).join('');
}

/** A zero-width space between every character defeats substring filters. */
export function zeroWidth(text: string): string {
  return [...text].join('\u200b');
}
