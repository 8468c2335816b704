import { BlockStack, InlineStack, Text } from "@shopify/polaris";
import type { SeriesPoint } from "./dashboard";

const WIDTH = 640;
const HEIGHT = 160;
const PAD = 4;

function path(values: number[], max: number): string {
  if (!values.length) return "";
  const step = values.length > 1 ? (WIDTH - 2 * PAD) / (values.length - 1) : 0;
  return values
    .map(
      (value, i) =>
        `${i ? "L" : "M"}${(PAD + i * step).toFixed(1)},${(HEIGHT - PAD - (max ? (value / max) * (HEIGHT - 2 * PAD) : 0)).toFixed(1)}`,
    )
    .join(" ");
}

/** Engaged sessions and micro-conversions per day: a plain SVG, no chart library to ship. */
export function SeriesChart({ series }: { series: SeriesPoint[] }) {
  const max = Math.max(1, ...series.map((point) => Math.max(point.engagedSessions, point.microConversions)));
  const first = series[0]?.day ?? "";
  const last = series[series.length - 1]?.day ?? "";
  return (
    <BlockStack gap="200">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        height={HEIGHT}
        role="img"
        aria-label={`Engaged sessions and micro-conversions per day, ${first} to ${last}`}
      >
        <line x1={PAD} x2={WIDTH - PAD} y1={HEIGHT - PAD} y2={HEIGHT - PAD} stroke="#c9cccf" />
        <path
          d={path(
            series.map((point) => point.engagedSessions),
            max,
          )}
          fill="none"
          stroke="#2c6ecb"
          strokeWidth={2}
        />
        <path
          d={path(
            series.map((point) => point.microConversions),
            max,
          )}
          fill="none"
          stroke="#008060"
          strokeWidth={2}
          strokeDasharray="4 3"
        />
      </svg>
      <InlineStack align="space-between">
        <Text as="span" variant="bodySm" tone="subdued">
          {first}
        </Text>
        <Text as="span" variant="bodySm">
          <span style={{ color: "#2c6ecb" }}>━ engaged sessions</span>{" "}
          <span style={{ color: "#008060" }}>┅ micro-conversions</span> (peak {max})
        </Text>
        <Text as="span" variant="bodySm" tone="subdued">
          {last}
        </Text>
      </InlineStack>
    </BlockStack>
  );
}
