/**
 * CIS 1.2.0 2.5 / Security Hub Config.1: AWS Config in every region in scope, plus one account verdict for the
 * global IAM resource types.
 * Per region: a customer-managed recorder of all supported types, recording, whose last status is not Failure
 * (Pending over 24 hours counts as failing; Pending and NotApplicable are otherwise undecided: Config is not
 * recording yet), and a delivery channel with a bucket and an SNS topic (stricter than the checkers: CIS 1.2.0's
 * setup has the topic) whose last deliveries did not fail. Global types: at least one region whose recorder passes
 * records them (several is fine: without Security Hub cross-region aggregation Config.1 needs them in every region);
 * a recorder cannot record them in a region AWS Config reached after February 2022.
 * Organization mode run from a delegated administrator (the StackSet of recorders is called as DELEGATED_ADMIN): the
 * stack's account is a member whose recorders come from the StackSet (organization-config-stackset-enabled judges
 * it), and the management account's recorders are no resource of this stack, so nothing is judged here.
 */
import { GLOBAL_RESOURCE_TYPE_REGIONS } from "../../awsFacts";
import type { Recorder, RegionConfig } from "../state";
import { Judgement, Note, Ref, Verdict, expect, gap, ok, setAside, undecided, verdictOf } from "../verdict";
import type { Rule, RuleOptions } from "./rule";
import { accountRef } from "./trails";

const DAY_MS = 24 * 3600 * 1000;
const SERVICE_LINKED_ROLE = /:role\/aws-service-role\/config\.amazonaws\.com\/AWSServiceRoleForConfig$/;

const regionRef = (rc: RegionConfig): Ref => ({ kind: "region", ref: rc.ref, label: `region ${rc.region}`, region: rc.region });

function regionJudgements(rc: RegionConfig, now: Date | undefined, options: RuleOptions): { judgements: Judgement[]; global: boolean | "unknown" } {
  const judgements: Judgement[] = [];
  let global: boolean | "unknown" = false;
  const recorders = rc.recorders;
  if (recorders.kind === "unknown") {
    return { judgements: [undecided(recorders.why)], global: "unknown" };
  }
  const list = recorders.kind === "known" ? recorders.value : [];
  if (list.length === 0) {
    const linked = rc.serviceLinkedRecorders.kind === "known" ? rc.serviceLinkedRecorders.value : [];
    const notes: Note[] = linked.length > 0
      ? [{ basis: "securityHub", text: `only the service-linked recorder ${linked.join(", ")} records here; Security Hub Config.1 passes it, CIS asks for a customer-managed recorder of all resource types` }]
      : [];
    judgements.push({ kind: "gap", gap: { code: "config.recorder.missing", problem: "no configuration recorder" }, notes });
  }
  for (const r of list) {
    judgements.push(
      expect(r.allSupported, (v) => v, "config.recorder.partial", "the recorder does not record all supported resource types"),
      expect(r.recording, (v) => v, "config.recorder.stopped", "the recorder is not recording"),
      lastStatus(r.lastStatus, now),
    );
    if (r.includeGlobal.kind === "known" && r.includeGlobal.value) {
      global = true;
      if (!GLOBAL_RESOURCE_TYPE_REGIONS.includes(rc.region)) {
        judgements.push(gap("config.global.ineligibleRegion", `the recorder includes the global IAM types, which AWS Config cannot record in ${rc.region} (a region it reached after February 2022)`));
      }
    } else if (r.includeGlobal.kind === "unknown") {
      global = "unknown";
    }
    if (r.roleArn.kind === "known" && !SERVICE_LINKED_ROLE.test(r.roleArn.value)) {
      const problem = `the recorder uses ${r.roleArn.value}, not AWSServiceRoleForConfig: Security Hub Config.1 fails it unless its includeConfigServiceLinkedRoleCheck parameter is false`;
      judgements.push(options.strict.includes("securityHub") ? gap("config.role.notServiceLinked", problem) : ok([{ basis: "securityHub", text: problem }]));
    }
  }
  const channels = rc.channels;
  if (channels.kind === "unknown") {
    judgements.push(undecided(channels.why));
  } else if (channels.kind === "known") {
    if (channels.value.length === 0) {
      judgements.push(gap("config.channel.missing", "no delivery channel"));
    }
    for (const c of channels.value) {
      judgements.push(
        expect(c.s3Bucket, (v) => v !== null && v !== "", "config.channel.noBucket", "the delivery channel has no S3 bucket"),
        expect(c.snsTopic, (v) => v !== null && v !== "", "config.channel.noTopic", "the delivery channel has no SNS topic (stricter than Security Hub and Prowler; CIS 1.2.0 sets one up)"),
        expect(c.failedDeliveries, (v) => v.length === 0, "config.channel.deliveryFailed", (v) => `deliveries fail: ${v.join("; ")}`),
      );
    }
  }
  return { judgements, global };
}

