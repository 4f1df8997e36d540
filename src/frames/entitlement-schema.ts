import pl from "nodejs-polars";

/**
 * One right a person holds at one moment, in either system: the rows of an entitlement snapshot.
 * person (lower-cased e-mail or EPM login), system (`anaplan`/`epm`), scope (`tenant`,
 * `workspace`, `model`, `application`), scopeId and scopeName, right (a role, group, licence,
 * `Workspace Administrator`, `Visitor`, `SSO exception`, `Workspace access`), rightType (`access`,
 * `admin`, `visitor`, `exception`, `licence`, `role`, `group`), grantedThrough (`Direct` or the
 * group that grants it), source (the API it came from, or `derived` for rights replayed from
 * audit events).
 *
 * @example
 * ```ts
 * Object.keys(ENTITLEMENT_SCHEMA)
 * //=> ["person", "system", "scope", "scopeId", "scopeName", "right", "rightType", "grantedThrough", "source"]
 * ```
 */
export const ENTITLEMENT_SCHEMA = Object.freeze({
  person: pl.Utf8,
  system: pl.Utf8,
  scope: pl.Utf8,
  scopeId: pl.Utf8,
  scopeName: pl.Utf8,
  right: pl.Utf8,
  rightType: pl.Utf8,
  grantedThrough: pl.Utf8,
  source: pl.Utf8,
});

/**
 * One grant or revoke between two snapshots: the entitlement's identity, `change` (`grant` or
 * `revoke`), and the snapshot days (UTC, `YYYY-MM-DD`) between which it happened.
 *
 * @example
 * ```ts
 * ENTITLEMENT_CHANGE_SCHEMA.change //=> pl.Utf8
 * ```
 */
export const ENTITLEMENT_CHANGE_SCHEMA = Object.freeze({
  person: pl.Utf8,
  system: pl.Utf8,
  scope: pl.Utf8,
  scopeId: pl.Utf8,
  scopeName: pl.Utf8,
  right: pl.Utf8,
  rightType: pl.Utf8,
  change: pl.Utf8,
  fromSnapshot: pl.Utf8,
  toSnapshot: pl.Utf8,
});

/** The columns that identify an entitlement (what a change is about). */
export const ENTITLEMENT_KEY = Object.freeze([
  "person",
  "system",
  "scope",
  "scopeId",
  "right",
  "rightType",
] as const);
