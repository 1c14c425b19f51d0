/**
 * The context a model is loaded with: the requested size, capped by what the model was trained for, never below
 * 256 tokens. Shared by the host that loads models and the core that plans prompts to fit them.
 */
export function effectiveContextSize(requested: number, trained: number | null | undefined): number {
  return Math.max(256, Math.min(requested, trained && trained > 0 ? trained : requested));
}
