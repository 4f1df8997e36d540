import { randomHex } from "../random.js";
import type { AnaplanTenant, TenantUser } from "./anaplan-tenant.js";
import type { EventKind } from "./event-types.js";

const CLIENTS = ["Anaplan Web", "Anaplan Web", "Anaplan Web", "Anaplan Connect", "Anaplan XL", "API"];

/** The variable fields of one event; one instance is reused (a fixed shape keeps this fast). */
export class EventFields {
  userId = "";
  objectId: string | undefined = undefined;
  objectTenantId = "";
  success = true;
  errorNumber: string | undefined = undefined;
  ip = "";
  userAgent = "";
  /** JSON text of the object; undefined: the key is absent; "null": explicit null. */
  attributes: string | undefined = undefined;
}

const scratch = new EventFields();
const CLIENT_ATTRIBUTES = CLIENTS.map((clientName) => JSON.stringify({ clientName }));

/**
 * Fills the variable fields of an event of `kind` acted by `actor`: object, success, error
 * number, address, user agent, additionalAttributes. Returns a shared instance, valid until the
 * next call.
 *
 * @param tenant - the tenant
 * @param kind - event type
 * @param actor - the acting account
 * @param r - the event's random source (continues its sequence)
 * @param burstIp - set for a failed login of a password-spraying burst
 * @returns the fields
 * @example
 * ```ts
 * eventFields(tenant, kind, actor, seededRandom(1), undefined).userId //=> actor.id
 * ```
 */
export function eventFields(
  tenant: AnaplanTenant,
  kind: EventKind,
  actor: TenantUser,
  r: () => number,
  burstIp: string | undefined,
): EventFields {
  const e = scratch;
  e.userId = actor.id;
  e.objectId = actor.id;
  e.objectTenantId = tenant.tenantId;
  e.success = true;
  e.errorNumber = undefined;
  e.ip = actor.homeIp;
  e.userAgent = actor.userAgent;
  e.attributes = undefined;
  const fill = FILLERS[kind.code] ?? onModel;
  fill({ e, tenant, code: kind.code, actor, r, burstIp });
  return e;
}

/** What a filler of one event type works with. */
interface EventContext {
  e: EventFields;
  tenant: AnaplanTenant;
  code: string;
  actor: TenantUser;
  r: () => number;
  burstIp: string | undefined;
}

/** Sets the fields particular to one event type (on top of the actor's defaults). */
type Filler = (c: EventContext) => void;

/** USR-8, sign-in success: the client in the attributes; rarely explicit null, sometimes none. */
const signIn: Filler = ({ e, r }) => {
  e.attributes = r() < 0.001 ? "null" : r() < 0.85 ? pick(CLIENT_ATTRIBUTES, r) : undefined;
};

/** USR-9, sign-in failure: from a spraying burst's address, or the user's own with a reason. */
const signInFailure: Filler = ({ e, actor, r, burstIp }) => {
  failed(e, actor.active ? "401001" : "401003");
  if (burstIp !== undefined) {
    e.ip = burstIp;
    e.userAgent = "python-requests/2.32.3";
    e.attributes = '{"clientName":"API","reason":"Invalid credentials"}';
  } else {
    const reason = actor.active ? "Invalid credentials" : "User disabled";
    e.attributes = JSON.stringify({ clientName: pick(CLIENTS, r), reason });
  }
};

/** USR-43, a UX page opened: "model/page" as object, app and page in the attributes. */
const pageOpened: Filler = ({ e, tenant, r }) => {
  const model = pick(tenant.models, r);
  const page = randomHex(r, 32);
  e.objectId = `${model.id}/${page}`;
  e.attributes = JSON.stringify({
    appId: model.id,
    appName: `${model.name} app`,
    pageId: page,
    pageName: "Overview",
  });
};

/** A user created, changed, disabled, removed or deleted, by an admin. */
const userChange: Filler = ({ e, tenant, code, r }) => {
  const target = userTarget(tenant, code, r);
  byAdmin(e, tenant, r);
  e.objectId = target.id;
  e.attributes = JSON.stringify({ targetUserId: target.id, targetUserName: target.email });
};

