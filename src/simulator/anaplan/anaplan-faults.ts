/**
 * Anaplan-specific faults, switched on with `sim.anaplan.setFaults({...})` or the
 * `anaplan.faults` option of `startSimulator`. Transport faults (429 with Retry-After, 5xx,
 * HTML error pages, slow or truncated responses, resets) are `sim.faults`, and work on every
 * Anaplan route too.
 *
 * @example
 * ```ts
 * sim.anaplan.setFaults({ pageSizeCap: 250, insertDuringPaging: 5 });
 * sim.anaplan.setFaults({ pageSizeCap: undefined }); // switch one off
 * ```
 */
export interface AnaplanFaults {
  /**
   * Audit API: serve at most this many events per page, whatever `limit` asks (the server
   * silently truncates; `currentPageSize`, `nextOffset` and `nextUrl` reflect what was served).
   * @default undefined (no cap)
   */
  pageSizeCap?: number | undefined;
  /** Users API: serve at most this many users per page (below its own 5000 cap). @default undefined */
  usersPageSizeCap?: number | undefined;
  /**
   * Audit API: right after the first page (offset 0) of a query is served, this many
   * late-arriving events with eventDate inside the queried window (and createdDate = now) are
   * added to the tenant; they are ordinary events from then on (ground truth includes them).
   * A number fires once; `{ events, times }` fires on the next `times` first pages.
   * @default undefined (off)
   */
  insertDuringPaging?: number | { events: number; times?: number } | undefined;
  /**
   * The caller lacks the Tenant Auditor role: the Audit API answers a valid token with 401
   * `{"status":"FAILURE_UNAUTHORIZED_USER_ACTION", ...}` (auth and users still work).
   * @default false
   */
  missingRole?: boolean;
  /** Lifetime of tokens issued or refreshed from now on, in simulated ms. @default 2_100_000 (35 min) */
  tokenLifetimeMs?: number;
  /**
   * What a `limit` above 10,000 does: `"honour"` serves it (what live tests saw), `"cap"` serves
   * 10,000, `"no-content"` answers 204 with no body (what the documentation says).
   * @default "honour"
   */
  limitOver10000?: "honour" | "cap" | "no-content";
  /**
   * `/token/refresh` refuses an expired token (401), so a client must authenticate again.
   * When false an expired (not logged-out) token can still be refreshed.
   * @default false
   */
  rejectExpiredRefresh?: boolean;
  /**
   * Hostile server (audit and users lists): announce this `totalSize` whatever the list holds
   * (e.g. 9_007_199_254_740_991), while serving the real rows. @default undefined (off)
   */
  hugeTotalSize?: number | undefined;
  /**
   * Hostile server (audit and users lists): serve this many times more rows than `limit` asked
   * (as far as the list has them), reporting them honestly in `currentPageSize`. @default undefined (off)
   */
  oversizedPages?: number | undefined;
  /**
   * Hostile server (audit and users lists): ignore `offset` — every page is the first one —
   * while echoing the requested offset in the paging block, so only the content repeats.
   * @default false
   */
  ignoreOffset?: boolean;
  /**
   * Hostile server (audit and users lists): `"missing"` sends no `meta` at all; `"invalid"`
   * sends `totalSize: "lots"` and `currentPageSize: -1`. @default undefined (normal meta)
   */
  pagingMeta?: "missing" | "invalid" | undefined;
  /**
   * Hostile server (audit): the first event of every page starts with an `additionalAttributes`
   * nested this many arrays deep (valid JSON; the event's own `additionalAttributes` follows,
   * a duplicate key). @default undefined (off)
   */
  deepJson?: number | undefined;
  /**
   * Token expiry mid-flight: after every `n`-th audit or users request answered (with 200),
   * every token issued so far expires at once, so requests still in flight get 401.
   * @default undefined (off)
   */
  expireTokensEvery?: number | undefined;
}

/**
 * The faults in force, with defaults filled in.
 *
 * @example
 * ```ts
 * const faults: Readonly<ActiveAnaplanFaults> = sim.anaplan.faults;
 * if (faults.missingRole) console.log("users list will be forbidden");
 * ```
 */
export interface ActiveAnaplanFaults {
  pageSizeCap: number | undefined;
  usersPageSizeCap: number | undefined;
  insertEvents: number;
  insertTimesLeft: number;
  missingRole: boolean;
  tokenLifetimeMs: number;
  limitOver10000: "honour" | "cap" | "no-content";
  rejectExpiredRefresh: boolean;
  hugeTotalSize: number | undefined;
  oversizedPages: number | undefined;
  ignoreOffset: boolean;
  pagingMeta: "missing" | "invalid" | undefined;
  deepJson: number | undefined;
  expireTokensEvery: number | undefined;
}

/** Default token lifetime: 35 minutes. */
export const DEFAULT_TOKEN_LIFETIME_MS = 35 * 60_000;

/**
 * The state with no fault switched on.
 *
 * @returns a fresh state
 * @example
 * ```ts
 * noFaults().tokenLifetimeMs //=> 2_100_000
 * ```
 */
