import { randomUUID } from 'node:crypto';
import type { Db } from '../../../native/sqlite/open.js';
import { installEgressGuard } from '../../../native/net/egress-guard.js';
import type { AuditService } from '../audit/audit.service.js';
import { EndpointKeyVault, ENDPOINT_KEY_PURPOSE } from './endpoints/endpoint-key-vault.js';
import { EndpointsRepo } from './endpoints/endpoints.repo.js';
import { EndpointsService } from './endpoints/endpoints.service.js';
import type { RemoteClients } from './gateway.js';
import type { RemoteClient } from './remote/remote-client.js';

/**
 * The endpoint registry as the gateway sees it, opened late: the gateway (and InferenceService) exist before the
 * audit keys are open, and the registry needs them to unseal API keys. `open` is called once, right after the audit
 * service; no model runs before then.
 */
export class RemoteEndpoints implements RemoteClients {
  private service: EndpointsService | undefined;

  open(db: Db, audit: AuditService): EndpointsService {
    // A fresh owner per core: two cores in one process (tests) admit and revoke their own endpoints only.
    this.service = new EndpointsService(new EndpointsRepo(db), new EndpointKeyVault(audit.deriveKey(ENDPOINT_KEY_PURPOSE)), installEgressGuard(), `core:${randomUUID()}`);
    return this.service;
  }

  client(endpointId: string): RemoteClient {
    return this.registry().client(endpointId);
  }

  configuredContext(endpointId: string): number | null {
    return this.registry().configuredContext(endpointId);
  }

  private registry(): EndpointsService {
    if (!this.service) throw new Error('the endpoint registry is used before the core opened it');
    return this.service;
  }
}
