/**
 * What the bucket's access documents say, read from a resource's props: the public grants of an ACL (canned ACLs
 * expanded into the grants they stand for) and the statements of a bucket policy, in the domain's shapes.
 */
import type { PolicyStatement } from "../domain/state";
import { plain } from "./known";

export interface Grant {
  readonly grantee: "AllUsers" | "AuthenticatedUsers";
  readonly permission: string;
}

/**
 * S3 UG "Access control list (ACL) overview", canned ACLs: the grants each public one stands for (the others,
 * private, aws-exec-read, bucket-owner-*, log-delivery-write, grant nothing to the public groups).
 */
const CANNED: Readonly<Record<string, readonly Grant[]>> = {
  "public-read": [{ grantee: "AllUsers", permission: "READ" }],
  "public-read-write": [{ grantee: "AllUsers", permission: "READ" }, { grantee: "AllUsers", permission: "WRITE" }],
  "authenticated-read": [{ grantee: "AuthenticatedUsers", permission: "READ" }],
};
const GROUPS: Readonly<Record<string, Grant["grantee"]>> = {
  "http://acs.amazonaws.com/groups/global/AllUsers": "AllUsers",
  "http://acs.amazonaws.com/groups/global/AuthenticatedUsers": "AuthenticatedUsers",
};

/** The grants to the public groups an ACL resource (or a bucket's inline acl and grants) gives. */
export function grantsOf(props: Readonly<Record<string, unknown>>): Grant[] {
  const canned = typeof props.acl === "string" ? CANNED[props.acl] ?? [] : [];
  const policy = plain(props.accessControlPolicy) as { grants?: { grantee?: { uri?: unknown }; permission?: unknown }[] } | undefined;
  const explicit = (policy?.grants ?? []).flatMap((g): Grant[] => {
    const group = typeof g.grantee?.uri === "string" ? GROUPS[g.grantee.uri] : undefined;
    return group ? [{ grantee: group, permission: String(g.permission ?? "") }] : [];
  });
  // The bucket's deprecated inline `grants`: [{type, uri, permissions}].
  const inline = ((plain(props.grants) as { uri?: unknown; permissions?: unknown }[] | undefined) ?? []).flatMap((g): Grant[] => {
    const group = typeof g.uri === "string" ? GROUPS[g.uri] : undefined;
    return group && Array.isArray(g.permissions) ? g.permissions.map((p) => ({ grantee: group, permission: String(p) })) : [];
  });
  return [...canned, ...explicit, ...inline];
}

/** A policy document's statements (one statement or a list), in the domain's shape. */
export function statementsOf(document: unknown): PolicyStatement[] {
  const raw = (document as { Statement?: unknown } | null)?.Statement;
  const list = Array.isArray(raw) ? raw : raw ? [raw] : [];
  return list.filter((s): s is Record<string, unknown> => typeof s === "object" && s !== null).map((s) => ({
    effect: String(s.Effect ?? ""),
    ...(s.Principal !== undefined ? { principal: s.Principal } : {}),
    ...(s.NotPrincipal !== undefined ? { notPrincipal: s.NotPrincipal } : {}),
    ...(typeof s.Condition === "object" && s.Condition !== null ? { condition: s.Condition as Record<string, unknown> } : {}),
  }));
}
