/**
 * The policy pack's entry point for `pulumi preview --policy-pack policy-pack`. Constructing a PolicyPack starts the
 * policy server (a gRPC server that keeps the process alive) and reads ./package.json for the version, so nothing
 * but the CLI's policy host may import this file: tests import ./policies instead.
 */
import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";

new PolicyPack("cis-logging-baseline", {
  policies,
  // Policies without their own level would be advisory; every policy of this pack sets its level explicitly.
  enforcementLevel: "advisory",
  description: "CIS AWS Foundations Benchmark logging controls (CloudTrail, AWS Config, KMS rotation, VPC flow logs).",
  displayName: "CIS AWS logging baseline",
  provider: "aws",
  tags: ["cis-aws-foundations", "logging"],
});
