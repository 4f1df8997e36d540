/**
 * `epm-audit-kit/frames`: pure helpers over the clients' frames (no I/O, no clock): access
 * reviews, access changes, sign-in summaries, activity by day, top users and objects.
 *
 * To make a name public: add it to the list below, run `npm run api:update`, commit the report.
 *
 * @packageDocumentation
 */

export { ACCESS_EVENT_SCHEMA, type AccessEventsOptions, accessEvents } from "./access-events.js";
export { ACCESS_MATRIX_SCHEMA, type AccessMatrixOptions, accessMatrix } from "./access-matrix.js";
export { type AccessReviewOptions, accessReview } from "./access-review.js";
export { accessReviewSummary } from "./access-review-summary.js";
export { type ActivityByDayOptions, activityByDay } from "./activity-by-day.js";
export { type AnaplanAccessChangesOptions, anaplanAccessChanges } from "./anaplan-access-changes.js";
export { ANAPLAN_EVENT_TYPES } from "./anaplan-event-types.js";
export { type CountByDayOptions, countByDay } from "./count-by-day.js";
export { type DeactivatedSignInsOptions, deactivatedSignIns } from "./deactivated-sign-ins.js";
export { type DormantPrivilegedOptions, dormantPrivileged } from "./dormant-privileged.js";
export {
  entitlementChanges,
  entitlementChangesOverSnapshots,
  type SnapshotDays,
} from "./entitlement-changes.js";
export { ENTITLEMENT_CHANGE_SCHEMA, ENTITLEMENT_SCHEMA } from "./entitlement-schema.js";
export { epmAccessChangeSummary } from "./epm-access-change-summary.js";
export { type EpmAccessChangesOptions, epmAccessChanges } from "./epm-access-changes.js";
export { epmAccounts } from "./epm-accounts.js";
export { type EpmSignInSummaryOptions, epmSignInSummary } from "./epm-sign-in-summary.js";
export { type ExplainChangesOptions, type ExplainedChanges, explainChanges } from "./explain-changes.js";
export { type InactiveUsersOptions, inactiveUsers } from "./inactive-users.js";
export { type LastSignInsOptions, lastSignIns } from "./last-sign-ins.js";
export {
  PERSON_ACCOUNT_SCHEMA,
  type PersonAccountSources,
  personAccounts,
  unmatchedAccounts,
} from "./person-accounts.js";
export { epmPersonKey, personKey } from "./person-key.js";
export { type PersonLastSignInsSources, personLastSignIns } from "./person-last-sign-ins.js";
export { privilegedEvents } from "./privileged-events.js";
export { PRIVILEGED_RIGHTS, type PrivilegedRight, privilegedHolders } from "./privileged-holders.js";
export {
  SIGN_IN_DISAGREEMENTS,
  type SignInDisagreementsOptions,
  signInDisagreements,
} from "./sign-in-disagreements.js";
export { type SignInSummaryOptions, signInSummary } from "./sign-in-summary.js";
export { type Instant, type TimeWindow, toEpochMs } from "./time-window.js";
export { type TopObjectsOptions, topObjects } from "./top-objects.js";
export { type TopUsersOptions, topUsers } from "./top-users.js";
export { withEpmPersons } from "./with-epm-persons.js";
export { withEventNames } from "./with-event-names.js";
export { withUsers } from "./with-users.js";
