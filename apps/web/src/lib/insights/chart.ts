// Chart.js, loaded on demand: the import() keeps the library (tree-shaken to
// what chart-setup.ts registers) in its own chunk, fetched when the Insights
// page first draws a chart and by no other page.
import type { Chart as ChartType } from 'chart.js';

export type ChartConstructor = typeof ChartType;

let loading: Promise<ChartConstructor> | null = null;

export function loadChart(): Promise<ChartConstructor> {
  loading ??= import('./chart-setup').then((m) => m.Chart);
  return loading;
}

/**
 * A CSS colour (a custom property may be light-dark(…)) resolved to what the
 * canvas can paint, by letting the browser compute it on a probe inside `host`.
 */
export function cssColor(host: Element, value: string): string {
  const probe = document.createElement('span');
  probe.style.color = value;
  probe.style.display = 'none';
  host.appendChild(probe);
  const color = getComputedStyle(probe).color;
  probe.remove();
  return color;
}
