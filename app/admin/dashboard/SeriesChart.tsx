/**
 * Engaged sessions and micro-conversions per day, on a labelled count axis: the merchant reads
 * the values off the chart, not a single "peak".
 */
import { BlockStack, Text } from "@shopify/polaris";
import type { SeriesPoint } from "./dashboard";
import { niceTicks } from "./chart-scale";
import { ChartFrame, type Scale } from "./ChartFrame";

function line(values: readonly number[], scale: Scale): string {
  return values
    .map((value, index) => `${index ? "L" : "M"}${scale.x(index).toFixed(1)},${scale.y(value).toFixed(1)}`)
    .join(" ");
}

export function SeriesChart({ series }: { series: SeriesPoint[] }) {
  const ticks = niceTicks(
    Math.max(0, ...series.map((point) => Math.max(point.engagedSessions, point.microConversions))),
    4,
    true,
  );
  const days = series.map((point) => point.day);
  return (
    <BlockStack gap="200">
      <Text as="h2" variant="headingMd">
        Sessions per day
      </Text>
      <ChartFrame
        label={`Engaged sessions and micro-conversions per day, ${days[0] ?? ""} to ${days.at(-1) ?? ""}`}
        width={880}
        days={days}
        ticks={ticks}
        format={(value) => value.toLocaleString("en-US")}
      >
        {(scale) => (
          <>
            <path
              d={line(
                series.map((point) => point.engagedSessions),
                scale,
              )}
              fill="none"
              stroke="#2c6ecb"
              strokeWidth={2}
            />
            <path
              d={line(
                series.map((point) => point.microConversions),
                scale,
              )}
              fill="none"
              stroke="#008060"
              strokeWidth={2}
              strokeDasharray="4 3"
            />
          </>
        )}
      </ChartFrame>
      <Text as="p" variant="bodySm">
        <span style={{ color: "#2c6ecb" }}>━ engaged sessions</span>{" "}
        <span style={{ color: "#008060" }}>┅ micro-conversions</span>
      </Text>
    </BlockStack>
  );
}