/** A role assigned or unassigned, by an admin. */
const roleChange: Filler = ({ e, tenant, r }) => {
  const target = pick(tenant.accounts, r);
  const role = pick(tenant.roles, r);
  byAdmin(e, tenant, r);
  e.objectId = target.id;
  e.attributes = JSON.stringify({
    roleId: role.id,
    roleName: role.name,
    targetUserId: target.id,
    targetUserName: target.email,
  });
};

/** A CloudWorks integration created, run or changed; most runs by a system id. */
const integration: Filler = ({ e, tenant, code, r }) => {
  const chosen = pick(tenant.integrations, r);
  if (code === "INT-07" && r() < 0.7) {
    e.userId = pick(tenant.internalIds, r);
    e.ip = "NA";
    e.userAgent = "CloudWorks";
  }
  if (code === "INT-07" && r() < 0.05) failed(e, "500120");
  e.objectId = chosen.id;
  e.attributes = JSON.stringify({ integrationId: chosen.id, integrationName: chosen.name });
};

/** Any other event: a model as object. */
const onModel: Filler = ({ e, tenant, r }) => {
  e.objectId = pick(tenant.models, r).id;
};

const FILLERS: Readonly<Record<string, Filler>> = {
  "USR-8": signIn,
  "USR-9": signInFailure,
  "USR-10": () => {},
  "USR-55": () => {},
  "USR-12": ({ e, r }) => {
    if (r() < 0.5) e.ip = "NA";
  },
  "USR-13": ({ e, tenant, r }) => {
    e.objectId = pick(tenant.models, r).id;
    e.ip = "NA";
  },
  "USR-14": ({ e, tenant, r }) => {
    e.objectId = pick(tenant.models, r).id;
    e.userAgent = "NA";
    failed(e, "403010");
  },
  "USR-43": pageOpened,
  "USR-1": userChange,
  "USR-5": userChange,
  "USR-4": userChange,
  "USR-17": userChange,
  "USR-29": userChange,
  "USR-30": ({ e, tenant, r }) => {
    e.objectId = randomHex(r, 32);
    e.objectTenantId = tenant.visitorTenantId;
  },
  "AUTHZ-1": ({ e, tenant, r }) => {
    e.objectId = pick(tenant.models, r).id;
    e.attributes = JSON.stringify({ roleName: pick(tenant.roles, r).name });
  },
  "AUTHZ-0": accessDenied,
  "AUTHZ-2": accessDenied,
  "AUTHZ-3": roleChange,
  "AUTHZ-6": roleChange,
  "INT-07": integration,
  "INT-04": integration,
  "INT-01": integration,
  "CONN-2": connection,
  "CONN-4": connection,
};

function accessDenied({ e, tenant, r }: EventContext): void {
  e.objectId = pick(tenant.models, r).id;
  failed(e, "403001");
}

function connection({ e, tenant, r }: EventContext): void {
  const chosen = pick(tenant.connections, r);
  e.objectId = chosen.id;
  e.attributes = JSON.stringify({ connectionName: chosen.name });
}

function failed(e: EventFields, errorNumber: string): void {
  e.success = false;
  e.errorNumber = errorNumber;
}

/** The actor of a user or role change: an admin account, or a system id (SCIM provisioning). */
function byAdmin(e: EventFields, tenant: AnaplanTenant, r: () => number): void {
  if (r() < 0.3) {
    e.userId = pick(tenant.internalIds, r);
    e.ip = "NA";
    e.userAgent = "NA";
    return;
  }
  const a = tenant.admins.length > 0 ? pick(tenant.admins, r) : tenant.auditor;
  e.userId = a.id;
  e.ip = a.homeIp;
  e.userAgent = a.userAgent;
}

function pick<T>(list: readonly T[], r: () => number): T {
  return list[Math.floor(r() * list.length)]!;
}

/** The account an admin event acts on: deleted accounts for deletions, disabled ones for USR-4. */
function userTarget(tenant: AnaplanTenant, code: string, r: () => number): TenantUser {
  const accounts = tenant.accounts;
  const wanted =
    code === "USR-29" || code === "USR-17" ? tenant.deleted : code === "USR-4" ? tenant.disabled : accounts;
  const list = wanted.length > 0 && r() < 0.8 ? wanted : accounts;
  return list[Math.floor(r() * list.length)]!;
}
