// Chart.js with only what the Insights page draws registered (bar and line
// charts, category and linear scales, tooltips, legends). Imported only
// through loadChart() in chart.ts, so it lands in a chunk of its own and
// named imports let the bundler leave the rest of the library out.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Tooltip,
  Legend,
);

export { Chart };