export function noFaults(): ActiveAnaplanFaults {
  return {
    pageSizeCap: undefined,
    usersPageSizeCap: undefined,
    insertEvents: 0,
    insertTimesLeft: 0,
    missingRole: false,
    tokenLifetimeMs: DEFAULT_TOKEN_LIFETIME_MS,
    limitOver10000: "honour",
    rejectExpiredRefresh: false,
    hugeTotalSize: undefined,
    oversizedPages: undefined,
    ignoreOffset: false,
    pagingMeta: undefined,
    deepJson: undefined,
    expireTokensEvery: undefined,
  };
}

/**
 * Applies the keys present in `change` (an explicit `undefined` switches that fault off).
 *
 * @param active - the state to change
 * @param change - the faults to switch
 * @throws RangeError for a cap or lifetime that is not a positive integer
 */
export function applyFaults(active: ActiveAnaplanFaults, change: AnaplanFaults): void {
  const positive = (name: string, value: number | undefined) => {
    if (value !== undefined && (!Number.isInteger(value) || value <= 0))
      throw new RangeError(`Anaplan fault ${name} must be a positive integer, got ${value}`);
    return value;
  };
  if ("pageSizeCap" in change) active.pageSizeCap = positive("pageSizeCap", change.pageSizeCap);
  if ("usersPageSizeCap" in change)
    active.usersPageSizeCap = positive("usersPageSizeCap", change.usersPageSizeCap);
  if ("insertDuringPaging" in change) {
    const x = change.insertDuringPaging;
    const spec =
      x === undefined ? { events: 0, times: 0 } : typeof x === "number" ? { events: x, times: 1 } : x;
    active.insertEvents = spec.events;
    active.insertTimesLeft = spec.events > 0 ? (spec.times ?? 1) : 0;
  }
  if ("missingRole" in change) active.missingRole = change.missingRole ?? false;
  if ("tokenLifetimeMs" in change)
    active.tokenLifetimeMs = positive("tokenLifetimeMs", change.tokenLifetimeMs) ?? DEFAULT_TOKEN_LIFETIME_MS;
  if ("limitOver10000" in change) active.limitOver10000 = change.limitOver10000 ?? "honour";
  if ("rejectExpiredRefresh" in change) active.rejectExpiredRefresh = change.rejectExpiredRefresh ?? false;
  if ("hugeTotalSize" in change) active.hugeTotalSize = positive("hugeTotalSize", change.hugeTotalSize);
  if ("oversizedPages" in change) active.oversizedPages = positive("oversizedPages", change.oversizedPages);
  if ("ignoreOffset" in change) active.ignoreOffset = change.ignoreOffset ?? false;
  if ("pagingMeta" in change) active.pagingMeta = change.pagingMeta;
  if ("deepJson" in change) active.deepJson = positive("deepJson", change.deepJson);
  if ("expireTokensEvery" in change)
    active.expireTokensEvery = positive("expireTokensEvery", change.expireTokensEvery);
}

/**
 * The paging block a hostile server sends instead of `paging` (see `pagingMeta`,
 * `hugeTotalSize`), or undefined to send no `meta` at all.
 *
 * @param faults - the faults in force
 * @param paging - the honest paging block
 * @returns the block to send, or undefined for none
 * @example
 * ```ts
 * hostilePaging({ ...noFaults(), pagingMeta: "invalid" }, { totalSize: 3 }) //=> { totalSize: "lots", currentPageSize: -1 }
 * ```
 */
export function hostilePaging(
  faults: ActiveAnaplanFaults,
  paging: Record<string, number | string>,
): Record<string, number | string> | undefined {
  if (faults.pagingMeta === "missing") return undefined;
  if (faults.pagingMeta === "invalid") return { ...paging, totalSize: "lots", currentPageSize: -1 };
  if (faults.hugeTotalSize !== undefined) return { ...paging, totalSize: faults.hugeTotalSize };
  return paging;
}

/**
 * The offset and row count a (possibly hostile) server serves for a request.
 *
 * @param faults - the faults in force
 * @param offset - the offset asked
 * @param limit - the rows it would serve honestly
 * @returns the offset and limit to serve
 * @example
 * ```ts
 * hostileSlice({ ...noFaults(), ignoreOffset: true }, 500, 100) //=> { offset: 0, limit: 100 }
 * ```
 */
export function hostileSlice(
  faults: ActiveAnaplanFaults,
  offset: number,
  limit: number,
): { offset: number; limit: number } {
  return {
    offset: faults.ignoreOffset ? 0 : offset,
    limit: faults.oversizedPages === undefined ? limit : limit * faults.oversizedPages,
  };
}

/**
 * Counts a data request answered with 200 and, every `expireTokensEvery` of them, expires every
 * token (see {@link AnaplanFaults.expireTokensEvery}).
 *
 * @param faults - the faults in force
 * @param served - data requests answered so far (after this one)
 * @param expireAll - expires every issued token
 * @example
 * ```ts
 * afterDataRequest(faults, counters.auditPages + counters.usersPages, () => tokens.expireAll());
 * ```
 */
export function afterDataRequest(faults: ActiveAnaplanFaults, served: number, expireAll: () => void): void {
  if (faults.expireTokensEvery !== undefined && served % faults.expireTokensEvery === 0) expireAll();
}
