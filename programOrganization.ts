/**
 * The program in organization mode (config `mode: organization`, README "Organization"): run from the management account
 * or a delegated administrator, it drives AWS's organization-wide mechanisms instead of multiplying its own resources per
 * account. Nothing here is per member account: the resource count depends on the covered regions only
 * (test/organization/scale.spec.ts).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { BaselineConfig } from "./config";
import { ConfigServiceRole } from "./components/configRole";
import { configTemplate } from "./components/configTemplate";
import { StackIdentity, baselineRolePath, configTopicName } from "./components/naming";
import type { OrganizationContext } from "./components/policyDocuments";
import { OrganizationRecorders, StackSetCaller } from "./components/organizationRecorders";
import { OrganizationRules } from "./components/organizationRules";
import { OrganizationTelemetry } from "./components/organizationTelemetry";
import { OrganizationTrail } from "./components/organizationTrail";
import { AccountContext, RegionPlacement } from "./components/placement";
import { RegionalConfig } from "./components/regionalConfig";
import { discoverAccount } from "./discovery";
import { accountsWithoutRecorder, controlTowerInUse, discoverOrganization, preflightOrganization } from "./organizationDiscovery";
import { ProgramOptions, globalResourceTypeRegions, preflight, resolveRegions } from "./program";

export interface OrganizationOutputs {
  readonly mode: "organization";
  readonly organizationId: string;
  readonly managementAccountId: string;
  readonly logArchiveAccountId: string;
  /** SELF (management account) or DELEGATED_ADMIN. */
  readonly callAs: StackSetCaller;
  readonly trailArn: pulumi.Output<string>;
  readonly trailBucketName: pulumi.Output<string>;
  readonly accessLogBucketName: pulumi.Output<string>;
  readonly kmsKeyArn: pulumi.Output<string>;
  readonly trailLogGroupName: pulumi.Output<string>;
  readonly homeRegion: string;
  readonly regions: string[];
  readonly stackSetName: pulumi.Output<string>;
  readonly stackSetRegions: string[];
  readonly stackSetTargets: string[];
  readonly excludedAccounts: string[];
  /** Accounts the organization rules exclude: no recorder from this stack (organizationDiscovery.ts accountsWithoutRecorder). */
  readonly ruleExcludedAccounts: string[];
  readonly aggregatorName: pulumi.Output<string>;
  readonly organizationRuleNames: Record<string, string[]>;
  readonly telemetryRuleName: pulumi.Output<string>;
  /** Regions where this stack created the management account's own recorder (none under a delegated administrator). */
  readonly managementRecorderRegions: string[];
  readonly rolePath: string;
  /** What the plan and the operator should know: limits of what the stack could detect or do. */
  readonly notes: string[];
}

const engineStack = (): StackIdentity => ({ organization: pulumi.getOrganization(), project: pulumi.getProject(), stack: pulumi.getStack() });

