import { randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { EndpointKeyVault } from '../../electron/core/gateway/endpoints/endpoint-key-vault.js';
import { normaliseBaseUrl } from '../../electron/core/gateway/endpoints/endpoints.service.js';

describe('endpoint API keys at rest', () => {
  const vault = new EndpointKeyVault(randomBytes(32));

  test('sealed with a fresh IV each time, opened only for the endpoint it was sealed for', () => {
    const a = vault.seal('endpoint-a', 'sk-secret');
    const b = vault.seal('endpoint-a', 'sk-secret');
    expect(a.equals(b)).toBe(false);
    expect(a.includes(Buffer.from('sk-secret'))).toBe(false);
    expect(vault.open('endpoint-a', 'a', a)).toBe('sk-secret');
    // Copied onto another endpoint's row, or opened with another data directory's key: refused, typed.
    expect(() => vault.open('endpoint-b', 'b', a)).toThrowError(expect.objectContaining({ code: 'ENDPOINT_AUTH_FAILED' }));
    expect(() => new EndpointKeyVault(randomBytes(32)).open('endpoint-a', 'a', a)).toThrowError(expect.objectContaining({ code: 'ENDPOINT_AUTH_FAILED' }));
  });

  test('base URLs are the server root: a trailing /v1 or slash is dropped, a path prefix kept', () => {
    expect(normaliseBaseUrl('https://llm.lan:8443/v1/')).toBe('https://llm.lan:8443');
    expect(normaliseBaseUrl('http://10.0.0.5:8000')).toBe('http://10.0.0.5:8000');
    expect(normaliseBaseUrl('https://gw.lan/llm/v1')).toBe('https://gw.lan/llm');
  });
});
