// sacreBLEU's TercomTokenizer (a port of Tercom's Normalizer.java). TER's default uses none of the
// normalisation, only lowercasing; the options exist so TER scores can be compared with papers that
// used `-N` (normalized), `--no-punct` or Asian support.
import { pyNormalizeSpaces } from '../../text/python-compat.js';

export interface TercomOptions {
  normalized?: boolean;
  noPunct?: boolean;
  asianSupport?: boolean;
  caseSensitive?: boolean;
}

const asianPunct = /([\u3001\u3002\u3008-\u3011\u3014-\u301f\uff61-\uff65\u30fb])/gu;
const fullWidthPunct = /([\uff0e\uff0c\uff1f\uff1a\uff1b\uff01\uff02\uff08\uff09])/gu;

function normalizeGeneralAndWestern(text: string): string {
  let sent = text.replace(/\n-/gu, '').replace(/\n/gu, ' ');
  sent = sent.replace(/&quot;/gu, '"').replace(/&amp;/gu, '&').replace(/&lt;/gu, '<').replace(/&gt;/gu, '>');
  sent = ` ${sent} `;
  sent = sent.replace(/([{-~[-`\x20-&(-+:-@/])/gu, ' $1 ');
  sent = sent.replace(/'s /gu, " 's ").replace(/'s$/u, " 's");
  sent = sent.replace(/([^0-9])([.,])/gu, '$1 $2 ');
  sent = sent.replace(/([.,])([^0-9])/gu, ' $1 $2');
  return sent.replace(/([0-9])(-)/gu, '$1 $2 ');
}

function normalizeAsian(text: string): string {
  // CJK ideographs (and extension A), strokes and radicals, compatibility blocks and enclosed letters
  // are split down to single characters.
  let sent = text.replace(/([\u4e00-\u9fff\u3400-\u4dbf])/gu, ' $1 ');
  sent = sent.replace(/([\u31c0-\u31ef\u2e80-\u2eff])/gu, ' $1 ');
  sent = sent.replace(/([\u3300-\u33ff\uf900-\ufaff\ufe30-\ufe4f])/gu, ' $1 ');
  sent = sent.replace(/([\u3200-\u3f22])/gu, ' $1 ');
  // Tercom's kana rules as written: anchored at the start of the string, so they rarely fire.
  // Kept verbatim because sacreBLEU keeps them verbatim.
  sent = sent.replace(/(^|^[\u3040-\u309f])([\u3040-\u309f]+)(?=$|^[\u3040-\u309f])/gu, '$1 $2 ');
  sent = sent.replace(/(^|^[\u30a0-\u30ff])([\u30a0-\u30ff]+)(?=$|^[\u30a0-\u30ff])/gu, '$1 $2 ');
  sent = sent.replace(/(^|^[\u31f0-\u31ff])([\u31f0-\u31ff]+)(?=$|^[\u31f0-\u31ff])/gu, '$1 $2 ');
  return sent.replace(asianPunct, ' $1 ').replace(fullWidthPunct, ' $1 ');
}

export function tercomTokenize(text: string, options: TercomOptions = {}): string {
  if (!text) return '';
  let sent = options.caseSensitive ? text : text.toLowerCase();
  if (options.normalized) {
    sent = normalizeGeneralAndWestern(sent);
    if (options.asianSupport) sent = normalizeAsian(sent);
  }
  if (options.noPunct) {
    sent = sent.replace(/[.,?:;!"()]/gu, '');
    if (options.asianSupport) sent = sent.replace(asianPunct, '').replace(fullWidthPunct, '');
  }
  return pyNormalizeSpaces(sent);
}
