import pl from "nodejs-polars";

// Provisional: the frame schemas of DESIGN.md "Frames", until the clients' own schema constants
// land; then archive-datasets.ts imports those instead and this file goes.

const utc = () => pl.Datetime("ms", "UTC");

export const EVENT_SCHEMA = {
  id: pl.Utf8,
  eventTypeId: pl.Utf8,
  userId: pl.Utf8,
  tenantId: pl.Utf8,
  objectId: pl.Utf8,
  objectTypeId: pl.Utf8,
  objectTenantId: pl.Utf8,
  message: pl.Utf8,
  success: pl.Bool,
  errorNumber: pl.Utf8,
  ipAddress: pl.Utf8,
  userAgent: pl.Utf8,
  sessionId: pl.Utf8,
  hostName: pl.Utf8,
  serviceVersion: pl.Utf8,
  eventDate: utc(),
  createdDate: utc(),
  eventTimeZone: pl.Utf8,
  createdTimeZone: pl.Utf8,
  checksum: pl.Utf8,
  additionalAttributes: pl.Utf8,
};

export const USER_SCHEMA = {
  id: pl.Utf8,
  email: pl.Utf8,
  firstName: pl.Utf8,
  lastName: pl.Utf8,
  active: pl.Bool,
  emailOptIn: pl.Bool,
  customerId: pl.Utf8,
  lastLoginDate: utc(),
};

export const GROUP_ASSIGNMENT_AUDIT_SCHEMA = {
  name: pl.Utf8,
  type: pl.Utf8,
  group: pl.Utf8,
  groupType: pl.Utf8,
  action: pl.Utf8,
  performedBy: pl.Utf8,
  dateAndTime: utc(),
};

export const ROLE_ASSIGNMENT_AUDIT_SCHEMA = {
  name: pl.Utf8,
  type: pl.Utf8,
  role: pl.Utf8,
  action: pl.Utf8,
  performedBy: pl.Utf8,
  dateAndTime: utc(),
};

export const INVALID_LOGIN_SCHEMA = { userName: pl.Utf8, ipAddress: pl.Utf8, dateAndTime: utc() };

export const USER_LOGIN_SCHEMA = { userLogin: pl.Utf8, ipAddress: pl.Utf8, accessDateAndTime: utc() };

export const ROLE_ASSIGNMENT_SCHEMA = {
  userLogin: pl.Utf8,
  firstName: pl.Utf8,
  lastName: pl.Utf8,
  email: pl.Utf8,
  role: pl.Utf8,
  grantedThrough: pl.Utf8,
};

export const USER_GROUP_SCHEMA = {
  userLogin: pl.Utf8,
  firstName: pl.Utf8,
  lastName: pl.Utf8,
  email: pl.Utf8,
  direct: pl.Utf8,
  group: pl.Utf8,
};
