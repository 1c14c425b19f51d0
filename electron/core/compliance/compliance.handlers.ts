import { writeTransaction } from '../../../native/sqlite/write-transaction.js';
import type { BiasReport, ComplianceMethod } from '../contract/compliance.api.js';
import { AppError } from '../contract/errors.js';
import { promptServices } from '../prompts/prompts.handlers.js';
import { resolvePromptFor } from '../prompts/prompt-resolver.js';
import type { CoreServices, HandlersFor } from '../services/core-services.js';
import { runBiasAudit, type FrameInput } from './bias-audit.js';
import { DecisionRecords } from './decision-record.js';
import { buildModelCard, cardDigest } from './model-card.js';
import { cardHtml, cardMarkdown } from './model-card-render.js';

/** Compliance artefacts: decision records, versioned model cards, bias audits. */
export function createComplianceHandlers(s: CoreServices): HandlersFor<ComplianceMethod> {
  const records = new DecisionRecords(s.db, s.audit);
  return {
    'compliance.decisionRecord': ({ traceId }, ctx) => records.record(traceId, ctx),
    'compliance.modelCard': ({ model, format }, ctx) => {
      const card = buildModelCard(s.db, s.models, model);
      const digest = cardDigest(card);
      // A card is versioned by its content: the same facts give the same version, changed facts a new one.
      const version = writeTransaction(s.db, () => {
        const latest = s.db.prepare('SELECT version, digest FROM model_cards WHERE model_id = ? ORDER BY version DESC LIMIT 1').get(card.model.id) as { version: number; digest: string } | undefined;
        if (latest?.digest === digest) return latest.version;
        const next = (latest?.version ?? 0) + 1;
        s.db.prepare('INSERT INTO model_cards (model_id, version, card_json, digest, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)')
          .run(card.model.id, next, JSON.stringify(card), digest, ctx.user, new Date().toISOString());
        return next;
      });
      const content = format === 'md' ? cardMarkdown(card, version) : format === 'html' ? cardHtml(card, version) : JSON.stringify({ version, ...card }, null, 2);
      return { version, digest, format, content, card };
    },
    'compliance.modelCardVersions': ({ model }) => {
      const id = s.models.get(model).id;
      return (s.db.prepare('SELECT version, digest, created_by, created_at FROM model_cards WHERE model_id = ? ORDER BY version').all(id) as Array<{ version: number; digest: string; created_by: string; created_at: string }>)
        .map((r) => ({ version: r.version, digest: r.digest, createdBy: r.created_by, createdAt: r.created_at }));
    },
    'bias.run': (input, ctx) => {
      const frame = framer(s, input.prompt, ctx.user);
      s.models.get(input.model);
      return { jobId: s.jobs.start('bias.run', (job) => runBiasAudit(s.db, s.models, s.inference, input, frame, ctx, job)) };
    },
    'bias.list': ({ model }) => {
      const id = model ? s.models.get(model).id : null;
      const rows = s.db.prepare(`SELECT b.id, m.name AS model, b.prompt_ref, b.created_at, b.report_json FROM bias_audits b JOIN models m ON m.id = b.model_id
        ${id ? 'WHERE b.model_id = ?' : ''} ORDER BY b.created_at DESC LIMIT 200`).all(...(id ? [id] : [])) as Array<{ id: string; model: string; prompt_ref: string | null; created_at: string; report_json: string }>;
      return rows.map((r) => {
        const report = JSON.parse(r.report_json) as BiasReport;
        return { id: r.id, model: r.model, prompt: r.prompt_ref, createdAt: r.created_at, significantDifferences: report.significantDifferences, summary: report.summary };
      });
    },
    'bias.get': ({ id }) => {
      const row = s.db.prepare('SELECT report_json FROM bias_audits WHERE id = ?').get(id) as { report_json: string } | undefined;
      if (!row) throw new AppError('NOT_FOUND', `No bias audit ${id}; see \`enclave bias list\``);
      return JSON.parse(row.report_json) as BiasReport;
    },
  };
}

/** The counterfactual text as model input: a plain user message, or every variable of a registry prompt. */
function framer(s: CoreServices, ref: string | undefined, user: string): FrameInput {
  if (!ref) return (text) => ({ messages: [{ role: 'user', content: text }] });
  const { registry, ab } = promptServices(s);
  const version = resolvePromptFor(registry, ab, ref, user).version;
  return (text) => {
    const rendered = registry.render(version, Object.fromEntries(version.variables.map((v) => [v.name, text])));
    return rendered.messages ? { messages: rendered.messages } : { prompt: rendered.prompt ?? text };
  };
}
