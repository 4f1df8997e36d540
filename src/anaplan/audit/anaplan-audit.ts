import type pl from "nodejs-polars";
import type { ServiceName } from "../../errors/http-error.js";
import { PayloadError } from "../../errors/payload-error.js";
import type { Transport, TransportResponse } from "../../http/transport.js";
import type { TokenManager } from "../auth/token-manager.js";
import type { DownloadOptions, EventsIngest, EventsIngestRun } from "../ingest/events-ingest.js";
import { parseUsersPage } from "../parse/parse-users-page.js";
import { ANAPLAN_EVENT_SCHEMA, frameFromColumns } from "../schemas.js";
import { type FetchedPage, fetchPages } from "./fetch-pages.js";
import { mergeEventPages, mergeUserPages } from "./merge-pages.js";
import { type AnaplanProgress, ProgressCounter } from "./progress.js";
import { type EventRange, type EventWindow, resolveEventWindow, splitWindow } from "./time-window.js";

/** Audit event categories (`type`). Unknown values are sent as they are (Anaplan treats them as "all"). */
export type AnaplanEventType =
  | "all"
  | "user_activity"
  | "access_control"
  | "byok"
  | "int"
  | "conn_mgmt"
  | "comment"
  | "plan_iq"
  | "forecaster"
  | (string & {});

/** Options of {@link AnaplanAudit.getEvents}. */
export interface GetEventsOptions {
  /** Event category. @default "all" (the parameter is not sent) */
  type?: AnaplanEventType | undefined;
  /** Cancels the fetch. @default undefined */
  signal?: AbortSignal | undefined;
}

/** What the audit namespace needs from its client. */
export interface AnaplanAuditContext {
  transport: Transport;
  tokens: TokenManager;
  auditUrl: string;
  apiUrl: string;
  now: () => number;
  pageSize: number;
  /** Reads events pages: pages in, frames out (the fast ingest path). */
  ingest: EventsIngest;
  onProgress: ((progress: AnaplanProgress) => void) | undefined;
}

/** Users per page of `GET /2/0/users` (the API's cap). */
export const USERS_PAGE_SIZE = 5000;
/**
 * Complete re-fetches of a page whose body could not be read (malformed JSON, or a page lost by
 * the ingest's worker). The transport retries failed requests; this is the one place that
 * re-fetches a response that arrived but could not be read.
 */
const PAYLOAD_RETRIES = 2;

/**
 * `anaplan.audit`: audit events and the tenant's users as Polars frames.
 *
 * @example
 * ```ts
 * const events = await anaplan.audit.getEvents(14);
 * const users = await anaplan.audit.listUsers();
 * ```
 */
export class AnaplanAudit {
  readonly #c: AnaplanAuditContext;

  /** @param context - transport, token manager, URLs, clock, page size and progress callback */
  constructor(context: AnaplanAuditContext) {
    this.#c = context;
  }

  /**
   * Fetches the audit events of a fixed window — `[now - days, now]` computed once, or
   * `{ from, to }` — as one frame with {@link ANAPLAN_EVENT_SCHEMA}, one row per event id,
   * sorted by eventDate then id. The window is fetched in one-day slices in parallel; every
   * slice is paged with `limit`, honours a smaller page size the server imposes, and is fetched
   * again if events arrive while paging, so no event is lost or duplicated.
   *
   * @param range - days back from now (1..30), or `{ from, to }` as Date or ISO text
   * @param options - `type` ("all", "user_activity", "access_control", "byok", …) and `signal`
   * @returns the events; a zero-row frame with the full schema when there are none
   * @throws {@link ValidationError} before any request for days outside 1..30, from after to,
   * or a from older than the 30-day retention; {@link MissingRoleError} without the Tenant
   * Auditor role; {@link AuthError}, {@link HttpError}, {@link TimeoutError},
   * {@link NetworkError}, {@link PayloadError}
   * @example
   * ```ts
   * const logins = await anaplan.audit.getEvents({ from: "2026-06-01", to: "2026-06-08" }, { type: "user_activity" });
   * ```
   */
  async getEvents(range: EventRange, options: GetEventsOptions = {}): Promise<pl.DataFrame> {
    const window = resolveEventWindow(range, this.#c.now());
    const slices = splitWindow(window);
    const progress = new ProgressCounter("events", this.#c.onProgress);
    progress.plan(slices.length);
    const ingest = this.#c.ingest.start();
    return this.#run(options.signal, async (signal) => {
      try {
        return await this.#fetchEvents(slices, options, progress, signal, ingest);
      } finally {
        ingest.end();
      }
    });
  }

