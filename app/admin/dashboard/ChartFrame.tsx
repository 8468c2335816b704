/**
 * The frame every dashboard chart shares: a value axis with labelled gridlines and dated marks
 * along the bottom. Plain SVG, no chart library in the admin bundle.
 */
import type { ReactNode } from "react";
import { dayTickIndexes } from "./chart-scale";

/**
 * Margins in viewBox units. A chart's `width` is about the pixels it gets (a full-width card or
 * half of one), so its labels render near their nominal 11 px instead of swelling or shrinking.
 */
const CHART = { height: 200, left: 72, right: 12, top: 10, bottom: 24 } as const;
const plotHeight = CHART.height - CHART.top - CHART.bottom;

export interface Scale {
  /** x of the i-th day's centre. */
  x: (index: number) => number;
  /** y of a value on the value axis. */
  y: (value: number) => number;
  /** Width of one day's slot. */
  slot: number;
}

export function ChartFrame({
  label,
  width,
  days,
  ticks,
  format,
  children,
}: {
  label: string;
  /** viewBox width: about the chart's width on screen, in pixels. */
  width: number;
  days: readonly string[];
  /** Value-axis ticks from 0 up; the last one is the top of the chart. */
  ticks: readonly number[];
  format: (value: number) => string;
  children: (scale: Scale) => ReactNode;
}) {
  const top = ticks.at(-1) || 1;
  const plotWidth = width - CHART.left - CHART.right;
  const slot = days.length ? plotWidth / days.length : plotWidth;
  const scale: Scale = {
    x: (index) => CHART.left + slot * (index + 0.5),
    y: (value) => CHART.top + plotHeight - (value / top) * plotHeight,
    slot,
  };
  return (
    <svg viewBox={`0 0 ${width} ${CHART.height}`} width="100%" role="img" aria-label={label}>
      <g data-axis="value" fontSize={11} fill="#616161">
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={CHART.left} x2={width - CHART.right} y1={scale.y(tick)} y2={scale.y(tick)} stroke="#e3e3e3" />
            <text x={CHART.left - 6} y={scale.y(tick) + 4} textAnchor="end">
              {format(tick)}
            </text>
          </g>
        ))}
      </g>
      <g data-axis="days" fontSize={11} fill="#616161">
        {dayTickIndexes(days.length).map((index) => (
          <text key={index} x={scale.x(index)} y={CHART.height - 6} textAnchor="middle">
            {days[index]?.slice(5)}
          </text>
        ))}
      </g>
      {children(scale)}
    </svg>
  );
}
