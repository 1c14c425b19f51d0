import type { ComponentType } from 'react';
import { ModelsScreen } from '../models/ModelsScreen.js';
import { PlaygroundScreen } from '../playground/PlaygroundScreen.js';

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
];

export const defaultScreenId = 'models';
