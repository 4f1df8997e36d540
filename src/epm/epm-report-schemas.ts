import pl, { type DataType } from "nodejs-polars";

/**
 * The column types of one EPM report frame, by camelCase column name, in column order.
 * Naming rule: the CSV header in camelCase ("Performed By" → `performedBy`, "IP Address" →
 * `ipAddress`); date/time columns are `Datetime("ms", "UTC")`, Yes/No columns Boolean, all
 * other columns text. The schema is the report's declared layout: a CSV with a column not listed
 * here, or without one that is, is refused (see parseEpmCsv).
 *
 * @example
 * ```ts
 * const schema: EpmReportSchema = { userLogin: pl.Utf8, accessDateAndTime: pl.Datetime("ms", "UTC") };
 * ```
 */
export type EpmReportSchema = Readonly<Record<string, DataType>>;

const text = pl.String;
const utc = pl.Datetime("ms", "UTC");

/**
 * Group Assignment Audit (`Name,Type,Group,Group Type,Action,Performed By,Date and Time`; the
 * header text is the reference's probable one, unconfirmed live). `name` is a user login or a
 * nested group's name, `type` says which; `action` is Assigned or Unassigned.
 *
 * @example
 * ```ts
 * Object.keys(EPM_GROUP_ASSIGNMENT_AUDIT_SCHEMA)
 * //=> ["name","type","group","groupType","action","performedBy","dateAndTime"]
 * ```
 */
export const EPM_GROUP_ASSIGNMENT_AUDIT_SCHEMA: EpmReportSchema = Object.freeze({
  name: text,
  type: text,
  group: text,
  groupType: text,
  action: text,
  performedBy: text,
  dateAndTime: utc,
});

/**
 * Role Assignment Audit (`Name,Type,Role,Action,Performed By,Date and Time`, confirmed by name).
 * `type` is User, IDCS Group or EPM Group; a deleted user shows as a display name.
 *
 * @example
 * ```ts
 * Object.keys(EPM_ROLE_ASSIGNMENT_AUDIT_SCHEMA) //=> ["name","type","role","action","performedBy","dateAndTime"]
 * ```
 */
export const EPM_ROLE_ASSIGNMENT_AUDIT_SCHEMA: EpmReportSchema = Object.freeze({
  name: text,
  type: text,
  role: text,
  action: text,
  performedBy: text,
  dateAndTime: utc,
});

/**
 * Invalid Login (`User Name,IP Address,Date and Time`, probable header). Covers the whole
 * identity domain, so names need not be EPM users.
 *
 * @example
 * ```ts
 * Object.keys(EPM_INVALID_LOGINS_SCHEMA) //=> ["userName","ipAddress","dateAndTime"]
 * ```
 */
export const EPM_INVALID_LOGINS_SCHEMA: EpmReportSchema = Object.freeze({
  userName: text,
  ipAddress: text,
  dateAndTime: utc,
});

/**
 * User Login (`User Login,IP Address,Access Date and Time`, probable header; times like
 * `July 28, 2022 18:43:21 UTC`).
 *
 * @example
 * ```ts
 * Object.keys(EPM_USER_LOGINS_SCHEMA) //=> ["userLogin","ipAddress","accessDateAndTime"]
 * ```
 */
export const EPM_USER_LOGINS_SCHEMA: EpmReportSchema = Object.freeze({
  userLogin: text,
  ipAddress: text,
  accessDateAndTime: utc,
});

/**
 * Role Assignment, current state (`User Login,First Name,Last Name,Email,Role,Granted Through`,
 * probable header). Deactivated users are not listed. `grantedThrough` is "Direct" or group
 * names, one per line when several groups grant the role.
 *
 * @example
 * ```ts
 * Object.keys(EPM_ROLE_ASSIGNMENTS_SCHEMA)
 * //=> ["userLogin","firstName","lastName","email","role","grantedThrough"]
 * ```
 */
export const EPM_ROLE_ASSIGNMENTS_SCHEMA: EpmReportSchema = Object.freeze({
  userLogin: text,
  firstName: text,
  lastName: text,
  email: text,
  role: text,
  grantedThrough: text,
});

/**
 * User Group, current state (`User Login,First Name,Last Name,Email,Direct,Group`, confirmed).
 * `direct` is false when membership comes through a nested group.
 *
 * @example
 * ```ts
 * EPM_USER_GROUPS_SCHEMA.direct //=> pl.Bool
 * ```
 */
export const EPM_USER_GROUPS_SCHEMA: EpmReportSchema = Object.freeze({
  userLogin: text,
  firstName: text,
  lastName: text,
  email: text,
  direct: pl.Bool,
  group: text,
});
