/**
 * Makes the generating sequences of one context ask for their next tokens together, so that each decode step is
 * one full batch.
 *
 * Without it, node-llama-cpp starts the next decode as soon as the previous batch's sampling is done, and a sequence
 * whose token was sampled last often re-queues a few microtasks too late: the sequences split into cohorts that take
 * turns, each step decoding only part of them (stories260K: 2.7–3.0 tokens per decode with 4 sequences in flight,
 * 5.6–6.1 with 8). The release goes in slot order; batch-order.ts keeps the batch in that order for llama.cpp.
 *
 * A generation is a member from its first token to its end: after each token it waits until every member has its
 * token (or has finished), then all ask for the next one at once. Before its prompt, a new generation waits for the
 * next release so that the prompt joins a step, but nobody waits for a prompt: a long one must not stall the others.
 * A lone generation never waits.
 */
export class StepBarrier {
  private members = 0;
  private arrived: Waiter[] = [];
  private starting: Waiter[] = [];

  /** A generation on the sequence in `slot` (its place in the context) takes part in the steps. */
  enter(slot: number): StepTicket {
    let calls = 0;
    let member = false;
    let left = false;
    return {
      beforeToken: () => {
        // The first call comes before the prompt, every later one after a token: from the first token on, it is a member.
        if (calls++ === 1) {
          member = true;
          this.members++;
        }
        return new Promise((resume) => {
          (member ? this.arrived : this.starting).push({ slot, resume });
          this.release();
        });
      },
      leave: () => {
        if (left) return;
        left = true;
        if (member) this.members--;
        this.release();
      },
    };
  }

  private release(): void {
    if (this.arrived.length < this.members || (this.arrived.length === 0 && this.starting.length === 0)) return;
    const ready = [...this.arrived, ...this.starting].sort((a, b) => a.slot - b.slot);
    this.arrived = [];
    this.starting = [];
    // A microtask later, when the last one to arrive awaits its promise too: they all resume in slot order.
    queueMicrotask(() => {
      for (const waiter of ready) waiter.resume();
    });
  }
}

interface Waiter {
  slot: number;
  resume: () => void;
}

export interface StepTicket {
  /** Awaited before each token is requested, the first (the prompt) included. */
  beforeToken(): Promise<void>;
  /** The generation ended (finished, cancelled or failed); safe to call twice. */
  leave(): void;
}
