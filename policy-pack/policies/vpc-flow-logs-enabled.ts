/**
 * CIS 1.2.0 2.9 / 1.4.0 3.9 / 3.0.0-5.0.0 3.7 / 6.0.0-7.0.0 4.7 (Security Hub EC2.6): every VPC has a flow log.
 *
 * A stack policy (outputs):
 * - every aws.ec2.Vpc the stack creates has an aws.ec2.FlowLog whose vpcId is that VPC. A flow log on another VPC
 *   does not count. The link is the engine's property dependency of vpcId (a created VPC's id is not among its
 *   outputs) or, on a known value, the id at the end of the VPC's ARN.
 * - every VPC the account owns that the program discovered with getVpcs has one too. Those VPCs are no resources of
 *   the stack, but each `cis-logging:network:RegionalFlowLogs` component (components/flowLogs.ts) publishes them as
 *   its outputs `{region, discoveredVpcIds, sharedVpcIds, flowLogIds}`. For every id in discoveredVpcIds the stack
 *   needs an aws.ec2.FlowLog whose vpcId is that id and whose region (its `region` output, else its explicit
 *   provider's region) is the component's region; a flow log on the same id in another region, or on another VPC,
 *   does not count. A missing one is reported against the component, so exempting the component exempts its
 *   findings. A VPC created outside Pulumi after the program's last run is in no component's outputs: only the
 *   audit (`npm run audit`) sees it.
 * - VPCs shared into the account through AWS RAM (sharedVpcIds) are never reported as missing a flow log, even if
 *   also listed as discovered: "Participants cannot create, delete, or describe flow logs for a shared VPC subnet"
 *   (VPC UG, https://docs.aws.amazon.com/vpc/latest/userguide/vpc-share-limitations.html), so only the owner account
 *   can satisfy the control for them. Each component with shared VPCs gets one advisory "not judged here" note that
 *   lists them. A flow log of the stack on a shared VPC (same id, same region) is a violation of that flow log:
 *   AWS refuses to create it for a participant, so the update would fail.
 *   A component written before sharedVpcIds existed publishes none and is judged as knowing no shared VPC.
 * - every aws.ec2.FlowLog of the stack (also those on the discovered VPCs) has a destination and captures rejected
 *   traffic: trafficType ALL or REJECT (CIS asks for at least rejects; ACCEPT alone misses them), logDestination,
 *   and iamRoleArn when it delivers to CloudWatch Logs.
 * Unknown in preview: a flow log whose vpcId (or region) is unknown and whose dependencies do not decide the VPC,
 * unknown settings, or a component whose region, discoveredVpcIds or sharedVpcIds are unknown (they come from an
 * invoke, so they are known in practice) give advisory "cannot verify" notes. A component without region or
 * discoveredVpcIds (written by a program older than them), or with a sharedVpcIds that is not a list of ids, gets an
 * advisory out-of-scope note that leaves the check to the audit.
 */
import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { sharedVpcFlowLogRule } from "../awsFacts";
import { Findings, Known, isSetOrUnknown, known, ofType, policyMetadata, readConfig, stringProp, subjectOf, types } from "./common";

const name = "vpc-flow-logs-enabled";

/** The component that gives a flow log to every VPC the program discovers in one region (components/flowLogs.ts). */
export const regionalFlowLogsType = "cis-logging:network:RegionalFlowLogs";

/**
 * The id of a created VPC: its `id` output if present, else the tail of its ARN (…:vpc/vpc-123). Unknown while the
 * VPC is being created; absent (undefined) if the outputs carry neither.
 */
function vpcIdOf(vpc: PolicyResource): Known<string | undefined> {
  const id = stringProp(vpc, "id");
  if (!id.known || id.value) {
    return id;
  }
  const arn = stringProp(vpc, "arn");
  return arn.known && arn.value ? { known: true, value: arn.value.split("/").pop() } : arn;
}

function flowLogTargets(flowLog: PolicyResource, vpc: PolicyResource): "yes" | "no" | "unknown" {
  const dependencies = flowLog.propertyDependencies.vpcId ?? [];
  if (dependencies.some((d) => d.urn === vpc.urn)) {
    return "yes";
  }
  const vpcId = stringProp(flowLog, "vpcId");
  if (!vpcId.known) {
    return dependencies.length > 0 ? "no" : "unknown";
  }
  if (vpcId.value === undefined) {
    return "no";
  }
  const target = vpcIdOf(vpc);
  if (!target.known) {
    // The VPC is created by this update, so a vpcId known now cannot be its id.
    return "no";
  }
  if (target.value === undefined) {
    return "unknown";
  }
  return target.value === vpcId.value ? "yes" : "no";
}

