import pl from "nodejs-polars";
import { ANAPLAN_EVENT_TYPES } from "../frames/anaplan-event-types.js";
import { anaplanPersonOf } from "../frames/anaplan-person-of.js";
import { inWindow, type TimeWindow } from "../frames/time-window.js";
import { type Finding, perPerson } from "./finding.js";
import type { FindingsFrames } from "./findings-input.js";
import type { DeactivatedSignInRule, FailedSignInBurstRule } from "./rule.js";

/**
 * `deactivated-sign-in`: successful Anaplan sign-ins by accounts the users list shows inactive,
 * or does not list at all (deleted), except the kit's `INTERNAL_*` system actors.
 *
 * @param rule - the rule
 * @param frames - needs anaplanEvents and anaplanUsers
 * @param window - the review window. @default everything
 * @returns one finding per account
 * @example
 * ```ts
 * deactivatedSignInFindings({ id: "d", kind: "deactivated-sign-in", severity: "critical" }, { anaplanEvents, anaplanUsers })
 * ```
 */
export function deactivatedSignInFindings(
  rule: DeactivatedSignInRule,
  frames: FindingsFrames,
  window?: TimeWindow,
): Finding[] {
  const users = new Map(
    frames
      .anaplanUsers!.select("id", "email", "active")
      .toRecords()
      .map((u) => [String(u.id), u]),
  );
  const signIns = frames
    .anaplanEvents!.filter(
      inWindow("eventDate", window)
        .and(pl.col("eventTypeId").eq(pl.lit(ANAPLAN_EVENT_TYPES.signInSuccess)))
        .and(pl.col("success").fillNull(true)),
    )
    .select(
      "id",
      "userId",
      "ipAddress",
      pl.col("eventDate").cast(pl.Datetime("ms", "UTC")).cast(pl.Int64).alias("at"),
    )
    .toRecords();
  const rows = signIns.flatMap((e) => {
    const id = String(e.userId ?? "");
    if (!id || id.startsWith("INTERNAL_")) return [];
    const user = users.get(id);
    if (user && user.active !== false) return [];
    const person = user?.email ? String(user.email).trim().toLowerCase() : id;
    return [
      {
        person,
        at: Number(e.at),
        eventId: String(e.id),
        userId: id,
        ipAddress: e.ipAddress ?? null,
        account: user ? "inactive" : "not in the users list (deleted)",
      },
    ];
  });
  return perPerson(rows, "at", (_person, group) => ({
    ruleId: rule.id,
    severity: rule.severity,
    system: "anaplan",
    summary:
      rule.title ??
      `Signed in ${group.length} time${group.length === 1 ? "" : "s"} while the account is ${String(group[0]!.account)}`,
  }));
}

/** A failed sign-in as the burst rule reads it. */
interface Failure {
  system: "anaplan" | "epm";
  key: string;
  at: number;
  account: string;
  address: string;
}

/**
 * `failed-sign-in-burst`: at least `threshold` failed sign-ins within `minutes`, per account or
 * per address, in each system (Anaplan USR-9 events, EPM Invalid Login Report). Overlapping bursts
 * of one key are one finding; every failure inside a burst is evidence.
 *
 * @param rule - the rule
 * @param frames - anaplanEvents and/or epmInvalidLogins
 * @param window - the review window. @default everything
 * @returns one finding per account (or address) and system
 * @example
 * ```ts
 * failedSignInBurstFindings({ id: "b", kind: "failed-sign-in-burst", severity: "high", per: "account", threshold: 5, minutes: 10 }, frames)
 * ```
 */
export function failedSignInBurstFindings(
  rule: FailedSignInBurstRule,
  frames: FindingsFrames,
  window?: TimeWindow,
): Finding[] {
  const failures = [...anaplanFailures(frames, window), ...epmFailures(frames, window)].map((f) => ({
    ...f,
    key: rule.per === "account" ? f.account : f.address,
  }));
  const groups = new Map<string, Failure[]>();
  for (const f of failures) {
    if (!f.key) continue;
    const id = `${f.system}\u0000${f.key}`;
    groups.set(id, [...(groups.get(id) ?? []), f]);
  }
  const span = rule.minutes * 60_000;
  return [...groups.values()].flatMap((group) => {
    const inBursts = burstMembers(
      group.sort((a, b) => a.at - b.at),
      rule.threshold,
      span,
    );
    if (inBursts.length === 0) return [];
    const rows = inBursts.map((f) => ({ person: f.key, at: f.at, account: f.account, address: f.address }));
    return perPerson(rows, "at", () => ({
      ruleId: rule.id,
      severity: rule.severity,
      system: group[0]!.system,
      summary:
        rule.title ??
        `${inBursts.length} failed sign-ins in bursts of at least ${rule.threshold} within ${rule.minutes} minutes (per ${rule.per})`,
    }));
  });
}

/** The failures that lie in some span of at most `span` ms (both ends included) holding at least `threshold` failures (sorted input). */
function burstMembers(sorted: Failure[], threshold: number, span: number): Failure[] {
  const member = new Array<boolean>(sorted.length).fill(false);
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end]!.at - sorted[start]!.at > span) start++;
    if (end - start + 1 >= threshold) member.fill(true, start, end + 1);
  }
  return sorted.filter((_, i) => member[i]);
}

function anaplanFailures(frames: FindingsFrames, window: TimeWindow | undefined): Failure[] {
  if (!frames.anaplanEvents) return [];
  const personOf = anaplanPersonOf(frames.anaplanUsers);
  return frames.anaplanEvents
    .filter(
      inWindow("eventDate", window).and(pl.col("eventTypeId").eq(pl.lit(ANAPLAN_EVENT_TYPES.signInFailure))),
    )
    .select(
      "userId",
      "ipAddress",
      pl.col("eventDate").cast(pl.Datetime("ms", "UTC")).cast(pl.Int64).alias("at"),
    )
    .toRecords()
    .map((e) => ({
      system: "anaplan",
      key: "",
      at: Number(e.at),
      account: personOf(e.userId),
      address: String(e.ipAddress ?? ""),
    }));
}

function epmFailures(frames: FindingsFrames, window: TimeWindow | undefined): Failure[] {
  if (!frames.epmInvalidLogins) return [];
  return frames.epmInvalidLogins
    .filter(inWindow("dateAndTime", window))
    .select(
      "userName",
      "ipAddress",
      pl.col("dateAndTime").cast(pl.Datetime("ms", "UTC")).cast(pl.Int64).alias("at"),
    )
    .toRecords()
    .map((e) => ({
      system: "epm",
      key: "",
      at: Number(e.at),
      account: String(e.userName ?? "")
        .trim()
        .toLowerCase(),
      address: String(e.ipAddress ?? ""),
    }));
}
