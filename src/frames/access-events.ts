import pl from "nodejs-polars";
import { anaplanPersonOf } from "./anaplan-person-of.js";
import { epmAccessChanges } from "./epm-access-changes.js";
import { parseAdditionalAttributes } from "./parse-additional-attributes.js";

/**
 * Access changes the audit trails record, both systems, one per row: at (Datetime UTC), system,
 * person (whose access changed), scope, scopeId, right, rightType (as in {@link ENTITLEMENT_SCHEMA}),
 * change (`grant`, `revoke`, or `either` where the event does not say, e.g. USR-25), actor, eventId
 * (Anaplan) and code (event code, or `role`/`group` for EPM audit rows).
 *
 * @example
 * ```ts
 * Object.keys(ACCESS_EVENT_SCHEMA).includes("change") //=> true
 * ```
 */
export const ACCESS_EVENT_SCHEMA = Object.freeze({
  at: pl.Datetime("ms", "UTC"),
  system: pl.Utf8,
  person: pl.Utf8,
  scope: pl.Utf8,
  scopeId: pl.Utf8,
  right: pl.Utf8,
  rightType: pl.Utf8,
  change: pl.Utf8,
  actor: pl.Utf8,
  eventId: pl.Utf8,
  code: pl.Utf8,
});

interface CodeMeaning {
  change: "grant" | "revoke" | "either";
  rightType: string;
  scope: string;
  /** The right's name: a fixed name, or the additionalAttributes key that holds it. */
  right: { fixed: string } | { attribute: string };
  scopeAttribute?: string;
}

/** What each access-changing Anaplan event code means for entitlements. */
export const ANAPLAN_ACCESS_CODES: Readonly<Record<string, CodeMeaning>> = Object.freeze({
  "AUTHZ-3": { change: "grant", rightType: "role", scope: "tenant", right: { attribute: "roleName" } },
  "AUTHZ-6": { change: "revoke", rightType: "role", scope: "tenant", right: { attribute: "roleName" } },
  "USR-23": {
    change: "grant",
    rightType: "role",
    scope: "model",
    right: { attribute: "modelRoleName" },
    scopeAttribute: "modelId",
  },
  "USR-24": {
    change: "revoke",
    rightType: "role",
    scope: "model",
    right: { attribute: "modelRoleName" },
    scopeAttribute: "modelId",
  },
  "USR-25": {
    change: "either",
    rightType: "admin",
    scope: "workspace",
    right: { fixed: "Workspace Administrator" },
    scopeAttribute: "workspaceId",
  },
  "USR-21": {
    change: "grant",
    rightType: "access",
    scope: "workspace",
    right: { fixed: "Workspace access" },
    scopeAttribute: "workspaceId",
  },
  "USR-22": {
    change: "revoke",
    rightType: "access",
    scope: "workspace",
    right: { fixed: "Workspace access" },
    scopeAttribute: "workspaceId",
  },
  "USR-30": {
    change: "grant",
    rightType: "visitor",
    scope: "workspace",
    right: { fixed: "Visitor" },
    scopeAttribute: "workspaceId",
  },
  "USR-31": {
    change: "revoke",
    rightType: "visitor",
    scope: "workspace",
    right: { fixed: "Visitor" },
    scopeAttribute: "workspaceId",
  },
  "USR-57": {
    change: "grant",
    rightType: "exception",
    scope: "workspace",
    right: { fixed: "SSO exception" },
    scopeAttribute: "workspaceId",
  },
  "USR-58": {
    change: "revoke",
    rightType: "exception",
    scope: "workspace",
    right: { fixed: "SSO exception" },
    scopeAttribute: "workspaceId",
  },
});

/**
 * Options of {@link accessEvents}.
 *
 * @example
 * ```ts
 * const options: AccessEventsOptions = { anaplanEvents: events, anaplanUsers: users };
 * ```
 */
export interface AccessEventsOptions {
  anaplanEvents?: pl.DataFrame | undefined;
  /** To turn Anaplan user ids into e-mails (the person key). */
  anaplanUsers?: pl.DataFrame | undefined;
  epmRoleAssignmentAudit?: pl.DataFrame | undefined;
  epmGroupAssignmentAudit?: pl.DataFrame | undefined;
}

