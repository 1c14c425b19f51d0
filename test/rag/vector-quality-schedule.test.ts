// When an index's vector quality is measured again (each measure embeds up to 60 probe sentences).
import { describe, expect, test } from 'vitest';
import { MeasureSchedule } from '../../electron/core/rag/search/vector-quality.js';

describe('vector quality measure schedule', () => {
  test('an unmeasured index is measured after every ingest until a measure sticks', () => {
    const schedule = new MeasureSchedule();
    expect(schedule.due(1, 10, null)).toBe(true);
    expect(schedule.due(1, 20, null)).toBe(true);
  });

  test('a measured index is measured again only once its chunks have doubled', () => {
    const schedule = new MeasureSchedule();
    schedule.measured(1, 144);
    expect(schedule.due(1, 150, 0.9)).toBe(false); // one more file from a synced folder
    expect(schedule.due(1, 287, 0.9)).toBe(false);
    expect(schedule.due(1, 288, 0.9)).toBe(true);
    schedule.measured(1, 288);
    expect(schedule.due(1, 300, 0.9)).toBe(false);
    expect(schedule.due(2, 5, null)).toBe(true); // indexes are independent
  });

  test('after a restart the stored measure is trusted until the index doubles from the size it was first seen at', () => {
    const schedule = new MeasureSchedule();
    expect(schedule.due(7, 1000, 0.8)).toBe(false);
    expect(schedule.due(7, 1500, 0.8)).toBe(false);
    expect(schedule.due(7, 2000, 0.8)).toBe(true);
  });
});
