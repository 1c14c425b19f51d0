import type { PermissionName } from '../contract/auth.api.js';
import type { CoreEvent, EventAudience } from '../contract/events.js';

/** Who receives an event (see EventAudience): decided in the core, applied by every shell. */
export function eventAudience(event: CoreEvent, ownerOf: (jobId: string) => string | undefined): EventAudience | undefined {
  if (event.topic === 'audit.alerted') return { permission: 'audit.read' };
  const jobId = (event.data as { jobId?: unknown }).jobId;
  if (typeof jobId !== 'string') return undefined;
  const owner = ownerOf(jobId.split('#')[0] ?? jobId);
  // A job nobody started (a folder watch's background sync) is shown to administrators.
  return owner !== undefined ? { user: owner } : { permission: 'users.manage' };
}

export interface EventViewer {
  user: string;
  permissions: readonly PermissionName[];
}

export function visibleTo(event: CoreEvent, viewer: EventViewer): boolean {
  const audience = event.audience;
  if (!audience) return true;
  if (audience.user !== undefined && audience.user !== viewer.user) return false;
  if (audience.permission !== undefined && !viewer.permissions.includes(audience.permission)) return false;
  return true;
}

/** The event as a shell sends it: the audience is the core's business. */
export function wireEvent(event: CoreEvent): Omit<CoreEvent, 'audience'> {
  const { audience: _audience, ...wire } = event;
  return wire;
}
