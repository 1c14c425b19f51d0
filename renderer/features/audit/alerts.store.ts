import { create } from 'zustand';
import { subscribe } from '../../api/client.js';
import type { EventPayloads } from '../../api/contract.types.js';

export type AuditAlert = EventPayloads['audit.alerted'] & { receivedAt: string };

/** Alerts kept for the session, newest first; older ones stay on the audit trail. */
const KEPT = 50;

interface AlertsState {
  alerts: AuditAlert[];
  /** Alerts that arrived since the list was last opened. */
  unseen: number;
  markSeen(): void;
}

export const useAlerts = create<AlertsState>()((set) => ({
  alerts: [],
  unseen: 0,
  markSeen: () => set({ unseen: 0 }),
}));

/**
 * Listens for anomaly alerts (bursts of blocked prompts, bulk exports, sign-in failures). The core sends them only to
 * callers allowed to read the audit trail, so everyone may listen. Returns the function that stops listening.
 */
export function watchAlerts(): () => void {
  return subscribe((event) => {
    if (event.topic !== 'audit.alerted') return;
    const alert: AuditAlert = { ...event.data, receivedAt: new Date().toISOString() };
    useAlerts.setState((state) => ({ alerts: [alert, ...state.alerts].slice(0, KEPT), unseen: state.unseen + 1 }));
  });
}