/**
 * The access changes the audit trails record, in one frame for both systems: Anaplan role,
 * model-role, workspace, admin, visitor and SSO-exception events (successful ones; the target user
 * is the event's object), and the EPM role and group assignment audit rows.
 *
 * @param options - the audit frames
 * @returns the events ({@link ACCESS_EVENT_SCHEMA}), oldest first
 * @example
 * ```ts
 * const events = accessEvents({ anaplanEvents, anaplanUsers, epmRoleAssignmentAudit });
 * ```
 */
export function accessEvents(options: AccessEventsOptions): pl.DataFrame {
  const rows = [...anaplanRows(options), ...epmRows(options)].sort((a, b) => a.at - b.at);
  const column = (name: keyof (typeof rows)[number]) => rows.map((r) => r[name] ?? null);
  return pl.DataFrame([
    pl.Series("at", column("at"), pl.Int64).cast(pl.Datetime("ms", "UTC")),
    ...(
      [
        "system",
        "person",
        "scope",
        "scopeId",
        "right",
        "rightType",
        "change",
        "actor",
        "eventId",
        "code",
      ] as const
    ).map((name) => pl.Series(name, column(name), pl.Utf8)),
  ]);
}

interface Row {
  at: number;
  system: string;
  person: string;
  scope: string;
  scopeId: string | null;
  right: string;
  rightType: string;
  change: string;
  actor: string;
  eventId: string | null;
  code: string;
}

function anaplanRows(options: AccessEventsOptions): Row[] {
  if (!options.anaplanEvents) return [];
  const key = anaplanPersonOf(options.anaplanUsers);
  const events = options.anaplanEvents
    .filter(
      pl.col("eventTypeId").isIn(Object.keys(ANAPLAN_ACCESS_CODES)).and(pl.col("success").fillNull(true)),
    )
    .select(
      "id",
      "eventTypeId",
      "userId",
      "objectId",
      "additionalAttributes",
      pl.col("eventDate").cast(pl.Datetime("ms", "UTC")).cast(pl.Int64).alias("at"),
    )
    .toRecords();
  return events.map((e) => {
    const meaning = ANAPLAN_ACCESS_CODES[String(e.eventTypeId)]!;
    const attributes = parseAdditionalAttributes(e.additionalAttributes);
    const target = e.objectId ?? attributes.targetUserId;
    const right =
      "fixed" in meaning.right ? meaning.right.fixed : String(attributes[meaning.right.attribute] ?? "");
    return {
      at: Number(e.at),
      system: "anaplan",
      person: key(target),
      scope: meaning.scope,
      scopeId:
        meaning.scopeAttribute && attributes[meaning.scopeAttribute] != null
          ? String(attributes[meaning.scopeAttribute])
          : null,
      right,
      rightType: meaning.rightType,
      change: meaning.change,
      actor: key(e.userId),
      eventId: String(e.id),
      code: String(e.eventTypeId),
    };
  });
}

function epmRows(options: AccessEventsOptions): Row[] {
  const audits = [options.epmRoleAssignmentAudit, options.epmGroupAssignmentAudit].filter(
    (f): f is pl.DataFrame => f !== undefined,
  );
  if (audits.length === 0) return [];
  const norm = (v: unknown) =>
    String(v ?? "")
      .trim()
      .toLowerCase();
  return (epmAccessChanges(audits).toRecords() as Record<string, unknown>[]).map((r) => ({
    at: r.dateAndTime instanceof Date ? r.dateAndTime.getTime() : Number(r.dateAndTime),
    system: "epm",
    person: norm(r.member),
    scope: "application",
    scopeId: null,
    right: String(r.target ?? ""),
    rightType: String(r.kind),
    change: r.action === "added" ? "grant" : r.action === "removed" ? "revoke" : "either",
    actor: norm(r.performedBy),
    eventId: null,
    code: String(r.kind),
  }));
}
