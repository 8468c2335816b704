/**
 * What a test or the demo hands the HubSpot sandbox (its options, the faults it plays) and gets back
 * (the running sandbox's handle): server.ts starts it.
 */
import type { LimitOptions, AccountLimits } from "./limits";
import type { RecordedRequest } from "./page";
import type { AccountSettings } from "./routing";
import type { RateLimitPolicy } from "./errors";
import type { CrmRecord, Owner, Pipeline, SandboxStore } from "./store";

export type SandboxOptions = Partial<LimitOptions> &
  Partial<AccountSettings> & {
    port?: number;
    host?: string;
    portalId?: number;
    /** Private app / service key tokens the account accepts (they never expire). */
    staticTokens?: string[];
    /**
     * Scopes this portal never grants (OAuth or static tokens), e.g. an Enterprise portal whose
     * tokens lack the events send scope. Custom-event scopes are grantable only with `customEvents`.
     */
    withheldScopes?: string[];
    owners?: Owner[];
    /**
     * An upsert may move a contact's lifecycle stage backwards (HubSpot's v3 API may accept it); by default an
     * earlier stage is dropped, as HubSpot's UI rules say.
     */
    acceptsBackwardLifecycle?: boolean;
    /** Deal pipelines; HubSpot's default "Sales Pipeline" when left out. */
    pipelines?: Pipeline[];
  };

/** A failure the sandbox plays instead of (or before) answering, for `times` requests or `forMs`. */
export type Fault = {
  status?: number;
  /** Never answer: the client sees a timeout. */
  hang?: boolean;
  /** Answer normally, this much later. */
  delayMs?: number;
  times?: number;
  forMs?: number;
  /** Only requests whose path starts with this. */
  path?: string;
  /** Only requests made with this bearer token (one shop's account among several). */
  token?: string;
  /** With status 429: which of HubSpot's limits the answer names. */
  policy?: RateLimitPolicy;
  /** With status 477 (the account is migrating between data centres): the Retry-After, in seconds. */
  retryAfterSeconds?: number;
};

export type HubSpotSandbox = {
  url: string;
  state: SandboxStore;
  account: AccountSettings;
  requests: RecordedRequest[];
  limits: AccountLimits;
  inject(fault: Fault): void;
  clearFaults(): void;
  /**
   * Every OAuth access token issued so far expires now (HubSpot answers 401 EXPIRED_AUTHENTICATION),
   * whatever expiry ChatLift stored: a token revoked or cut short. Refresh tokens keep working.
   */
  expireAccessTokens(): void;
  /** Merges two contacts as someone in HubSpot would (contact-emails.ts): the merged one's email becomes secondary. */
  mergeContacts(primaryEmail: string, mergedEmail: string): CrmRecord;
  /** Recorded requests to one endpoint, e.g. ("POST", "/crm/v3/objects/contacts/batch/upsert"). */
  requestsTo(method: string, path: string): RecordedRequest[];
  count429(): number;
  close(): Promise<void>;
};
