import type { Me } from '../auth/auth.store.js';
import { holds } from '../auth/auth.store.js';
import type { ScreenEntry } from './screen-registry.js';

/**
 * Where a role starts: the screen of the work it is for, not the first link it may read. Everyone may read the
 * model library, so "first visible" put a labeler on Models; the order below says which work comes first for a
 * caller holding several roles (an administrator runs models).
 */
const LANDINGS: [Me['permissions'][number], string][] = [
  ['inference.run', 'models'],
  ['review.decide', 'review'],
  ['eval.label', 'datasets'],
  ['audit.read', 'audit'],
];

export function landingScreen(me: Me | null, visible: readonly ScreenEntry[]): ScreenEntry | undefined {
  for (const [permission, id] of LANDINGS) {
    const entry = visible.find((screen) => screen.id === id);
    if (entry && holds(me, permission)) return entry;
  }
  return visible[0];
}
