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
  switch (kind.code) {
    case "USR-8":
      e.attributes = r() < 0.001 ? "null" : r() < 0.85 ? pick(CLIENT_ATTRIBUTES, r) : undefined;
      break;
    case "USR-9":
      failed(e, actor.active ? "401001" : "401003");
      if (burstIp !== undefined) {
        e.ip = burstIp;
        e.userAgent = "python-requests/2.32.3";
        e.attributes = '{"clientName":"API","reason":"Invalid credentials"}';
      } else {
        const reason = actor.active ? "Invalid credentials" : "User disabled";
        e.attributes = JSON.stringify({ clientName: pick(CLIENTS, r), reason });
      }
      break;
    case "USR-10":
    case "USR-55":
      break;
    case "USR-12":
      if (r() < 0.5) e.ip = "NA";
      break;
    case "USR-13":
      e.objectId = pick(tenant.models, r).id;
      e.ip = "NA";
      break;
    case "USR-14":
      e.objectId = pick(tenant.models, r).id;
      e.userAgent = "NA";
      failed(e, "403010");
      break;
    case "USR-43": {
      const model = pick(tenant.models, r);
      const page = randomHex(r, 32);
      e.objectId = `${model.id}/${page}`;
      e.attributes = JSON.stringify({
        appId: model.id,
        appName: `${model.name} app`,
        pageId: page,
        pageName: "Overview",
      });
      break;
    }
    case "USR-1":
    case "USR-5":
    case "USR-4":
    case "USR-17":
    case "USR-29": {
      const target = userTarget(tenant, kind.code, r);
      byAdmin(e, tenant, r);
      e.objectId = target.id;
      e.attributes = JSON.stringify({ targetUserId: target.id, targetUserName: target.email });
      break;
    }
    case "USR-30":
      e.objectId = randomHex(r, 32);
      e.objectTenantId = tenant.visitorTenantId;
      break;
    case "AUTHZ-1":
      e.objectId = pick(tenant.models, r).id;
      e.attributes = JSON.stringify({ roleName: pick(tenant.roles, r).name });
      break;
    case "AUTHZ-0":
    case "AUTHZ-2":
      e.objectId = pick(tenant.models, r).id;
      failed(e, "403001");
      break;
    case "AUTHZ-3":
    case "AUTHZ-6": {
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
      break;
    }
    case "INT-07":
    case "INT-04":
    case "INT-01": {
      const integration = pick(tenant.integrations, r);
      if (kind.code === "INT-07" && r() < 0.7) {
        e.userId = pick(tenant.internalIds, r);
        e.ip = "NA";
        e.userAgent = "CloudWorks";
      }
      if (kind.code === "INT-07" && r() < 0.05) failed(e, "500120");
      e.objectId = integration.id;
      e.attributes = JSON.stringify({ integrationId: integration.id, integrationName: integration.name });
      break;
    }
    case "CONN-2":
    case "CONN-4": {
      const connection = pick(tenant.connections, r);
      e.objectId = connection.id;
      e.attributes = JSON.stringify({ connectionName: connection.name });
      break;
    }
    default:
      e.objectId = pick(tenant.models, r).id;
  }
  return e;
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
