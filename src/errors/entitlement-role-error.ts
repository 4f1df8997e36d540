import { MissingRoleError } from "./auth-error.js";
import type { HttpErrorDetails } from "./http-error.js";

/**
 * An entitlement API refused the caller for lack of a role (SCIM 403 without User Admin, a 500
 * twice or 403 from the workspace admins/visitors lists, 401 `ACCESS_CONTROL_DENIED` from the
 * user export): `role` names the role the signed-in user needs. Code `E_MISSING_ROLE`, like
 * {@link MissingRoleError}, which it extends.
 *
 * @example
 * ```ts
 * try { await anaplan.entitlements.users(); }
 * catch (error) { if (error instanceof EntitlementRoleError) console.error(error.role); } //=> "User Admin"
 * ```
 */
export class EntitlementRoleError extends MissingRoleError {
  override name = "EntitlementRoleError";
  /** The role the caller lacks, e.g. "User Admin" or "Tenant Admin". */
  readonly role: string;

  constructor(role: string, details: HttpErrorDetails, options: { cause?: unknown } = {}) {
    super(
      {
        ...details,
        hint: `${details.hint ? `${details.hint}. ` : ""}The signed-in user needs the ${role} role for this call; ask a Tenant Admin to assign it, or sign in as a user who holds it`,
      },
      options,
    );
    this.role = role;
  }
}
