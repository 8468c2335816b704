/**
 * Containment, handoff rate and CSAT day by day, on a 0–100% axis: whether conversations get better is a shape
 * over time. A day without conversations (or without a rating, for CSAT) leaves a gap, never a drop to zero.
 */
import { BlockStack, Text } from "@shopify/polaris";
import { ChartFrame, type Scale } from "./ChartFrame";
import type { QualityDay } from "./quality-view";

const TICKS = [0, 25, 50, 75, 100];
const LINES = [
  { key: "containment", label: "containment", color: "#2c6ecb", dash: undefined },
  { key: "handoffRate", label: "handoff rate", color: "#b98900", dash: "4 3" },
  { key: "csat", label: "CSAT (satisfied)", color: "#008060", dash: "1 3" },
] as const;

/** Segments between gaps; a lone day is drawn as a dot. */
function path(values: readonly (number | null)[], scale: Scale): string {
  let d = "";
  let drawing = false;
  values.forEach((value, index) => {
    if (value === null) return void (drawing = false);
    const x = scale.x(index).toFixed(1);
    const y = scale.y(value * 100).toFixed(1);
    const next = values[index + 1];
    const alone = !drawing && (next === null || next === undefined);
    d += `${drawing ? "L" : "M"}${x},${y}${alone ? "h0.1" : ""} `;
    drawing = true;
  });
  return d.trim();
}

export function QualityChart({ series }: { series: QualityDay[] }) {
  const days = series.map((point) => point.day);
  return (
    <BlockStack gap="200">
      <ChartFrame
        label={`Containment, handoff rate and CSAT per day, ${days[0] ?? ""} to ${days.at(-1) ?? ""}`}
        width={880}
        days={days}
        ticks={TICKS}
        format={(value) => `${value}%`}
      >
        {(scale) => (
          <>
            {LINES.map((line) => (
              <path
                key={line.key}
                data-line={line.key}
                d={path(
                  series.map((point) => point[line.key]),
                  scale,
                )}
                fill="none"
                stroke={line.color}
                strokeWidth={2}
                strokeLinecap="round"
                strokeDasharray={line.dash}
              />
            ))}
          </>
        )}
      </ChartFrame>
      <Text as="p" variant="bodySm">
        {LINES.map((line) => (
          <span key={line.key} style={{ color: line.color, marginRight: 12 }}>
            {line.dash ? "┅" : "━"} {line.label}
          </span>
        ))}
      </Text>
    </BlockStack>
  );
}
