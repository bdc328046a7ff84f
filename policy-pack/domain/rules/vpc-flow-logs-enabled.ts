/**
 * CIS 1.2.0 2.9 / Security Hub EC2.6: every VPC of the account has a VPC-level flow log that captures rejected
 * traffic (ALL or REJECT: CIS asks for "at least Reject"), has a destination (and a role for CloudWatch Logs) and, in
 * the live account, is ACTIVE and delivering. One good flow log per VPC is enough. A VPC shared into the account by
 * another owner is the owner's: "Participants cannot create, delete, or describe flow logs for a shared VPC subnet"
 * (VPC UG, https://docs.aws.amazon.com/vpc/latest/userguide/vpc-share-limitations.html).
 */
import type { Fact } from "../fact";
import type { AccountState, FlowLog, FlowLogCoverage, Vpc } from "../state";
import { Judgement, Note, Ref, Verdict, expect, gap, ok, setAside, undecided, verdictOf } from "../verdict";
import type { Rule } from "./rule";

const vpcRef = (vpc: Vpc): Ref => ({
  kind: "vpc", ref: vpc.ref, label: `VPC ${vpc.id.kind === "known" ? vpc.id.value : vpc.key}`,
  ...(vpc.region.kind === "known" ? { region: vpc.region.value } : {}),
});

/** The judgements of one flow log: all ok means it satisfies the control for its VPC. */
export function flowLogJudgements(fl: FlowLog): Judgement[] {
  const js: Judgement[] = [
    expect(fl.trafficType, (t) => t === "ALL" || t === "REJECT", "vpc.flowLog.unusable", (t) => `flow log ${fl.ref} captures ${t} traffic, not rejected traffic`),
    expect(fl.destination, (d) => d !== null && d !== "", "vpc.flowLog.unusable", `flow log ${fl.ref} has no destination`),
    expect(fl.active, (a) => a, "vpc.flowLog.unusable", `flow log ${fl.ref} is not ACTIVE`),
    expect(fl.deliveryFailed, (f) => f === null, "vpc.flowLog.unusable", (f) => `flow log ${fl.ref} fails to deliver (${String(f)})`),
  ];
  if (fl.destinationType.kind === "known" && fl.destinationType.value === "cloud-watch-logs") {
    js.push(expect(fl.roleArn, (r) => r !== null && r !== "", "vpc.flowLog.unusable", `flow log ${fl.ref} delivers to CloudWatch Logs without a role`));
  }
  return js;
}

const TRAFFIC_NOTE: Note = {
  basis: "securityHub",
  text: "the flow log captures ALL traffic; Security Hub EC2.6 names REJECT, and AWS does not document whether it accepts ALL",
};

const flowLogRef = (fl: FlowLog, vpc: Vpc): Ref => ({
  kind: "flowLog", ref: fl.ref, label: `flow log ${fl.ref}`, ...(vpc.region.kind === "known" ? { region: vpc.region.value } : {}),
});

/**
 * A VPC without a flow log of its own in a region whose flow logs the stack leaves to an AWS mechanism (issue 10,
 * continuousCoverage): the mechanism creates the flow log after deployment, so the stack passes when the mechanism is
 * complete, with a note that the audit checks the flow log itself.
 */
function judgeCoverage(policy: "vpc-flow-logs-enabled", subject: Ref, coverage: Fact<FlowLogCoverage>): Verdict {
  if (coverage.kind !== "known") {
    return verdictOf(policy, subject, [coverage.kind === "unknown" ? undecided(coverage.why) : ok()]);
  }
  const c = coverage.value;
  if (c.mechanism === null) {
    // Organization mode's rule is fixed by the organization telemetry rule, not by continuousCoverage (off there).
    return verdictOf(policy, subject, [gap(c.mode === "organizationTelemetryRule" ? "org.telemetryRule.missing" : "vpc.flowLog.coverageMissing",
      `the stack leaves this region's flow logs to ${c.mode}, but ${c.missing ?? "its resources are missing"}`)]);
  }
  return verdictOf(policy, subject, [ok([{ basis: "project", text: `covered by ${c.mechanism}, which creates the VPC's flow log after deployment; npm run audit checks the flow log itself` }])]);
}