/**
 * The region a flow log lives in: its own `region` output (aws v7), else the region of its explicit provider. An
 * unknown `region` output is not an input of the resource (inputs are known in a preview), so the provider's
 * region is the one that applies. Unknown only when neither decides it; undefined when the outputs carry no region
 * and there is no explicit provider.
 */
function flowLogRegionOf(flowLog: PolicyResource): Known<string | undefined> {
  const own = stringProp(flowLog, "region");
  if (own.known && own.value) {
    return own;
  }
  const provider = flowLog.provider;
  if (provider) {
    const fromProvider = known(() => provider.props.region as unknown);
    if (fromProvider.known && typeof fromProvider.value === "string" && fromProvider.value.length > 0) {
      return { known: true, value: fromProvider.value };
    }
  }
  return own;
}

/** Whether a flow log covers the discovered VPC `vpcId` in `region`. */
function flowLogCovers(flowLog: PolicyResource, vpcId: string, region: string): "yes" | "no" | "unknown" {
  const flowLogVpcId = stringProp(flowLog, "vpcId");
  let vpcMatch: "yes" | "no" | "unknown";
  if (flowLogVpcId.known) {
    vpcMatch = flowLogVpcId.value === vpcId ? "yes" : "no";
  } else {
    // Computed from another resource of the stack (a VPC it creates now): that id cannot be one discovered before.
    vpcMatch = (flowLog.propertyDependencies.vpcId ?? []).length > 0 ? "no" : "unknown";
  }
  const flowLogRegion = flowLogRegionOf(flowLog);
  const regionMatch = !flowLogRegion.known ? "unknown" : flowLogRegion.value === region ? "yes" : "no";
  if (vpcMatch === "no" || regionMatch === "no") {
    return "no";
  }
  return vpcMatch === "yes" && regionMatch === "yes" ? "yes" : "unknown";
}

/** The outputs a RegionalFlowLogs component publishes, or why they cannot be used. */
type DiscoveredVpcs =
  | {
      readonly kind: "known";
      readonly region: string;
      /** The VPCs of the region that the account owns: each needs a flow log of the stack. */
      readonly ownedVpcIds: readonly string[];
      /** The VPCs shared into the account (AWS RAM): only their owner can flow-log them. */
      readonly sharedVpcIds: readonly string[];
    }
  | { readonly kind: "unknown"; readonly detail: string }
  | { readonly kind: "missing"; readonly why: string };

/**
 * A list-of-VPC-ids output of a component, sorted and deduplicated: unknown in a preview, undefined when it is not a
 * list of non-empty strings, `whenAbsent` when the component does not publish it at all.
 */
function vpcIdList(component: PolicyResource, key: string, whenAbsent?: readonly string[]): Known<string[] | undefined> {
  const value = known(() => {
    const raw = component.props[key] as unknown;
    // Copying reads every element through the engine's proxy, so an unknown element makes the whole list unknown.
    return Array.isArray(raw) ? (raw as unknown[]).map((v) => v) : raw;
  });
  if (!value.known) {
    return value;
  }
  if ((value.value === undefined || value.value === null) && whenAbsent) {
    return { known: true, value: [...whenAbsent] };
  }
  const valid = Array.isArray(value.value) && value.value.every((v) => typeof v === "string" && v.length > 0);
  return { known: true, value: valid ? [...new Set(value.value as string[])].sort() : undefined };
}

