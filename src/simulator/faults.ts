import type { IncomingMessage } from "node:http";

/**
 * Which part of the simulator a request is for.
 *
 * @example
 * ```ts
 * const service: SimulatedService = "anaplan-audit";
 * ```
 */
export type SimulatedService =
  | "anaplan-auth"
  | "anaplan-audit"
  | "anaplan-users"
  | "anaplan-oauth"
  | "epm"
  | "epm-oauth";

/**
 * A transport-level fault, applied before the route handler runs. Service-specific faults
 * (token expiry, capped pages, job failures, …) live on `sim.anaplan` and `sim.epm`.
 *
 * - `status`: answer with `status` (and `retryAfter` seconds, if given) and a JSON error body
 * - `html`: answer `status` (default 502) with an HTML error page, as a proxy would
 * - `slow`: wait `delayMs` before handling normally
 * - `malformed`: handle normally, then send only the first half of the body with a matching
 *   Content-Length (a complete HTTP response whose JSON is broken)
 * - `truncate`: handle normally, announce the full Content-Length, send half and close
 * - `reset`: close the connection without answering
 * - `drip`: handle normally, then send the body `chunkBytes` at a time every `intervalMs` (a
 *   server that never goes silent long enough for an idle timeout, but never finishes either)
 * - `body`: answer `status` (default 200) with `body` as it is, under `contentType` (default
 *   application/json): any hostile payload (deep JSON, garbage, a login page)
 *
 * @example
 * ```ts
 * sim.faults.add({ kind: "status", service: "epm", status: 503, times: 2 } satisfies FaultRule);
 * ```
 */
export interface FaultRule {
  kind: "status" | "html" | "slow" | "malformed" | "truncate" | "reset" | "drip" | "body";
  /** Only requests for this service. @default any */
  service?: SimulatedService;
  /** Only requests whose path (after the service prefix) matches. @default any */
  path?: RegExp;
  /** Only this method. @default any */
  method?: string;
  /** How many requests it hits before it is used up. @default 1 */
  times?: number;
  /** For `status` and `html`. @default 503 for status, 502 for html */
  status?: number;
  /** Retry-After seconds sent with `status`. @default undefined */
  retryAfter?: number;
  /** For `slow`. @default 1000 */
  delayMs?: number;
  /** For `drip`: bytes per write. @default 1 */
  chunkBytes?: number;
  /** For `drip`: ms between writes (real time). @default 100 */
  intervalMs?: number;
  /** For `body`: the body sent. @default "" */
  body?: string | Uint8Array;
  /** For `body`: its content type. @default "application/json" */
  contentType?: string;
}

/**
 * The queue of transport-level faults; each rule hits the next `times` matching requests.
 *
 * @example
 * ```ts
 * sim.faults.add({ kind: "status", status: 429, retryAfter: 1, service: "anaplan-audit", times: 2 });
 * ```
 */
export class FaultInjector {
  readonly #rules: Array<FaultRule & { left: number }> = [];
  /** How many requests each fault kind has hit so far. */
  readonly hits: Record<string, number> = {};

  /** Adds a rule. */
  add(rule: FaultRule): void {
    this.#rules.push({ ...rule, left: rule.times ?? 1 });
  }

  /** Removes every rule. */
  clear(): void {
    this.#rules.length = 0;
  }

  /** Rules not used up yet. */
  get pending(): number {
    return this.#rules.reduce((n, r) => n + r.left, 0);
  }

  /** Takes the first rule matching this request, if any (used by the server). */
  take(service: SimulatedService, path: string, req: IncomingMessage): FaultRule | undefined {
    const i = this.#rules.findIndex(
      (r) =>
        r.left > 0 &&
        (!r.service || r.service === service) &&
        (!r.method || r.method === req.method) &&
        (!r.path || r.path.test(path)),
    );
    if (i < 0) return undefined;
    const rule = this.#rules[i]!;
    rule.left--;
    if (rule.left === 0) this.#rules.splice(i, 1);
    this.hits[rule.kind] = (this.hits[rule.kind] ?? 0) + 1;
    return rule;
  }
}
