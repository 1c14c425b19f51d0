import type { AuditOutcome } from './audit.types.js';

/** The part of an entry the rules look at. */
export interface ObservedEntry {
  seq: number;
  time: string;
  actor: string;
  action: string;
  target: string;
  outcome: AuditOutcome;
}

/** A sliding-window rule: `threshold` matching entries under one key within `windowMs` raise one alert. */
export interface AlertRule {
  id: string;
  description: string;
  /** The key entries are counted under (an actor, an account), or null when the entry does not count. */
  keyOf(entry: ObservedEntry): string | null;
  threshold: number;
  windowMs: number;
}

export interface AnomalyAlert {
  rule: string;
  description: string;
  key: string;
  count: number;
  windowMs: number;
  firstSeq: number;
  lastSeq: number;
}

/** What the audit service appends for an alert. */
export const ALERT_ACTION = 'audit.alert';

const isSignIn = (action: string): boolean => /^auth\.(signIn|login)$/i.test(action);
const isExport = (action: string): boolean => /(^|\.)export$/i.test(action);

export const defaultAlertRules: readonly AlertRule[] = [
  {
    id: 'blocked-prompts-burst',
    description: 'Many prompts blocked by the guardrails in a short time',
    keyOf: (e) => (e.outcome === 'blocked' ? e.actor : null),
    threshold: 5,
    windowMs: 60_000,
  },
  {
    id: 'bulk-export',
    description: 'Many exports by one user in a short time',
    keyOf: (e) => (isExport(e.action) && e.outcome === 'success' ? e.actor : null),
    threshold: 3,
    windowMs: 10 * 60_000,
  },
  {
    id: 'sign-in-failures',
    description: 'Repeated failed sign-ins to one account',
    keyOf: (e) => (isSignIn(e.action) && e.outcome !== 'success' ? e.target || e.actor : null),
    threshold: 5,
    windowMs: 5 * 60_000,
  },
];

interface Window {
  hits: Array<{ seq: number; t: number }>;
  quietUntil: number;
}

/**
 * In-memory windows, fed every appended entry. One alert per burst: after firing, a rule stays quiet for its
 * window under that key. Each window keeps only the last `threshold` hits, so memory stays bounded per key.
 */
export class AnomalyDetector {
  private readonly windows = new Map<string, Window>();
  private observed = 0;

  constructor(private readonly rules: readonly AlertRule[] = defaultAlertRules) {}

  observe(entry: ObservedEntry): AnomalyAlert[] {
    if (entry.action === ALERT_ACTION) return [];
    const t = Date.parse(entry.time);
    const alerts: AnomalyAlert[] = [];
    for (const rule of this.rules) {
      const key = rule.keyOf(entry);
      if (key === null) continue;
      const id = `${rule.id}\u0000${key}`;
      const window = this.windows.get(id) ?? { hits: [], quietUntil: -Infinity };
      this.windows.set(id, window);
      window.hits.push({ seq: entry.seq, t });
      if (window.hits.length > rule.threshold) window.hits.shift();
      const first = window.hits[0];
      if (first && window.hits.length >= rule.threshold && t - first.t <= rule.windowMs && t >= window.quietUntil) {
        alerts.push({ rule: rule.id, description: rule.description, key, count: window.hits.length, windowMs: rule.windowMs, firstSeq: first.seq, lastSeq: entry.seq });
        window.quietUntil = t + rule.windowMs;
      }
    }
    if (++this.observed % 1000 === 0) this.prune(t);
    return alerts;
  }

  /** Longest window of any rule: how far back the service replays entries when it starts. */
  get horizonMs(): number {
    return Math.max(0, ...this.rules.map((rule) => rule.windowMs));
  }

  private prune(now: number): void {
    for (const [id, window] of this.windows) {
      const last = window.hits[window.hits.length - 1];
      if ((!last || now - last.t > this.horizonMs) && now >= window.quietUntil) this.windows.delete(id);
    }
  }
}
