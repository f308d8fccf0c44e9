import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { useEffect, useRef } from 'react';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend);

export interface Series {
  label: string;
  values: (number | null)[];
}

interface ChartPanelProps {
  title: string;
  /** One sentence for screen readers: what the chart shows. */
  summary: string;
  type: 'bar' | 'line';
  labels: string[];
  series: Series[];
  horizontal?: boolean;
  /** Values are fractions 0..1, shown as percentages. */
  percent?: boolean;
  /** Unique id, also used by tests to find the chart. */
  id: string;
  /** Whether there is anything to draw; by default, any value that is not null. */
  hasData?: boolean;
}

const COLORS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea'];

/**
 * A Chart.js canvas with a text alternative: the canvas is an image with a summary, and the
 * same numbers sit in a table under "Show data" so nothing is only visible as pixels.
 */
export function ChartPanel({ title, summary, type, labels, series, horizontal, percent, id, hasData }: ChartPanelProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawn = hasData ?? series.some((s) => s.values.some((v) => v !== null));
  useEffect(() => {
    if (!drawn) return;
    const chart = new Chart(canvas.current!, config(type, labels, series, !!horizontal, !!percent));
    return () => chart.destroy();
  }, [type, labels, series, horizontal, percent, drawn]);
  // Empty axes read as "zero" or as a broken page: say plainly that nothing has happened yet.
  if (!drawn) {
    return (
      <figure className="card chart empty" id={id} data-testid={id}>
        <figcaption>
          <h2>{title}</h2>
        </figcaption>
        <p className="no-data">No data yet: this fills in as learners answer and submit.</p>
      </figure>
    );
  }
  const format = (v: number | null) => (v === null ? '–' : percent ? `${Math.round(v * 100)}%` : String(v));
  return (
    <figure className="card chart" id={id} data-testid={id}>
      <figcaption>
        <h2>{title}</h2>
      </figcaption>
      <div className="chart-box">
        <canvas ref={canvas} role="img" aria-label={`${title}. ${summary}`} />
      </div>
      <details>
        <summary>Show data</summary>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{horizontal ? 'Item' : 'Label'}</th>
                {series.map((s) => (
                  <th scope="col" key={s.label}>
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {labels.map((label, i) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  {series.map((s) => (
                    <td key={s.label}>{format(s.values[i] ?? null)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

function config(type: 'bar' | 'line', labels: string[], series: Series[], horizontal: boolean, percent: boolean): ChartConfiguration<'bar' | 'line'> {
  const valueAxis = {
    beginAtZero: true,
    ...(percent ? { max: 1, ticks: { callback: (v: string | number) => `${Math.round(Number(v) * 100)}%` } } : { ticks: { precision: 0 } }),
  };
  return {
    type,
    data: {
      labels,
      datasets: series.map((s, i) => ({ label: s.label, data: s.values, backgroundColor: COLORS[i % COLORS.length], borderColor: COLORS[i % COLORS.length] })),
    },
    options: {
      indexAxis: horizontal ? 'y' : 'x',
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { display: series.length > 1 } },
      scales: horizontal ? { x: valueAxis } : { y: valueAxis },
    },
  };
}
