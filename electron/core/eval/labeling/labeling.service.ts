import type { Db } from '../../../../native/sqlite/open.js';
import { writeTransaction } from '../../../../native/sqlite/write-transaction.js';
import type { CallContext } from '../../contract/context.js';
import { AppError } from '../../contract/errors.js';
import type { AgreementReport, LabelQuestion, LabelValue } from '../../contract/labeling.api.js';
import { DatasetsRepo, type DatasetRow, type StoredCase } from '../datasets/datasets.repo.js';
import { agreementReport } from './agreement-report.js';
import { DatasetsService } from '../datasets/datasets.service.js';
import { goldAsHumanLabels } from './gold-publish.js';
import { LabelingRepo } from './labeling.repo.js';

/**
 * Labeling by several experts. Each label is stored under its labeler (a labeler can only write their own), cases
 * are assigned round-robin with a chosen overlap, and agreement is computed per question over cases labeled by two
 * or more. Labels are keyed by the case's key, so they survive new dataset versions that keep the case.
 */
export class LabelingService {
  private readonly datasets: DatasetsRepo;
  readonly repo: LabelingRepo;

  constructor(private readonly db: Db) {
    this.datasets = new DatasetsRepo(db);
    this.repo = new LabelingRepo(db);
  }

  setQuestions(name: string, questions: LabelQuestion[]): LabelQuestion[] {
    const dataset = this.dataset(name);
    const names = new Set<string>();
    for (const q of questions) {
      if (names.has(q.name)) throw new AppError('INVALID_INPUT', `The question "${q.name}" is defined twice`);
      names.add(q.name);
      if ((q.type === 'label' || q.type === 'multi-label' || q.type === 'ranking') && q.options.length < 2) {
        throw new AppError('INVALID_INPUT', `The ${q.type} question "${q.name}" needs at least two options to choose from`);
      }
    }
    writeTransaction(this.db, () => this.repo.replaceQuestions(dataset.id, questions));
    return this.repo.questions(dataset.id);
  }

  questions(name: string): LabelQuestion[] {
    return this.repo.questions(this.dataset(name).id);
  }

  /** Case i goes to labelers i, i+1, … i+overlap−1 (mod the number of labelers): even load, every case `overlap` times. */
  assign(name: string, labelers: string[], overlap: number, ctx: CallContext): { cases: number; assignments: Array<{ labeler: string; cases: number }> } {
    const dataset = this.dataset(name);
    const unique = [...new Set(labelers)];
    if (overlap > unique.length) throw new AppError('INVALID_INPUT', `An overlap of ${overlap} needs at least ${overlap} labelers; ${unique.length} given`);
    const cases = this.cases(dataset);
    const rows = cases.flatMap((c, i) => Array.from({ length: overlap }, (_, j) => ({ caseKey: c.key, labeler: unique[(i + j) % unique.length]! })));
    writeTransaction(this.db, () => this.repo.replaceAssignments(dataset.id, rows, ctx.user, new Date().toISOString()));
    return { cases: cases.length, assignments: this.repo.assignmentCounts(dataset.id).map((a) => ({ labeler: a.labeler, cases: a.assigned })) };
  }

  queue(name: string, ctx: CallContext) {
    const dataset = this.dataset(name);
    const mineOnly = this.repo.hasAssignments(dataset.id) ? this.repo.assignedTo(dataset.id, ctx.user) : null;
    const own = this.repo.labels(dataset.id).filter((l) => l.labeler === ctx.user);
    const cases = this.cases(dataset).filter((c) => mineOnly === null || mineOnly.has(c.key));
    return {
      questions: this.repo.questions(dataset.id),
      cases: cases.map((c) => ({ key: c.key, vars: c.vars, expected: c.expected, mine: Object.fromEntries(own.filter((l) => l.caseKey === c.key).map((l) => [l.question, l.value])) })),
    };
  }

