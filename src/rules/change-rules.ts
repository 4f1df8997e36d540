import { ValidationError } from "../errors/validation-error.js";
import type { AccessChangeRow } from "./access-change-rows.js";
import { type Finding, perPerson } from "./finding.js";
import type { ChangeWindowRule, PrivilegedGrantRule, SelfGrantRule } from "./rule.js";

const evidence = (c: AccessChangeRow) => ({
  person: c.person,
  at: c.at,
  system: c.system,
  change: c.change,
  right: c.right,
  actor: c.actor,
  ...(c.eventId ? { eventId: c.eventId } : {}),
});

/**
 * `privileged-grant`: one finding per person who was granted privileged access in the window
 * (Anaplan privileged grant events, EPM role and group additions).
 *
 * @param rule - the rule
 * @param changes - the access changes ({@link accessChangeRows})
 * @returns the findings
 * @example
 * ```ts
 * privilegedGrantFindings({ id: "pg", kind: "privileged-grant", severity: "medium" }, changes)
 * ```
 */
export function privilegedGrantFindings(
  rule: PrivilegedGrantRule,
  changes: readonly AccessChangeRow[],
): Finding[] {
  return bySystem(
    changes.filter((c) => c.grant),
    (system, rows) =>
      perPerson(rows.map(evidence), "at", (_person, group) => ({
        ruleId: rule.id,
        severity: rule.severity,
        system,
        summary:
          rule.title ??
          `Granted privileged access ${group.length} time${group.length === 1 ? "" : "s"}: ${distinct(group, "right")}`,
      })),
  );
}

/**
 * `self-grant`: one finding per person who changed their own access.
 *
 * @param rule - the rule
 * @param changes - the access changes ({@link accessChangeRows})
 * @returns the findings
 * @example
 * ```ts
 * selfGrantFindings({ id: "self", kind: "self-grant", severity: "critical" }, changes)
 * ```
 */
export function selfGrantFindings(rule: SelfGrantRule, changes: readonly AccessChangeRow[]): Finding[] {
  return bySystem(
    changes.filter((c) => c.self),
    (system, rows) =>
      perPerson(rows.map(evidence), "at", (_person, group) => ({
        ruleId: rule.id,
        severity: rule.severity,
        system,
        summary:
          rule.title ??
          `Changed their own access ${group.length} time${group.length === 1 ? "" : "s"}: ${distinct(group, "right")}`,
      })),
  );
}

/**
 * `change-window`: one finding per person who made privileged changes outside the allowed days
 * and hours (in the rule's time zone).
 *
 * @param rule - the rule (time zone, days, hours)
 * @param changes - the access changes ({@link accessChangeRows})
 * @returns the findings; the person is who made the change
 * @throws {@link ValidationError} for an unknown time zone
 * @example
 * ```ts
 * changeWindowFindings({ id: "cw", kind: "change-window", severity: "medium", timeZone: "Europe/Berlin", days: ["Mon"], hours: { from: "08:00", to: "18:00" } }, changes)
 * ```
 */
export function changeWindowFindings(rule: ChangeWindowRule, changes: readonly AccessChangeRow[]): Finding[] {
  const local = localClock(rule.timeZone);
  const outside = changes.filter((c) => {
    const { day, time } = local(c.at);
    return !rule.days.includes(day) || time < rule.hours.from || time >= rule.hours.to;
  });
  return bySystem(outside, (system, rows) =>
    perPerson(
      rows.map((c) => ({
        ...evidence(c),
        person: c.actor,
        target: c.person,
        localTime: formatLocal(local(c.at)),
      })),
      "at",
      (_person, group) => ({
        ruleId: rule.id,
        severity: rule.severity,
        system,
        summary:
          rule.title ??
          `Made ${group.length} privileged change${group.length === 1 ? "" : "s"} outside ${rule.days.join("/")} ${rule.hours.from}-${rule.hours.to} ${rule.timeZone}`,
      }),
    ),
  );
}

/** Weekday (`Mon`) and `HH:mm` of an instant in a time zone. */
function localClock(timeZone: string): (ms: number) => { day: string; time: string; date: string } {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      weekday: "short",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new ValidationError(
      `Unknown time zone "${timeZone}" in a change-window rule; use an IANA name such as Europe/Berlin.`,
    );
  }
  return (ms) => {
    const parts = Object.fromEntries(format.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
    return {
      day: String(parts.weekday),
      time: `${parts.hour}:${parts.minute}`,
      date: `${parts.year}-${parts.month}-${parts.day}`,
    };
  };
}

function formatLocal(t: { day: string; time: string; date: string }): string {
  return `${t.day} ${t.date} ${t.time}`;
}

function bySystem(
  rows: readonly AccessChangeRow[],
  make: (system: string, rows: AccessChangeRow[]) => Finding[],
): Finding[] {
  const systems = [...new Set(rows.map((r) => r.system))].sort();
  return systems.flatMap((system) =>
    make(
      system,
      rows.filter((r) => r.system === system),
    ),
  );
}

function distinct(rows: readonly Record<string, unknown>[], key: string): string {
  const values = [...new Set(rows.map((r) => String(r[key])))];
  return values.length > 5
    ? `${values.slice(0, 5).join(", ")} and ${values.length - 5} more`
    : values.join(", ");
}
