import { useEffect, useState } from 'react';
import { call, toClientError, type ClientError } from '../../api/client.js';
import { ErrorMessage } from '../shell/ErrorMessage.js';

/** Where every raised alert is forwarded (syslog over UDP/TCP or HTTPS JSON); shown only to those who may manage monitoring. */
export function SiemPanel() {
  const [url, setUrl] = useState('');
  const [enabled, setEnabled] = useState(true);
  const [allowed, setAllowed] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<ClientError | null>(null);

  useEffect(() => {
    call('monitor.siem.get', {}).then((config) => {
      setAllowed(true);
      setUrl(config.url ?? '');
      // Nothing configured yet: a first address is meant to forward.
      setEnabled(config.url === null || config.enabled);
    }, () => setAllowed(false));
  }, []);

  async function run(action: () => Promise<string>): Promise<void> {
    setError(null);
    setNotice(null);
    try {
      setNotice(await action());
    } catch (e) {
      setError(toClientError(e));
    }
  }

  const save = (): Promise<string> => call('monitor.siem.set', { url: url.trim() || null, enabled }).then((c) => (c.url ? `Alerts go to ${c.url}${c.enabled ? '' : ' (paused)'}` : 'No SIEM: alerts stay in Enclave'));
  const test = (): Promise<string> => call('monitor.siem.test', {}).then((r) => `Test alert sent to ${r.url}`);

  if (!allowed) return null;
  return (
    <section className="panel drift-panel" aria-label="SIEM" data-testid="siem-panel">
      <form className="toolbar" onSubmit={(e) => { e.preventDefault(); void run(save); }}>
        <span className="panel-label">Alerts to a SIEM</span>
        <label htmlFor="siem-url" className="screen-subtitle">Address</label>
        <input id="siem-url" className="input" value={url} placeholder="udp://siem.corp:514" onChange={(e) => setUrl(e.target.value)} data-testid="siem-url" />
        <label className="screen-subtitle"><input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} data-testid="siem-enabled" /> Forward</label>
        <button type="submit" className="button button-primary" data-testid="siem-save">Save</button>
        <button type="button" className="button" onClick={() => void run(test)} data-testid="siem-test">Send test alert</button>
        <span className="screen-subtitle">syslog RFC 5424 over udp:// or tcp://, or a JSON POST to https://; Enclave connects to that host and port alone</span>
      </form>
      {notice && <p className="screen-subtitle" role="status" data-testid="siem-notice">{notice}</p>}
      {error && <ErrorMessage error={error} onDismiss={() => setError(null)} />}
    </section>
  );
}