  submit(name: string, caseKey: string, labels: Record<string, LabelValue>, ctx: CallContext): { caseKey: string; saved: number } {
    const dataset = this.dataset(name);
    if (!this.cases(dataset).some((c) => c.key === caseKey)) throw new AppError('DATASET_CASE_NOT_FOUND', `Dataset "${name}" has no case "${caseKey}" in its latest version`);
    if (this.repo.hasAssignments(dataset.id) && !this.repo.assignedTo(dataset.id, ctx.user).has(caseKey)) {
      throw new AppError('FORBIDDEN', `Case "${caseKey}" of "${name}" is not assigned to ${ctx.user}; label the cases of your queue (\`enclave datasets queue ${name}\`)`);
    }
    const questions = new Map(this.repo.questions(dataset.id).map((q) => [q.name, q]));
    if (questions.size === 0) throw new AppError('INVALID_INPUT', `Dataset "${name}" has no labeling questions yet; define them first (\`enclave datasets questions ${name} --file questions.json\`)`);
    for (const [question, value] of Object.entries(labels)) checkValue(questions.get(question), question, value);
    const at = new Date().toISOString();
    writeTransaction(this.db, () => {
      for (const [question, value] of Object.entries(labels)) this.repo.saveLabel(dataset.id, caseKey, question, ctx.user, value, at);
    });
    return { caseKey, saved: Object.keys(labels).length };
  }

  progress(name: string): Array<{ labeler: string; assigned: number; labeled: number }> {
    const dataset = this.dataset(name);
    const labeled = this.repo.labeledCounts(dataset.id);
    const assigned = new Map(this.repo.assignmentCounts(dataset.id).map((a) => [a.labeler, a.assigned]));
    const everyone = [...new Set([...assigned.keys(), ...labeled.keys()])].sort();
    return everyone.map((labeler) => ({ labeler, assigned: assigned.get(labeler) ?? 0, labeled: labeled.get(labeler) ?? 0 }));
  }

  agreement(name: string): AgreementReport {
    const dataset = this.dataset(name);
    const gold = new Map(this.repo.gold(dataset.id).map((g) => [`${g.caseKey}\u0000${g.question}`, g.value]));
    return agreementReport(dataset.name, this.repo.questions(dataset.id), this.repo.labels(dataset.id), gold);
  }

  adjudicate(name: string, caseKey: string, question: string, value: LabelValue, reason: string, ctx: CallContext) {
    const dataset = this.dataset(name);
    checkValue(this.repo.questions(dataset.id).find((q) => q.name === question), question, value);
    if (!this.cases(dataset).some((c) => c.key === caseKey)) throw new AppError('DATASET_CASE_NOT_FOUND', `Dataset "${name}" has no case "${caseKey}" in its latest version`);
    writeTransaction(this.db, () => this.repo.setGold(dataset.id, caseKey, question, value, ctx.user, reason, new Date().toISOString()));
    return { caseKey, question, value };
  }

  /** Gold labels become the latest version's human labels (the judge's calibration data): a new dataset version. */
  publishGold(name: string, note: string | undefined, ctx: CallContext) {
    const dataset = this.dataset(name);
    const current = new Map(this.cases(dataset).map((c) => [c.key, c.human]));
    const labels = goldAsHumanLabels(this.repo.questions(dataset.id), this.repo.gold(dataset.id), current);
    return new DatasetsService(this.datasets).label({ dataset: dataset.name, labels, note: note ?? 'adjudicated gold labels' }, ctx);
  }

  gold(name: string) {
    return this.repo.gold(this.dataset(name).id);
  }

  private dataset(name: string): DatasetRow {
    const row = this.datasets.byName(name);
    if (!row) throw new AppError('DATASET_NOT_FOUND', `No dataset "${name}"; import one with \`enclave datasets import\``);
    return row;
  }

  private cases(dataset: DatasetRow): StoredCase[] {
    const version = this.datasets.version(dataset.id);
    return version ? this.datasets.cases(version.id) : [];
  }
}

/** A value must fit its question: a rating 1–5, a label from the set, labels from the set, a full ranking, text. */
function checkValue(question: LabelQuestion | undefined, name: string, value: LabelValue): void {
  if (!question) throw new AppError('INVALID_INPUT', `No labeling question "${name}" in this dataset`);
  const bad = (what: string) => new AppError('INVALID_INPUT', `"${name}" takes ${what}`);
  switch (question.type) {
    case 'rating':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 5) throw bad('a rating from 1 to 5');
      return;
    case 'label':
      if (typeof value !== 'string' || !question.options.includes(value)) throw bad(`one of ${question.options.join(', ')}`);
      return;
    case 'multi-label':
      if (!Array.isArray(value) || new Set(value).size !== value.length || value.some((v) => !question.options.includes(v))) throw bad(`distinct labels from ${question.options.join(', ')}`);
      return;
    case 'ranking':
      if (!Array.isArray(value) || value.length !== question.options.length || [...value].sort().join('\n') !== [...question.options].sort().join('\n')) throw bad(`every one of ${question.options.join(', ')} once, best first`);
      return;
    case 'text':
    case 'corrected':
      if (typeof value !== 'string' || value.trim() === '') throw bad('text');
  }
}
