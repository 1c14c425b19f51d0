import type { Finding, Recognizer } from './types.js';
import { matchAll } from './pii/text-spans.js';

// Credentials pasted into prompts or documents: provider key formats with fixed prefixes (high confidence),
// private key blocks, JWTs, and "password = …"-style assignments (the value only, so the text stays legible).

interface SecretRule { id: string; type: 'API_KEY' | 'ACCESS_TOKEN' | 'PRIVATE_KEY' | 'PASSWORD'; pattern: RegExp; score: number; group?: number }

const edge = (body: string, flags = 'g'): RegExp => new RegExp(`(?<![A-Za-z0-9_/+=-])(?:${body})(?![A-Za-z0-9_/+=-])`, flags);

const rules: SecretRule[] = [
  { id: 'aws-access-key-id', type: 'API_KEY', pattern: edge('(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[0-9A-Z]{16}'), score: 0.95 },
  { id: 'aws-secret-access-key', type: 'API_KEY', pattern: /(?:aws_?secret_?access_?key|secret_?access_?key|aws_?secret)["']?\s*[:=]\s*["']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/gi, score: 0.95, group: 1 },
  { id: 'github-token', type: 'API_KEY', pattern: edge('gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{60,255}'), score: 0.99 },
  { id: 'gitlab-token', type: 'API_KEY', pattern: edge('glpat-[A-Za-z0-9_-]{20,}'), score: 0.99 },
  { id: 'slack-token', type: 'API_KEY', pattern: edge('xox[abposr]-[A-Za-z0-9-]{10,250}'), score: 0.99 },
  { id: 'slack-webhook', type: 'API_KEY', pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows)\/[A-Za-z0-9/_-]{20,}/g, score: 0.99 },
  { id: 'anthropic-key', type: 'API_KEY', pattern: edge('sk-ant-[A-Za-z0-9_-]{32,}'), score: 0.99 },
  { id: 'openai-key', type: 'API_KEY', pattern: edge('sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}|sk-(?:proj-|svcacct-|admin-)[A-Za-z0-9_-]{40,}|sk-[A-Za-z0-9]{48}'), score: 0.95 },
  { id: 'google-api-key', type: 'API_KEY', pattern: edge('AIza[0-9A-Za-z_-]{35}'), score: 0.95 },
  { id: 'stripe-key', type: 'API_KEY', pattern: edge('(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{16,}'), score: 0.95 },
  { id: 'huggingface-token', type: 'API_KEY', pattern: edge('hf_[A-Za-z]{34}'), score: 0.9 },
  { id: 'npm-token', type: 'API_KEY', pattern: edge('npm_[A-Za-z0-9]{36}'), score: 0.95 },
  { id: 'azure-storage-key', type: 'API_KEY', pattern: /AccountKey=([A-Za-z0-9/+]{86}==)/g, score: 0.95, group: 1 },
  { id: 'jwt', type: 'ACCESS_TOKEN', pattern: edge('eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}'), score: 0.9 },
  { id: 'bearer-token', type: 'ACCESS_TOKEN', pattern: /\bBearer\s+([A-Za-z0-9._~+/-]{20,}=*)/g, score: 0.8, group: 1 },
  {
    id: 'private-key', type: 'PRIVATE_KEY', score: 1,
    pattern: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----|$)/g,
  },
  {
    id: 'credential-in-url', type: 'PASSWORD', score: 0.9, group: 1,
    pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:([^\s/@]{3,})@/gi,
  },
  {
    id: 'password-assignment', type: 'PASSWORD', score: 0.85, group: 1,
    pattern: /\b(?:pass(?:word|wd|phrase)?|pwd|secret|client_secret|api[_-]?key|access[_-]?token|auth[_-]?token|token)["']?\s*(?:[:=]|=>|\bis\b)\s*(?:"([^"\s]{4,})"|'([^'\s]{4,})'|([^\s"',;]{4,}))/gi,
  },
];

// Placeholders that document a format rather than leak a value.
const placeholder = /^(?:\*+|x+|\.{3,}|[<{[$%].*|changeme|password|secret|redacted|your[_-]?\w*|example\w*|null|none|true|false|undefined)$/i;

export function createSecretsRecognizer(): Recognizer {
  return {
    name: 'secrets',
    entities: ['API_KEY', 'ACCESS_TOKEN', 'PRIVATE_KEY', 'PASSWORD'],
    analyze(text: string): Finding[] {
      const findings: Finding[] = [];
      for (const rule of rules) {
        for (const match of matchAll(rule.pattern, text)) {
          let start = match.index;
          let value = match[0];
          if (rule.group !== undefined) {
            const groupIndex = [rule.group, rule.group + 1, rule.group + 2].find((g) => match[g] !== undefined);
            const group = groupIndex === undefined ? undefined : match[groupIndex];
            if (group === undefined) continue;
            start = match.index + match[0].lastIndexOf(group);
            value = group;
          }
          if (rule.type === 'PASSWORD' && placeholder.test(value)) continue;
          const end = start + value.length;
          if (findings.some((f) => f.start < end && start < f.end)) continue; // first (most specific) rule wins
          findings.push({ type: rule.type, start, end, score: rule.score, recognizer: `secrets:${rule.id}` });
        }
      }
      return findings.sort((a, b) => a.start - b.start);
    },
  };
}
