import type { Db } from '../../../../native/sqlite/open.js';
import type { AuditService } from '../../audit/audit.service.js';
import type { EventBus } from '../../events/event-bus.js';
import { monitorSummary } from '../metrics/monitor-summary.js';
import type { ObservabilitySettings } from '../store/observability-settings.js';
import { trafficDrift } from '../drift/traffic-drift.js';
import { breach, defaultMonitorRules, describeRule, type MonitorAlertRule } from './alert-rules.js';

export interface FiredAlert {
  rule: string;
  description: string;
  value: number;
  at: string;
}

const RULES_KEY = 'alerts.rules';

/**
 * Evaluates the threshold rules against the rollups (every minute in background shells, or on demand). A rule that
 * starts failing raises one alert — an audit entry and the header's alert event, like the audit anomaly alerts —
 * and raises again only after it has recovered.
 */
export class AlertMonitor {
  private readonly firing = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly db: Db, private readonly settings: ObservabilitySettings, private readonly audit: Pick<AuditService, 'queue'>, private readonly events: EventBus,
    private readonly log: (message: string) => void) {}

  rules(): MonitorAlertRule[] {
    return this.settings.get(RULES_KEY, defaultMonitorRules);
  }

  setRules(rules: MonitorAlertRule[], by: string): MonitorAlertRule[] {
    this.settings.set(RULES_KEY, rules, by);
    return rules;
  }

  async evaluate(now = Date.now()): Promise<FiredAlert[]> {
    const fired: FiredAlert[] = [];
    for (const rule of this.rules()) {
      const value = rule.metric === 'drift' ? driftBreach(this.db, rule, now) : this.rollupBreach(rule, now);
      if (value === null) {
        this.firing.delete(rule.id);
        continue;
      }
      if (this.firing.has(rule.id)) continue;
      this.firing.add(rule.id);
      const description = `Monitor: ${describeRule(rule)} (now ${Math.round(value * 1000) / 1000})`;
      const alert: FiredAlert = { rule: rule.id, description, value, at: new Date(now).toISOString() };
      fired.push(alert);
      const entry = await this.audit.queue({ actor: 'system', action: 'monitor.alert', target: `rule:${rule.id}`, outcome: 'success', payload: { ...alert, rule } }).catch(() => null);
      const seq = entry?.seq ?? 0;
      this.events.emit('audit.alerted', { rule: `monitor.${rule.id}`, description, key: rule.value ?? 'all', count: Math.round(value * 1000) / 1000, windowMs: rule.windowMinutes * 60_000, firstSeq: seq, lastSeq: seq });
    }
    return fired;
  }

  private rollupBreach(rule: MonitorAlertRule, now: number): number | null {
    const filters = rule.dimension && rule.value ? { [rule.dimension]: rule.value } : {};
    const { totals } = monitorSummary(this.db, { fromMs: now - rule.windowMinutes * 60_000, toMs: now, points: 1, filters });
    return breach(rule, totals);
  }

  start(): void {
    this.timer = setInterval(() => {
      this.evaluate().catch((error: unknown) => this.log(`[observability] alert rules failed: ${(error as Error).message}`));
    }, 60_000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}

/**
 * A drift rule compares the inputs of its last window with the window before; it breaches when the score passes its
 * threshold (only `above` makes sense). `minRequests` is the fewest inputs each side needs; `dimension: 'operation'`
 * narrows it to one kind of call.
 */
function driftBreach(db: Db, rule: MonitorAlertRule, now: number): number | null {
  const operation = rule.dimension === 'operation' && rule.value ? rule.value : undefined;
  const report = trafficDrift(db, rule.windowMinutes, now, { threshold: rule.threshold, minInputs: rule.minRequests, sample: 500, ...(operation ? { operation } : {}) });
  if (!report) return null;
  return report.score > rule.threshold ? report.score : null;
}
