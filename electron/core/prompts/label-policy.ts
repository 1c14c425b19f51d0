import type { CallContext } from '../contract/context.js';

export interface LabelMoveRequest {
  prompt: string;
  label: string;
  /** The version the label would point at. */
  version: string;
  action: 'set' | 'rollback' | 'promote' | 'protect' | 'unprotect';
}

/**
 * Who may move, protect or unprotect a protected label. The governance work (accounts and roles) replaces the
 * default with its own role check; the registry only ever asks this one question.
 */
export interface LabelPolicy {
  canMoveProtectedLabel(ctx: CallContext, move: LabelMoveRequest): boolean;
}

/**
 * Administrators only: analysts hold `prompts.manage` and move ordinary labels, but a protected label (production)
 * guards what users get. A dedicated permission (e.g. `prompts.approve`) can replace this check.
 */
export const defaultLabelPolicy: LabelPolicy = {
  canMoveProtectedLabel: (ctx) => ctx.roles.includes('admin'),
};

/** The id of a finished eval run whose gate passed for this prompt version, or null. */
export type GateLookup = (promptVersionId: number) => string | null;
