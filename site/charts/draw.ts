/**
 * Chart.js with only the pieces the outcome charts use, loaded by `<tandem-chart>` on demand (a
 * chart coming into view), so a page's first paint never waits for it.
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip, type ChartConfiguration } from 'chart.js';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip);

/** Draws `config` on `canvas`. */
export function drawChart(canvas: HTMLCanvasElement, config: ChartConfiguration): Chart {
  return new Chart(canvas, config);
}
