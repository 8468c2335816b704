/**
 * Why: the HubSpot page's "Deals or HubSpot orders" choice. Orders (or both) can be chosen only while the
 * token holds the order scopes, so the choice never leads to a job HubSpot refuses; saving it makes
 * ChatLift's order properties in HubSpot whole first, so the first credited order finds them there.
 */
import prisma from "../../db.server";
import { ordersAccess } from "../../integrations/hubspot/order-port";
import { ensureShopProperties } from "../../sync/connection.server";
import { creditRecordNote, creditRecordOf, type CreditRecord } from "../../sync/order-credits";

export type CreditRecordView = {
  record: CreditRecord;
  /** What happens to credited orders on this connection, in one paragraph. */
  note: string;
  ordersAvailable: boolean;
};

export function creditRecordView(row: { creditRecord: string; grantedScopes: string | null }): CreditRecordView {
  const access = ordersAccess(row.grantedScopes === null ? null : row.grantedScopes.split(" ").filter(Boolean));
  const record = creditRecordOf(row.creditRecord);
  return { record, note: creditRecordNote(record, access), ordersAvailable: access.available };
}

export type CreditRecordSaved = { ok: true; message: string } | { ok: false; message: string };

const SAVED: Record<CreditRecord, string> = {
  deals: "Credited orders will become ChatLift deals.",
  orders: "Credited orders will write ChatLift's credit onto HubSpot's order for the same Shopify order, not a deal.",
  both: "Credited orders will become deals, and HubSpot's order for each will carry ChatLift's credit too.",
};

export async function saveCreditRecord(shopDomain: string, record: CreditRecord): Promise<CreditRecordSaved> {
  const row = await prisma.hubSpotConnection.findUnique({ where: { shopDomain }, select: { grantedScopes: true } });
  if (!row) return { ok: false, message: "HubSpot is not connected" };
  if (record !== "deals") {
    const access = ordersAccess(row.grantedScopes === null ? null : row.grantedScopes.split(" ").filter(Boolean));
    if (!access.available) return { ok: false, message: `HubSpot orders cannot be used yet: ${access.reason}.` };
    await ensureShopProperties(shopDomain);
  }
  await prisma.hubSpotConnection.update({ where: { shopDomain }, data: { creditRecord: record } });
  return { ok: true, message: SAVED[record] };
}
