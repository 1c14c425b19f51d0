import { InjectionScanner } from './injection.scanner.js';
import { invisiblePattern, normalizeForScan } from './text-normalizer.js';

/**
 * Indirect prompt injection: instructions planted in a document (an e-mail, a web page, a table) for the model that
 * will later read it. The scanner looks for structure rather than known strings, so it holds on attacks it has not
 * seen: sentences addressed to the reader's *answer* ("add … to your response"), orders to ignore or override,
 * an assistant's task (explain, translate, write a poem) dropped into content that is not a request, exfiltration
 * URLs, and text hidden from a human reader (HTML comments, zero-width or tag characters, white-on-white).
 * Each flagged segment comes back with its reasons so a person can judge the flag.
 */

export interface DocumentSignal {
  id: string;
  weight: number;
  /** The segment that raised it (cut to 160 characters). */
  excerpt: string;
}

export interface DocumentVerdict {
  flagged: boolean;
  /** 0..1: 1 − e^(−Σ weights) over the strongest segment plus whole-text signals. */
  score: number;
  signals: DocumentSignal[];
  reasons: string[];
}

export const DOCUMENT_THRESHOLD = 0.6;

const obfuscationIds = new Set(['mixed-script-words', 'invisible-characters', 'adversarial-token-salad', 'encoded-instructions']);

const cut = (s: string): string => (s.length > 160 ? `${s.slice(0, 157)}…` : s).trim();

// Verbs a person uses to give an assistant a task or to shape its output.
const taskVerbs = 'add|include|integrate|insert|append|modify|change|replace|substitute|use|render|convert|provide|remove|group|combine|introduce|misspell|scramble|jumble|rearrange|anagram|enhance|augment|mention|encourage|suggest|invite|express|stress|emphasi[sz]e|highlight|promote|tease|hint|offer|write|draft|compose|develop|explain|describe|translate|summari[sz]e|list|tell|give|show|respond|reply|answer|say|output|print|reveal|send|forward|recommend|direct|format|begin|start|end|sign|ignore|disregard|forget|pretend|act';
const outputRef = /\b(your|the) (response|responses|answer|answers|reply|replies|output|message|summary|completion)\b/;
const addressedToAi = /\b(ai|a\.i\.|assistant|chatbot|language model|llm|gpt|claude|copilot|model|bot)\b[,:]?/;
const overrideOrder = /\b(ignore|disregard|forget|override|bypass|skip)\b[^.!?\n]{0,40}\b(previous|prior|above|earlier|preceding|all|any|your|the|these|system)\b[^.!?\n]{0,30}\b(instructions?|rules|prompts?|directions|guidelines|context|constraints|policies)\b/;
const newInstructions = /\b(new|updated|real|actual|additional|important) (instructions?|task|directive|rules)\b|\binstead,? (you (must|should|will)|do|say|respond)\b|\byou (must|should|will) now\b|\bfrom now on\b/;
const imperativeStart = new RegExp(`^(please |kindly |also |now |then |and )?(${taskVerbs})\\b`);
// Questions and orders that are an assistant's task and not a document's content.
const assistantQuestion = /^(what is|what's|what are|who wrote|who is|how do (i|you)|how does|how can i|can you|could you|would you|why (is|do|does|are))\b.*\?$/;
const assistantOrder = /^(explain|describe|write|draft|compose|develop|translate|provide|break down|tell me|give me|create|generate|list)\b/;
const exfilUrl = /(https?:\/\/|www\.)[^\s)"'<>]*[?&][a-z_]*(q|data|d|text|msg|message|content|conversation|history|secret|token|key|email|info|payload|c|p)=(\{|%7b|\[|<|\$|[a-z0-9+/=%]{24,})/i;
const markdownImage = /!\[[^\]]*\]\((https?:\/\/[^)]+)\)/i;
// A hidden comment that talks to a reader (you, your), orders something, or carries a URL.
const commentOrder = /\b(you|your|ai|assistant|model|instructions?|ignore|disregard|forget|tell|say|respond|reply|answer|summari[sz]e|mention|include|append|insert|send|forward|reveal|output|print|recommend|download|visit|click|pretend)\b|https?:\/\//;
const linkOrDomain = /(https?:\/\/|www\.)\S+|\b[a-z0-9-]+\.(com|net|org|xyz|io|info|biz|ru|cn|top)\b/;

