import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  values: Array<number | null>;
  color: string;
}

interface TimeChartProps {
  title: string;
  /** Bucket starts, epoch milliseconds. */
  times: number[];
  series: ChartSeries[];
  unit?: string;
  testId?: string;
}

/**
 * A time-series chart drawn by uPlot on a canvas. uPlot positions its parts through the CSSOM (element.style),
 * which the strict CSP allows; its stylesheet is bundled like ours (style-src 'self').
 */
export function TimeChart({ title, times, series, unit = '', testId }: TimeChartProps) {
  const holder = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = holder.current;
    if (!element) return;
    const width = (): number => Math.max(240, element.clientWidth);
    const options: uPlot.Options = {
      width: width(),
      height: 170,
      scales: { x: { time: true } },
      axes: [{}, { values: (_u, ticks) => ticks.map((t) => `${formatNumber(t)}${unit}`), size: 78 }],
      series: [{}, ...series.map((s) => ({ label: s.label, stroke: s.color, width: 1.5, spanGaps: false, points: { show: true, size: 4 } }))],
      legend: { show: true },
    };
    const data: uPlot.AlignedData = [times.map((t) => t / 1000), ...series.map((s) => s.values)];
    const chart = new uPlot(options, data, element);
    const observer = new ResizeObserver(() => chart.setSize({ width: width(), height: 170 }));
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.destroy();
    };
  }, [times, series, unit]);

  return (
    <figure className="chart panel" data-testid={testId}>
      <figcaption className="panel-label">{title}</figcaption>
      <div ref={holder} className="chart-canvas" />
    </figure>
  );
}

function formatNumber(value: number): string {
  if (Math.abs(value) >= 1_000_000) return `${(value / 1_000_000).toFixed(1)}M`;
  if (Math.abs(value) >= 1000) return `${(value / 1000).toFixed(1)}k`;
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}
