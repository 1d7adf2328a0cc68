// What the web benchmark runs inside the page: marks on the page's own clock set
// before any page script, and the figures collected once the board is live.
import type { TreeCpuShare } from './cpu';

/** Runs in the page before any of its scripts: marks on the page's own clock. */
export const INIT_SCRIPT = `(() => {
  const marks = { live: null, wsCreated: null, wsOpen: null, wsStarted: null, longTasks: [] };
  Object.defineProperty(window, '__bench', { value: marks });
  // Every main-thread task over 50 ms, from the first script on.
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) marks.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      if (marks.wsCreated === null) marks.wsCreated = performance.now();
      this.addEventListener('open', () => {
        if (marks.wsOpen === null) marks.wsOpen = performance.now();
      });
      this.addEventListener('message', (event) => {
        if (marks.wsStarted === null && typeof event.data === 'string' && event.data.includes('"type":"started"')) {
          marks.wsStarted = performance.now();
        }
      });
    }
  };
  const check = () => {
    if (marks.live === null && document.querySelector('[data-status="live"]')) {
      marks.live = performance.now();
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
})();`;

export interface PageFigures {
  ttfb: number;
  fcp: number;
  domContentLoaded: number;
  load: number;
  live: number;
  wsCreated: number;
  wsOpen: number;
  wsStarted: number;
  html: { encoded: number; decoded: number };
  js: { count: number; encoded: number; decoded: number; transfer: number; fromCache: number };
  css: { count: number; encoded: number };
  jsUrls: string[];
  cards: number;
  counted: number;
}

export interface LoadResult extends PageFigures {
  encodings: Record<string, number>;
  documentEncoding: string;
  cpu: TreeCpuShare;
  /** Chromium's main-thread totals for the page until it went live (CDP Performance.getMetrics), ms. */
  main: { task: number; script: number; layout: number; style: number; nodes: number };
}

/**
 * Collected in the page after it went live. A string, not a function: tsx
 * (esbuild keepNames) would wrap the function's inner names in a helper the
 * page does not have.
 */
export const COLLECT_SCRIPT = `(() => {
  const marks = window.__bench;
  const nav = performance.getEntriesByType('navigation')[0];
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  const resources = performance.getEntriesByType('resource');
  const js = resources.filter((r) => new URL(r.name).pathname.endsWith('.js'));
  const css = resources.filter((r) => new URL(r.name).pathname.endsWith('.css'));
  const sum = (list, key) => list.reduce((total, r) => total + r[key], 0);
  const counted = [...document.querySelectorAll('[data-testid^="count-"]')].reduce(
    (total, el) => total + (Number.parseInt(el.textContent || '', 10) || 0),
    0,
  );
  const at = (v) => (typeof v === 'number' ? v : Number.NaN);
  return {
    ttfb: nav.responseStart,
    fcp: at(fcp && fcp.startTime),
    domContentLoaded: nav.domContentLoadedEventEnd,
    load: nav.loadEventEnd,
    live: at(marks.live),
    wsCreated: at(marks.wsCreated),
    wsOpen: at(marks.wsOpen),
    wsStarted: at(marks.wsStarted),
    html: { encoded: nav.encodedBodySize, decoded: nav.decodedBodySize },
    js: {
      count: js.length,
      encoded: sum(js, 'encodedBodySize'),
      decoded: sum(js, 'decodedBodySize'),
      transfer: sum(js, 'transferSize'),
      fromCache: js.filter((r) => r.transferSize === 0).length,
    },
    css: { count: css.length, encoded: sum(css, 'encodedBodySize') },
    jsUrls: js.map((r) => r.name),
    cards: document.querySelectorAll('[data-testid="board-card"]').length,
    counted,
  };
})()`;
