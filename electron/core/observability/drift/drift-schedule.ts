import type { Db } from '../../../../native/sqlite/open.js';
import type { ObservabilitySettings } from '../store/observability-settings.js';
import type { DriftCluster } from './drift-check.js';
import { trafficDrift } from './traffic-drift.js';

export interface DriftScheduleConfig {
  enabled: boolean;
  /** Jensen–Shannon threshold (0–1); the checker's default when null. */
  threshold: number | null;
  /** Only traces of this operation (chat, rag.ask…); all production traffic when null. */
  operation: string | null;
}

/** The latest weekly check: the windows it compared and what it found (or why it could not say). */
export interface DriftScheduleResult {
  at: string;
  baselineWindow: string;
  currentWindow: string;
  score: number | null;
  threshold: number | null;
  drifted: boolean;
  clusters: DriftCluster[];
  note: string | null;
}

const CONFIG_KEY = 'drift.schedule';
const LAST_KEY = 'drift.schedule.last';
const WEEK_MS = 7 * 24 * 3_600_000;
const TICK_MS = 3_600_000;
const WEEK_MINUTES = 7 * 24 * 60;

/**
 * The weekly drift check of the issue: in background shells, once a week, the last 7 days of traffic's inputs are
 * compared with the 7 before and the result kept (the Drift view shows it). Due-ness is read from the stored result,
 * so a restart neither skips a week nor checks twice; an hourly tick is cheap (one settings read) until one is due.
 */
export class DriftSchedule {
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly db: Db, private readonly settings: ObservabilitySettings, private readonly log: (message: string) => void) {}

  config(): DriftScheduleConfig {
    return { enabled: true, threshold: null, operation: null, ...this.settings.get<Partial<DriftScheduleConfig>>(CONFIG_KEY, {}) };
  }

  setConfig(config: DriftScheduleConfig, by: string): DriftScheduleConfig {
    this.settings.set(CONFIG_KEY, config, by);
    return config;
  }

  last(): DriftScheduleResult | null {
    return this.settings.get<DriftScheduleResult | null>(LAST_KEY, null);
  }

  /** Runs the check now (on demand, or when due) and keeps its result. */
  run(by: string, now = Date.now()): DriftScheduleResult {
    const config = this.config();
    const report = trafficDrift(this.db, WEEK_MINUTES, now, { minInputs: 10, ...(config.threshold !== null ? { threshold: config.threshold } : {}), ...(config.operation ? { operation: config.operation } : {}) });
    const iso = (ms: number): string => new Date(ms).toISOString();
    const result: DriftScheduleResult = report
      ? { at: iso(now), baselineWindow: report.baselineWindow, currentWindow: report.currentWindow, score: report.score, threshold: report.threshold, drifted: report.drifted, clusters: report.clusters, note: null }
      : { at: iso(now), baselineWindow: `${iso(now - 2 * WEEK_MS)}..${iso(now - WEEK_MS)}`, currentWindow: `${iso(now - WEEK_MS)}..${iso(now)}`, score: null, threshold: config.threshold,
        drifted: false, clusters: [], note: 'Too little traffic to compare (fewer than 10 inputs in one of the weeks)' };
    this.settings.set(LAST_KEY, result, by);
    return result;
  }

  /** The check when a week has passed since the last one (or none ever ran); null when not due or disabled. */
  runIfDue(now = Date.now()): DriftScheduleResult | null {
    if (!this.config().enabled) return null;
    const last = this.last();
    if (last && now - Date.parse(last.at) < WEEK_MS) return null;
    return this.run('system', now);
  }

  start(): void {
    const tick = (): void => {
      try {
        this.runIfDue();
      } catch (error) {
        this.log(`[observability] weekly drift check failed: ${(error as Error).message}`);
      }
    };
    this.timer = setInterval(tick, TICK_MS);
    this.timer.unref();
    setTimeout(tick, 60_000).unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
