import { describe, expect, test } from 'vitest';
import { openAiError, retryAfterSeconds } from '../../electron/server/openai/openai-errors.js';
import { BadRequest, chatRequest, completionRequest, embeddingRequest } from '../../electron/server/openai/openai-requests.js';
import { embeddingsBody } from '../../electron/server/openai/openai-responses.js';

describe('OpenAI error bodies and statuses', () => {
  test('each Enclave code gets the status OpenAI clients expect, with a Retry-After on 429', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterSeconds({ resetAt: '2026-01-01T00:00:30Z' }, now)).toBe(30);
    expect(retryAfterSeconds({ retryAfterMs: 1500 })).toBe(2);
    const quota = openAiError({ code: 'QUOTA_EXCEEDED', message: 'alice may use 1000 tokens a day', details: { resetAt: new Date(Date.now() + 60_000).toISOString() } });
    expect(quota.status).toBe(429);
    expect(quota.body.error).toMatchObject({ type: 'insufficient_quota', code: 'quota_exceeded', message: 'alice may use 1000 tokens a day' });
    expect(Number(quota.headers['Retry-After'])).toBeGreaterThanOrEqual(59);
    expect(openAiError({ code: 'ENDPOINT_RATE_LIMITED', message: 'busy', details: { retryAfterMs: 5000 } }).headers['Retry-After']).toBe('5');
    expect(openAiError({ code: 'ENDPOINT_UNREACHABLE', message: 'down' }).status).toBe(502);
    expect(openAiError({ code: 'ENDPOINT_TIMEOUT', message: 'slow' }).status).toBe(504);
    expect(openAiError({ code: 'UNAUTHORIZED', message: 'x' })).toMatchObject({ status: 401, body: { error: { type: 'authentication_error', code: 'invalid_api_key' } } });
    expect(openAiError({ code: 'FORBIDDEN', message: 'x' })).toMatchObject({ status: 403, body: { error: { type: 'permission_error' } } });
    expect(openAiError({ code: 'MODEL_NOT_APPROVED', message: 'x' }).status).toBe(403);
    expect(openAiError({ code: 'MODEL_NOT_FOUND', message: 'x' })).toMatchObject({ status: 404, body: { error: { code: 'model_not_found' } } });
    expect(openAiError({ code: 'INVALID_INPUT', message: 'x', details: [{ path: 'maxTokens', message: 'too big' }] })).toMatchObject({ status: 400, body: { error: { type: 'invalid_request_error', param: 'maxTokens' } } });
  });
});

describe('OpenAI requests into core input', () => {
  test('chat: roles, text parts, sampling names, stop as a string, response formats', () => {
    const request = chatRequest({
      model: 'm', stream: true, stream_options: { include_usage: true }, max_completion_tokens: 9, max_tokens: 5, temperature: 0, top_p: 0, top_k: 7, seed: 3, stop: 'END',
      messages: [{ role: 'developer', content: 'Be brief.' }, { role: 'user', content: [{ type: 'text', text: 'Hi ' }, { type: 'text', text: 'there' }] }],
      response_format: { type: 'json_schema', json_schema: { name: 'x', schema: { type: 'object' } } },
    });
    expect(request).toMatchObject({ model: 'm', stream: true, includeUsage: true });
    expect(request.input).toEqual({
      model: 'm', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi there' }], jsonSchema: { type: 'object' },
      maxTokens: 9, temperature: 0, topP: 1e-6, topK: 7, seed: 3, stop: ['END'],
    });
    expect(chatRequest({ model: 'm', messages: [], response_format: { type: 'json_object' } }).input.jsonSchema).toMatchObject({ type: 'object' });
  });

  test('what this server cannot do is refused by parameter, not ignored', () => {
    const refusal = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return error instanceof BadRequest ? error.param : 'other';
      }
      return null;
    };
    expect(refusal(() => chatRequest({ model: 'm', messages: [{ role: 'tool', content: 'x' }] }))).toBe('messages.0.role');
    expect(refusal(() => chatRequest({ model: 'm', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: {} }] }] }))).toBe('messages.0.content');
    expect(refusal(() => chatRequest({ model: 'm', messages: [], tools: [{ type: 'function' }] }))).toBe('tools');
    expect(refusal(() => chatRequest({ model: 'm', messages: [], n: 3 }))).toBe('n');
    expect(refusal(() => chatRequest({ messages: [] }))).toBe('model');
    expect(refusal(() => completionRequest({ model: 'm', prompt: ['a', 'b'] }))).toBe('prompt');
    expect(refusal(() => embeddingRequest({ model: 'm', input: [[1, 2]] }))).toBe('input');
    expect(refusal(() => embeddingRequest({ model: 'm', input: 'x', encoding_format: 'int8' }))).toBe('encoding_format');
    expect(completionRequest({ model: 'm', prompt: ['once'] }).input).toEqual({ model: 'm', prompt: 'once' });
  });

  test('base64 embeddings are little-endian float32, as the openai client decodes them', () => {
    const body = embeddingsBody('m', [[0.5, -1.25]], true, 2) as { data: Array<{ embedding: string }> };
    const bytes = Buffer.from(body.data[0]!.embedding, 'base64');
    expect([bytes.readFloatLE(0), bytes.readFloatLE(4)]).toEqual([0.5, -1.25]);
  });
});
