import pl from "nodejs-polars";
import { epmPersonKey } from "../frames/person-key.js";

/**
 * The columns of {@link accessRights}: person (lower-cased e-mail or login), system
 * (`anaplan`/`epm`), right (role, group, or an admin flag such as `Workspace Administrator`),
 * grantedThrough (`Direct` or a group), privileged (bool).
 *
 * @example
 * ```ts
 * Object.keys(ACCESS_RIGHTS_SCHEMA) //=> ["person", "system", "right", "grantedThrough", "privileged"]
 * ```
 */
export const ACCESS_RIGHTS_SCHEMA = Object.freeze({
  person: pl.Utf8,
  system: pl.Utf8,
  right: pl.Utf8,
  grantedThrough: pl.Utf8,
  privileged: pl.Bool,
});

/**
 * EPM predefined roles that administer or change the application.
 *
 * @example
 * ```ts
 * EPM_PRIVILEGED_ROLES.includes("Service Administrator") //=> true
 * ```
 */
export const EPM_PRIVILEGED_ROLES: readonly string[] = Object.freeze(["Service Administrator", "Power User"]);

/**
 * Options of {@link accessRights}.
 *
 * @example
 * ```ts
 * const options: AccessRightsOptions = { epmRoleAssignments, epmUserGroups, privilegedRoles: ["Service Administrator"] };
 * ```
 */
export interface AccessRightsOptions {
  /** EPM role assignments (`epm.reports.roleAssignments()`). @default undefined */
  epmRoleAssignments?: pl.DataFrame | undefined;
  /** EPM group memberships (`epm.reports.userGroups()`). @default undefined */
  epmUserGroups?: pl.DataFrame | undefined;
  /** More rights in this frame's columns (e.g. Anaplan workspace administrators from the entitlement frames). @default undefined */
  extra?: pl.DataFrame | undefined;
  /** Roles counted as privileged. @default {@link EPM_PRIVILEGED_ROLES} */
  privilegedRoles?: readonly string[] | undefined;
}

/**
 * Who holds which right now, one row per person, system and right: what the
 * segregation-of-duties and dormant-privileged rules read. EPM roles and groups come from the
 * security reports; Anaplan rights from the entitlement frames, passed as `extra`.
 *
 * @param options - the frames to read
 * @returns the rights frame ({@link ACCESS_RIGHTS_SCHEMA}), sorted, without duplicates
 * @example
 * ```ts
 * const rights = accessRights({ epmRoleAssignments: await epm.reports.roleAssignments() });
 * ```
 */
export function accessRights(options: AccessRightsOptions): pl.DataFrame {
  const privileged = (options.privilegedRoles ?? EPM_PRIVILEGED_ROLES).map((r) => r.toLowerCase());
  const parts: pl.DataFrame[] = [pl.DataFrame({}, { schema: ACCESS_RIGHTS_SCHEMA })];
  const roles = options.epmRoleAssignments;
  if (roles && roles.height > 0) {
    parts.push(
      roles.select(
        epmPersonKey(roles).alias("person"),
        pl.lit("epm").alias("system"),
        pl.col("role").str.strip().alias("right"),
        pl.col("grantedThrough").alias("grantedThrough"),
        pl.col("role").str.strip().str.toLowerCase().isIn(privileged).alias("privileged"),
      ),
    );
  }
  const groups = options.epmUserGroups;
  if (groups && groups.height > 0) {
    parts.push(
      groups.select(
        epmPersonKey(groups).alias("person"),
        pl.lit("epm").alias("system"),
        pl.col("group").str.strip().alias("right"),
        pl
          .when(pl.col("direct"))
          .then(pl.lit("Direct"))
          .otherwise(pl.lit("inherited"))
          .alias("grantedThrough"),
        pl.lit(false).alias("privileged"),
      ),
    );
  }
  if (options.extra && options.extra.height > 0)
    parts.push(options.extra.select(...Object.keys(ACCESS_RIGHTS_SCHEMA)));
  const typed = parts.map((p) =>
    p.select(...Object.entries(ACCESS_RIGHTS_SCHEMA).map(([name, dtype]) => pl.col(name).cast(dtype))),
  );
  return pl
    .concat(typed, { how: "vertical" })
    .filter(pl.col("person").isNotNull())
    .unique({ maintainOrder: true })
    .sort(["person", "system", "right", "grantedThrough"]);
}
