import { ANAPLAN_EVENT_CODES_CSV } from "./event-catalog-csv.js";

/**
 * One Anaplan audit event code of the catalogue.
 *
 * @example
 * ```ts
 * const code: AnaplanEventCode = { code: "AUTHZ-3", name: "Role assigned", category: "access_control", privileged: true };
 * ```
 */
export interface AnaplanEventCode {
  /** The `eventTypeId`, e.g. "USR-8". */
  code: string;
  /** A short form of the published message, e.g. "User login success". */
  name: string;
  /** The `type` filter value of the code's family (`user_activity`, `access_control`, …). */
  category: string;
  /** True when the event records a change to who can access what. */
  privileged: boolean;
}

/**
 * One documented value of the Audit API's `type` filter.
 *
 * @example
 * ```ts
 * const filter: AnaplanEventTypeFilter = { value: "user_activity", prefix: "USR-", status: "documented" };
 * ```
 */
export interface AnaplanEventTypeFilter {
  /** The `type` query value. */
  value: string;
  /** The `eventTypeId` prefix it selects ("" for every family). */
  prefix: string;
  /** How far the value is known to work. */
  status: "documented" | "live-recognised" | "unconfirmed";
}

/** Splits one line of the catalogue CSV: plain fields, or double-quoted ones holding commas. */
function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  const re = /"([^"]*)"|([^,]*)/y;
  let at = 0;
  for (;;) {
    re.lastIndex = at;
    const m = re.exec(line);
    fields.push(m?.[1] ?? m?.[2] ?? "");
    at = re.lastIndex;
    if (line[at] !== ",") return fields;
    at++;
  }
}

function parseCatalog(csv: string): readonly AnaplanEventCode[] {
  const [header, ...lines] = csv.trimEnd().split("\n");
  if (header !== "code,name,category,privileged") throw new Error(`Unexpected catalogue header: ${header}`);
  return Object.freeze(
    lines.map((line) => {
      const [code = "", name = "", category = "", privileged = ""] = splitCsvLine(line);
      return Object.freeze({ code, name, category, privileged: privileged === "true" });
    }),
  );
}

/**
 * Every Anaplan audit event code known to the kit (231; from Anaplan's published tables and
 * live observations, see the reference `anaplan-event-codes.md`), shipped as data: code, name,
 * category (the `type` filter value of its family) and `privileged` (changes who can access
 * what: 33 codes). Frozen; in CSV order (by family, then code).
 *
 * @example
 * ```ts
 * ANAPLAN_EVENT_CATALOG.length //=> 231
 * ANAPLAN_EVENT_CATALOG.find((e) => e.code === "AUTHZ-3")
 * //=> { code: "AUTHZ-3", name: "Role assigned", category: "access_control", privileged: true }
 * ```
 */
export const ANAPLAN_EVENT_CATALOG: readonly AnaplanEventCode[] = parseCatalog(ANAPLAN_EVENT_CODES_CSV);

const BY_CODE = new Map(ANAPLAN_EVENT_CATALOG.map((e) => [e.code, e]));

/**
 * Looks an event code up in {@link ANAPLAN_EVENT_CATALOG}.
 *
 * @param code - an `eventTypeId`, e.g. "USR-8" (exact; codes are upper case)
 * @returns the catalogue entry, or undefined for a code the catalogue does not know
 * @example
 * ```ts
 * anaplanEventCode("USR-8")?.name //=> "User login success"
 * anaplanEventCode("USR-999") //=> undefined
 * ```
 */
export function anaplanEventCode(code: string): AnaplanEventCode | undefined {
  return BY_CODE.get(code);
}

/**
 * The name of an event code, for showing next to it.
 *
 * @param code - an `eventTypeId`
 * @returns the catalogue name, or "(unknown event code)" when the catalogue does not know it
 * @example
 * ```ts
 * anaplanEventName("AUTHZ-6") //=> "Role unassigned"
 * ```
 */
export function anaplanEventName(code: string): string {
  return BY_CODE.get(code)?.name ?? "(unknown event code)";
}

/**
 * The codes whose events change who can access what (`privileged` in the catalogue): account
 * creation, (de)activation and removal, tenant and workspace membership, role and admin grants,
 * SSO exceptions and connections, encryption-domain roles.
 *
 * @example
 * ```ts
 * PRIVILEGED_ANAPLAN_EVENT_CODES.includes("AUTHZ-3") //=> true
 * PRIVILEGED_ANAPLAN_EVENT_CODES.includes("USR-8") //=> false
 * ```
 */
export const PRIVILEGED_ANAPLAN_EVENT_CODES: readonly string[] = Object.freeze(
  ANAPLAN_EVENT_CATALOG.filter((e) => e.privileged).map((e) => e.code),
);

/**
 * The values of `getEvents(…, { type })` the reference documents, with the code prefix each
 * selects. Unknown values are not rejected by Anaplan: they silently return every family. The
 * catalogue's `workflow` and `oauth` categories have no known filter value: fetch "all" and
 * filter by prefix locally.
 *
 * @example
 * ```ts
 * ANAPLAN_EVENT_TYPE_FILTERS.map((f) => f.value)
 * //=> ["all", "user_activity", "access_control", "int", "conn_mgmt", "comment", "byok", "plan_iq", "forecaster", "workflow"]
 * ```
 */
export const ANAPLAN_EVENT_TYPE_FILTERS: readonly AnaplanEventTypeFilter[] = Object.freeze([
  { value: "all", prefix: "", status: "documented" },
  { value: "user_activity", prefix: "USR-", status: "documented" },
  { value: "access_control", prefix: "AUTHZ-", status: "live-recognised" },
  { value: "int", prefix: "INT-", status: "live-recognised" },
  { value: "conn_mgmt", prefix: "CONN-", status: "live-recognised" },
  { value: "comment", prefix: "COMMENT-", status: "live-recognised" },
  { value: "byok", prefix: "DSM-", status: "documented" },
  { value: "plan_iq", prefix: "PIQ-", status: "live-recognised" },
  { value: "forecaster", prefix: "FRCST-", status: "live-recognised" },
  { value: "workflow", prefix: "WF-", status: "unconfirmed" },
] as const);