function discoveredVpcsOf(component: PolicyResource): DiscoveredVpcs {
  const region = stringProp(component, "region");
  if (!region.known) {
    return { kind: "unknown", detail: region.detail };
  }
  const discovered = vpcIdList(component, "discoveredVpcIds");
  if (!discovered.known) {
    return { kind: "unknown", detail: discovered.detail };
  }
  if (!region.value || !discovered.value) {
    return { kind: "missing", why: `it publishes no ${!region.value ? "region" : "discoveredVpcIds"} output` };
  }
  // Which discovered VPCs are someone else's decides what is asked of them, so an unknown list leaves them all
  // undecided. A component written before sharedVpcIds existed publishes none: it knows no shared VPC.
  const shared = vpcIdList(component, "sharedVpcIds", []);
  if (!shared.known) {
    return { kind: "unknown", detail: shared.detail };
  }
  if (!shared.value) {
    return { kind: "missing", why: "its sharedVpcIds output is not a list of VPC ids" };
  }
  const sharedVpcIds = shared.value;
  // A VPC listed as both is judged as shared: a participant can never create its flow log, so requiring one
  // would ask for what AWS refuses.
  const ownedVpcIds = discovered.value.filter((id) => !sharedVpcIds.includes(id));
  return { kind: "known", region: region.value, ownedVpcIds, sharedVpcIds };
}

function sharedVpcRuleCitation(): string {
  return `"${sharedVpcFlowLogRule.quote}", VPC UG ${sharedVpcFlowLogRule.source}`;
}

/** The discovered VPCs of one component: each owned one needs its flow log; the shared ones get one advisory note. */
function checkDiscoveredVpcs(component: PolicyResource, discovered: DiscoveredVpcs, flowLogs: readonly PolicyResource[], findings: Findings): void {
  const subject = subjectOf(component);
  findings.check(subject);
  const what = "the flow logs of the VPCs the program discovered in this region";
  if (discovered.kind === "unknown") {
    findings.unverifiable(subject, what, discovered.detail);
    return;
  }
  if (discovered.kind === "missing") {
    findings.outOfScope(subject, what, discovered.why);
    return;
  }
  const { region } = discovered;
  for (const vpcId of discovered.ownedVpcIds) {
    const links = flowLogs.map((f) => flowLogCovers(f, vpcId, region));
    if (links.includes("yes")) {
      continue;
    }
    if (links.includes("unknown")) {
      findings.unverifiable(subject, `the flow log of VPC ${vpcId} in ${region}`, "flow-log VPC ids or regions are not known yet");
      continue;
    }
    const elsewhere = flowLogs
      .filter((f) => {
        const id = stringProp(f, "vpcId");
        return id.known && id.value === vpcId;
      })
      .map((f) => flowLogRegionOf(f))
      .map((r) => (r.known && r.value ? r.value : "an undetermined region"));
    findings.violation(
      subject,
      `VPC ${vpcId}, which the program discovered in ${region}, has no flow log in ${region}` +
        (elsewhere.length > 0 ? ` (the stack's flow log on that VPC id is in ${[...new Set(elsewhere)].sort().join(", ")})` : ""),
      `the program creates an aws.ec2.FlowLog for every discovered VPC (vpcId ${vpcId}, region ${region}): re-run \`pulumi up\`, or check components/flowLogs.ts`,
    );
  }
  const shared = discovered.sharedVpcIds;
  if (shared.length > 0) {
    // CIS asks for a flow log on every VPC, but for these only the owner account can create one: the check belongs
    // to the owner's stack or audit. One note per region says so, instead of silence or an unfixable violation.
    findings.notJudged(
      subject,
      shared.length === 1
        ? `VPC ${shared[0]} is shared into this account (AWS RAM) in ${region}; only its owner can create its flow log (${sharedVpcRuleCitation()})`
        : `VPCs ${shared.join(", ")} are shared into this account (AWS RAM) in ${region}; only their owners can create their flow logs (${sharedVpcRuleCitation()})`,
    );
  }
}

/** A VPC shared into the account in a region, as a RegionalFlowLogs component published it. */
interface SharedVpc {
  readonly vpcId: string;
  readonly region: string;
}

/**
 * A flow log of the stack on a shared-in VPC cannot be created by this account (sharedVpcFlowLogRule): the update
 * would fail on it, so it is a violation of the flow log itself, whatever the component's exemptions say.
 */
function checkNotOnSharedVpc(flowLog: PolicyResource, sharedVpcs: readonly SharedVpc[], findings: Findings): void {
  const links = sharedVpcs.map((shared) => ({ shared, link: flowLogCovers(flowLog, shared.vpcId, shared.region) }));
  const onShared = links.find((l) => l.link === "yes");
  if (onShared) {
    const { vpcId, region } = onShared.shared;
    findings.violation(
      subjectOf(flowLog),
      `the flow log is on VPC ${vpcId}, which is shared into this account (AWS RAM) in ${region}; only the VPC's owner can create its flow logs (${sharedVpcRuleCitation()}), so AWS refuses this one when it is applied`,
      `remove this aws.ec2.FlowLog; the account that owns ${vpcId} creates its flow log`,
    );
  } else if (links.some((l) => l.link === "unknown")) {
    findings.unverifiable(subjectOf(flowLog), "whether this flow log is on a VPC shared into this account", "its vpcId or region is not known yet");
  }
}

