import pl from "nodejs-polars";
import { ANAPLAN_EVENT_TYPES } from "../frames/anaplan-event-types.js";
import { anaplanPersonOf } from "../frames/anaplan-person-of.js";
import { epmPersonKey, personKey } from "../frames/person-key.js";
import type { Finding } from "./finding.js";
import type { FindingsFrames } from "./findings-input.js";
import type { DormantPrivilegedRule, SegregationOfDutiesRule } from "./rule.js";

const DAY_MS = 86_400_000;

/**
 * `segregation-of-duties`: one finding per person and conflict set when the person holds every
 * right of the set (rights compared without regard to case).
 *
 * @param rule - the rule and its conflict sets
 * @param rights - the rights frame (`accessRights`)
 * @returns the findings (no times: they are about what is held now)
 * @example
 * ```ts
 * segregationOfDutiesFindings(rule, accessRights({ epmRoleAssignments, extra: anaplanRights }))
 * ```
 */
export function segregationOfDutiesFindings(rule: SegregationOfDutiesRule, rights: pl.DataFrame): Finding[] {
  const rows = rights.toRecords().map((r): Record<string, unknown> & { match: string } => ({
    ...(r as Record<string, unknown>),
    match: `${r.system}\u0000${String(r.right).toLowerCase()}`,
  }));
  const byPerson = new Map<string, typeof rows>();
  for (const row of rows)
    byPerson.set(String(row.person), [...(byPerson.get(String(row.person)) ?? []), row]);
  const findings: Finding[] = [];
  for (const set of rule.conflicts) {
    const wanted = set.map((r) => `${r.system}\u0000${r.right.toLowerCase()}`);
    const systems = [...new Set(set.map((r) => r.system))].sort().join("+");
    for (const [person, held] of byPerson) {
      const evidence = held.filter((r) => wanted.includes(r.match));
      if (!wanted.every((w) => evidence.some((r) => r.match === w))) continue;
      findings.push({
        ruleId: rule.id,
        severity: rule.severity,
        person,
        system: systems,
        firstSeen: null,
        lastSeen: null,
        summary: rule.title ?? `Holds ${set.map((r) => `${r.right} (${r.system})`).join(" and ")} together`,
        evidence: evidence.map(({ match: _m, ...r }) => r),
      });
    }
  }
  return findings;
}

/**
 * `dormant-privileged`: one finding per person and system where the person holds a privileged
 * right but has no successful sign-in in the `days` before `now` (Anaplan USR-8 events, EPM
 * User Login Report, its logins mapped to persons through `epmAccounts`).
 *
 * @param rule - the rule
 * @param frames - rights, plus anaplanEvents and/or epmUserLogins for the system of each right
 * @param now - epoch ms
 * @returns the findings
 * @example
 * ```ts
 * dormantPrivilegedFindings({ id: "dp", kind: "dormant-privileged", severity: "high", days: 90 }, frames, Date.now())
 * ```
 */
export function dormantPrivilegedFindings(
  rule: DormantPrivilegedRule,
  frames: FindingsFrames,
  now: number,
): Finding[] {
  const since = now - rule.days * DAY_MS;
  const lastSignIn = { anaplan: anaplanLastSignIns(frames), epm: epmLastSignIns(frames) };
  const privileged = frames.rights!.filter(pl.col("privileged")).toRecords();
  const byKey = new Map<string, typeof privileged>();
  for (const r of privileged) {
    const system = String(r.system);
    if (system !== "anaplan" && system !== "epm") continue;
    if (!(system === "anaplan" ? frames.anaplanEvents : frames.epmUserLogins)) continue;
    const key = `${system}\u0000${r.person}`;
    byKey.set(key, [...(byKey.get(key) ?? []), r]);
  }
  const findings: Finding[] = [];
  for (const [key, held] of byKey) {
    const [system, person] = key.split("\u0000") as ["anaplan" | "epm", string];
    const last = lastSignIn[system].get(person);
    if (last !== undefined && last >= since) continue;
    findings.push({
      ruleId: rule.id,
      severity: rule.severity,
      person,
      system,
      firstSeen: null,
      lastSeen: last ?? null,
      summary:
        rule.title ??
        `Holds ${held.map((r) => r.right).join(", ")} but ${last === undefined ? "has no sign-in in the data" : `last signed in ${new Date(last).toISOString().slice(0, 10)}`} (more than ${rule.days} days before ${new Date(now).toISOString().slice(0, 10)})`,
      evidence: held.map((r) => ({
        ...r,
        lastSignIn: last === undefined ? null : new Date(last).toISOString(),
      })),
    });
  }
  return findings;
}

/**
 * The systems whose privileged holders `dormant-privileged` cannot judge on these frames: the
 * rights list privileged holders there, but that system's sign-ins (Anaplan events, EPM User
 * Login report) are missing. `findings()` lists the rule as partial for them, so a holder who
 * was never judged is not read as "not dormant".
 *
 * @param frames - the findings frames (rights required)
 * @returns the systems, sorted ("anaplan", "epm"), empty when every holder could be judged
 * @example
 * ```ts
 * unjudgedDormancySystems({ rights, anaplanEvents }) //=> ["epm"] when EPM admins exist but no EPM sign-ins were read
 * ```
 */
export function unjudgedDormancySystems(frames: FindingsFrames): Array<"anaplan" | "epm"> {
  if (!frames.rights) return [];
  const held = new Set(frames.rights.filter(pl.col("privileged")).getColumn("system").toArray().map(String));
  const out: Array<"anaplan" | "epm"> = [];
  if (held.has("anaplan") && !frames.anaplanEvents) out.push("anaplan");
  if (held.has("epm") && !frames.epmUserLogins) out.push("epm");
  return out;
}

function anaplanLastSignIns(frames: FindingsFrames): Map<string, number> {
  const out = new Map<string, number>();
  if (!frames.anaplanEvents) return out;
  const personOf = anaplanPersonOf(frames.anaplanUsers);
  const rows = frames.anaplanEvents
    .filter(
      pl
        .col("eventTypeId")
        .eq(pl.lit(ANAPLAN_EVENT_TYPES.signInSuccess))
        .and(pl.col("success").fillNull(true)),
    )
    .groupBy("userId")
    .agg(pl.col("eventDate").cast(pl.Datetime("ms", "UTC")).cast(pl.Int64).max().alias("at"))
    .toRecords();
  for (const r of rows) {
    const person = personOf(r.userId);
    out.set(person, Math.max(out.get(person) ?? 0, Number(r.at)));
  }
  return out;
}

function epmLastSignIns(frames: FindingsFrames): Map<string, number> {
  const out = new Map<string, number>();
  if (!frames.epmUserLogins) return out;
  const persons = new Map<string, string>();
  const accounts = frames.epmAccounts;
  if (accounts && accounts.height > 0)
    for (const a of accounts
      .select(personKey("userLogin").alias("login"), epmPersonKey(accounts).alias("person"))
      .toRecords())
      if (a.login != null && a.person != null && !persons.has(String(a.login)))
        persons.set(String(a.login), String(a.person));
  const rows = frames.epmUserLogins
    .withColumns(pl.col("userLogin").str.strip().str.toLowerCase().alias("login"))
    .groupBy("login")
    .agg(pl.col("accessDateAndTime").cast(pl.Datetime("ms", "UTC")).cast(pl.Int64).max().alias("at"))
    .toRecords();
  for (const r of rows) {
    const person = persons.get(String(r.login)) ?? String(r.login);
    out.set(person, Math.max(out.get(person) ?? 0, Number(r.at)));
  }
  return out;
}
