import type { ComponentType } from 'react';
import type { Output } from '../../api/contract.types.js';
import { ModelsScreen } from '../models/ModelsScreen.js';
import { PlaygroundScreen } from '../playground/PlaygroundScreen.js';
import { AskScreen } from '../ask/AskScreen.js';
import { CollectionsScreen } from '../collections/CollectionsScreen.js';
import { DocumentsScreen } from '../documents/DocumentsScreen.js';
import { SearchScreen } from '../search/SearchScreen.js';
import { AccessScreen } from '../access/AccessScreen.js';
import { AuditScreen } from '../audit/AuditScreen.js';
import { PromptsScreen } from '../prompts/PromptsScreen.js';
import { EvaluationsScreen } from '../evaluations/EvaluationsScreen.js';
import { DatasetsScreen } from '../datasets/DatasetsScreen.js';
import { RedteamScreen } from '../redteam/RedteamScreen.js';
import { SettingsScreen } from '../settings/SettingsScreen.js';
import { GuardScreen } from '../guard/GuardScreen.js';
import { TransfersScreen } from '../transfers/TransfersScreen.js';
import { ReviewScreen } from '../review/ReviewScreen.js';
import { ComplianceScreen } from '../compliance/ComplianceScreen.js';
import { TracesScreen } from '../traces/TracesScreen.js';
import { DashboardScreen } from '../dashboard/DashboardScreen.js';
import { EndpointsScreen } from '../endpoints/EndpointsScreen.js';
import { UsageScreen } from '../usage/UsageScreen.js';

type PermissionName = Output<'auth.me'>['permissions'][number];

export interface ScreenEntry {
  /** Stable id: the nav link's test id is `nav-<id>`. */
  id: string;
  label: string;
  /** One line shown as the link's tooltip. */
  description: string;
  component: ComponentType;
  /** The permission the screen needs; without it the screen is not listed. */
  requires?: PermissionName;
}

/**
 * The left navigation, in order. A new area (Collections, Prompts, Evaluations, Audit, Settings) is one more
 * entry here once its screen exists; nothing is listed before it works.
 */
export const screens: readonly ScreenEntry[] = [
  { id: 'models', label: 'Models', description: 'Import, inspect and approve GGUF models', component: ModelsScreen, requires: 'models.read' },
  { id: 'playground', label: 'Playground', description: 'Try a model with a prompt or a chat', component: PlaygroundScreen, requires: 'inference.run' },
  { id: 'collections', label: 'Collections', description: 'Create document collections, set how they are indexed, add files', component: CollectionsScreen, requires: 'rag.read' },
  { id: 'documents', label: 'Documents', description: "A collection's documents with their status, size, chunks and access list", component: DocumentsScreen, requires: 'rag.read' },
  { id: 'search', label: 'Search', description: 'Find passages in a collection (full text, vector or hybrid)', component: SearchScreen, requires: 'rag.read' },
  { id: 'ask', label: 'Ask', description: 'Ask a collection a question; the answer cites its sources', component: AskScreen, requires: 'rag.ask' },
  { id: 'prompts', label: 'Prompts', description: 'Versioned prompt templates: diffs, labels and rollbacks, a render preview, A/B tests', component: PromptsScreen, requires: 'prompts.read' },
  { id: 'evaluations', label: 'Evaluations', description: 'Run eval suites, read every case, compare two runs', component: EvaluationsScreen, requires: 'eval.read' },
  { id: 'datasets', label: 'Datasets', description: 'Golden datasets: versions, cases, and human labels saved as new versions', component: DatasetsScreen, requires: 'eval.read' },
  { id: 'redteam', label: 'Red team', description: 'Attack a prompt or model offline with OWASP-tagged probes; rates per risk, failing transcripts, an HTML report', component: RedteamScreen, requires: 'eval.read' },
  { id: 'review', label: 'Review', description: 'Answers held for a person: release, edit or reject them, oldest first', component: ReviewScreen, requires: 'review.decide' },
  { id: 'traces', label: 'Traces', description: 'Every model and retrieval call you may read: spans, tokens, latency, feedback; search and filter', component: TracesScreen, requires: 'account.self' },
  { id: 'dashboard', label: 'Dashboard', description: 'Requests, errors, P50/P95/P99 latency, first token, tokens, cost and feedback over time', component: DashboardScreen, requires: 'monitor.read' },
  { id: 'compliance', label: 'Compliance', description: 'Model cards, bias audits and decision records for auditors', component: ComplianceScreen, requires: 'eval.read' },
  { id: 'access', label: 'Access', description: 'Your password and API tokens; for administrators and auditors also users, roles, groups and the shared-workstation switch', component: AccessScreen, requires: 'account.self' },
  { id: 'audit', label: 'Audit', description: 'Who did what, when: filter and inspect the signed audit trail, check its integrity, export it', component: AuditScreen, requires: 'audit.read' },
  { id: 'endpoints', label: 'Endpoints', description: 'Remote OpenAI-compatible servers: health and latency, add one, discover its models, remove it', component: EndpointsScreen, requires: 'endpoints.read' },
  { id: 'usage', label: 'Usage', description: 'Tokens and cost by user, group, token, model, endpoint or prompt; cache hit rate; routes, quotas and prices', component: UsageScreen, requires: 'account.self' },
  { id: 'guard', label: 'Guard', description: 'Scan a pasted or uploaded text for personal data, secrets and prompt injection', component: GuardScreen, requires: 'app.read' },
  { id: 'settings', label: 'Settings', description: 'How models run here (GPU, threads, sequences, context size) and, for administrators, import roots', component: SettingsScreen, requires: 'settings.read' },
  { id: 'transfers', label: 'Transfers', description: 'Signed bundles of prompts, datasets and eval runs to and from other installations, and whose keys are trusted', component: TransfersScreen, requires: 'transfers.import' },
];

export const defaultScreenId = 'models';
