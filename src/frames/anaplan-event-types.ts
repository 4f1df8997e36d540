/**
 * The Anaplan audit event type ids the helpers look for. `objectId` of an AUTHZ role event is the
 * user whose access changed; `additionalAttributes` carries `roleId` and `roleName`.
 *
 * @example
 * ```ts
 * events.filter(pl.col("eventTypeId").eq(pl.lit(ANAPLAN_EVENT_TYPES.signInFailure)))
 * ```
 */
export const ANAPLAN_EVENT_TYPES = Object.freeze({
  /** USR-8: a user signed in. */
  signInSuccess: "USR-8",
  /** USR-9: a sign-in attempt failed. */
  signInFailure: "USR-9",
  /** AUTHZ-3: a role was assigned to a user. */
  roleAssigned: "AUTHZ-3",
  /** AUTHZ-6: a role was unassigned from a user. */
  roleUnassigned: "AUTHZ-6",
} as const);
