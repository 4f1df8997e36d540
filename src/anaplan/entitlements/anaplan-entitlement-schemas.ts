import pl, { type DataType } from "nodejs-polars";

/**
 * Schemas of the Anaplan entitlement frames (`anaplan.entitlements.*`); every frame has exactly
 * these columns, also with zero rows. E-mails are lower-cased (the person key).
 *
 * - `users`: SCIM users — id, email, givenName, familyName, active.
 * - `workspaceAccess`: SCIM `WORKSPACE` entitlements — userId, email, workspaceId, workspaceName.
 * - `workspaces`: id, name, active, sizeAllowance (bytes; null unless returned).
 * - `models`: id (as Anaplan gives it, upper case), name, activeState, workspaceId, workspaceName.
 * - `workspaceAdmins`: workspaceId, workspaceName, kind (`admin`/`visitor`), email, userId (joined
 *   on the lower-cased e-mail; null when no user matches), firstName, lastName, active.
 * - `exceptionUsers`: workspaceId, workspaceName, userId, email.
 * - `licences`: email, firstName, lastName, licence (one row per licence).
 *
 * @example
 * ```ts
 * Object.keys(ANAPLAN_ENTITLEMENT_SCHEMAS.workspaceAdmins)
 * //=> ["workspaceId", "workspaceName", "kind", "email", "userId", "firstName", "lastName", "active"]
 * ```
 */
export const ANAPLAN_ENTITLEMENT_SCHEMAS = Object.freeze({
  users: { id: pl.Utf8, email: pl.Utf8, givenName: pl.Utf8, familyName: pl.Utf8, active: pl.Bool },
  workspaceAccess: { userId: pl.Utf8, email: pl.Utf8, workspaceId: pl.Utf8, workspaceName: pl.Utf8 },
  workspaces: { id: pl.Utf8, name: pl.Utf8, active: pl.Bool, sizeAllowance: pl.Float64 },
  models: {
    id: pl.Utf8,
    name: pl.Utf8,
    activeState: pl.Utf8,
    workspaceId: pl.Utf8,
    workspaceName: pl.Utf8,
  },
  workspaceAdmins: {
    workspaceId: pl.Utf8,
    workspaceName: pl.Utf8,
    kind: pl.Utf8,
    email: pl.Utf8,
    userId: pl.Utf8,
    firstName: pl.Utf8,
    lastName: pl.Utf8,
    active: pl.Bool,
  },
  exceptionUsers: { workspaceId: pl.Utf8, workspaceName: pl.Utf8, userId: pl.Utf8, email: pl.Utf8 },
  licences: { email: pl.Utf8, firstName: pl.Utf8, lastName: pl.Utf8, licence: pl.Utf8 },
} satisfies Record<string, Record<string, DataType>>);

/**
 * A frame with exactly the schema's columns, in order, from plain rows (missing values null).
 *
 * @param schema - column names and types
 * @param rows - the rows
 * @returns the frame (zero rows when `rows` is empty)
 * @example
 * ```ts
 * rowsFrame(ANAPLAN_ENTITLEMENT_SCHEMAS.licences, []).height //=> 0
 * ```
 */
export function rowsFrame(
  schema: Readonly<Record<string, DataType>>,
  rows: ReadonlyArray<Record<string, unknown>>,
): pl.DataFrame {
  return pl.DataFrame(
    Object.entries(schema).map(([name, type]) =>
      pl.Series(
        name,
        rows.map((r) => r[name] ?? null),
        type,
      ),
    ),
  );
}
