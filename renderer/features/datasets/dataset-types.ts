import type { Input, Output } from '../../api/contract.types.js';

// The dataset contract's shapes as the renderer sees them, named once (derived from method outputs).

export type DatasetSummary = Output<'eval.datasets.list'>[number];
export type DatasetVersionPage = Output<'eval.datasets.show'>;
export type DatasetVersion = DatasetVersionPage['versions'][number];
export type DatasetCase = DatasetVersionPage['cases'][number];
export type HumanLabel = NonNullable<DatasetCase['human']>;
export type LabelChange = Input<'eval.datasets.label'>['labels'][number];
export type LabelReport = Output<'eval.datasets.label'>;
export type Preference = NonNullable<HumanLabel['preference']>;
