import { useEffect, useState } from 'react';
import { call } from '../../api/client.js';
import { FeedbackButtons } from './FeedbackButtons.js';

/** Feedback buttons for the answer of a finished job (a Playground run): the job's trace is looked up first. */
export function JobFeedback({ jobId }: { jobId: string }) {
  const [traceId, setTraceId] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setTraceId(null);
    // The trace is written in a batch a moment after the job ends: ask again briefly until it is there.
    const look = async (attempt: number): Promise<void> => {
      const page = await call('traces.list', { jobId, limit: 1 }).catch(() => null);
      const found = page?.traces[0]?.id;
      if (!live) return;
      if (found) setTraceId(found);
      else if (attempt < 5) setTimeout(() => void look(attempt + 1), 400);
    };
    void look(0);
    return () => {
      live = false;
    };
  }, [jobId]);
  return traceId ? <FeedbackButtons traceId={traceId} /> : null;
}
