import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { AppError, isAppError, type AppErrorShape } from '../contract/errors.js';
import type { JobInfo } from '../contract/schemas.js';
import type { EventBus } from '../events/event-bus.js';
import { translateSqliteError } from '../../../native/sqlite/open.js';

export interface JobControl {
  jobId: string;
  signal: AbortSignal;
  progress(fraction: number, message?: string): void;
}

interface JobRecord {
  info: JobInfo;
  /** Who started it: only they (or an administrator) may see, await or cancel it. */
  owner?: string;
  controller: AbortController;
  done: Promise<unknown>;
}

/** Finished jobs kept for `jobs.get`/`jobs.wait` after they end. */
const RETAINED_FINISHED_JOBS = 500;

/** Long work: started at once, reported through events, awaitable, cancellable. */
export class JobRunner {
  private readonly jobs = new Map<string, JobRecord>();
  /** The caller whose request is running: jobs started within it are theirs from their first event. */
  private readonly startedBy = new AsyncLocalStorage<string>();

  constructor(private readonly events: EventBus, private readonly onInternalError: (error: unknown) => void) {}

  start<T>(kind: string, work: (control: JobControl) => Promise<T>): string {
    const jobId = randomUUID();
    const controller = new AbortController();
    const info: JobInfo = { id: jobId, kind, state: 'running', startedAt: new Date().toISOString(), endedAt: null, progress: null };
    const control: JobControl = {
      jobId,
      signal: controller.signal,
      progress: (fraction, message) => {
        info.progress = Math.max(0, Math.min(1, fraction));
        if (message) info.message = message;
        this.events.emit('jobs.progressed', { jobId, progress: info.progress, ...(message ? { message } : {}) });
      },
    };
    const owner = this.startedBy.getStore();
    const record: JobRecord = { info, controller, done: Promise.resolve(), ...(owner !== undefined ? { owner } : {}) };
    this.jobs.set(jobId, record);
    this.events.emit('jobs.started', { jobId, kind });
    // Started on the next tick so the caller has the job id before any event of the job's work arrives.
    const done = Promise.resolve().then(() => work(control)).then((result) => {
      // A cancel that was accepted stands, even when the work finished anyway (it may not have looked at the signal
      // in time, e.g. while a model was loading): the caller was told it stopped.
      if (controller.signal.aborted) throw new AppError('CANCELLED', `The ${kind} job was cancelled`);
      return result;
    }).then(
      (result) => this.finish(info, 'succeeded', () => this.events.emit('jobs.succeeded', { jobId, result }), result),
      (error) => {
        if (controller.signal.aborted || (isAppError(error) && error.code === 'CANCELLED')) {
          this.finish(info, 'cancelled', () => this.events.emit('jobs.cancelled', { jobId }));
          throw new AppError('CANCELLED', `The ${kind} job was cancelled`);
        }
        const shape = this.toShape(error);
        this.finish(info, 'failed', () => this.events.emit('jobs.failed', { jobId, error: shape }));
        throw new AppError(shape.code, shape.message, shape.details);
      },
    );
    done.catch(() => undefined); // failures are delivered through events and wait(), never as unhandled rejections
    record.done = done;
    this.prune();
    return jobId;
  }

  /** Runs a caller's request: the jobs it starts belong to `user` (dispatch knows the caller; the work need not). */
  runAs<T>(user: string, request: () => T): T {
    return this.startedBy.run(user, request);
  }

  ownerOf(jobId: string): string | undefined {
    return this.jobs.get(jobId)?.owner;
  }

  /** The job if this caller may see it; another user's job is reported exactly like a missing one. */
  visibleTo(jobId: string, user: string, isAdmin: boolean): JobInfo {
    const job = this.record(jobId);
    if (!isAdmin && job.owner !== undefined && job.owner !== user) throw this.missing(jobId);
    return { ...job.info };
  }

  listFor(user: string, isAdmin: boolean): JobInfo[] {
    return [...this.jobs.values()].filter((j) => isAdmin || j.owner === undefined || j.owner === user).map((j) => ({ ...j.info }));
  }

  get(jobId: string): JobInfo {
    return { ...this.record(jobId).info };
  }

  list(): JobInfo[] {
    return [...this.jobs.values()].map((job) => ({ ...job.info }));
  }

  wait(jobId: string): Promise<unknown> {
    return this.record(jobId).done;
  }

  cancel(jobId: string): boolean {
    const job = this.record(jobId);
    if (job.info.state !== 'running') return false;
    job.controller.abort();
    return true;
  }

  cancelAll(): void {
    for (const job of this.jobs.values()) if (job.info.state === 'running') job.controller.abort();
  }

  private record(jobId: string): JobRecord {
    const job = this.jobs.get(jobId);
    if (!job) throw this.missing(jobId);
    return job;
  }

  private missing(jobId: string): AppError {
    return new AppError('JOB_NOT_FOUND', `No job ${jobId}; it may have finished long ago or belong to another session`);
  }

  private finish<T>(info: JobInfo, state: JobInfo['state'], announce: () => void, result?: T): T | undefined {
    info.state = state;
    info.endedAt = new Date().toISOString();
    announce();
    return result;
  }

  private toShape(error: unknown): AppErrorShape {
    // A job's SQLite errors get the same translation as a call's (SQLITE_BUSY… → DB_BUSY).
    const translated = translateSqliteError(error);
    if (isAppError(translated)) return translated.toShape();
    this.onInternalError(error);
    return { code: 'INTERNAL', message: 'An unexpected error occurred; it was logged. Please report it.' };
  }

  private prune(): void {
    const finished = [...this.jobs.values()].filter((job) => job.info.state !== 'running');
    for (const job of finished.slice(0, Math.max(0, finished.length - RETAINED_FINISHED_JOBS))) this.jobs.delete(job.info.id);
  }
}
