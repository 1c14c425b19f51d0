import type { Db } from '../../../../native/sqlite/open.js';
import type { AuditService } from '../../audit/audit.service.js';
import type { EventBus } from '../../events/event-bus.js';
import { monitorSummary } from '../metrics/monitor-summary.js';
import type { ObservabilitySettings } from '../store/observability-settings.js';
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
      const filters = rule.dimension && rule.value ? { [rule.dimension]: rule.value } : {};
      const { totals } = monitorSummary(this.db, { fromMs: now - rule.windowMinutes * 60_000, toMs: now, points: 1, filters });
      const value = breach(rule, totals);
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
