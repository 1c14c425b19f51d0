import { create } from 'zustand';
import { call, runJob, toClientError, type ClientError } from '../../api/client.js';
import type { Model, Output } from '../../api/contract.types.js';
import { downloadText } from '../datasets/download.js';

export type CardResult = Output<'compliance.modelCard'>;
export type BiasReport = Output<'bias.get'>;
export type BiasSummary = Output<'bias.list'>[number];
export const attributeNames = ['gender', 'age', 'name', 'ethnicity', 'religion', 'nationality'] as const;
export type AttributeName = (typeof attributeNames)[number];

interface ComplianceState {
  models: Model[];
  model: string;
  card: CardResult | null;
  audits: BiasSummary[];
  report: BiasReport | null;
  attributes: AttributeName[];
  running: boolean;
  traceId: string;
  error: ClientError | null;
  load(): Promise<void>;
  choose(modelId: string): Promise<void>;
  toggleAttribute(name: AttributeName, on: boolean): void;
  runBias(): Promise<void>;
  openAudit(id: string): Promise<void>;
  downloadCard(format: 'md' | 'html' | 'json'): Promise<void>;
  setTraceId(id: string): void;
  downloadRecord(): Promise<void>;
  dismissError(): void;
}

/** Compliance artefacts for one model at a time: its card and bias audits; decision records by trace id. */
export const useCompliance = create<ComplianceState>()((set, get) => {
  const guard = async (work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      set({ error: toClientError(error) });
    }
  };
  return {
    models: [], model: '', card: null, audits: [], report: null, attributes: ['gender', 'age'], running: false, traceId: '', error: null,

    load: () => guard(async () => {
      const models = (await call('models.list', {})).filter((m) => m.role === 'chat');
      set({ models });
      if (!get().model && models[0]) await get().choose(models[0].id);
    }),

    choose: (modelId) => guard(async () => {
      set({ model: modelId, card: null, report: null });
      const [card, audits] = await Promise.all([call('compliance.modelCard', { model: modelId, format: 'md' }), call('bias.list', { model: modelId })]);
      set({ card, audits });
    }),

    toggleAttribute: (name, on) => set((state) => ({ attributes: attributeNames.filter((a) => (a === name ? on : state.attributes.includes(a))) })),

    async runBias() {
      const { model, attributes } = get();
      set({ running: true });
      await guard(async () => {
        const report = await runJob('bias.run', { model, attributes, samples: 2 });
        set({ report });
        await get().choose(model);
        set({ report });
      });
      set({ running: false });
    },

    openAudit: (id) => guard(async () => set({ report: await call('bias.get', { id }) })),

    downloadCard: (format) => guard(async () => {
      const card = await call('compliance.modelCard', { model: get().model, format });
      const types = { md: 'text/markdown', html: 'text/html', json: 'application/json' } as const;
      downloadText(`model-card-${card.card.model.name}-v${card.version}.${format}`, card.content, types[format]);
    }),

    setTraceId: (traceId) => set({ traceId }),

    downloadRecord: () => guard(async () => {
      const record = await call('compliance.decisionRecord', { traceId: get().traceId.trim() });
      downloadText(`decision-record-${record.traceId}.json`, `${JSON.stringify(record, null, 2)}\n`, 'application/json');
    }),

    dismissError: () => set({ error: null }),
  };
});