export function judgeVpc(state: AccountState, vpc: Vpc): Verdict {
  const policy = "vpc-flow-logs-enabled";
  const subject = vpcRef(vpc);
  const logs = state.flowLogsByVpc.get(vpc.key) ?? [];
  const owner = vpc.ownerAccount;
  if (owner.kind === "known" && owner.value !== state.accountId) {
    if (logs.length > 0) {
      // Only a stack can declare one (a participant cannot even describe them): AWS refuses to create it, so the
      // update would fail on it. A fail of the flow log, not of the VPC, which stays its owner's.
      return verdictOf(policy, subject, logs.map((fl) => gap("vpc.flowLog.onSharedVpc",
        `the flow log is on ${subject.label}, which ${owner.value} shares into this account (AWS RAM); only the VPC's owner can create its flow logs, so AWS refuses this one`,
        flowLogRef(fl, vpc))));
    }
    const region = vpc.region.kind === "known" ? vpc.region.value : undefined;
    const unplaced = region !== undefined ? state.unplacedFlowLogs.get(region) : undefined;
    if (unplaced) {
      // A flow log whose VPC is not known yet may be on this one, which AWS would refuse.
      return verdictOf(policy, subject, [undecided(`whether a flow log is declared on this shared VPC: ${unplaced}`)]);
    }
    return setAside(policy, subject, "notJudgedHere",
      `shared into this account by ${owner.value} (AWS RAM): only its owner can create its flow log`,
      [{ basis: "prowler", text: "Prowler vpc_flow_logs_enabled reports shared-in VPCs as FAIL in the participant account" }]);
  }
  const judged = logs.map((fl) => verdictOf(policy, subject, flowLogJudgements(fl)));
  const good = judged.findIndex((v) => v.status === "pass");
  if (good >= 0) {
    const notes = logs[good].trafficType.kind === "known" && logs[good].trafficType.value === "ALL" ? [TRAFFIC_NOTE] : [];
    return verdictOf(policy, subject, [ok(notes)]);
  }
  if (owner.kind === "notVisible") {
    // Whose VPC it is decides whether a flow log can be asked of this account at all.
    return setAside(policy, subject, "notJudgedHere", owner.why);
  }
  const region = vpc.region.kind === "known" ? vpc.region.value : undefined;
  const coverage = region !== undefined ? state.flowLogCoverage?.get(region) : undefined;
  if (coverage !== undefined) {
    return judgeCoverage(policy, subject, coverage);
  }
  const unplaced = region !== undefined ? state.unplacedFlowLogs.get(region) : undefined;
  const pending = [
    ...judged.flatMap((v) => v.unknowns), ...(unplaced ? [unplaced] : []),
    // A VPC of an unknown owner may be shared in, which only its owner can flow-log: no proven gap yet.
    ...(owner.kind === "unknown" ? [`whose VPC it is: ${owner.why}`] : []),
  ];
  if (pending.length > 0) {
    return verdictOf(policy, subject, [...judged.flatMap((v) => v.gaps.map((g) => ({ kind: "gap", gap: g }) as Judgement)), ...pending.map(undecided)]);
  }
  if (logs.length === 0) {
    return verdictOf(policy, subject, [gap("vpc.flowLog.missing", `${vpc.isDefault.kind === "known" && vpc.isDefault.value ? "the default VPC" : "the VPC"} has no flow log`)]);
  }
  return verdictOf(policy, subject, judged.flatMap((v) => v.gaps.map((g) => ({ kind: "gap", gap: g }) as Judgement)));
}

export const vpcFlowLogsEnabled: Rule = {
  policy: "vpc-flow-logs-enabled",
  evaluate(state) {
    const unread = [...state.vpcListingUnknown].map(([region, why]) =>
      verdictOf("vpc-flow-logs-enabled", { kind: "region", ref: `ec2:${region}`, label: `VPCs of ${region}`, region }, [undecided(why)]));
    return [...unread, ...state.vpcs.map((vpc) => judgeVpc(state, vpc))];
  },
};
