import { useEffect, useState } from 'react';
import { call } from '../../api/client.js';
import { holds, useAuth } from '../auth/auth.store.js';
import { ExportPanel } from './ExportPanel.js';
import { ImportPanel } from './ImportPanel.js';
import { ProvenancePanel } from './ProvenancePanel.js';
import { TrustPanel } from './TrustPanel.js';
import './transfers.css';

/** Carry work across the air gap: signed bundles out, verified bundles in, and whose signatures are trusted. */
export function TransfersScreen() {
  const me = useAuth((state) => state.me);
  const [recipients, setRecipients] = useState<string[]>([]);
  const [version, setVersion] = useState(0);
  const refreshRecipients = () => void call('transfer.trust.list', {}).then((list) => setRecipients(list.map((t) => t.name)), () => undefined);
  useEffect(refreshRecipients, []);
  return (
    <section className="screen" aria-labelledby="transfers-title">
      <div className="screen-header">
        <h1 id="transfers-title" className="screen-title">Transfers</h1>
        <span className="screen-subtitle">Signed bundles of prompts, datasets and eval runs between installations</span>
      </div>
      <TrustPanel canManage={holds(me, 'transfers.trust')} onChanged={refreshRecipients} />
      <div className="transfers-columns">
        {holds(me, 'transfers.export') && <ExportPanel recipients={recipients} />}
        <ImportPanel canImport={holds(me, 'transfers.import')} onImported={() => setVersion((v) => v + 1)} />
      </div>
      <ProvenancePanel version={version} />
    </section>
  );
}
