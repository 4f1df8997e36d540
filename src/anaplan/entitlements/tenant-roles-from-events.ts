import pl from "nodejs-polars";
import { ValidationError } from "../../errors/validation-error.js";
import { anaplanPersonOf } from "../../frames/anaplan-person-of.js";
import { ENTITLEMENT_SCHEMA } from "../../frames/entitlement-schema.js";
import { parseAdditionalAttributes } from "../../frames/parse-additional-attributes.js";
import { rowsFrame } from "./anaplan-entitlement-schemas.js";

/**
 * Options of {@link tenantRolesFromEvents}.
 *
 * @example
 * ```ts
 * const options: TenantRolesFromEventsOptions = { baseline: roles, baselineAt: "2026-03-01", users };
 * ```
 */
export interface TenantRolesFromEventsOptions {
  /**
   * Who held which tenant or model role at `baselineAt` ({@link ENTITLEMENT_SCHEMA} rows with
   * rightType `role`, e.g. the previous derived snapshot, or the Access Control → Assignments
   * export turned into rows). Without it the result holds only roles assigned within the events.
   * @default none
   */
  baseline?: pl.DataFrame | undefined;
  /** When the baseline holds (Date, ISO text or epoch ms); events at or before it are skipped. Required with `baseline`. */
  baselineAt?: Date | string | number | undefined;
  /** Integration API users (`id`, `email`), to turn target ids into e-mails (the person key). @default none */
  users?: pl.DataFrame | undefined;
}

/**
 * What {@link tenantRolesFromEvents} returns.
 *
 * @example
 * ```ts
 * const derived: DerivedRoles = tenantRolesFromEvents(events, { users });
 * if (!derived.complete) console.warn(`roles complete only from ${derived.completeFrom}`);
 * ```
 */
export interface DerivedRoles {
  /** The roles held after the last event ({@link ENTITLEMENT_SCHEMA}, source `derived`). */
  rows: pl.DataFrame;
  /** True when a baseline was given: then `rows` is the whole state, not only what the events assigned. */
  complete: boolean;
  /** The UTC day from which the history is complete (the baseline's day), or null without a baseline. */
  completeFrom: string | null;
  /** The first and last UTC day of the events replayed, or null when none were. */
  eventsFrom: string | null;
  eventsTo: string | null;
  /** Events replayed (successful AUTHZ-3/6 and USR-23/24 after the baseline). */
  replayed: number;
}

const CODES: Record<string, { grant: boolean; scope: "tenant" | "model" }> = {
  "AUTHZ-3": { grant: true, scope: "tenant" },
  "AUTHZ-6": { grant: false, scope: "tenant" },
  "USR-23": { grant: true, scope: "model" },
  "USR-24": { grant: false, scope: "model" },
};

/**
 * Tenant and model roles have no public API: this replays the audit events that change them —
 * AUTHZ-3/6 (role assigned/unassigned; the target user is the event's object, the role name in
 * `additionalAttributes.roleName`) and USR-23/24 (model role; `modelRoleName`, `modelId`) — in
 * event order over a baseline, into entitlement rows labelled `derived`. The person is the target's
 * lower-cased e-mail when `users` knows the id, else the id itself (as {@link accessEvents} does),
 * so changes of these rows match the events that explain them.
 *
 * @param events - Anaplan audit events ({@link ANAPLAN_EVENT_SCHEMA}); other codes are ignored
 * @param options - baseline, its time, and users
 * @returns the roles, and from which day the history is complete
 * @throws {@link ValidationError} for a baseline without `baselineAt`, or without the entitlement columns
 * @example
 * ```ts
 * const roles = tenantRolesFromEvents(events, { baseline: lastSnapshotRoles, baselineAt: "2026-11-01T00:00:00Z", users });
 * roles.completeFrom //=> "2026-11-01"
 * ```
 */
export function tenantRolesFromEvents(
  events: pl.DataFrame,
  options: TenantRolesFromEventsOptions = {},
): DerivedRoles {
  const at = options.baselineAt === undefined ? undefined : toMs(options.baselineAt);
  if (options.baseline && at === undefined) {
    throw new ValidationError("tenantRolesFromEvents: a baseline needs baselineAt (when it held).");
  }
  const held = new Map<string, Record<string, unknown>>();
  const keyOf = (r: Record<string, unknown>) =>
    `${r.person}\u0001${r.scope}\u0001${r.scopeId ?? ""}\u0001${r.right}`;
  if (options.baseline) {
    const missing = Object.keys(ENTITLEMENT_SCHEMA).filter((c) => !options.baseline!.columns.includes(c));
    if (missing.length > 0) {
      throw new ValidationError(
        `tenantRolesFromEvents: the baseline lacks the columns ${missing.join(", ")}.`,
      );
    }
    for (const r of options.baseline.filter(pl.col("rightType").eq(pl.lit("role"))).toRecords()) {
      held.set(keyOf(r), { ...r, source: "derived" });
    }
  }
  const personOf = anaplanPersonOf(options.users);
  const rows = events.height === 0 ? [] : relevant(events, at);
  for (const e of rows) {
    const meaning = CODES[String(e.eventTypeId)]!;
    const attributes = parseAdditionalAttributes(e.additionalAttributes);
    const target = String(e.objectId ?? attributes.targetUserId ?? "");
    const right = String((meaning.scope === "tenant" ? attributes.roleName : attributes.modelRoleName) ?? "");
    const modelId = attributes.modelId == null ? null : String(attributes.modelId);
    const row = {
      person: personOf(target),
      system: "anaplan",
      scope: meaning.scope,
      scopeId: meaning.scope === "model" ? modelId : null,
      scopeName: null,
      right,
      rightType: "role",
      grantedThrough: "Direct",
      source: "derived",
    };
    if (meaning.grant) held.set(keyOf(row), row);
    else held.delete(keyOf(row));
  }
  const day = (ms: unknown) => new Date(Number(ms)).toISOString().slice(0, 10);
  return {
    rows: rowsFrame(ENTITLEMENT_SCHEMA, [...held.values()]).sort(["person", "scope", "right"]),
    complete: options.baseline !== undefined,
    completeFrom: at === undefined || !options.baseline ? null : day(at),
    eventsFrom: rows.length > 0 ? day(rows[0]!.at) : null,
    eventsTo: rows.length > 0 ? day(rows.at(-1)!.at) : null,
    replayed: rows.length,
  };
}

function relevant(events: pl.DataFrame, after: number | undefined): Record<string, unknown>[] {
  let frame = events
    .filter(pl.col("eventTypeId").isIn(Object.keys(CODES)).and(pl.col("success").fillNull(true)))
    .withColumns(pl.col("eventDate").cast(pl.Datetime("ms", "UTC")).cast(pl.Int64).alias("at"));
  if (after !== undefined) frame = frame.filter(pl.col("at").gt(pl.lit(after)));
  // Event order: eventDate, then the numeric id (ids are text and can exceed 2^53).
  return (
    frame.select("id", "eventTypeId", "objectId", "additionalAttributes", "at").toRecords() as Record<
      string,
      unknown
    >[]
  ).sort((a, b) => Number(a.at) - Number(b.at) || compareIds(String(a.id), String(b.id)));
}

function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
function toMs(t: Date | string | number): number {
  const ms = t instanceof Date ? t.getTime() : typeof t === "number" ? t : Date.parse(t);
  if (Number.isNaN(ms))
    throw new ValidationError(`tenantRolesFromEvents: baselineAt is not a time: ${String(t)}`);
  return ms;
}
