// PHQ-9 and GAD-7 totals over time (uPlot), with the PHQ-9 cut-offs 5, 10,
// 15 and 20 shaded, and a text alternative: a summary sentence and a table
// with the same numbers. Only current (not corrected) assessments count.
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Assessment } from '../api';
import { t, useLang } from '../i18n';
import { formatDate } from '../i18n/format';

const DAY_MS = 86_400_000;
const BANDS: [number, number, string][] = [
  [5, 10, 'rgba(0, 0, 0, 0.04)'],
  [10, 15, 'rgba(0, 0, 0, 0.08)'],
  [15, 20, 'rgba(0, 0, 0, 0.12)'],
  [20, 27, 'rgba(0, 0, 0, 0.16)'],
];

function dayNumber(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / DAY_MS;
}

interface Point {
  day: number;
  date: string;
  phq9: number | null;
  gad7: number | null;
}

/** One row per date that has a PHQ-9 or GAD-7 (the last of a day when there are several). */
export function trajectoryPoints(assessments: Assessment[]): Point[] {
  const wanted = assessments
    .filter((a) => a.current && (a.instrument === 'phq9' || a.instrument === 'gad7'))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id));
  if (wanted.length === 0) return [];
  const first = dayNumber(wanted[0]!.date);
  const byDate = new Map<string, Point>();
  for (const a of wanted) {
    const point = byDate.get(a.date) ?? { day: dayNumber(a.date) - first, date: a.date, phq9: null, gad7: null };
    if (a.instrument === 'phq9') point.phq9 = a.total;
    else point.gad7 = a.total;
    byDate.set(a.date, point);
  }
  return [...byDate.values()];
}

function seriesText(values: (number | null)[]): string {
  const present = values.filter((v): v is number => v !== null);
  if (present.length === 0) return t('chart.summary.none');
  return t('chart.summary.series', { first: present[0]!, last: present[present.length - 1]! });
}

export function TrajectoryChart({ assessments, idPrefix }: { assessments: Assessment[]; idPrefix: string }) {
  const lang = useLang();
  const ref = useRef<HTMLDivElement>(null);
  const points = trajectoryPoints(assessments);
  const key = JSON.stringify(points);

  useEffect(() => {
    const target = ref.current;
    if (!target || points.length === 0) return;
    // As wide as the column, down to a phone's (a wider canvas would make a scroll region there).
    const width = Math.max(240, Math.min(800, target.clientWidth || 640));
    const opts: uPlot.Options = {
      width,
      height: 300,
      scales: { x: { time: false }, y: { range: [0, 27] } },
      axes: [
        { label: t('chart.x') },
        { label: t('chart.y'), splits: () => [0, 5, 10, 15, 20, 27] },
      ],
      legend: { show: true },
      cursor: { show: true },
      series: [
        { label: t('chart.table.day') },
        { label: 'PHQ-9', stroke: '#0059b3', width: 2, points: { show: true, size: 8 }, spanGaps: true },
        { label: 'GAD-7', stroke: '#b35900', width: 2, dash: [6, 4], points: { show: true, size: 8 }, spanGaps: true },
      ],
      hooks: {
        drawClear: [
          (u: uPlot) => {
            const { ctx, bbox } = u;
            ctx.save();
            for (const [lo, hi, fill] of BANDS) {
              const top = u.valToPos(hi, 'y', true);
              const bottom = u.valToPos(lo, 'y', true);
              ctx.fillStyle = fill;
              ctx.fillRect(bbox.left, top, bbox.width, bottom - top);
            }
            ctx.restore();
          },
        ],
      },
    };
    const data: uPlot.AlignedData = [
      points.map((p) => p.day),
      points.map((p) => p.phq9),
      points.map((p) => p.gad7),
    ];
    const plot = new uPlot(opts, data, target);
    // Follow the column's width (a phone turned, a window resized), so the chart never scrolls sideways.
    const fitted = (w: number) => Math.max(240, Math.min(800, w));
    const observer = new ResizeObserver(() => {
      const w = fitted(target.clientWidth);
      if (w !== plot.width) plot.setSize({ width: w, height: 300 });
    });
    observer.observe(target);
    return () => {
      observer.disconnect();
      plot.destroy();
    };
  }, [key, lang]);

  if (points.length === 0) return null;
  const summaryId = `${idPrefix}-chart-summary`;
  return (
    <div class="trajectory">
      <div
        class="trajectory-chart"
        ref={ref}
        role="img"
        aria-label={t('chart.label')}
        aria-describedby={summaryId}
      />
      <p id={summaryId}>
        {t('chart.summary', {
          phq9: seriesText(points.map((p) => p.phq9)),
          gad7: seriesText(points.map((p) => p.gad7)),
        })}{' '}
        {t('chart.bands')}
      </p>
      <div class="table--responsive-scroll">
        <table class="table table--compact" id={`${idPrefix}-chart-table`}>
          <caption>{t('chart.table.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('common.date')}</th>
              <th scope="col">{t('chart.table.day')}</th>
              <th scope="col">PHQ-9</th>
              <th scope="col">GAD-7</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.date}>
                <td>{formatDate(p.date)}</td>
                <td>{p.day}</td>
                <td>{p.phq9 ?? t('common.none')}</td>
                <td>{p.gad7 ?? t('common.none')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
