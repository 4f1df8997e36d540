import pl from "nodejs-polars";

/**
 * Puts the person key on the EPM rows of an access-events frame: EPM audit rows name the member
 * and the actor by login, and a login that is a short user name (not an e-mail) is not the
 * person key the EPM snapshot uses (the account's e-mail). Logins found among the EPM accounts of
 * `accounts` ({@link personAccounts}) are replaced by their person; others (groups, deleted users,
 * unknown logins) stay as they are. Anaplan rows are untouched.
 *
 * @param events - access events ({@link ACCESS_EVENT_SCHEMA})
 * @param accounts - person accounts with the EPM accounts (`personAccounts({ epmUsers })`)
 * @returns the same rows and columns, in the same order
 * @example
 * ```ts
 * const events = withEpmPersons(accessEvents({ epmRoleAssignmentAudit }), personAccounts({ epmUsers }));
 * ```
 */
export function withEpmPersons(events: pl.DataFrame, accounts: pl.DataFrame): pl.DataFrame {
  const logins = accounts
    .filter(pl.col("system").eq(pl.lit("epm")).and(pl.col("person").isNotNull()))
    .select(pl.col("login").str.strip().str.toLowerCase().alias("_login"), pl.col("person").alias("_person"))
    .unique({ subset: ["_login"], keep: "first", maintainOrder: true });
  const epm = pl.col("system").eq(pl.lit("epm"));
  const mapped = (column: string) => (frame: pl.DataFrame) =>
    frame
      .join(logins, { leftOn: column, rightOn: "_login", how: "left" })
      .withColumns(
        pl
          .when(epm.and(pl.col("_person").isNotNull()))
          .then(pl.col("_person"))
          .otherwise(pl.col(column))
          .alias(column),
      )
      .drop("_person");
  return mapped("actor")(mapped("person")(events)).select(...events.columns);
}
