import type { Method } from '../contract/api.js';

/**
 * What the audit trail records of a call, decided per method — every method in the contract is classified here,
 * and the type makes a new method fail to compile until someone decides:
 * - `change`: changes something or runs a model: parameters and result go into the encrypted payload;
 * - `protected-read`: returns protected content (document text and chunks, answers, traces, datasets, eval outputs,
 *   audit data, restored values): recorded as who read what (parameters, ids, counts), never the content itself;
 * - `not-recorded`: returns nothing protected (settings, metadata, status) or changes nothing of its own;
 * - `self-recorded`: the service writes its own entries (accounts without passwords or tokens, audit exports).
 */
export type AuditClass = 'change' | 'protected-read' | 'not-recorded' | 'self-recorded';

export const auditClasses = {
  'app.info': 'not-recorded',

  'models.list': 'not-recorded',
  'models.get': 'not-recorded',
  'models.usage': 'not-recorded',
  'models.history': 'not-recorded',
  'models.import': 'change',
  'models.scan': 'change',
  'models.update': 'change',
  'models.approve': 'change',
  'models.reject': 'change',
  'models.retire': 'change',
  'models.reinstate': 'change',
  'models.remove': 'change',

  'inference.generate': 'change',
  'inference.embed': 'change',
  'inference.countTokens': 'not-recorded',
  'inference.status': 'not-recorded',
  'inference.unload': 'change',

  'settings.get': 'not-recorded',
  'settings.update': 'change',

  'jobs.list': 'not-recorded',
  'jobs.get': 'not-recorded',
  // A job's result is recorded once, when it ends (`<method>.completed`), under the class of the method that started it.
  'jobs.wait': 'not-recorded',
  // The job's end (cancelled) is recorded as `<method>.completed`.
  'jobs.cancel': 'not-recorded',

  'rag.collections.list': 'not-recorded',
  'rag.collections.get': 'not-recorded',
  'rag.collections.history': 'not-recorded',
  'rag.collections.create': 'change',
  'rag.collections.update': 'change',
  'rag.collections.remove': 'change',
  'rag.ingest': 'change',
  'rag.watch.add': 'change',
  'rag.watch.list': 'not-recorded',
  'rag.watch.remove': 'change',
  'rag.documents.list': 'protected-read',
  'rag.documents.get': 'protected-read',
  'rag.documents.remove': 'change',
  'rag.search': 'protected-read',
  'rag.ask': 'protected-read',
  'rag.traces.get': 'protected-read',

  'audit.list': 'protected-read',
  'audit.get': 'protected-read',
  'audit.verify': 'protected-read',
  'audit.export': 'self-recorded',
  'audit.publicKey': 'not-recorded',
  // Reads only the uploaded file (which the caller already holds); the report names lines and sequence numbers.
  'audit.verifyExport': 'not-recorded',
  // The service appends its own `audit.purge` entry (cut-off, count, days) when anything was purged.
  'audit.purge': 'self-recorded',

  'auth.status': 'self-recorded',
  'auth.configure': 'self-recorded',
  'auth.setup': 'self-recorded',
  'auth.signIn': 'self-recorded',
  'auth.signOut': 'self-recorded',
  'auth.me': 'self-recorded',
  'auth.changePassword': 'self-recorded',
  'users.add': 'self-recorded',
  'users.list': 'self-recorded',
  'users.setRoles': 'self-recorded',
  'users.setGroups': 'self-recorded',
  'users.disable': 'self-recorded',
  'users.enable': 'self-recorded',
  'users.setPassword': 'self-recorded',
  'tokens.create': 'self-recorded',
  'tokens.list': 'self-recorded',
  'tokens.revoke': 'self-recorded',

  'prompts.list': 'not-recorded',
  'prompts.show': 'not-recorded',
  'prompts.diff': 'not-recorded',
  'prompts.history': 'not-recorded',
  'prompts.resolve': 'not-recorded',
  'prompts.render': 'not-recorded',
  'prompts.suggestBump': 'not-recorded',
  'prompts.create': 'change',
  'prompts.version': 'change',
  'prompts.label': 'change',
  'prompts.rollback': 'change',
  'prompts.run': 'change',
  'prompts.ab.list': 'not-recorded',
  'prompts.ab.get': 'not-recorded',
  'prompts.ab.create': 'change',
  'prompts.ab.assign': 'change',
  'prompts.ab.record': 'change',
  'prompts.ab.promote': 'change',
  'prompts.ab.rollback': 'change',

  'eval.datasets.list': 'not-recorded',
  'eval.datasets.show': 'protected-read',
  'eval.datasets.export': 'protected-read',
  'eval.datasets.import': 'change',
  'eval.datasets.label': 'change',
  'eval.suites.validate': 'not-recorded',
  'eval.runs.list': 'not-recorded',
  'eval.runs.get': 'not-recorded',
  'eval.runs.results': 'protected-read',
  'eval.runs.compare': 'not-recorded',
  'eval.runs.start': 'change',
  'eval.runs.resume': 'change',
  'eval.judge.grade': 'change',
  'eval.judge.pairwise': 'change',

  'redteam.runs.start': 'change',
  'redteam.runs.list': 'not-recorded',
  'redteam.runs.get': 'protected-read',
  'redteam.runs.report': 'protected-read',
  'redteam.runs.compare': 'not-recorded',
  'redteam.probes.list': 'not-recorded',
  'eval.benchmark.run': 'change',

  'guard.restore': 'protected-read',
  // The caller's own text, stored nowhere: recording it would copy PII and secrets into the trail.
  'guard.scan': 'not-recorded',

  'review.list': 'not-recorded',
  'review.show': 'protected-read',
  'review.decide': 'change',
  'review.result': 'protected-read',
  'review.policies.set': 'change',
  'review.policies.list': 'not-recorded',
  'labeling.questions.set': 'change',
  'labeling.questions.list': 'not-recorded',
  'labeling.assign': 'change',
  'labeling.queue': 'protected-read',
  'labeling.submit': 'change',
  'labeling.progress': 'not-recorded',
  'labeling.agreement': 'protected-read',
  'labeling.adjudicate': 'change',
  'labeling.gold': 'protected-read',
  'labeling.publishGold': 'change',
  'compliance.decisionRecord': 'protected-read',
  'compliance.modelCard': 'change',
  'compliance.modelCardVersions': 'not-recorded',
  'bias.run': 'change',
  'bias.list': 'not-recorded',
  'bias.get': 'protected-read',

  // Traces hold prompts and answers: reads are recorded as who read what, never the content.
  'traces.list': 'protected-read',
  'traces.get': 'protected-read',
  'traces.export': 'protected-read',
  'traces.feedback': 'change',
  'traces.toDataset': 'change',
  'traces.retention.get': 'not-recorded',
  'traces.retention.set': 'change',
  'traces.purge': 'change',
  'monitor.summary': 'not-recorded',
  // Reads a sample of trace inputs to cluster them: recorded as who compared what.
  'drift.check': 'protected-read',
  'monitor.alerts.get': 'not-recorded',
  'monitor.alerts.set': 'change',
  // Alerts it raises are audit entries of their own (monitor.alert).
  'monitor.alerts.evaluate': 'not-recorded',
  'monitor.online.get': 'not-recorded',
  'monitor.online.set': 'change',
  'monitor.siem.get': 'not-recorded',
  'drift.schedule.get': 'not-recorded',
  'drift.schedule.set': 'change',
  // Reads every trace's input like drift.check does.
  'drift.schedule.run': 'protected-read',
  'monitor.siem.set': 'change',
  // Sends a packet to the SIEM: recorded like a change so a test alert is never a mystery in the SIEM's log.
  'monitor.siem.test': 'change',

  // Gateway policies (issue 11): what routes, quotas and prices are is configuration; usage is metadata (counts, costs).
  'routes.list': 'not-recorded', 'routes.get': 'not-recorded', 'routes.explain': 'not-recorded', 'routes.set': 'change', 'routes.remove': 'change',
  'quotas.list': 'not-recorded', 'quotas.set': 'change', 'quotas.remove': 'change',
  'prices.list': 'not-recorded', 'prices.set': 'change', 'prices.remove': 'change',
  'usage.summary': 'not-recorded', 'usage.cache.clear': 'change',
  'files.roots.get': 'not-recorded',
  'files.roots.set': 'change',

  'conversations.list': 'not-recorded',
  'conversations.get': 'protected-read',
  'conversations.save': 'change',
  'conversations.rename': 'change',
  'conversations.remove': 'change',

  // add/update carry an API key: the endpoints service writes entries without it (not even its digest).
  'endpoints.list': 'not-recorded',
  'endpoints.test': 'not-recorded',
  'endpoints.add': 'self-recorded',
  'endpoints.update': 'self-recorded',
  'endpoints.remove': 'change',
  'endpoints.discover': 'change',

  // Bundles are large and their content is protected: the transfer service records what crossed (ids, counts,
  // conflicts, the file's SHA-256), never the bundle; sync keeps the API token out of the trail.
  'transfer.export': 'self-recorded',
  'transfer.import': 'self-recorded',
  'transfer.sync': 'self-recorded',
  'transfer.trust.add': 'self-recorded',
  'transfer.trust.remove': 'self-recorded',
  'transfer.inspect': 'protected-read',
  'transfer.inventory': 'protected-read',
  'transfer.provenance': 'not-recorded',
  'transfer.trust.self': 'not-recorded',
  'transfer.trust.list': 'not-recorded',

  // Runs a model: parameters and result (with the `chatcmpl-…` response id) go into the payload.
  'openai.generate': 'change',
  // The job's end (cancelled) is recorded as `openai.generate.completed`.
  'openai.cancel': 'not-recorded',
  'openai.embed': 'change',
  'openai.models': 'not-recorded',
  'openai.settings.get': 'not-recorded',
  'openai.settings.update': 'change',
} as const satisfies Record<Method, AuditClass>;

/** A name the table does not know (a method added without deciding) is recorded in full: the safe side. */
export function auditClassOf(method: string): AuditClass {
  return Object.hasOwn(auditClasses, method) ? auditClasses[method as Method] : 'change';
}
