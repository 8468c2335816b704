import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Badge, BlockStack, Card, Layout, Page, Text } from "@shopify/polaris";
import { TitleBar } from "@shopify/app-bridge-react";
import { z } from "zod";
import { requireAdmin } from "../admin/ui/session.server";
import { describeProblems } from "../platform/validation/zod-errors";
import { explainOrder } from "../admin/orders/order-audit.server";
import { orderAdminUrl } from "../admin/ui/links";
import { CreditTable } from "../admin/orders/CreditTable";

const paramsSchema = z.object({ orderId: z.string().regex(/^\d+$/, { error: "an order id is a number" }) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw new Response(describeProblems(parsed.error, { paths: false }), { status: 400 });
  const gid = `gid://shopify/Order/${parsed.data.orderId}`;
  const order = await explainOrder(shop, gid);
  // Another shop's order looks exactly like a missing one: nothing confirms that it exists.
  if (!order) throw new Response("No such order in this shop", { status: 404 });
  return { order, adminUrl: orderAdminUrl(shop, gid) };
}

export default function OrderExplanationPage() {
  const { order, adminUrl } = useLoaderData<typeof loader>();
  return (
    <Page
      title={`Order ${order.orderName}`}
      backAction={{ content: "Order audit", url: "/app/orders" }}
      secondaryActions={adminUrl ? [{ content: "Open in Shopify admin", url: adminUrl, target: "_top" }] : []}
    >
      <TitleBar title={`Order ${order.orderName}`} />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="200">
                <Text as="p">Placed {order.placedAt.slice(0, 10)}</Text>
                {order.cancelled ? <Badge tone="critical">Cancelled: credits kept at zero</Badge> : null}
                {order.credits.length === 0 ? (
                  <Text as="p">ChatLift found no chat session that earned credit for this order.</Text>
                ) : null}
              </BlockStack>
            </Card>
            {order.credits.length ? (
              <Card padding="0">
                <CreditTable rows={order.credits} linkOrders={false} />
              </Card>
            ) : null}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