  async #fetchEvents(
    slices: EventWindow[],
    options: GetEventsOptions,
    progress: ProgressCounter,
    signal: AbortSignal,
    ingest: EventsIngestRun,
  ): Promise<pl.DataFrame> {
    const warn = onceWarner(this.#c.transport);
    const results = await Promise.all(
      slices.map((slice) =>
        fetchPages({
          pageSize: this.#c.pageSize,
          fetchPage: (offset, limit) =>
            this.#eventsPage(ingest, slice, options.type, offset, limit, signal, warn).then((page) => {
              progress.page();
              return page;
            }),
          onCapped: cappedWarning(warn, "Anaplan audit", "events"),
          onPlanned: (pages) => progress.plan(pages),
          onUnstable: (pass, why) =>
            this.#c.transport.log.debug?.(
              `events ${iso(slice.from)}..${iso(slice.to)} pass ${pass}: ${why}; fetching again`,
            ),
        }),
      ),
    );
    if (results.some((r) => !r.stable)) {
      warn(
        "unstable",
        "Anaplan audit events kept changing while paging (5 passes); the result unions every pass, but events inserted during the last pass may be missing. Fetch again later for a complete window.",
      );
    }
    return mergeEventPages(results.flatMap((r) => r.frames));
  }

  /**
   * Lists the users of the default tenant (`GET /2/0/users`, pages of 5000 until totalSize) as
   * a frame with {@link ANAPLAN_USER_SCHEMA}, one row per id.
   *
   * @param options - `signal` to cancel
   * @returns the users; a zero-row frame with the full schema when there are none
   * @throws {@link MissingRoleError} when the user may not list users; {@link AuthError},
   * {@link HttpError}, {@link TimeoutError}, {@link NetworkError}, {@link PayloadError}
   * @example
   * ```ts
   * const users = await anaplan.audit.listUsers();
   * users.filter(pl.col("active")).height //=> active users
   * ```
   */
  async listUsers(options: { signal?: AbortSignal | undefined } = {}): Promise<pl.DataFrame> {
    const progress = new ProgressCounter("users", this.#c.onProgress);
    progress.plan(1);
    return this.#run(options.signal, async (signal) => {
      const warn = onceWarner(this.#c.transport);
      const result = await fetchPages({
        pageSize: USERS_PAGE_SIZE,
        fetchPage: async (offset, limit) => {
          const url = new URL(`${this.#c.apiUrl}/users`);
          url.searchParams.set("limit", String(limit));
          url.searchParams.set("offset", String(offset));
          const page = await this.#page("Anaplan users", async (get) =>
            parseUsersPage((await get(url, signal)).body),
          );
          progress.page();
          return page;
        },
        onCapped: cappedWarning(warn, "Anaplan users", "users"),
        onPlanned: (pages) => progress.plan(pages),
      });
      return mergeUserPages(result.frames);
    });
  }

  async #eventsPage(
    ingest: EventsIngestRun,
    slice: EventWindow,
    type: string | undefined,
    offset: number,
    limit: number,
    signal: AbortSignal,
    warn: (key: string, message: string) => void,
  ): Promise<FetchedPage> {
    const url = new URL(`${this.#c.auditUrl}/events`);
    if (type !== undefined) url.searchParams.set("type", type);
    url.searchParams.set("dateFrom", String(slice.from));
    url.searchParams.set("dateTo", String(slice.to));
    url.searchParams.set("limit", String(limit));
    url.searchParams.set("offset", String(offset));
    const page = await this.#page("Anaplan audit", (get) =>
      ingest.read(async (download) => {
        const res = await get(url, signal, download);
        return res.status === 204 ? undefined : res.body;
      }),
    );
    if (page) return page;
    warn(
      "204",
      `Anaplan audit answered 204 No Content (it does so when limit exceeds 10000) for ${url.pathname}${url.search}; counted as no events. Lower pageSize if events seem missing.`,
    );
    return { frame: frameFromColumns(ANAPLAN_EVENT_SCHEMA, {}, 0), paging: emptyPaging() };
  }

  /**
   * Requests a page and reads it with `read`; a response that arrived but could not be read
   * (a PayloadError after the request) is fetched again, up to PAYLOAD_RETRIES times. Errors
   * of the request itself (already retried by the transport) pass unchanged.
   */
  async #page<T>(service: ServiceName, read: (get: GetPage) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      let requested: string | undefined;
      const get: GetPage = async (url, signal, options = {}) => {
        const res = await this.#c.transport.request({
          method: "GET",
          url,
          service,
          headers: { accept: "application/json" },
          auth: this.#c.tokens.hook(),
          signal,
          ...options,
        });
        requested = res.url;
        return res;
      };
      try {
        return await read(get);
      } catch (error) {
        if (!(error instanceof PayloadError) || requested === undefined) throw error;
        if (attempt < PAYLOAD_RETRIES) {
          this.#c.transport.log.debug?.(`unreadable body, fetching again: ${requested}: ${error.message}`);
          continue;
        }
        throw new PayloadError(
          `${service} GET ${requested} (tried ${attempt + 1} times): ${error.message}`,
          error.bodyExcerpt,
          { cause: error },
        );
      }
    }
  }

  async #run<T>(outer: AbortSignal | undefined, task: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    const signal = outer ? AbortSignal.any([outer, controller.signal]) : controller.signal;
    try {
      return await task(signal);
    } catch (error) {
      controller.abort(error);
      throw error;
    }
  }
}

/** Requests one page (GET, JSON, with the token) with the ingest's download options. */
type GetPage = (url: URL, signal: AbortSignal, options?: DownloadOptions) => Promise<TransportResponse>;

function onceWarner(transport: Transport): (key: string, message: string) => void {
  const seen = new Set<string>();
  return (key, message) => {
    if (seen.has(key)) return;
    seen.add(key);
    transport.log.warn(message);
  };
}

/** The warning (once per fetch) when the server pages by fewer rows than `limit` asked. */
function cappedWarning(
  warn: (key: string, message: string) => void,
  service: string,
  rows: string,
): (asked: number, got: number) => void {
  return (asked, got) =>
    warn(
      "capped",
      `${service} returned ${got} ${rows} per page although limit=${asked} was asked; paging by ${got}.`,
    );
}

function emptyPaging() {
  return { currentPageSize: 0, totalSize: 0, offset: 0, nextOffset: undefined };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
