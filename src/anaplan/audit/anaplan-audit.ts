import type pl from "nodejs-polars";
import type { ServiceName } from "../../errors/http-error.js";
import { IncompleteResultError, type ResultGap } from "../../errors/incomplete-result-error.js";
import { PayloadError } from "../../errors/payload-error.js";
import { redactUrl } from "../../http/redact.js";
import type { Transport, TransportResponse } from "../../http/transport.js";
import type { TokenManager } from "../auth/token-manager.js";
import type { DownloadOptions, EventsIngest, EventsIngestRun } from "../ingest/events-ingest.js";
import { parseUsersPage } from "../parse/parse-users-page.js";
import { ANAPLAN_EVENT_SCHEMA, frameFromColumns } from "../schemas.js";
import { type FetchedPage, type FetchPagesResult, fetchPages, RowBudget } from "./fetch-pages.js";
import { mergeEventPages, mergeUserPages } from "./merge-pages.js";
import { type AnaplanProgress, ProgressCounter } from "./progress.js";
import { type EventRange, type EventWindow, resolveEventWindow, splitWindow } from "./time-window.js";

/**
 * Audit event categories (`type`). Unknown values are sent as they are (Anaplan treats them as "all").
 *
 * @example
 * ```ts
 * const type: AnaplanEventType = "access_control";
 * ```
 */
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

/**
 * Options of {@link AnaplanAudit.getEvents}.
 *
 * @example
 * ```ts
 * const options: GetEventsOptions = { type: "user_activity" };
 * ```
 */
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
  /** Paging sanity limits (see `PagingLimits`). @default 10000000 rows per call, 10000 pages per list */
  limits?: { maxTotalSize: number; maxPages: number } | undefined;
}

/**
 * A result that may be partial, from {@link AnaplanAudit.getEventsResult} or
 * {@link AnaplanAudit.listUsersResult}: check `complete` before using `frame` as evidence.
 *
 * @example
 * ```ts
 * const { frame, complete, gaps }: ListResult = result;
 * if (!complete) console.warn(`${gaps.length} gaps`);
 * ```
 */
export interface ListResult {
  /** The rows obtained (all of them when `complete`). */
  frame: pl.DataFrame;
  /** True when every part matched the server's totals; false means rows may be missing. */
  complete: boolean;
  /** The parts that did not match, with expected and obtained counts; empty when complete. */
  gaps: ResultGap[];
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
   * Auditor role; {@link IncompleteResultError} (code `E_INCOMPLETE`, with per-slice counts)
   * when a slice's total never matched after 5 passes — use {@link getEventsResult} to take
   * partial data on purpose; {@link PayloadError} for a broken body or a broken sanity limit
   * (`maxTotalSize`, `maxPages`, `maxBodyBytes`, JSON depth, more rows than `limit`, paging
   * that makes no progress; `bound` holds the numbers); {@link TimeoutError} past `timeoutMs`;
   * {@link AuthError}, {@link HttpError}, {@link NetworkError}
   * @example
   * ```ts
   * const logins = await anaplan.audit.getEvents({ from: "2026-06-01", to: "2026-06-08" }, { type: "user_activity" });
   * ```
   */
  async getEvents(range: EventRange, options: GetEventsOptions = {}): Promise<pl.DataFrame> {
    const result = await this.getEventsResult(range, options);
    if (!result.complete) throw new IncompleteResultError(result.gaps);
    return result.frame;
  }

