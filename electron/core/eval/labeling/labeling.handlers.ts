import type { LabelingMethod } from '../../contract/labeling.api.js';
import type { CoreServices, HandlersFor } from '../../services/core-services.js';
import { LabelingService } from './labeling.service.js';

/** Expert labeling's methods. */
export function createLabelingHandlers(s: CoreServices): HandlersFor<LabelingMethod> {
  const labeling = new LabelingService(s.db);
  return {
    'labeling.questions.set': ({ dataset, questions }) => labeling.setQuestions(dataset, questions),
    'labeling.questions.list': ({ dataset }) => labeling.questions(dataset),
    'labeling.assign': ({ dataset, labelers, overlap }, ctx) => labeling.assign(dataset, labelers, overlap, ctx),
    'labeling.queue': ({ dataset }, ctx) => labeling.queue(dataset, ctx),
    'labeling.submit': ({ dataset, caseKey, labels }, ctx) => labeling.submit(dataset, caseKey, labels, ctx),
    'labeling.progress': ({ dataset }) => labeling.progress(dataset),
    'labeling.agreement': ({ dataset }) => labeling.agreement(dataset),
    'labeling.adjudicate': ({ dataset, caseKey, question, value, reason }, ctx) => labeling.adjudicate(dataset, caseKey, question, value, reason, ctx),
    'labeling.publishGold': ({ dataset, note }, ctx) => labeling.publishGold(dataset, note, ctx),
    'labeling.gold': ({ dataset }) => labeling.gold(dataset),
  };
}
