import pl from "nodejs-polars";

/**
 * An expression normalising an e-mail or login for matching across systems: trimmed and
 * lower-cased (" Ada.Okafor@Example.com " → "ada.okafor@example.com"); empty becomes null.
 *
 * @param column - a text column holding an e-mail or login
 * @returns a text expression
 * @example
 * ```ts
 * users.select(personKey("email").alias("person"))
 * ```
 */
export function personKey(column: string): pl.Expr {
  const key = pl.col(column).str.strip().str.toLowerCase();
  return pl
    .when(key.eq(pl.lit("")))
    .then(pl.lit(null))
    .otherwise(key);
}

/**
 * The person key of each EPM account: the login when it looks like an e-mail (contains "@"),
 * else the account's e-mail column where the frame has one, else the login itself.
 *
 * @param epmUsers - an EPM frame with `userLogin` and optionally `email` (User Group, Role Assignment)
 * @returns an expression for the person key
 * @example
 * ```ts
 * userGroups.select(epmPersonKey(userGroups).alias("person"))
 * ```
 */
export function epmPersonKey(epmUsers: pl.DataFrame): pl.Expr {
  const login = personKey("userLogin");
  const hasEmail = epmUsers.columns.includes("email");
  const fallback = hasEmail ? personKey("email").fillNull(login) : login;
  return pl.when(login.str.contains("@", true)).then(login).otherwise(fallback);
}
