import type { AgreementReport, LabelQuestion, LabelValue } from '../../contract/labeling.api.js';
import { cohenKappa, countTable, fleissKappa, krippendorffAlpha, type Label } from './agreement-stats.js';
import type { ExpertLabel } from './labeling.repo.js';

type QuestionAgreement = AgreementReport['questions'][number];

/**
 * The category a value counts as: a rating its number, a label its text, several labels the set (sorted), a ranking
 * its order. Free text and corrected answers have no categories: their questions report no statistics, only the
 * cases whose texts differ.
 */
function category(question: LabelQuestion, value: LabelValue): Label {
  if (Array.isArray(value)) return question.type === 'multi-label' ? [...value].sort().join('|') : value.join('>');
  return value;
}

const numeric = (type: LabelQuestion['type']) => type === 'rating';
const categorical = (type: LabelQuestion['type']) => type !== 'text' && type !== 'corrected';

/** Agreement for each question of a dataset from every labeler's labels; disagreements listed with any gold label. */
export function agreementReport(dataset: string, questions: LabelQuestion[], labels: ExpertLabel[], gold: Map<string, LabelValue>): AgreementReport {
  const perQuestion = questions.map((q) => questionAgreement(q, labels.filter((l) => l.question === q.name), gold));
  const first = perQuestion[0];
  return {
    dataset, question: first?.question ?? null,
    cohenKappa: first?.cohenKappa ?? null, fleissKappa: first?.fleissKappa ?? null, krippendorffAlpha: first?.krippendorffAlpha ?? null,
    questions: perQuestion,
  };
}

function questionAgreement(question: LabelQuestion, labels: ExpertLabel[], gold: Map<string, LabelValue>): QuestionAgreement {
  const labelers = [...new Set(labels.map((l) => l.labeler))].sort();
  const byCase = new Map<string, Map<string, LabelValue>>();
  for (const l of labels) {
    if (!byCase.has(l.caseKey)) byCase.set(l.caseKey, new Map());
    byCase.get(l.caseKey)!.set(l.labeler, l.value);
  }
  const shared = [...byCase.entries()].filter(([, m]) => m.size >= 2);
  const key = (v: LabelValue) => (categorical(question.type) ? String(category(question, v)) : String(v).trim());
  const disagreements = shared
    .filter(([, m]) => new Set([...m.values()].map(key)).size > 1)
    .map(([caseKey, m]) => ({ caseKey, labels: Object.fromEntries(m), gold: gold.get(`${caseKey}\u0000${question.name}`) ?? null }));
  const none = { cohenKappa: null, pairs: [], fleissKappa: null, krippendorffAlpha: null, krippendorffAlphaNominal: null, krippendorffAlphaOrdinal: null };
  if (!categorical(question.type)) return { question: question.name, type: question.type, units: shared.length, labelers, ...none, disagreements };

  // Units: one row per case, one column per labeler (null where that labeler did not label the case).
  const units = shared.map(([, m]) => labelers.map((who) => (m.has(who) ? category(question, m.get(who)!) : null)));
  const pairs: QuestionAgreement['pairs'] = [];
  for (let i = 0; i < labelers.length; i++) {
    for (let j = i + 1; j < labelers.length; j++) {
      const both = units.filter((u) => u[i] !== null && u[j] !== null);
      if (both.length > 0) pairs.push({ a: labelers[i]!, b: labelers[j]!, n: both.length, kappa: cohenKappa(both.map((u) => u[i]!), both.map((u) => u[j]!)) });
    }
  }
  const kappas = pairs.map((p) => p.kappa).filter((k): k is number => k !== null);
  const nominal = krippendorffAlpha(units, 'nominal');
  // Ratings are ordered; labels, sets and rankings are categories without an order.
  const ordinal = numeric(question.type) ? krippendorffAlpha(units, 'ordinal') : null;
  return {
    question: question.name, type: question.type, units: units.length, labelers,
    cohenKappa: kappas.length ? kappas.reduce((s, k) => s + k, 0) / kappas.length : null, pairs,
    fleissKappa: fleissKappa(countTable(units).counts),
    krippendorffAlpha: numeric(question.type) ? ordinal : nominal,
    krippendorffAlphaNominal: nominal, krippendorffAlphaOrdinal: ordinal,
    disagreements,
  };
}
