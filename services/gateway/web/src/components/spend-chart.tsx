import { useEffect, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatMicros } from '@stax/money';
import { formatDay } from '../format/dates';
import { formatAmount } from '../format/money';
import { cumulativeHeights, dayTotalMicros, type StackedDays } from '../state/chart-data';
import { providerColor, providerName } from '../format/providers';

const CHART_HEIGHT_PX = 240;
const DAY_SECONDS = 86_400;

function daySeconds(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / 1000;
}

function compactMoney(currency: string) {
  const format = new Intl.NumberFormat(undefined, {
    style: 'currency',
    currency,
    notation: 'compact',
    maximumFractionDigits: 1,
  });
  return (value: number) => format.format(value);
}

const DAY_STEPS = [1, 2, 7, 14, 28, 56, 91].map((days) => days * DAY_SECONDS);

function dayTicks(_u: uPlot, ticks: number[]): string[] {
  return ticks.map((seconds) =>
    formatDay(new Date(seconds * 1000).toISOString().slice(0, 10), undefined, 'short'),
  );
}

function chartOptions(
  stack: StackedDays,
  width: number,
  ink: string,
  onHover: (day: number | null) => void,
): uPlot.Options {
  const count = stack.providers.length;
  const grid = { stroke: 'rgba(128,128,128,0.25)', width: 1 };
  const bars = uPlot.paths.bars?.({ size: [0.8, 28], gap: 1 });
  const halfDay = DAY_SECONDS / 2;
  return {
    width,
    height: CHART_HEIGHT_PX,
    legend: { show: false },
    cursor: { points: { show: false }, drag: { x: false, y: false } },
    scales: {
      x: { time: false, range: (_u, min, max) => [min - halfDay, max + halfDay] },
      // Money starts at zero: a bar's height must be read against nothing.
      y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] },
    },
    axes: [
      {
        stroke: ink,
        grid: { show: false },
        ticks: grid,
        incrs: DAY_STEPS,
        values: dayTicks,
        space: 48,
      },
      {
        stroke: ink,
        grid,
        ticks: grid,
        size: 64,
        values: (_u, ticks) => ticks.map(compactMoney(stack.currency)),
      },
    ],
    series: [
      {},
      ...Array.from({ length: count }, (_, k) => {
        const provider = stack.providers[count - 1 - k] ?? '';
        const color = providerColor(provider);
        return {
          label: providerName(provider),
          fill: color,
          stroke: color,
          width: 0,
          paths: bars,
          points: { show: false },
        };
      }),
    ],
    hooks: { setCursor: [(u: uPlot) => onHover(u.cursor.idx ?? null)] },
  };
}

interface SpendChartProps {
  stack: StackedDays;
}

/**
 * Daily spend of one currency as bars stacked by provider. The figures in words (legend,
 * readout, the table) come from exact micro-units; the canvas only draws them.
 */
export function SpendChart({ stack }: SpendChartProps) {
  const holder = useRef<HTMLDivElement>(null);
  const [hovered, setHovered] = useState<number | null>(null);

  useEffect(() => {
    const element = holder.current;
    if (!element) return;
    const ink = getComputedStyle(element).color;
    const data: uPlot.AlignedData = [stack.days.map(daySeconds), ...cumulativeHeights(stack)];
    const plot = new uPlot(
      chartOptions(stack, element.clientWidth, ink, setHovered),
      data,
      element,
    );
    const observer = new ResizeObserver(() => {
      plot.setSize({ width: element.clientWidth, height: CHART_HEIGHT_PX });
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      plot.destroy();
    };
  }, [stack]);

  return (
    <figure class="chart" data-currency={stack.currency} data-total-micros={stack.totalMicros}>
      <figcaption class="chart-caption">
        <Legend stack={stack} />
        <Readout stack={stack} dayIndex={hovered} />
      </figcaption>
      <div
        class="chart-canvas"
        ref={holder}
        role="img"
        aria-label={`Daily spend in ${stack.currency}, stacked by provider. The table below has the figures.`}
      />
      <ChartTable stack={stack} />
    </figure>
  );
}

function Legend({ stack }: { stack: StackedDays }) {
  return (
    <ul class="legend">
      {stack.providers.map((provider, index) => (
        <li key={provider}>
          <span class="swatch" style={{ background: providerColor(provider) }} aria-hidden="true" />
          {providerName(provider)}{' '}
          <span class="muted">
            {formatAmount(formatMicros(stack.providerTotalsMicros[index] ?? 0), stack.currency)}
          </span>
        </li>
      ))}
    </ul>
  );
}

function Readout({ stack, dayIndex }: { stack: StackedDays; dayIndex: number | null }) {
  const day = dayIndex === null ? undefined : stack.days[dayIndex];
  if (dayIndex === null || day === undefined) {
    return <p class="readout muted">Point at a bar to see its day.</p>;
  }
  const total = formatMicros(dayTotalMicros(stack, dayIndex));
  return (
    <p class="readout">
      {formatDay(day)}: <strong>{formatAmount(total, stack.currency)}</strong>
    </p>
  );
}

function ChartTable({ stack }: { stack: StackedDays }) {
  const money = (micros: number) => formatAmount(formatMicros(micros), stack.currency, 'exact');
  return (
    <details class="chart-data">
      <summary>The chart's figures</summary>
      <div class="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">Day</th>
              {stack.providers.map((provider) => (
                <th key={provider} scope="col" class="number">
                  {providerName(provider)}
                </th>
              ))}
              <th scope="col" class="number">
                Total
              </th>
            </tr>
          </thead>
          <tbody>
            {stack.days.map((day, index) => (
              <tr key={day}>
                <th scope="row">{formatDay(day)}</th>
                {stack.micros.map((series, provider) => (
                  <td key={provider} class="number">
                    {money(series[index] ?? 0)}
                  </td>
                ))}
                <td class="number">{money(dayTotalMicros(stack, index))}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Total</th>
              {stack.providerTotalsMicros.map((micros, provider) => (
                <td key={provider} class="number">
                  {money(micros)}
                </td>
              ))}
              <td class="number" data-chart-total>
                {money(stack.totalMicros)}
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
    </details>
  );
}
