/**
 * Echoes a guarded answer as it streams. Guarded jobs release whole scanned sentences only, so the last sentence
 * (or an answer the output policy replaced) arrives with the job's result: `finish` prints what the stream lacked.
 */
export function guardedEcho(out: NodeJS.WritableStream = process.stdout): { write(text: string): void; finish(answer: string): void } {
  let streamed = '';
  return {
    write(text) {
      streamed += text;
      out.write(text);
    },
    finish(answer) {
      if (answer.startsWith(streamed)) out.write(answer.slice(streamed.length));
      else if (streamed.trim() && answer.startsWith(streamed.trim())) out.write(answer.slice(streamed.trim().length));
      else out.write(`${streamed ? '\n[replaced by the output guardrails]\n' : ''}${answer}`);
    },
  };
}