export async function mainOrganization(config: BaselineConfig, options: ProgramOptions = {}): Promise<OrganizationOutputs> {
  const settings = config.organization;
  if (config.mode !== "organization" || !settings) {
    throw new Error("mainOrganization needs cis-logging-baseline:mode organization and its organization settings");
  }
  const home = config.homeRegion;
  const shared = config.providerMode === "shared";
  const providers = new Map<string, aws.Provider>();
  const placementFor = (region: string): RegionPlacement => {
    const providerName = shared ? "aws-shared" : `aws-${region}`;
    let provider = providers.get(providerName);
    if (!provider) {
      provider = new aws.Provider(providerName, { region: shared ? home : region });
      providers.set(providerName, provider);
    }
    return new RegionPlacement(region, provider, shared, shared ? home : region);
  };
  const homePlacement = placementFor(home);

  // One round of invokes: the stack's account and its regions, and the organization (one call, any number of accounts).
  const facts = await discoverAccount({ provider: homePlacement.provider });
  const org = await discoverOrganization({ provider: homePlacement.provider }, facts.accountId);
  // `regions: all` in organization mode means the regions every account has: the default-enabled ones. An opt-in region
  // enabled in this account may be disabled in members, and a stack instance fails there ("The target account must
  // reside in a Region that's currently enabled for that target account", CloudFormation UG "Prerequisites for stack set
  // operations", https://docs.amazonaws.cn/en_us/AWSCloudFormation/latest/UserGuide/stacksets-prereqs.html), which with
  // failureToleranceCount 0 fails the whole `pulumi up`. Opt-in regions are covered when listed explicitly (README); the
  // home region always is (the trail, the StackSet and the home-region rules live there).
  const leftOptIn = config.regions === "all" ? resolveRegions(config, facts.enabledRegions).filter((r) => facts.optInRegions.includes(r) && r !== home) : [];
  const regions = resolveRegions(config, facts.enabledRegions).filter((r) => !leftOptIn.includes(r));
  const rolePath = baselineRolePath(options.stack ?? engineStack());
  preflight(config, facts, rolePath);
  preflightOrganization(settings, org);

  const o: OrganizationContext = {
    partition: facts.partition, dnsSuffix: facts.dnsSuffix, homeRegion: home, organizationId: org.organizationId,
    managementAccountId: org.managementAccountId, logArchiveAccountId: settings.logArchiveAccountId,
  };
  const account: AccountContext = { accountId: facts.accountId, partition: facts.partition, dnsSuffix: facts.dnsSuffix, homeRegion: home };
  const placements = regions.map((region) => placementFor(region));

  // The log-archive account through an explicit provider that assumes the configured role there.
  const logArchive = settings.logArchiveAccountId === facts.accountId
    ? homePlacement
    : new RegionPlacement(home, new aws.Provider("aws-log-archive", {
      region: home,
      assumeRoles: [{ roleArn: `arn:${facts.partition}:iam::${settings.logArchiveAccountId}:role/${settings.logArchiveRoleName}`, sessionName: "cis-logging-baseline" }],
    }), false);

  const trail = new OrganizationTrail("organization", {
    placement: homePlacement, logArchive, organization: o, stackAccountId: facts.accountId, trailName: config.cloudTrail.name,
    s3DataEvents: config.cloudTrail.s3DataEvents, trailLogRetentionInDays: config.cloudTrail.logRetentionInDays, rolePath,
  });

  const callAs: StackSetCaller = org.callerIsManagement ? "SELF" : "DELEGATED_ADMIN";
  const templateBody = pulumi.all([trail.trailBucket.bucket.bucket, trail.trailBucket.bucket.arn, trail.key.arn])
    .apply(([bucketName, bucketArn, kmsKeyArn]) => JSON.stringify(configTemplate({
      partition: facts.partition, dnsSuffix: facts.dnsSuffix, trailName: config.cloudTrail.name, bucketName, bucketArn, kmsKeyArn,
      recordingFrequency: config.awsConfig.recordingFrequency, regions, globalResourceTypesRegion: config.awsConfig.globalResourceTypesRegion, rolePath,
    })));
  const targets = settings.stackSetTargets === "root" ? [...org.rootIds] : [...settings.stackSetTargets];
  const recorders = new OrganizationRecorders("organization-recorders", {
    placement: homePlacement, callAs, templateBody, regions, targets, excludeAccounts: settings.excludeAccounts,
    retainStacksOnAccountRemoval: settings.retainStacksOnAccountRemoval, ready: [trail.trailBucket.ready, trail.key],
  });

  const notes: string[] = [];
  if (leftOptIn.length > 0) {
    notes.push(
      `regions: all covers the default-enabled regions only in organization mode; left out, as opt-in regions members may not have enabled: ` +
      `${leftOptIn.join(", ")}. List them in cis-logging-baseline:regions once every targeted account has enabled them.`,
    );
  }
  // StackSets skip the management account: its recorders come from RegionalConfig, as in single-account mode.
  const configReady: pulumi.Resource[] = [...recorders.instances];
  const managementRecorderRegions: string[] = [];
  if (org.callerIsManagement) {
    const configRole = new ConfigServiceRole("config-role", {
      placement: homePlacement, account, mode: config.awsConfig.role, existingServiceLinkedRoleArn: facts.configServiceLinkedRoleArn,
      propagationDelayMs: options.iamPropagationDelayMs ?? 15_000, rolePath,
      bucketArn: trail.trailBucket.bucket.arn, kmsKeyArn: trail.key.arn, topicName: configTopicName(config.cloudTrail.name),
    });
    const recordsGlobal = globalResourceTypeRegions(config, regions);
    for (const placement of placements) {
      const regional = new RegionalConfig(`config-${placement.region}`, {
        placement, account, roleArn: configRole.roleArn, roleReady: configRole.ready,
        bucketName: trail.trailBucket.bucket.bucket, bucketReady: trail.trailBucket.ready, kmsKeyArn: trail.key.arn,
        topicName: configTopicName(config.cloudTrail.name), recordingFrequency: config.awsConfig.recordingFrequency,
        includeGlobalResourceTypes: recordsGlobal.includes(placement.region), adopt: config.awsConfig.adopt[placement.region],
      });
      configReady.push(regional.recorderStatus);
      managementRecorderRegions.push(placement.region);
    }
  } else {
    notes.push(
      `This stack runs in delegated administrator ${facts.accountId}, which the StackSet covers like any member; the management ` +
      `account ${org.managementAccountId} gets no recorder from it (StackSets skip the management account, and this stack cannot ` +
      "act there): deploy a single-account stack of this program in the management account for its recorders.",
      `The organization trail's CloudWatch Logs group, its key and CloudTrail's role are created in delegated administrator ${facts.accountId}; ` +
      "AWS does not document whether an organization trail (owned by the management account) delivers to a log group of a delegated " +
      "administrator: check the group receives events after the first deployment (README \"Organization\").",
    );
  }
  if (settings.excludeAccounts.length > 0) {
    notes.push(
      `Left alone by the StackSet (declared in organization.excludeAccounts, they keep their own recorder): ${settings.excludeAccounts.join(", ")}. ` +
      "The organization rules, the aggregator and the telemetry rule still cover them.",
    );
  }
  if (controlTowerInUse(org)) {
    notes.push(
      "AWS Control Tower has trusted access in this organization: the accounts it enrols have its recorder. The stack detects Control " +
      "Tower, not its accounts: keep organization.excludeAccounts (or stackSetTargets) in step with its enrolment.",
    );
  }

  const ruleExclusions = await accountsWithoutRecorder({ provider: homePlacement.provider }, org, targets);
  if (ruleExclusions.length > 0) {
    notes.push(
      `Excluded from the organization AWS Config rules, as they have no recorder from this stack (the rules would fail to create there): ` +
      `${ruleExclusions.join(", ")}. Accounts that join outside the targets later are excluded from the next \`pulumi up\` on.`,
    );
  }
  const rules = new OrganizationRules("organization-rules", { home: homePlacement, placements, account, rolePath, excludedAccounts: ruleExclusions, configReady });
  const telemetry = new OrganizationTelemetry("organization-telemetry", {
    placement: homePlacement, regions: config.regions === "all" && config.excludeRegions.length === 0 ? "all" : regions,
    trailName: config.cloudTrail.name, trafficType: config.flowLogs.trafficType, retentionInDays: config.flowLogs.retentionInDays,
  });

  return {
    mode: "organization",
    organizationId: org.organizationId,
    managementAccountId: org.managementAccountId,
    logArchiveAccountId: settings.logArchiveAccountId,
    callAs,
    trailArn: trail.trail.arn,
    trailBucketName: trail.trailBucket.bucket.bucket,
    accessLogBucketName: trail.accessLogBucket.bucket.bucket,
    kmsKeyArn: trail.key.arn,
    trailLogGroupName: trail.logGroup.name,
    homeRegion: home,
    regions,
    stackSetName: recorders.stackSet.name,
    stackSetRegions: regions,
    stackSetTargets: targets,
    excludedAccounts: [...settings.excludeAccounts],
    ruleExcludedAccounts: ruleExclusions,
    aggregatorName: rules.aggregator.name,
    organizationRuleNames: rules.ruleNamesByRegion,
    telemetryRuleName: telemetry.rule.ruleName,
    managementRecorderRegions,
    rolePath,
    notes,
  };
}
