import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { localContext } from '../../electron/core/contract/context.js';
import type { CoreEvent } from '../../electron/core/contract/events.js';
import { coreClient } from '../../electron/core/host/core-client.js';
import { createInProcessCore } from '../../electron/core/host/core-handle.js';
import { tempDir } from '../helpers/fixtures.js';

describe('anomaly alerts reach the shells as events', () => {
  const temp = tempDir();
  const core = createInProcessCore({ dataDir: path.join(temp.dir, 'data'), modelsDir: temp.dir });
  const api = coreClient(core, localContext('test'));
  afterAll(async () => {
    await core.close();
    temp.cleanup();
  });

  test('a burst of failed sign-ins emits audit.alerted', async () => {
    const alerts: Array<Extract<CoreEvent, { topic: 'audit.alerted' }>['data']> = [];
    core.subscribe((event) => {
      if (event.topic === 'audit.alerted') alerts.push(event.data);
    });
    await api.call('users.add', { name: 'carol', password: 'a long password', roles: ['viewer'] });
    const http = { ...localContext('http'), user: '', roles: [], source: '10.9.9.9' };
    for (let i = 0; i < 5; i++) await api.failure('auth.signIn', { user: 'carol', password: `guess ${i}` }, http);
    await new Promise((resolve) => setImmediate(resolve));
    await api.call('audit.verify', {}); // reads flush what the failures queued
    expect(alerts).toContainEqual(expect.objectContaining({ rule: 'sign-in-failures', key: 'user:carol' }));
  });
});
