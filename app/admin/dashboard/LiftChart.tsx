/**
 * The lift as a picture: each difference (treatment minus holdout) as a dot with its 95%
 * interval against a zero line. An interval clear of the line is a difference; one across it is not.
 */
import { BlockStack, Text } from "@shopify/polaris";
import type { Effect, LiftReport } from "../../analytics/lift";
import { formatMoney } from "../../attribution/money";
import { intervalDomain } from "./chart-scale";
import { points } from "./lift-wording";

// About the pixels of a half-width card, so labels render near their nominal size.
const WIDTH = 420;
const HEIGHT = 48;
const LEFT = 150;
const RIGHT = 16;

function EffectRow({ label, effect, format }: { label: string; effect: Effect; format: (value: number) => string }) {
  const { lower, upper } = effect.interval;
  const hasInterval = Number.isFinite(lower) && Number.isFinite(upper) && lower !== upper;
  const [min, max] = intervalDomain(hasInterval ? [lower, upper, effect.difference] : [effect.difference]);
  const x = (value: number) => LEFT + ((value - min) / (max - min)) * (WIDTH - LEFT - RIGHT);
  const middle = HEIGHT / 2 - 4;
  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width="100%"
      role="img"
      aria-label={`${label}: ${format(effect.difference)}${hasInterval ? `, 95% interval ${format(lower)} to ${format(upper)}` : ""}`}
      fontSize={11}
    >
      <text x={0} y={middle + 4} fill="#303030">
        {label}
      </text>
      <line x1={x(0)} x2={x(0)} y1={2} y2={HEIGHT - 14} stroke="#8a8a8a" strokeDasharray="3 3" />
      <text x={x(0)} y={HEIGHT - 2} textAnchor="middle" fill="#616161">
        0
      </text>
      {hasInterval ? (
        <>
          <line x1={x(lower)} x2={x(upper)} y1={middle} y2={middle} stroke="#2c6ecb" strokeWidth={2} />
          <text x={x(lower)} y={middle - 6} textAnchor="middle" fill="#616161">
            {format(lower)}
          </text>
          <text x={x(upper)} y={middle - 6} textAnchor="middle" fill="#616161">
            {format(upper)}
          </text>
        </>
      ) : null}
      <circle cx={x(effect.difference)} cy={middle} r={5} fill="#2c6ecb" />
      <text x={x(effect.difference)} y={middle + 18} textAnchor="middle" fill="#303030">
        {format(effect.difference)}
      </text>
    </svg>
  );
}

export function LiftChart({ lift, currency }: { lift: LiftReport; currency: string }) {
  const money = (minor: number) => formatMoney(Math.round(minor), currency);
  return (
    <BlockStack gap="200">
      <Text as="h2" variant="headingMd">
        Lift vs holdout, with 95% intervals
      </Text>
      <EffectRow label="Conversion rate (pts)" effect={lift.conversionRate} format={points} />
      <EffectRow label={`Revenue / visitor (${currency})`} effect={lift.revenuePerVisitor} format={money} />
      <Text as="p" variant="bodySm" tone="subdued">
        Dots are treatment minus holdout; bars are the 95% intervals. A bar clear of the dashed zero line is a
        difference; a bar across it is not.
      </Text>
    </BlockStack>
  );
}
