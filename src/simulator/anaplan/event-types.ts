/**
 * Event categories, as selected by the Audit API's `type` parameter. The numeric value is what
 * the event store keeps per event (one byte).
 */
export const CATEGORY = {
  user_activity: 0,
  access_control: 1,
  int: 2,
  conn_mgmt: 3,
  comment: 4,
  byok: 5,
  plan_iq: 6,
  forecaster: 7,
} as const;

/** Number of categories (size of per-category count arrays). */
export const CATEGORY_COUNT = 8;

/** "All categories": `type=all`, no `type`, or a value the API does not know. */
export const ALL_CATEGORIES = -1;

/**
 * Maps a `type` query value to a category; unknown values (and `all`) mean every category, as
 * the live API does (it does not validate `type`).
 *
 * @param type - the `type` query parameter, or null when absent
 * @returns a {@link CATEGORY} value, or {@link ALL_CATEGORIES}
 * @example
 * ```ts
 * categoryOfType("access_control") //=> 1
 * categoryOfType("integration") //=> -1 (treated as all)
 * ```
 */
export function categoryOfType(type: string | null | undefined): number {
  if (!type) return ALL_CATEGORIES;
  return Object.hasOwn(CATEGORY, type) ? CATEGORY[type as keyof typeof CATEGORY] : ALL_CATEGORIES;
}

/** One generated event type: its id, category and share of the ordinary event mix (percent). */
export interface EventKind {
  code: string;
  category: number;
  weight: number;
  message: string;
}

const U = CATEGORY.user_activity;
const A = CATEGORY.access_control;

/**
 * The ordinary mix (login-failure bursts come on top): about 79 % user activity, 16 % access
 * control, 3 % integrations, plus a few connection and comment events, as in one live tenant.
 */
export const EVENT_KINDS: readonly EventKind[] = [
  { code: "USR-8", category: U, weight: 40, message: "User login success" },
  { code: "USR-10", category: U, weight: 14, message: "User logout success" },
  { code: "USR-12", category: U, weight: 3.5, message: "User session timeout" },
  { code: "USR-9", category: U, weight: 3.5, message: "User login failure" },
  { code: "USR-13", category: U, weight: 11, message: "Access model success" },
  { code: "USR-14", category: U, weight: 0.8, message: "Access model failure" },
  { code: "USR-43", category: U, weight: 2, message: "UX board page opened" },
  { code: "USR-55", category: U, weight: 0.3, message: "User password change success" },
  { code: "USR-1", category: U, weight: 0.15, message: "User created" },
  { code: "USR-5", category: U, weight: 0.3, message: "User updated" },
  { code: "USR-4", category: U, weight: 0.1, message: "User disabled" },
  { code: "USR-17", category: U, weight: 0.05, message: "User removed from tenant success" },
  { code: "USR-29", category: U, weight: 0.05, message: "User deleted" },
  { code: "USR-30", category: U, weight: 0.05, message: "Visitor user added" },
  { code: "AUTHZ-1", category: A, weight: 9, message: "Access granted" },
  { code: "AUTHZ-2", category: A, weight: 1.8, message: "Access denied" },
  { code: "AUTHZ-3", category: A, weight: 3, message: "Role assigned" },
  { code: "AUTHZ-6", category: A, weight: 2, message: "Role unassigned" },
  { code: "AUTHZ-0", category: A, weight: 0.6, message: "Authorization failure" },
  { code: "INT-07", category: CATEGORY.int, weight: 2.6, message: "CloudWorks integration executed" },
  { code: "INT-04", category: CATEGORY.int, weight: 0.2, message: "CloudWorks integration created" },
  { code: "INT-01", category: CATEGORY.int, weight: 0.2, message: "CloudWorks connection created" },
  { code: "CONN-2", category: CATEGORY.conn_mgmt, weight: 0.2, message: "Connection updated" },
  { code: "CONN-4", category: CATEGORY.conn_mgmt, weight: 0.1, message: "Connection workspace associated" },
  { code: "COMMENT-01", category: CATEGORY.comment, weight: 0.5, message: "Comment added" },
];

/** Cumulative weights of {@link EVENT_KINDS}, for a binary-search pick. */
export const KIND_CUMULATIVE: Float64Array = (() => {
  const out = new Float64Array(EVENT_KINDS.length);
  let total = 0;
  EVENT_KINDS.forEach((k, i) => {
    total += k.weight;
    out[i] = total;
  });
  return out;
})();

/**
 * Picks an event kind by weight.
 *
 * @param random - a random source in [0, 1)
 * @returns one of {@link EVENT_KINDS}
 */
export function pickKind(random: () => number): EventKind {
  const x = random() * KIND_CUMULATIVE[KIND_CUMULATIVE.length - 1]!;
  let lo = 0;
  let hi = KIND_CUMULATIVE.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (KIND_CUMULATIVE[mid]! > x) hi = mid;
    else lo = mid + 1;
  }
  return EVENT_KINDS[lo]!;
}
