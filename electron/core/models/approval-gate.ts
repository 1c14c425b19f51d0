import { AppError } from '../contract/errors.js';
import type { Model } from '../contract/schemas.js';
import { rolesGranting } from '../auth/permissions.js';

/**
 * Where a model is about to run. Approval decides which: production paths (RAG answers, ingestion and query
 * embeddings, registry prompt runs, anything served to other tools) run approved models only; evaluation (eval
 * runs, the judge, security tests, and the Playground for holders of `models.evaluate`) may also run pending ones,
 * because that is how a model earns approval. Rejected and retired models never run.
 */
export type ModelUse = 'production' | 'evaluation';

export function assertMayRun(model: Pick<Model, 'name' | 'approval' | 'retiredAt'>, use: ModelUse): void {
  if (model.retiredAt) {
    throw new AppError('MODEL_RETIRED', `"${model.name}" is retired: it is kept so old runs and traces resolve, but it no longer runs; choose another model or ask ${who()} to reinstate it`, { model: model.name, status: 'retired' });
  }
  if (model.approval === 'approved') return;
  if (model.approval === 'pending' && use === 'evaluation') return;
  const where = model.approval === 'pending'
    ? 'it runs only where models are evaluated (eval runs, the judge, security tests, the Playground for model evaluators) until it is approved'
    : 'rejected models never run';
  throw new AppError(
    'MODEL_NOT_APPROVED',
    `"${model.name}" is ${model.approval}: ${where}. ${capitalised(who())} can approve it (\`enclave models approve ${model.name} --reason …\` or the Models screen).`,
    { model: model.name, status: model.approval, approverRoles: rolesGranting('models.approve') },
  );
}

/** Choosing a model for new work (a collection's models): approved and in service, since production will run it. */
export function assertMayChoose(model: Pick<Model, 'name' | 'approval' | 'retiredAt'>, purpose: string): void {
  try {
    assertMayRun(model, 'production');
  } catch (error) {
    if (error instanceof AppError) throw new AppError(error.code, `${error.message} It cannot be chosen as ${purpose}.`, error.details);
    throw error;
  }
}

const who = (): string => rolesGranting('models.approve').map((role) => (role === 'admin' ? 'an administrator' : `a holder of the ${role} role`)).join(' or ');
const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
