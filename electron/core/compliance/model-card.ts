import { createHash } from 'node:crypto';
import type { Db } from '../../../native/sqlite/open.js';
import type { ModelCard } from '../contract/compliance.api.js';
import type { ModelsService } from '../models/models.service.js';

/** GGUF keys worth a card: identity, size and training context; never the tokenizer's vocabulary. */
const CARD_METADATA = /^(general\.(name|architecture|basename|size_label|license|author|organization|version|description|quantized_by|source\.url|url|tags|languages|datasets|finetune)|.*\.context_length|.*\.embedding_length|.*\.block_count)$/;

const ROLE_USE: Record<string, string> = {
  chat: 'Text generation behind the Playground, RAG answers and prompt runs, within the approvals and guardrails of this workspace.',
  embedding: 'Embedding passages and queries for vector search in RAG collections.',
  judge: 'Grading other models’ outputs in evaluations (LLM-as-a-judge), calibrated against human labels.',
};

/**
 * A model card built from what the registry knows: the GGUF's metadata, licence, provenance (SHA-256, source, import
 * time), every approval decision, the latest evaluation runs that used it and its bias audits. Nothing is invented:
 * sections without records say so.
 */
export function buildModelCard(db: Db, models: ModelsService, ref: string): ModelCard {
  const m = models.get(ref);
  const metadata = Object.fromEntries(Object.entries(models.metadata(m.id)).filter(([key]) => CARD_METADATA.test(key)));
  const history = models.history(m.id).map((e) => ({ action: e.action, actor: e.actor, reason: e.reason ?? null, at: e.at }));
  const evaluations = (db.prepare(`SELECT id, name, status, gate_passed, summary_json, created_at FROM eval_runs
      WHERE suite_json LIKE ? ESCAPE '\\' OR suite_json LIKE ? ESCAPE '\\' ORDER BY created_at DESC LIMIT 5`)
    .all(`%${likeEscape(m.id)}%`, `%"${likeEscape(m.name)}"%`) as Array<{ id: string; name: string; status: string; gate_passed: number | null; summary_json: string | null; created_at: string }>)
    .map((r) => ({ runId: r.id, name: r.name, status: r.status, gatePassed: r.gate_passed === null ? null : r.gate_passed === 1, summary: r.summary_json ? JSON.parse(r.summary_json) : null, createdAt: r.created_at }));
  const biasAudits = (db.prepare('SELECT id, attributes_json, report_json, created_at FROM bias_audits WHERE model_id = ? ORDER BY created_at DESC LIMIT 5').all(m.id) as Array<{ id: string; attributes_json: string; report_json: string; created_at: string }>)
    .map((r) => {
      const report = JSON.parse(r.report_json) as { significantDifferences: number; summary: string };
      return { id: r.id, createdAt: r.created_at, attributes: JSON.parse(r.attributes_json) as string[], significantDifferences: report.significantDifferences, summary: report.summary };
    });
  const limitations = [
    m.contextLength ? `Context window of ${m.contextLength.toLocaleString('en-US')} tokens: longer inputs are shortened or refused.` : 'The context window is not stated in the GGUF metadata.',
    m.parameterCount !== null && m.parameterCount < 1e8 ? `A very small model (${m.parameterCount.toLocaleString('en-US')} parameters): expect fluent but unreliable text; not for decisions about people.` : 'Outputs may be wrong or unsupported; RAG answers are checked against their cited passages.',
    m.quantization ? `Quantized (${m.quantization}): some quality is traded for size and speed.` : 'Quantization not stated.',
  ];
  const risks = [
    'Generated text can state falsehoods fluently; high-stakes answers should go through the review queue.',
    biasAudits.length === 0 ? 'No bias audit has been run for this model yet (`enclave bias run`).' : `${biasAudits[0]!.significantDifferences} significant outcome difference(s) in the latest bias audit.`,
    m.license ? `Licence: ${m.license}; check that your use is permitted.` : 'No licence is stated in the GGUF metadata: clarify the terms before production use.',
  ];
  return {
    model: {
      id: m.id, name: m.name, sha256: m.sha256, sizeBytes: m.sizeBytes, architecture: m.architecture, parameterCount: m.parameterCount, quantization: m.quantization,
      contextLength: m.contextLength, license: m.license, metadataName: m.metadataName, role: m.role, approval: m.approval, retiredAt: m.retiredAt, source: m.source, importedAt: m.createdAt,
    },
    ggufMetadata: metadata,
    intendedUse: ROLE_USE[m.role] ?? 'Not stated.',
    limitations, risks, approvalHistory: history, evaluations, biasAudits,
    // Red-team runs are eval runs of red-team suites; none are recorded apart from them yet.
    redTeam: evaluations.filter((e) => /red.?team|garak|injection/i.test(e.name)).map((e) => ({ runId: e.runId, name: e.name, summary: e.summary, createdAt: e.createdAt })),
  };
}

/** Stable across generations of the same facts: the digest decides whether a new version is stored. */
export function cardDigest(card: ModelCard): string {
  return createHash('sha256').update(canonical(card)).digest('hex');
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