function lastStatus(fact: Recorder["lastStatus"], now: Date | undefined): Judgement {
  if (fact.kind === "unknown") {
    return undecided(fact.why);
  }
  if (fact.kind !== "known" || fact.value === null) {
    return ok();
  }
  const { status, since } = fact.value;
  if (status === "Failure") {
    return gap("config.recorder.failing", "the recorder's last status is Failure");
  }
  if (status === "Pending" && since && now && now.getTime() - since.getTime() > DAY_MS) {
    return gap("config.recorder.failing", `the recorder has been Pending since ${since.toISOString()}`);
  }
  if (status === "Pending" || status === "NotApplicable") {
    return undecided(`the recorder's last status is ${status}: it has not recorded yet`);
  }
  return ok();
}

export const configEnabledAllRegions: Rule = {
  policy: "config-enabled-all-regions",
  evaluate(state, options) {
    if (state.scope.regions.length === 0) {
      // Nothing regional in scope (a stack of IAM resources only): no region to record, and the global IAM types
      // are recorded by some region's recorder, so there is nothing to ask of this scope either.
      return [setAside(this.policy, accountRef(state), "notApplicable", "no region is in scope")];
    }
    const delegated = state.organization?.configStackSets.find((s) => s.callAs.kind === "known" && s.callAs.value === "DELEGATED_ADMIN");
    if (delegated) {
      return [setAside(this.policy, accountRef(state), "notApplicable",
        `the stack runs in a delegated administrator: its account records through the StackSet ${delegated.name} (organization-config-stackset-enabled), and the management account's recorders are not this stack's`)];
    }
    const verdicts: Verdict[] = [];
    const globalRegions: { region: string; status: Verdict["status"] }[] = [];
    let globalUndecided = false;
    for (const region of state.scope.regions) {
      const rc = state.config.get(region) ?? {
        region, ref: `config:${region}`, recorders: { kind: "known", value: [] }, serviceLinkedRecorders: { kind: "known", value: [] }, channels: { kind: "known", value: [] },
      } satisfies RegionConfig;
      const { judgements, global } = regionJudgements(rc, state.now, options);
      const verdict = verdictOf(this.policy, regionRef(rc), judgements);
      verdicts.push(verdict);
      if (global === true) {
        globalRegions.push({ region, status: verdict.status });
      } else if (global === "unknown") {
        globalUndecided = true;
      }
    }
    const working = globalRegions.filter((g) => g.status === "pass");
    const account = accountRef(state);
    if (working.length > 0) {
      verdicts.push(verdictOf(this.policy, account, [ok()]));
    } else if (globalUndecided || globalRegions.some((g) => g.status === "unknown")) {
      verdicts.push(verdictOf(this.policy, account, [undecided("which region records the global IAM resource types is not known")]));
    } else {
      const broken = globalRegions.map((g) => g.region);
      verdicts.push(verdictOf(this.policy, account, [gap("config.global.none", broken.length > 0
        ? `the global IAM resource types are recorded only in ${broken.join(", ")}, whose recorder is not working`
        : "no region records the global IAM resource types")]));
    }
    return verdicts;
  },
};
