import type { Output } from '../../api/contract.types.js';

// The eval contract's shapes as the renderer sees them, named once. Derived from method outputs so that the
// renderer reaches the contract only through api/contract.types.ts.

export type EvalRun = Output<'eval.runs.get'>;
export type RunSummary = NonNullable<EvalRun['summary']>;
export type GroupSummary = RunSummary['groups'][number];
export type Agreement = NonNullable<RunSummary['agreement']['score']>;
export type GateReport = NonNullable<EvalRun['gate']>;
export type EvalResult = Output<'eval.runs.results'>['items'][number];
export type AssertionResult = EvalResult['assertions'][number];
export type EvalJudge = NonNullable<EvalResult['judge']>;
export type RunComparison = Output<'eval.runs.compare'>;
export type MetricComparison = RunComparison['metrics'][number];
export type CaseChange = RunComparison['regressions'][number];
export type SuiteCheck = Output<'eval.suites.validate'>;

/** A run's status as the list shows it: a 'running' run whose process is gone is 'interrupted'. */
export type RunState = EvalRun['status'] | 'interrupted';
