import type { ComponentType } from 'react';
import { ModelsScreen } from '../models/ModelsScreen.js';
import { PlaygroundScreen } from '../playground/PlaygroundScreen.js';
import { AskScreen } from '../ask/AskScreen.js';
import { CollectionsScreen } from '../collections/CollectionsScreen.js';
import { DocumentsScreen } from '../documents/DocumentsScreen.js';
import { SearchScreen } from '../search/SearchScreen.js';
import { AuditScreen } from '../audit/AuditScreen.js';
import { PromptsScreen } from '../prompts/PromptsScreen.js';
import { EvaluationsScreen } from '../evaluations/EvaluationsScreen.js';

export interface ScreenEntry {
  /** Stable id: the nav link's test id is `nav-<id>`. */
  id: string;
  label: string;
  /** One line shown as the link's tooltip. */
  description: string;
  component: ComponentType;
}

/**
 * The left navigation, in order. A new area (Collections, Prompts, Evaluations, Audit, Settings) is one more
 * entry here once its screen exists; nothing is listed before it works.
 */
export const screens: readonly ScreenEntry[] = [
  { id: 'models', label: 'Models', description: 'Import, inspect and approve GGUF models', component: ModelsScreen },
  { id: 'playground', label: 'Playground', description: 'Try a model with a prompt or a chat', component: PlaygroundScreen },
  { id: 'collections', label: 'Collections', description: 'Create document collections, set how they are indexed, add files', component: CollectionsScreen },
  { id: 'documents', label: 'Documents', description: "A collection's documents with their status, size, chunks and access list", component: DocumentsScreen },
  { id: 'search', label: 'Search', description: 'Find passages in a collection (full text, vector or hybrid)', component: SearchScreen },
  { id: 'ask', label: 'Ask', description: 'Ask a collection a question; the answer cites its sources', component: AskScreen },
  { id: 'prompts', label: 'Prompts', description: 'Versioned prompt templates: diffs, labels and rollbacks, a render preview, A/B tests', component: PromptsScreen },
  { id: 'evaluations', label: 'Evaluations', description: 'Run eval suites, read every case, compare two runs', component: EvaluationsScreen },
  { id: 'audit', label: 'Audit', description: 'Who did what, when: filter and inspect the signed audit trail, check its integrity, export it', component: AuditScreen },
];

export const defaultScreenId = 'models';
