import type { SourceLocation } from '../../api/contract.types.js';

/** Where in its source a passage sits, as a person reads it: "page 3 · Maintenance › Pumps". Empty when unknown. */
export function formatLocation(location: SourceLocation): string {
  const parts: string[] = [];
  if (location.member) parts.push(location.member);
  if (location.page !== undefined) parts.push(`page ${location.page}`);
  if (location.slide !== undefined) parts.push(`slide ${location.slide}`);
  if (location.sheet !== undefined) parts.push(`sheet ${location.sheet}`);
  if (location.headingPath && location.headingPath.length > 0) parts.push(location.headingPath.join(' › '));
  return parts.join(' · ');
}

/** A score as plain digits: 4 significant places are enough to rank by eye. */
export function formatScore(score: number | undefined): string {
  if (score === undefined) return '—';
  return Math.abs(score) >= 100 ? score.toFixed(1) : score.toPrecision(4);
}
