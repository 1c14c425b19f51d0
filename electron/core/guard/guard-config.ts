import { z } from 'zod';
import { AppError } from '../contract/errors.js';
import { defaultSafeResponse } from './output-policy.js';
import { countryIdEntities } from './pii/country-ids.js';
import { nationalIdEntities } from './pii/national-ids.recognizer.js';

// Guardrail settings. One base configuration, overridden per collection and per prompt by partial
// objects (`mergeGuardConfig(base, collection, prompt)`); the schema validates what users store.

const RedactionMode = z.enum(['mask', 'tag', 'pseudonym']);

const PiiStage = z.object({
  enabled: z.boolean(),
  /** redact: replace findings; block: refuse the text; flag: record the verdict only. */
  action: z.enum(['redact', 'block', 'flag']),
  mode: RedactionMode,
  entities: z.array(z.string()),
  minScore: z.number().min(0).max(1),
});

const SecretsStage = z.object({
  enabled: z.boolean(),
  action: z.enum(['redact', 'block', 'flag']),
});

const InjectionStage = z.object({
  enabled: z.boolean(),
  threshold: z.number().min(0).max(1),
  /** block (user input), drop (retrieved chunk), or flag only. */
  action: z.enum(['block', 'drop', 'flag']),
});

export const GuardConfigSchema = z.object({
  input: z.object({ pii: PiiStage, secrets: SecretsStage, injection: InjectionStage }),
  context: z.object({ pii: PiiStage, secrets: SecretsStage, injection: InjectionStage }),
  output: z.object({
    pii: PiiStage,
    secrets: SecretsStage,
    policy: z.object({
      enabled: z.boolean(),
      prohibitedTopics: z.array(z.string()),
      prohibitedPatterns: z.array(z.object({ id: z.string().min(1), pattern: z.string().min(1) })),
      safeResponse: z.string().min(1),
      blockSystemPromptLeak: z.boolean(),
      leakThreshold: z.number().gt(0).max(1),
    }),
  }),
});

export type GuardConfig = z.infer<typeof GuardConfigSchema>;
export type PiiStageConfig = z.infer<typeof PiiStage>;
export type SecretsStageConfig = z.infer<typeof SecretsStage>;
export type InjectionStageConfig = z.infer<typeof InjectionStage>;

type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;
export type GuardConfigOverride = DeepPartial<GuardConfig>;

/**
 * Personal data redacted by default. DATE_TIME is left out (dates in business text are rarely personal;
 * DATE_OF_BIRTH covers the personal ones) and so is the weak URL guess for bare domains below 0.5.
 */
export const defaultPiiEntities = [
  'EMAIL_ADDRESS', 'PHONE_NUMBER', 'CREDIT_CARD', 'IBAN_CODE', 'US_SSN', 'IP_ADDRESS', 'URL', 'DATE_OF_BIRTH',
  'PERSON', 'LOCATION', 'ORGANIZATION', 'CRYPTO', 'MAC_ADDRESS', 'US_PASSPORT', 'US_BANK_NUMBER', 'US_DRIVER_LICENSE', 'US_ITIN',
  ...nationalIdEntities,
  // Country-specific identifiers: most score below the redaction threshold until a context word ("Steuer-ID",
  // "NRIC", "passport") is near, so ordinary numbers in business text are left alone.
  ...countryIdEntities,
];

export const defaultGuardConfig: GuardConfig = {
  input: {
    pii: { enabled: true, action: 'redact', mode: 'tag', entities: defaultPiiEntities, minScore: 0.4 },
    secrets: { enabled: true, action: 'redact' },
    injection: { enabled: true, threshold: 0.6, action: 'block' },
  },
  context: {
    pii: { enabled: false, action: 'redact', mode: 'tag', entities: defaultPiiEntities, minScore: 0.4 },
    secrets: { enabled: true, action: 'redact' },
    injection: { enabled: true, threshold: 0.6, action: 'drop' },
  },
  output: {
    pii: { enabled: false, action: 'redact', mode: 'tag', entities: defaultPiiEntities, minScore: 0.4 },
    secrets: { enabled: true, action: 'redact' },
    policy: {
      enabled: true, prohibitedTopics: ['weapons-of-mass-harm', 'self-harm-instructions', 'malware', 'credential-harvesting'],
      prohibitedPatterns: [], safeResponse: defaultSafeResponse, blockSystemPromptLeak: true, leakThreshold: 0.5,
    },
  },
};

function mergeValue(base: unknown, override: unknown): unknown {
  if (override === undefined) return base;
  if (Array.isArray(override) || typeof override !== 'object' || override === null) return override;
  if (typeof base !== 'object' || base === null || Array.isArray(base)) return override;
  const merged: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(override)) merged[key] = mergeValue(merged[key], value);
  return merged;
}

/** Later overrides win; arrays are replaced, not concatenated. The result is validated. */
export function mergeGuardConfig(base: GuardConfig, ...overrides: Array<GuardConfigOverride | undefined>): GuardConfig {
  let merged: unknown = base;
  for (const override of overrides) merged = mergeValue(merged, override);
  const parsed = GuardConfigSchema.safeParse(merged);
  if (!parsed.success) throw new AppError('INVALID_INPUT', 'Invalid guardrail configuration', parsed.error.issues);
  return parsed.data;
}