const acceptedTrafficTypes = ["ALL", "REJECT"];

function checkFlowLog(flowLog: PolicyResource, findings: Findings): void {
  const subject = subjectOf(flowLog);
  findings.check(subject);
  const traffic = stringProp(flowLog, "trafficType");
  if (!traffic.known) {
    findings.unverifiable(subject, "trafficType", traffic.detail);
  } else if (traffic.value === undefined || !acceptedTrafficTypes.includes(traffic.value)) {
    findings.violation(
      subject,
      traffic.value === undefined ? "the flow log has no traffic type" : `the flow log captures only ${traffic.value} traffic, not rejected traffic`,
      'set trafficType: "ALL" (or "REJECT")',
    );
  }
  if (!isSetOrUnknown(known(() => flowLog.props.logDestination as unknown))) {
    findings.violation(subject, "the flow log has no destination", "set logDestination (and logDestinationType) to a log group or bucket ARN");
  }
  const destinationType = stringProp(flowLog, "logDestinationType");
  if (destinationType.known && (destinationType.value ?? "cloud-watch-logs") === "cloud-watch-logs") {
    if (!isSetOrUnknown(known(() => flowLog.props.iamRoleArn as unknown))) {
      findings.violation(subject, "the flow log delivers to CloudWatch Logs without a role", "set iamRoleArn to a role vpc-flow-logs.amazonaws.com can assume");
    }
  }
}

export const vpcFlowLogsEnabled: StackValidationPolicy = {
  ...policyMetadata(name, {
    enforcementLevel: "mandatory",
    severity: "medium",
    description:
      "Every VPC the stack creates, and every VPC the account owns that the program discovered, must have a flow log; every flow log must have a destination, capture rejected traffic and not be on a VPC shared into the account.",
    remediationSteps:
      'Add an aws.ec2.FlowLog {vpcId, trafficType: "ALL" or "REJECT", logDestinationType, logDestination, iamRoleArn for CloudWatch Logs} for each VPC the account owns. VPCs shared into the account through AWS RAM are flow-logged by their owner account: remove any flow log on them.',
  }),
  validateStack: (args, report) => {
    const findings = new Findings(name, readConfig(name, args.getConfig()));
    const vpcs = ofType(args.resources, types.vpc);
    const flowLogs = ofType(args.resources, types.flowLog);
    const components = ofType(args.resources, regionalFlowLogsType);
    if (vpcs.length === 0 && flowLogs.length === 0 && components.length === 0) {
      args.notApplicable("the stack has no VPC, no flow log and no RegionalFlowLogs component");
    }
    for (const vpc of vpcs) {
      const subject = subjectOf(vpc);
      findings.check(subject);
      const links = flowLogs.map((f) => flowLogTargets(f, vpc));
      if (links.includes("yes")) {
        continue;
      }
      if (links.includes("unknown")) {
        findings.unverifiable(subject, "which flow log belongs to this VPC", "VPC ids are not known yet");
      } else {
        findings.violation(
          subject,
          "the VPC has no flow log" + (flowLogs.length > 0 ? " (the stack's flow logs are attached to other VPCs)" : ""),
          'add an aws.ec2.FlowLog with vpcId set to this VPC\'s id, trafficType "ALL" and a logDestination',
        );
      }
    }
    const sharedVpcs: SharedVpc[] = [];
    for (const component of components) {
      const discovered = discoveredVpcsOf(component);
      checkDiscoveredVpcs(component, discovered, flowLogs, findings);
      if (discovered.kind === "known") {
        sharedVpcs.push(...discovered.sharedVpcIds.map((vpcId) => ({ vpcId, region: discovered.region })));
      }
    }
    for (const flowLog of flowLogs) {
      checkFlowLog(flowLog, findings);
      checkNotOnSharedVpc(flowLog, sharedVpcs, findings);
    }
    findings.flush(report, args.resources);
  },
};
