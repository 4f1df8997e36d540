import type pl from "nodejs-polars";
import { anaplanEventCode } from "../anaplan/event-catalog.js";
import { cefLine } from "./cef.js";

/**
 * How records are written: CEF (one line each) or JSON Lines.
 *
 * @example
 * ```ts
 * const format: SiemFormat = "jsonl";
 * ```
 */
export type SiemFormat = "cef" | "jsonl";

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v == null ? null : String(v));

/**
 * Anaplan events as SIEM records, in the field names of Anaplan's own CEF output of the Audit
 * API (vendor `Anaplan, Inc.`, the event code as signature id) and the standard CEF keys: `rt`
 * (event time, epoch ms), `externalId` (event id), `suid` (user id), `src`, `requestClientApplication`,
 * `outcome`, `dvchost`, `msg`, and labelled custom strings for tenant, object and session. JSON
 * Lines keep every column of the events frame, times as ISO text.
 *
 * @param events - an events frame (ANAPLAN_EVENT_SCHEMA; `email` too when joined with users)
 * @param format - `cef` or `jsonl`
 * @returns one line per event, in the frame's order
 * @example
 * ```ts
 * eventRecords(events, "cef")[0] //=> "CEF:0|Anaplan, Inc.|Anaplan|…|USR-8|User login success|3|rt=… externalId=…"
 * ```
 */
export function eventRecords(events: pl.DataFrame, format: SiemFormat): string[] {
  const rows = events.toRecords() as Record<string, unknown>[];
  if (format === "jsonl") {
    return rows.map((r) =>
      JSON.stringify(
        Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v])),
      ),
    );
  }
  return rows.map((r) => {
    const code = String(r.eventTypeId ?? "");
    const entry = anaplanEventCode(code);
    const failed = r.success === false;
    return cefLine(
      {
        vendor: "Anaplan, Inc.",
        product: "Anaplan",
        version: r.serviceVersion == null ? "null" : String(r.serviceVersion),
        signature: code,
        name: entry?.name ?? String(r.message ?? code),
        severity: entry?.privileged ? 7 : failed ? 5 : 3,
      },
      {
        rt: r.eventDate instanceof Date ? r.eventDate.getTime() : null,
        externalId: iso(r.id),
        suid: iso(r.userId),
        suser: iso(r.email),
        src: iso(r.ipAddress),
        requestClientApplication: iso(r.userAgent),
        outcome: r.success == null ? null : failed ? "failure" : "success",
        dvchost: iso(r.hostName),
        msg: iso(r.message),
        cs1Label: r.tenantId == null ? null : "tenantId",
        cs1: iso(r.tenantId),
        cs2Label: r.objectId == null ? null : "objectId",
        cs2: iso(r.objectId),
        cs3Label: r.sessionId == null ? null : "sessionId",
        cs3: iso(r.sessionId),
      },
    );
  });
}

const SEVERITY: Record<string, number> = { low: 3, medium: 5, high: 8, critical: 10 };

/**
 * Findings as SIEM records: CEF with vendor `epm-audit-kit`, product `findings`, the rule id as
 * signature, the summary as name, `suser` (person), `start`/`end` (first and last seen, epoch
 * ms), `cnt` (evidence rows) and the system; JSON Lines with every column and the evidence parsed.
 *
 * @param found - a findings frame (`findings().findings`)
 * @param format - `cef` or `jsonl`
 * @param kitVersion - written as the product version
 * @returns one line per finding
 * @example
 * ```ts
 * findingRecords(result.findings, "cef", "0.2.0")
 * ```
 */
export function findingRecords(found: pl.DataFrame, format: SiemFormat, kitVersion: string): string[] {
  const rows = found.toRecords() as Record<string, unknown>[];
  if (format === "jsonl") {
    return rows.map((r) =>
      JSON.stringify({
        ...Object.fromEntries(
          Object.entries(r).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]),
        ),
        evidence: JSON.parse(String(r.evidence)),
      }),
    );
  }
  return rows.map((r) =>
    cefLine(
      {
        vendor: "epm-audit-kit",
        product: "findings",
        version: kitVersion,
        signature: String(r.ruleId),
        name: String(r.summary),
        severity: SEVERITY[String(r.severity)] ?? 5,
      },
      {
        suser: iso(r.person),
        start: r.firstSeen instanceof Date ? r.firstSeen.getTime() : null,
        end: r.lastSeen instanceof Date ? r.lastSeen.getTime() : null,
        cnt: Number(r.count),
        cs1Label: "system",
        cs1: iso(r.system),
        cs2Label: "severity",
        cs2: iso(r.severity),
      },
    ),
  );
}
