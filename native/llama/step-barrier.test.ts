import { describe, expect, it } from 'vitest';
import { StepBarrier, type StepTicket } from './step-barrier.js';

/** Lets every pending microtask (and the promises they settle) run. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** One generation's calls, as the decode loop makes them: before its prompt, then after each token. */
function generation(barrier: StepBarrier, slot: number, log: string[]) {
  const ticket: StepTicket = barrier.enter(slot);
  let released = 0;
  let asked = 0;
  return {
    /** Asks for the next token (the first call: for the prompt); `waiting` is true until the barrier lets it. */
    ask(): void {
      asked++;
      void ticket.beforeToken().then(() => {
        released++;
        log.push(`${slot}`);
      });
    },
    get waiting(): boolean {
      return released < asked;
    },
    leave: () => ticket.leave(),
  };
}

/** Two generations past their prompts and first tokens, both members, neither waiting. */
async function twoMembers(barrier: StepBarrier, log: string[]) {
  const a = generation(barrier, 0, log);
  const b = generation(barrier, 1, log);
  a.ask(); // prompts
  b.ask();
  a.ask(); // a's first token: the only member, on it goes
  b.ask(); // b's first token: it waits for a's next one
  a.ask();
  await settle();
  expect(a.waiting || b.waiting).toBe(false);
  log.length = 0;
  return { a, b };
}

describe('the step barrier of a context', () => {
  it('never holds a lone generation', async () => {
    const g = generation(new StepBarrier(), 0, []);
    for (let i = 0; i < 5; i++) {
      g.ask();
      await settle();
      expect(g.waiting).toBe(false);
    }
    g.leave();
  });

  it('lets members ask for their next tokens together, in slot order', async () => {
    const barrier = new StepBarrier();
    const log: string[] = [];
    const b = generation(barrier, 1, log);
    const a = generation(barrier, 0, log);
    b.ask(); // prompts: nobody generates yet, both start at once
    a.ask();
    await settle();
    expect(a.waiting || b.waiting).toBe(false);
    b.ask(); // b has its first token: the only member, it goes on
    await settle();
    expect(b.waiting).toBe(false);
    a.ask(); // a has its first token: it waits for b's next one
    await settle();
    expect(a.waiting).toBe(true);
    log.length = 0;
    b.ask();
    await settle();
    expect(a.waiting || b.waiting).toBe(false);
    expect(log).toEqual(['0', '1']);
    a.ask();
    await settle();
    expect(a.waiting).toBe(true);
  });

  it('stops waiting for a generation that ended', async () => {
    const { a, b } = await twoMembers(new StepBarrier(), []);
    a.ask();
    await settle();
    expect(a.waiting).toBe(true);
    b.leave();
    b.leave(); // twice is harmless
    await settle();
    expect(a.waiting).toBe(false);
    a.ask();
    await settle();
    expect(a.waiting).toBe(false);
  });

  it('starts a new prompt with the next step, and nobody waits for a prompt', async () => {
    const barrier = new StepBarrier();
    const log: string[] = [];
    const { a, b } = await twoMembers(barrier, log);
    a.ask(); // a waits for b's token; c comes with a prompt: it joins the next step
    const c = generation(barrier, 2, log);
    c.ask();
    await settle();
    expect(a.waiting && c.waiting).toBe(true);
    b.ask();
    await settle();
    expect(log).toEqual(['0', '1', '2']);
    // c is still in its prompt, not a member yet: a and b go on without it.
    a.ask();
    b.ask();
    await settle();
    expect(a.waiting || b.waiting).toBe(false);
  });
});
