/**
 * Credited revenue per day under the selected model and window, on a money axis: where the
 * revenue card's total came from.
 */
import { BlockStack, Text } from "@shopify/polaris";
import { currencyDigits, formatMoney } from "../../attribution/money";
import type { SeriesPoint } from "./dashboard";
import { niceTicks } from "./chart-scale";
import { ChartFrame } from "./ChartFrame";

export function RevenueChart({ series, currency }: { series: SeriesPoint[]; currency: string }) {
  const unit = 10 ** currencyDigits(currency);
  // Ticks in major units (whole euros, not cents), back to minor units for the scale.
  const ticks = niceTicks(Math.max(0, ...series.map((point) => point.creditedRevenue)) / unit).map(
    (tick) => tick * unit,
  );
  const days = series.map((point) => point.day);
  return (
    <BlockStack gap="200">
      <Text as="h2" variant="headingMd">
        Credited revenue per day
      </Text>
      <ChartFrame
        label={`Credited revenue per day in ${currency}, ${days[0] ?? ""} to ${days.at(-1) ?? ""}`}
        width={420}
        days={days}
        ticks={ticks}
        format={(minor) => formatMoney(Math.round(minor), currency)}
      >
        {(scale) =>
          series.map((point, index) =>
            point.creditedRevenue > 0 ? (
              <rect
                key={point.day}
                x={scale.x(index) - scale.slot * 0.35}
                width={scale.slot * 0.7}
                y={scale.y(point.creditedRevenue)}
                height={scale.y(0) - scale.y(point.creditedRevenue)}
                fill="#008060"
              >
                <title>{`${point.day}: ${formatMoney(point.creditedRevenue, currency)}`}</title>
              </rect>
            ) : null,
          )
        }
      </ChartFrame>
    </BlockStack>
  );
}
