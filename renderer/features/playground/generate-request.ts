import type { ChatMessage, Input } from '../../api/contract.types.js';

export type PlaygroundMode = 'prompt' | 'chat';

/** The form as typed: numbers stay text until sent, so a half-typed value is not rewritten under the cursor. */
export interface PlaygroundForm {
  modelId: string;
  mode: PlaygroundMode;
  prompt: string;
  system: string;
  user: string;
  maxTokens: string;
  temperature: string;
  topP: string;
  topK: string;
  /** Empty: a random seed. */
  seed: string;
  /** Comma-separated; `\n` and `\t` stand for a newline and a tab. */
  stop: string;
}

export const defaultForm: PlaygroundForm = {
  modelId: '',
  mode: 'prompt',
  prompt: '',
  system: '',
  user: '',
  maxTokens: '256',
  temperature: '0.7',
  topP: '0.95',
  topK: '40',
  seed: '',
  stop: '',
};

export function parseStopSequences(text: string): string[] {
  return text
    .split(',')
    .map((part) => part.trim().replace(/\\n/g, '\n').replace(/\\t/g, '\t'))
    .filter((part) => part !== '');
}

/** An empty field is left out (the core's default applies); anything else is sent for the core to validate. */
function numberField(text: string): number | undefined {
  return text.trim() === '' ? undefined : Number(text);
}

/**
 * The request for `inference.generate`. Nothing is checked here: the core validates (an empty prompt comes
 * back as INVALID_INPUT with its own message), so the UI never disagrees with the server.
 */
export function buildGenerateInput(form: PlaygroundForm, history: readonly ChatMessage[] = []): Input<'inference.generate'> {
  const input: Input<'inference.generate'> = { model: form.modelId };
  if (form.mode === 'prompt') {
    input.prompt = form.prompt;
  } else {
    const messages: ChatMessage[] = [];
    if (form.system.trim() !== '') messages.push({ role: 'system', content: form.system });
    // Earlier turns go first: the core formats the whole conversation with the model's chat template.
    messages.push(...history, { role: 'user', content: form.user });
    input.messages = messages;
  }
  const numbers = {
    maxTokens: numberField(form.maxTokens),
    temperature: numberField(form.temperature),
    topP: numberField(form.topP),
    topK: numberField(form.topK),
    seed: numberField(form.seed),
  };
  for (const [key, value] of Object.entries(numbers)) {
    if (value !== undefined) input[key as keyof typeof numbers] = value;
  }
  const stop = parseStopSequences(form.stop);
  if (stop.length > 0) input.stop = stop;
  return input;
}
