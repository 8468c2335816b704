import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAdmin } from "../admin/ui/session.server";
import { firstEvent } from "../admin/onboarding/onboarding.server";

/** Polled by the checklist until the shop's first storefront event is in. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request);
  return { firstEvent: await firstEvent(shop) };
}