function segments(text: string): string[] {
  // Sentences within lines; table rows (lines with | cells) are kept whole.
  return text.split(/\n+/).flatMap((line) => (line.includes('|') ? [line] : line.split(/(?<=[.!?])\s+(?=[A-Z"'(])/))).map((s) => s.trim()).filter((s) => s.length > 0);
}

/** Structure of the text around a segment: prose, a table, or code. An assistant's task inside a table row or a code comment is out of place. */
function tableLike(text: string): boolean {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  return lines.length >= 3 && lines.filter((l) => (l.match(/\|/g) ?? []).length >= 2).length / lines.length > 0.5;
}

/** What the document is like around a segment: a table, and how instructional its own prose is (a how-to is full of orders). */
interface Surroundings { inTable: boolean; instructional: boolean }

function segmentSignals(raw: string, around: Surroundings): DocumentSignal[] {
  const heading = /^\s*#{1,6}\s/.test(raw);
  // A list item, inline code or a Markdown link marks the document's own formatted steps, not a slipped-in task.
  const formatted = /^\s*([-*•+]|\d+[.)])\s/.test(raw) || /`[^`]+`|\]\(/.test(raw);
  const s = normalizeForScan(raw).replace(/^[\s|>*#\-–•"']+/, '');
  const inTable = around.inTable;
  const signals: DocumentSignal[] = [];
  const add = (id: string, weight: number): void => void signals.push({ id, weight, excerpt: cut(raw) });
  if (overrideOrder.test(s)) add('override-instructions', 1.2);
  if (newInstructions.test(s)) add('new-instructions', 0.7);
  const imperative = imperativeStart.test(s);
  const refersToOutput = outputRef.test(s);
  if (imperative && refersToOutput) add('instruction-about-the-answer', 1.0);
  else if (refersToOutput && /\b(in|to|into|within|throughout) (your|the) (response|answer|reply|output)\b/.test(s)) add('instruction-about-the-answer', 0.9);
  if (addressedToAi.test(s) && (imperative || /\b(you (must|should|will|are to))\b/.test(s) || /^(hey|hi|dear|attention|note to)\b/.test(s))) add('addressed-to-an-ai', 0.9);
  // An assistant's task is normal in a chat but not inside a table row or an e-mail body; it weighs more in a table.
  // In a how-to, one more order is the document's own; elsewhere it is a task slipped in for the assistant.
  const task = !heading && (assistantQuestion.test(s) || assistantOrder.test(s)) && s.split(' ').length <= 30 && !/\b(we|our|us|my|i'm|i am|i've)\b/.test(s);
  if (task) add('assistant-task', around.instructional || formatted ? 0.4 : inTable ? 1.0 : 0.95);
  if (!heading && s.endsWith('?') && s.split(' ').length <= 20 && !/\b(you|your|we|our|us|my|me|i)\b/.test(s.replace(/\b(how do i|how can i)\b/, ''))) add('out-of-place-question', inTable ? 0.5 : 0.3);
  if (imperative && linkOrDomain.test(s)) add('link-in-an-order', 0.4);
  return signals;
}

function wholeTextSignals(text: string): DocumentSignal[] {
  const signals: DocumentSignal[] = [];
  for (const match of text.matchAll(/<!--([\s\S]*?)-->/g)) {
    const hidden = match[1] ?? '';
    // A comment is common in HTML; a comment that reads as instructions is the attack.
    const inner = segments(hidden).flatMap((s) => segmentSignals(s, { inTable: false, instructional: false }));
    if (inner.length > 0 || commentOrder.test(normalizeForScan(hidden))) signals.push({ id: 'hidden-html-comment', weight: inner.length > 0 ? 1.2 : 1.0, excerpt: cut(hidden) });
  }
  // Tag characters have no use in documents; zero-width ones do (scripts, emoji), so only runs or many of them count.
  const tags = text.match(/[\u{E0000}-\u{E007F}]/gu)?.length ?? 0;
  const invisible = text.match(invisiblePattern)?.length ?? 0;
  if (tags >= 3 || /[\u200B-\u200D\u2060\uFEFF]{3,}/u.test(text) || invisible >= 20) signals.push({ id: 'invisible-characters', weight: 0.9, excerpt: `${invisible} zero-width or tag characters` });
  const exfil = exfilUrl.exec(text);
  if (exfil) signals.push({ id: 'exfiltration-url', weight: 1.2, excerpt: cut(exfil[0]) });
  const image = markdownImage.exec(text);
  if (image && /[?&][^=]+=/.test(image[1] ?? '')) signals.push({ id: 'markdown-image-with-parameters', weight: 0.7, excerpt: cut(image[0]) });
  if (/(color\s*:\s*(#fff\b|#ffffff|white)|font-size\s*:\s*0|display\s*:\s*none)/i.test(text)) signals.push({ id: 'hidden-styled-text', weight: 0.5, excerpt: 'text styled to be invisible' });
  return signals;
}

const describe: Record<string, string> = {
  'override-instructions': 'tells the reader to ignore or override its instructions',
  'new-instructions': 'announces new instructions',
  'instruction-about-the-answer': "gives orders about the reader's answer",
  'addressed-to-an-ai': 'addresses an AI assistant directly',
  'assistant-task': "sets an assistant's task inside document content",
  'out-of-place-question': 'asks a general question unrelated to the document',
  'link-in-an-order': 'orders the reader to use a link',
  'hidden-html-comment': 'hides instructions in an HTML comment',
  'invisible-characters': 'contains invisible characters',
  'exfiltration-url': 'holds a URL that would send data out in its parameters',
  'markdown-image-with-parameters': 'embeds an image URL with parameters (loading it can leak data)',
  'hidden-styled-text': 'styles text to be invisible',
  'known-injection-phrase': 'matches a known injection phrase',
};

export class DocumentScanner {
  private readonly signatures = new InjectionScanner();

  constructor(readonly threshold = DOCUMENT_THRESHOLD) {}

  scan(text: string): DocumentVerdict {
    const body = text.length > 100_000 ? text.slice(0, 100_000) : text;
    // Comments are judged on their own below; fenced code is not prose (its comments and strings are not orders to a reader).
    const visible = body.replace(/<!--[\s\S]*?-->/g, ' ').replace(/```[\s\S]*?```/g, ' ');
    const parts = segments(visible);
    const orders = parts.filter((p) => imperativeStart.test(normalizeForScan(p).replace(/^[\s|>*#\-–•"'\d.)]+/, ''))).length;
    const around: Surroundings = { inTable: tableLike(body), instructional: orders >= 3 && orders / parts.length >= 0.08 };
    let best: DocumentSignal[] = [];
    let bestWeight = 0;
    for (const segment of parts) {
      const signals = segmentSignals(segment, around);
      const weight = signals.reduce((sum, s) => sum + s.weight, 0);
      if (weight > bestWeight) [best, bestWeight] = [signals, weight];
    }
    const whole = wholeTextSignals(body);
    // The guard's phrase signatures back this up, without its obfuscation heuristics (counted above on their own terms).
    const phrases = this.signatures.scanSync(body, 'document').signals.filter((s) => !obfuscationIds.has(s.id));
    if (phrases.length > 0) whole.push({ id: 'known-injection-phrase', weight: Math.min(1, phrases.reduce((sum, s) => sum + s.weight, 0)) * 0.6, excerpt: phrases.map((s) => s.id).join(', ') });
    const signals = [...best, ...whole];
    const total = signals.reduce((sum, s) => sum + s.weight, 0);
    const score = Math.round((1 - Math.exp(-total)) * 1000) / 1000;
    return { flagged: score >= this.threshold, score, signals, reasons: [...new Set(signals.map((s) => `${describe[s.id] ?? s.id}: "${s.excerpt}"`))] };
  }
}