  /**
   * {@link getEvents} for callers that accept partial data explicitly: instead of an
   * {@link IncompleteResultError}, a window whose totals never matched after the re-fetch passes
   * comes back with `complete: false` and its `gaps` (per day slice: expected and obtained
   * counts). Everything else (limits, errors) is as getEvents.
   *
   * @param range - as {@link getEvents}
   * @param options - as {@link getEvents}
   * @returns `{ frame, complete, gaps }`
   * @example
   * ```ts
   * const { frame, complete, gaps } = await anaplan.audit.getEventsResult(7);
   * if (!complete) console.warn(`INCOMPLETE: ${gaps.length} day slice(s) short`);
   * ```
   */
  async getEventsResult(range: EventRange, options: GetEventsOptions = {}): Promise<ListResult> {
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
  ): Promise<ListResult> {
    const warn = onceWarner(this.#c.transport);
    const budget = new RowBudget(this.#c.limits?.maxTotalSize);
    const results = await Promise.all(
      slices.map((slice) =>
        fetchPages({
          pageSize: this.#c.pageSize,
          budget,
          maxPages: this.#c.limits?.maxPages,
          source: `Anaplan audit GET ${this.#eventsUrl(slice, options.type)}`,
          url: this.#eventsUrl(slice, options.type),
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
    const gaps = results.flatMap((r, i) => gapOf(r, "events", slices[i]));
    if (gaps.length > 0) {
      warn(
        "unstable",
        `Anaplan audit events kept changing while paging (${gaps.length} day slice(s) never matched totalSize after ${gaps[0]!.passes} passes); the result is INCOMPLETE. Fetch again later for a complete window.`,
      );
    }
    return { frame: mergeEventPages(results.flatMap((r) => r.frames)), complete: gaps.length === 0, gaps };
  }

  #eventsUrl(slice: EventWindow, type: string | undefined): string {
    const url = new URL(`${this.#c.auditUrl}/events`);
    if (type !== undefined) url.searchParams.set("type", type);
    url.searchParams.set("dateFrom", String(slice.from));
    url.searchParams.set("dateTo", String(slice.to));
    return this.#c.transport.redactor.scrub(redactUrl(url));
  }

  /**
   * Lists the users of the default tenant (`GET /2/0/users`, pages of 5000 until totalSize) as
   * a frame with {@link ANAPLAN_USER_SCHEMA}, one row per id.
   *
   * @param options - `signal` to cancel
   * @returns the users; a zero-row frame with the full schema when there are none
   * @throws {@link MissingRoleError} when the user may not list users;
   * {@link IncompleteResultError} when the list's total never matched (see
   * {@link listUsersResult}); {@link PayloadError} (also for a broken sanity limit, as
   * getEvents); {@link AuthError}, {@link HttpError}, {@link TimeoutError}, {@link NetworkError}
   * @example
   * ```ts
   * const users = await anaplan.audit.listUsers();
   * users.filter(pl.col("active")).height //=> active users
   * ```
   */
  async listUsers(options: { signal?: AbortSignal | undefined } = {}): Promise<pl.DataFrame> {
    const result = await this.listUsersResult(options);
    if (!result.complete) throw new IncompleteResultError(result.gaps);
    return result.frame;
  }

  /**
   * {@link listUsers} for callers that accept partial data explicitly: a list whose total never
   * matched after the re-fetch passes comes back with `complete: false` and its `gaps`
   * instead of an {@link IncompleteResultError}.
   *
   * @param options - `signal` to cancel
   * @returns `{ frame, complete, gaps }`
   * @example
   * ```ts
   * const { frame, complete } = await anaplan.audit.listUsersResult();
   * ```
   */
  async listUsersResult(options: { signal?: AbortSignal | undefined } = {}): Promise<ListResult> {
    const progress = new ProgressCounter("users", this.#c.onProgress);
    progress.plan(1);
    return this.#run(options.signal, async (signal) => {
      const warn = onceWarner(this.#c.transport);
      const result = await fetchPages({
        pageSize: USERS_PAGE_SIZE,
        budget: new RowBudget(this.#c.limits?.maxTotalSize),
        maxPages: this.#c.limits?.maxPages,
        source: `Anaplan users GET ${this.#c.transport.redactor.scrub(redactUrl(`${this.#c.apiUrl}/users`))}`,
        url: this.#c.transport.redactor.scrub(redactUrl(`${this.#c.apiUrl}/users`)),
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
      const gaps = gapOf(result, "users", undefined);
      return { frame: mergeUserPages(result.frames), complete: gaps.length === 0, gaps };
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
        // A broken sanity limit (error.bound) would be broken again: not fetched again.
        if (attempt < PAYLOAD_RETRIES && !error.bound) {
          this.#c.transport.log.debug?.(`unreadable body, fetching again: ${requested}: ${error.message}`);
          continue;
        }
        throw new PayloadError(
          `${service} GET ${requested} (tried ${attempt + 1} times): ${error.message}`,
          error.bodyExcerpt,
          { cause: error, bound: error.bound, url: requested },
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

/** The gap of one paged list that never stabilised (none when it did). */
function gapOf(
  result: FetchPagesResult,
  list: "events" | "users",
  slice: EventWindow | undefined,
): ResultGap[] {
  if (result.stable) return [];
  return [
    {
      list,
      from: slice?.from,
      to: slice?.to,
      expected: result.expected ?? result.got,
      got: result.got,
      passes: result.passes,
    },
  ];
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
