/** Job kinds (the method that started them) in words. */
const KIND_LABELS: Record<string, string> = {
  'rag.ingest': 'Ingestion',
  'rag.reindex': 'Reindex',
  'rag.sync': 'Folder sync',
  'rag.ask': 'Answer',
  'models.import': 'Model import',
  'models.scan': 'Model scan',
  'eval.run': 'Eval run',
  'eval.judge': 'Eval judging',
  'inference.generate': 'Generation',
  'prompts.run': 'Prompt run',
  'redteam.run': 'Red-team run',
};

export function kindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind;
}

const plural = (n: number, word: string) => `${n.toLocaleString()} ${word}${n === 1 ? '' : 's'}`;
const clip = (text: string, max = 80) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** One line about a job's result for the panel; undefined when there is nothing worth saying beyond "succeeded". */
export function summarizeResult(kind: string, result: unknown): string | undefined {
  if (typeof result !== 'object' || result === null) return undefined;
  const r = result as Record<string, unknown>;
  const num = (key: string) => (typeof r[key] === 'number' ? (r[key] as number) : 0);
  switch (kind) {
    case 'rag.ingest':
    case 'rag.reindex':
    case 'rag.sync': {
      const skipped = Array.isArray(r.skipped) ? r.skipped.length : 0;
      const parts = [plural(num('documents'), 'document') + ' indexed', plural(num('chunks'), 'chunk')];
      if (num('unchanged') > 0) parts.push(`${num('unchanged').toLocaleString()} unchanged`);
      if (skipped > 0) parts.push(`${skipped.toLocaleString()} skipped`);
      return parts.join(', ');
    }
    case 'models.import':
      return typeof r.name === 'string' ? `Imported ${r.name}` : undefined;
    case 'models.scan':
      return Array.isArray(r.added) ? `${plural(r.added.length, 'model')} added` : undefined;
    case 'rag.ask':
      return typeof r.answer === 'string' ? clip(r.abstained === true ? `Abstained: ${r.answer}` : r.answer) : undefined;
    case 'redteam.run': {
      const overall = (r.summary as { overall?: { attempts?: number; successes?: number } } | undefined)?.overall;
      return overall ? `${(overall.successes ?? 0).toLocaleString()} of ${plural(overall.attempts ?? 0, 'attack')} got through` : undefined;
    }
    case 'inference.generate':
      return typeof r.text === 'string' ? `${plural(num('completionTokens'), 'token')}: ${clip(r.text, 60)}` : undefined;
    default:
      return typeof r.id === 'string' ? `Result ${r.id}` : undefined;
  }
}
