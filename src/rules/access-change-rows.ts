import pl from "nodejs-polars";
import { ANAPLAN_EVENT_CATALOG, PRIVILEGED_ANAPLAN_EVENT_CODES } from "../anaplan/event-catalog.js";
import { anaplanPersonOf } from "../frames/anaplan-person-of.js";
import { epmAccessChanges } from "../frames/epm-access-changes.js";
import { inWindow, type TimeWindow } from "../frames/time-window.js";
import type { FindingsFrames } from "./findings-input.js";

/**
 * One change of access, from either system, as the rules read it.
 *
 * @example
 * ```ts
 * const row: AccessChangeRow = { person: "ana@example.com", actor: "bob@example.com", system: "epm", at: Date.parse("2026-03-02T10:00:00Z"), change: "grant", right: "Service Administrator", grant: true, self: false };
 * ```
 */
export interface AccessChangeRow {
  /** Whose access changed (person key), or the actor when the event does not say. */
  person: string;
  /** Who made the change (person key or raw id). */
  actor: string;
  system: "anaplan" | "epm";
  /** Epoch ms. */
  at: number;
  /** Event code (Anaplan) or `role`/`group` (EPM). */
  change: string;
  /** Role, group or event name. */
  right: string;
  /** Whether it grants access (true) or removes or reconfigures it (false). */
  grant: boolean;
  /** Whether the actor changed their own access. */
  self: boolean;
  /** Anaplan event id, when the change is an event. */
  eventId?: string | undefined;
}

const REMOVAL = /unassigned|removed|revoked|deleted|disabled|rolled back/i;
const GRANT = /created|activated|enabled|assigned|added|granted|associated/i;

/**
 * The privileged Anaplan event codes that grant access (their catalogue name says created,
 * activated, enabled, assigned, added, granted or associated, and not removed or revoked); USR-25
 * ("assigned or unassigned the Workspace Administrator role") counts as a grant.
 *
 * @example
 * ```ts
 * PRIVILEGED_GRANT_CODES.includes("AUTHZ-3") //=> true
 * PRIVILEGED_GRANT_CODES.includes("AUTHZ-6") //=> false
 * ```
 */
export const PRIVILEGED_GRANT_CODES: readonly string[] = Object.freeze(
  ANAPLAN_EVENT_CATALOG.filter(
    (e) => e.privileged && GRANT.test(e.name) && (!REMOVAL.test(e.name) || e.code === "USR-25"),
  ).map((e) => e.code),
);

/**
 * Every privileged access change in the frames, both systems, inside the window: Anaplan events
 * the catalogue flags privileged (successful ones), and EPM role and group assignment audit rows.
 *
 * @param frames - the findings input
 * @param window - the review window. @default everything
 * @returns the changes, oldest first
 * @example
 * ```ts
 * accessChangeRows({ anaplanEvents, anaplanUsers }).filter((c) => c.self)
 * ```
 */
export function accessChangeRows(frames: FindingsFrames, window?: TimeWindow): AccessChangeRow[] {
  return [...anaplanRows(frames, window), ...epmRows(frames, window)].sort((a, b) => a.at - b.at);
}

function anaplanRows(frames: FindingsFrames, window: TimeWindow | undefined): AccessChangeRow[] {
  const events = frames.anaplanEvents;
  if (!events) return [];
  const key = anaplanPersonOf(frames.anaplanUsers);
  const names = new Map(ANAPLAN_EVENT_CATALOG.map((e) => [e.code, e.name]));
  const rows = events
    .filter(
      inWindow("eventDate", window)
        .and(pl.col("eventTypeId").isIn([...PRIVILEGED_ANAPLAN_EVENT_CODES]))
        .and(pl.col("success").fillNull(true)),
    )
    .select(
      "id",
      "eventTypeId",
      "userId",
      "objectId",
      pl.col("eventDate").cast(pl.Datetime("ms", "UTC")).cast(pl.Int64).alias("at"),
      pl.col("additionalAttributes").str.jsonPathMatch("$.targetUserId").alias("targetUserId"),
      pl.col("additionalAttributes").str.jsonPathMatch("$.roleName").alias("roleName"),
    )
    .toRecords();
  return rows.map((r) => {
    const code = String(r.eventTypeId);
    const roleEvent = code === "AUTHZ-3" || code === "AUTHZ-6";
    const target = roleEvent ? (r.objectId ?? r.targetUserId) : r.targetUserId;
    const actor = key(r.userId);
    const person = target == null ? actor : key(target);
    return {
      person,
      actor,
      system: "anaplan",
      at: Number(r.at),
      change: code,
      right: r.roleName ? String(r.roleName) : (names.get(code) ?? code),
      grant: PRIVILEGED_GRANT_CODES.includes(code),
      self: target != null && String(target) === String(r.userId),
      eventId: String(r.id),
    };
  });
}

function epmRows(frames: FindingsFrames, window: TimeWindow | undefined): AccessChangeRow[] {
  const audits = [frames.epmRoleAssignmentAudit, frames.epmGroupAssignmentAudit].filter(
    (f): f is pl.DataFrame => f !== undefined,
  );
  if (audits.length === 0) return [];
  const norm = (v: unknown) =>
    String(v ?? "")
      .trim()
      .toLowerCase();
  return epmAccessChanges(audits, { ...(window ? { window } : {}) })
    .select(
      pl.col("dateAndTime").cast(pl.Int64).alias("at"),
      "kind",
      "target",
      "member",
      "action",
      "performedBy",
      "selfAssigned",
    )
    .toRecords()
    .map((r) => ({
      person: norm(r.member),
      actor: norm(r.performedBy),
      system: "epm" as const,
      at: Number(r.at),
      change: String(r.kind),
      right: String(r.target ?? ""),
      grant: r.action === "added",
      self: r.selfAssigned === true,
    }));
}
