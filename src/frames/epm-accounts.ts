import pl from "nodejs-polars";

/**
 * One row per Oracle EPM account, from the two current-state reports: who the account is
 * (User Group report) and whether it is active. EPM's reports carry no status column, but the
 * Role Assignment report leaves deactivated accounts out, so an account listed in User Group
 * and missing from Role Assignment is taken as inactive (deactivated, or without any role).
 *
 * @param userGroups - `epm.reports.userGroups()` (userLogin, firstName, lastName, email, direct, group)
 * @param roleAssignments - `epm.reports.roleAssignments()` (userLogin, …, role, grantedThrough)
 * @returns `userLogin`, `firstName`, `lastName`, `email`, `active`, `groups` (distinct, direct
 *   or not), `roles` (distinct); by userLogin
 * @example
 * ```ts
 * epmAccounts(userGroups, roleAssignments)
 * // ┌────────────────┬───────────┬──────────┬─────────────────┬────────┬────────┬───────┐
 * // │ userLogin      ┆ firstName ┆ lastName ┆ email           ┆ active ┆ groups ┆ roles │
 * // ╞════════════════╪═══════════╪══════════╪═════════════════╪════════╪════════╪═══════╡
 * // │ ada@example.com┆ Ada       ┆ Okafor   ┆ ada@example.com ┆ true   ┆ 2      ┆ 3     │
 * // │ cmoreau        ┆ Cy        ┆ Moreau   ┆ cy@example.com  ┆ false  ┆ 1      ┆ 0     │
 * // └────────────────┴───────────┴──────────┴─────────────────┴────────┴────────┴───────┘
 * ```
 */
export function epmAccounts(userGroups: pl.DataFrame, roleAssignments: pl.DataFrame): pl.DataFrame {
  const people = ["userLogin", "firstName", "lastName", "email"];
  const fromGroups = userGroups
    .groupBy("userLogin")
    .agg(
      pl.col("firstName").first(),
      pl.col("lastName").first(),
      pl.col("email").first(),
      pl.col("group").dropNulls().nUnique().cast(pl.UInt32).alias("groups"),
    );
  const fromRoles = roleAssignments
    .groupBy("userLogin")
    .agg(
      pl.col("firstName").first().alias("roleFirstName"),
      pl.col("lastName").first().alias("roleLastName"),
      pl.col("email").first().alias("roleEmail"),
      pl.col("role").dropNulls().nUnique().cast(pl.UInt32).alias("roles"),
    );
  return fromGroups
    .join(fromRoles, { on: "userLogin", how: "full", coalesce: true })
    .select(
      "userLogin",
      pl.col("firstName").fillNull(pl.col("roleFirstName")).alias("firstName"),
      pl.col("lastName").fillNull(pl.col("roleLastName")).alias("lastName"),
      pl.col("email").fillNull(pl.col("roleEmail")).alias("email"),
      pl.col("roles").isNotNull().alias("active"),
      pl.col("groups").fillNull(0).cast(pl.UInt32),
      pl.col("roles").fillNull(0).cast(pl.UInt32),
    )
    .sort("userLogin")
    .select(...people, "active", "groups", "roles");
}
