import type { MonitorMetrics } from '../../contract/monitor.api.js';

/** A threshold on one rollup metric over the last `windowMinutes` (optionally for one model, prompt, user…). */
export interface MonitorAlertRule {
  id: string;
  /** `drift`: the input drift score of the last window against the window before (threshold 0–1, comparison above). */
  metric: 'p95LatencyMs' | 'p95TtftMs' | 'errorRate' | 'judgeMean' | 'thumbsUpRatio' | 'drift';
  comparison: 'above' | 'below';
  threshold: number;
  windowMinutes: number;
  /** Too few requests say nothing: the rule waits for this many in the window. */
  minRequests: number;
  dimension?: 'operation' | 'model' | 'prompt' | 'collection' | 'user' | 'endpoint';
  value?: string;
}

/** The examples: P95 over 2 s for 10 minutes, error rate over 5%, judge score under 3.5. */
export const defaultMonitorRules: MonitorAlertRule[] = [
  { id: 'p95-latency', metric: 'p95LatencyMs', comparison: 'above', threshold: 2000, windowMinutes: 10, minRequests: 5 },
  { id: 'error-rate', metric: 'errorRate', comparison: 'above', threshold: 0.05, windowMinutes: 10, minRequests: 5 },
  { id: 'judge-score', metric: 'judgeMean', comparison: 'below', threshold: 3.5, windowMinutes: 60, minRequests: 5 },
];

export function metricValue(metrics: MonitorMetrics, metric: MonitorAlertRule['metric']): number | null {
  switch (metric) {
    case 'p95LatencyMs': return metrics.latencyMs.p95;
    case 'p95TtftMs': return metrics.ttftMs.p95;
    case 'errorRate': return metrics.errorRate;
    case 'judgeMean': return metrics.judge.mean;
    case 'thumbsUpRatio': return metrics.feedback.ratio;
    // Not a rollup: the monitor computes it from the traces themselves (drift/traffic-drift.ts).
    case 'drift': return null;
  }
}

/** The measured value when the rule is breached, else null (no data, too few requests, or within the threshold). */
export function breach(rule: MonitorAlertRule, metrics: MonitorMetrics): number | null {
  const samples = rule.metric === 'judgeMean' ? metrics.judge.count : rule.metric === 'thumbsUpRatio' ? metrics.feedback.up + metrics.feedback.down : metrics.requests;
  if (samples < rule.minRequests) return null;
  const value = metricValue(metrics, rule.metric);
  if (value === null) return null;
  return (rule.comparison === 'above' ? value > rule.threshold : value < rule.threshold) ? value : null;
}

export function describeRule(rule: MonitorAlertRule): string {
  const scope = rule.dimension && rule.value ? ` for ${rule.dimension} ${rule.value}` : '';
  return `${rule.metric} ${rule.comparison} ${rule.threshold} over ${rule.windowMinutes} min${scope}`;
}
