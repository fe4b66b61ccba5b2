/**
 * The guard that keeps malformed write bodies away from Payload's field processing and the
 * database, as a beforeOperation hook every collection uses. It refuses bad input with a 400
 * naming the field; it must never let a malformed body through to become a 500.
 */
import type {
  CollectionBeforeOperationHook,
  Field,
  FieldAccess,
  PayloadRequest,
} from "payload";

import { isStaffUser } from "../access/roles";
import { isRealDate, ValidationError, type ValidationIssue } from "../domain";
import { assertWritableBody } from "../http/body";
import { toPayloadError } from "../http/errors";

function isPlainRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const TIMESTAMP_FIELDS = ["createdAt", "updatedAt", "deletedAt"] as const;
const ISO_INSTANT =
  /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** An ISO 8601 date or date-time naming a real calendar day (V8's Date.parse rolls 02-30 over). */
function isIsoInstant(v: unknown): v is string {
  return (
    typeof v === "string" &&
    ISO_INSTANT.test(v) &&
    isRealDate(v.slice(0, 10)) &&
    !Number.isNaN(Date.parse(v))
  );
}

/**
 * Client-sent timestamps. Payload's automatic createdAt/updatedAt fields have no access rule and
 * no validation, so a client could backdate a record and any non-date crashed the insert.
 * For a non-staff caller they are server-only like the fields closed by field access: ignored.
 * Staff and the system (Local API) may set them, but only to a real ISO instant.
 */
function timestampIssues(
  data: Record<string, unknown>,
  req: PayloadRequest,
  overrideAccess: boolean,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const name of TIMESTAMP_FIELDS) {
    if (!(name in data)) continue;
    if (!overrideAccess && !isStaffUser(req.user)) {
      Reflect.deleteProperty(data, name);
      continue;
    }
    const value = data[name];
    // null is "not sent": Payload sets its own (the admin panel may send an empty timestamp).
    if (value === null) Reflect.deleteProperty(data, name);
    if (value === null || value === undefined || value instanceof Date)
      continue;
    if (!isIsoInstant(value))
      issues.push({
        path: name,
        message: "Use an ISO 8601 date and time, e.g. 2026-06-10T17:00:00Z",
      });
  }
  return issues;
}

type Operation = "create" | "update";

/** Whether the caller may write `field` (Payload strips it before reading into it when not). */
async function mayWrite(
  field: Field,
  operation: Operation,
  req: PayloadRequest,
  data: Record<string, unknown>,
  siblingData: Record<string, unknown>,
  overrideAccess: boolean,
): Promise<boolean> {
  const access =
    "access" in field
      ? (field.access?.[operation] as FieldAccess | undefined)
      : undefined;
  if (overrideAccess || !access) return true;
  return Boolean(await access({ req, data, siblingData }));
}

/**
 * Named groups sent as null. Payload's field traversal treats null as an object (typeof null) and
 * reads into it: a TypeError, a 500. A group the caller may not write is skipped — Payload drops
 * it first — so a server-only group stays "ignored", as documented.
 */
async function nullGroupIssues(
  fields: readonly Field[],
  siblingData: Record<string, unknown>,
  path: string,
  ctx: {
    operation: Operation;
    req: PayloadRequest;
    data: Record<string, unknown>;
    overrideAccess: boolean;
  },
): Promise<ValidationIssue[]> {
  const issues: ValidationIssue[] = [];
  const at = (name: string) => (path ? `${path}.${name}` : name);
  for (const field of fields) {
    if (
      field.type === "row" ||
      field.type === "collapsible" ||
      (field.type === "group" && !("name" in field && field.name))
    ) {
      issues.push(
        ...(await nullGroupIssues(field.fields, siblingData, path, ctx)),
      );
    } else if (field.type === "tabs") {
      for (const tab of field.tabs) {
        if ("name" in tab && tab.name) {
          const value = siblingData[tab.name];
          if (isPlainRecord(value))
            issues.push(
              ...(await nullGroupIssues(tab.fields, value, at(tab.name), ctx)),
            );
        } else {
          issues.push(
            ...(await nullGroupIssues(tab.fields, siblingData, path, ctx)),
          );
        }
      }
    } else if (field.type === "group" && "name" in field && field.name) {
      const value = siblingData[field.name];
      if (value !== null && !isPlainRecord(value)) continue;
      if (
        !(await mayWrite(
          field,
          ctx.operation,
          ctx.req,
          ctx.data,
          siblingData,
          ctx.overrideAccess,
        ))
      )
        continue;
      if (value === null)
        issues.push({
          path: at(field.name),
          message: "Invalid input: expected object, received null",
        });
      else
        issues.push(
          ...(await nullGroupIssues(field.fields, value, at(field.name), ctx)),
        );
    } else if (field.type === "array") {
      const rows = siblingData[field.name];
      if (!Array.isArray(rows)) continue;
      for (const [i, row] of rows.entries()) {
        if (isPlainRecord(row))
          issues.push(
            ...(await nullGroupIssues(
              field.fields,
              row,
              at(`${field.name}.${i}`),
              ctx,
            )),
          );
      }
    }
  }
  return issues;
}

/**
 * beforeOperation hook for collections the public API writes (bookings). Runs before access and
 * before Payload's field hooks, for REST, GraphQL and the Local API alike, and refuses with a 400
 * naming the field what would otherwise crash Payload or the database: a body that is not an
 * object, a group sent as null, a string PostgreSQL cannot store (anywhere in the body, array row
 * ids included), a malformed timestamp. Client-sent timestamps from non-staff are dropped.
 */
export const guardWriteBody: CollectionBeforeOperationHook = async ({
  args,
  collection,
  operation,
  overrideAccess,
  req,
}) => {
  if (operation !== "create" && operation !== "update") return;
  const data: unknown = (args as { data?: unknown }).data;
  try {
    assertWritableBody(data);
    const issues: ValidationIssue[] = [];
    const access = Boolean(overrideAccess);
    issues.push(...timestampIssues(data, req, access));
    issues.push(
      ...(await nullGroupIssues(collection.fields, data, "", {
        operation,
        req,
        data,
        overrideAccess: access,
      })),
    );
    if (issues.length > 0) throw new ValidationError(issues);
  } catch (err) {
    throw toPayloadError(err);
  }
};
