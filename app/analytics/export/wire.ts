/**
 * Why: the export specification names events once; each platform wants them in its own shape and
 * within its own limits. This turns exported events into GA4 request bodies (one client per body,
 * at most 25 events, timestamp_micros and the visitor's consent) and Mixpanel records ($insert_id
 * the event's uuid, so a re-sent batch is kept once).
 */
import type { ExportedEvent } from "./event-spec";
import { GA4_MAX_EVENTS_PER_REQUEST, type Ga4Payload } from "../../integrations/ga4/measurement-protocol";
import type { MixpanelEvent } from "../../integrations/mixpanel/import-api";

/** What the export knows of the visitor behind an event: who they are to each platform and what they allowed. */
export interface Audience {
  /** The GA client id from the `_ga` cookie when the pixel could read it, else ChatLift's visitor id. */
  gaClientId: string;
  visitorId: string;
  /** Marketing consent (Shopify's customer privacy API): GA4's ad_user_data and ad_personalization. */
  marketing: boolean;
}

export interface Ga4Request {
  payload: Ga4Payload;
  eventIds: string[];
}

/**
 * One request per client and run of at most 25 events, each request timed by its first event
 * (GA4 takes one timestamp_micros per request; the events of a chat run seconds apart).
 */
export function toGa4Requests(events: Array<{ event: ExportedEvent; audience: Audience }>): Ga4Request[] {
  const byClient = new Map<string, Array<{ event: ExportedEvent; audience: Audience }>>();
  for (const entry of events) {
    const list = byClient.get(entry.audience.gaClientId) ?? [];
    list.push(entry);
    byClient.set(entry.audience.gaClientId, list);
  }
  const requests: Ga4Request[] = [];
  for (const [clientId, entries] of byClient) {
    for (let start = 0; start < entries.length; start += GA4_MAX_EVENTS_PER_REQUEST) {
      const chunk = entries.slice(start, start + GA4_MAX_EVENTS_PER_REQUEST);
      const first = chunk[0];
      if (!first) continue;
      const consent = first.audience.marketing ? "GRANTED" : "DENIED";
      requests.push({
        payload: {
          client_id: clientId,
          timestamp_micros: first.event.occurredAt.getTime() * 1000,
          consent: { ad_user_data: consent, ad_personalization: consent },
          events: chunk.map(({ event }) => ({
            name: event.ga4,
            params: {
              ...event.properties,
              ...(event.items ? { items: event.items } : {}),
              chat_session_id: event.sessionId,
              // GA4 keeps no event id of its own: this one lets a BigQuery export find a duplicate.
              chat_event_id: event.id,
              engagement_time_msec: 1,
            },
          })),
        },
        eventIds: chunk.map(({ event }) => event.id),
      });
    }
  }
  return requests;
}

export function toMixpanelRecord(event: ExportedEvent, audience: Audience): MixpanelEvent {
  return {
    event: event.name,
    properties: {
      time: event.occurredAt.getTime(),
      distinct_id: audience.visitorId,
      $insert_id: event.id,
      chat_session_id: event.sessionId,
      ...event.properties,
      ...(event.items ? { items: event.items } : {}),
    },
  };
}
