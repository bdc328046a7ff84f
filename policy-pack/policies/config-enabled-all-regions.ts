/**
 * CIS 1.2.0 2.5 / 1.4.0 3.5 / 3.0.0-5.0.0 3.3 / 6.0.0-7.0.0 4.3 (Security Hub Config.1): AWS Config records in every
 * region the stack covers, and some region that can record them records the global IAM resource types.
 *
 * A stack policy (outputs). "The regions the stack covers" are the regions of its explicit aws providers
 * (`pulumi:providers:aws`, props.region) and of its regional AWS resources (the `region` output aws v7 gives every
 * regional resource, else their provider's region). A region the stack does not touch is outside what a preview of
 * this stack can change; the audit (audit/) checks the account's enabled regions.
 * Per covered region:
 * - an aws.cfg.Recorder with recordingGroup.allSupported true;
 * - an aws.cfg.RecorderStatus of that recorder (same region and name) with isEnabled true;
 * - an aws.cfg.DeliveryChannel with s3BucketName and snsTopicArn.
 * Global resource types (IAM users, groups, roles, policies), across regions:
 * - at least one recorder of the stack, in a region that can record them, has recordingGroup.includeGlobalResourceTypes
 *   true. Several are no violation: recording them in every eligible region (`awsConfig.globalResourceTypesRegion:
 *   all-eligible`) is what Security Hub Config.1 needs without cross-region aggregation, at the cost of one
 *   configuration item per IAM change per region;
 * - no recorder has it true in a region where AWS Config cannot record them: "These resource types cannot be recorded
 *   in Regions supported by AWS Config after February 2022" (AWS Config DG, "Recording global resources",
 *   https://docs.aws.amazon.com/config/latest/developerguide/select-resources.html#select-resources-all). Such a
 *   flag records nothing there and would pass for IAM coverage that does not exist. The eligible regions are
 *   GLOBAL_RESOURCE_TYPE_REGIONS (../awsFacts.ts), the list the program (config.ts, program.ts) picks them from.
 * A missing piece is reported against the region's explicit provider when there is one (exempt a region by exempting
 * that provider, type `pulumi:providers:aws` and its name), else against the stack.
 * Unknown in preview: unknown settings or regions give advisory "cannot verify" notes, never violations.
 */
import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { canRecordGlobalResourceTypes, globalResourceTypesRule } from "../awsFacts";
import { Findings, Subject, flag, isSetOrUnknown, known, ofType, policyMetadata, readConfig, regionOf, stringProp, subjectOf, types } from "./common";

const name = "config-enabled-all-regions";

/** The regions of the stack's explicit aws providers and regional AWS resources, sorted. */
export function coveredRegions(resources: readonly PolicyResource[]): string[] {
  const regions = new Set<string>();
  for (const resource of resources) {
    if (resource.type === types.provider || resource.type.startsWith("aws:")) {
      const region = resource.type === types.provider ? stringProp(resource, "region") : { known: true as const, value: regionOf(resource) };
      if (region.known && region.value) {
        regions.add(region.value);
      }
    }
  }
  return [...regions].sort();
}

function nameOf(resource: PolicyResource): string | undefined {
  const value = stringProp(resource, "name");
  if (!value.known) {
    return undefined;
  }
  return value.value ?? "default";
}

/**
 * Global resource types: some recorder in a region that can record them has includeGlobalResourceTypes true (one or
 * several: both are supported configurations), and none has it true in a region that cannot.
 */
function checkGlobalResourceTypes(recorders: readonly PolicyResource[], findings: Findings): void {
  if (recorders.length === 0) {
    // Every covered region already has its "no aws.cfg.Recorder" violation.
    return;
  }
  const settings = recorders.map((recorder) => ({
    recorder,
    region: regionOf(recorder),
    includeGlobal: flag(() => (recorder.props.recordingGroup as { includeGlobalResourceTypes?: unknown } | undefined)?.includeGlobalResourceTypes, false),
  }));
  const recordingEligible = settings.filter(
    (s) => s.includeGlobal.known && s.includeGlobal.value && s.region !== undefined && canRecordGlobalResourceTypes(s.region),
  );
  for (const s of settings) {
    if (s.includeGlobal.known && s.includeGlobal.value && s.region !== undefined && !canRecordGlobalResourceTypes(s.region)) {
      findings.violation(
        subjectOf(s.recorder),
        `the recorder in ${s.region} has includeGlobalResourceTypes true, but AWS Config cannot record the global IAM resource types in ${s.region} ` +
          `("${globalResourceTypesRule.quote}", AWS Config DG ${globalResourceTypesRule.source})`,
        `set recordingGroup.includeGlobalResourceTypes: false in ${s.region}, and true in a region where AWS Config existed before February 2022 ` +
          "(awsConfig.globalResourceTypesRegion: a region of GLOBAL_RESOURCE_TYPE_REGIONS in policy-pack/awsFacts.ts, or all-eligible)",
      );
    }
  }
  if (recordingEligible.length > 0) {
    return;
  }
  // An unknown flag, or a recorder with the flag on whose region is not known yet, may still be the one that records.
  const undecided = settings.filter((s) => !s.includeGlobal.known || (s.includeGlobal.value && s.region === undefined));
  if (undecided.length > 0) {
    findings.unverifiable(undefined, "which region records global resource types", "includeGlobalResourceTypes or the recorder's region is not known yet");
    return;
  }
  findings.violation(
    undefined,
    "no region that can record them records the global resource types (IAM)",
    "set recordingGroup.includeGlobalResourceTypes: true on the aws.cfg.Recorder of the home region, or of another region where AWS Config existed before February 2022",
  );
}

export const configEnabledAllRegions: StackValidationPolicy = {
  ...policyMetadata(name, {
    enforcementLevel: "mandatory",
    severity: "high",
    description:
      "AWS Config must record all supported resource types in every region the stack covers, and the global IAM resource types in at least one region that can record them.",
    remediationSteps:
      "Per region add an aws.cfg.Recorder (recordingGroup.allSupported true; includeGlobalResourceTypes true in one or more regions where AWS Config existed before February 2022, false elsewhere), an aws.cfg.DeliveryChannel with s3BucketName and snsTopicArn, and an aws.cfg.RecorderStatus with isEnabled true.",
  }),
  validateStack: (args, report) => {
    const findings = new Findings(name, readConfig(name, args.getConfig()));
    const regions = coveredRegions(args.resources);
    if (regions.length === 0) {
      args.notApplicable("the stack has no regional AWS resources");
    }
    const recorders = ofType(args.resources, types.recorder);
    const statuses = ofType(args.resources, types.recorderStatus);
    const channels = ofType(args.resources, types.deliveryChannel);
    const providers = ofType(args.resources, types.provider);
    const unplaced = [...recorders, ...statuses, ...channels].filter((r) => regionOf(r) === undefined);

    for (const region of regions) {
      const provider = providers.find((p) => {
        const value = stringProp(p, "region");
        return value.known && value.value === region;
      });
      const regionSubject: Subject | undefined = provider ? subjectOf(provider) : undefined;
      if (regionSubject) {
        findings.check(regionSubject);
      }
      const inRegion = (list: PolicyResource[]) => list.filter((r) => regionOf(r) === region);
      const regionRecorders = inRegion(recorders);
      const regionStatuses = inRegion(statuses);
      const regionChannels = inRegion(channels);

      if (regionRecorders.length === 0) {
        if (unplaced.length > 0) {
          findings.unverifiable(regionSubject, `AWS Config in ${region}`, "some AWS Config resources have no known region yet");
        } else {
          findings.violation(
            regionSubject,
            `AWS Config is not recording in ${region}: no aws.cfg.Recorder`,
            `add an aws.cfg.Recorder (recordingGroup.allSupported: true), an aws.cfg.DeliveryChannel and an aws.cfg.RecorderStatus (isEnabled: true) in ${region}`,
          );
        }
        continue;
      }
      for (const recorder of regionRecorders) {
        const subject = subjectOf(recorder);
        findings.check(subject);
        const allSupported = flag(() => (recorder.props.recordingGroup as { allSupported?: unknown } | undefined)?.allSupported, false);
        if (!allSupported.known) {
          findings.unverifiable(subject, "recordingGroup.allSupported", allSupported.detail);
        } else if (!allSupported.value) {
          findings.violation(subject, `the recorder in ${region} does not record all supported resource types`, "set recordingGroup.allSupported: true");
        }
        const recorderName = nameOf(recorder);
        const status = regionStatuses.filter((s) => {
          const statusName = nameOf(s);
          return recorderName === undefined || statusName === undefined || statusName === recorderName;
        });
        if (status.length === 0) {
          findings.violation(subject, `the recorder in ${region} is never started: no aws.cfg.RecorderStatus for it`, `add an aws.cfg.RecorderStatus {name: the recorder's name, isEnabled: true} in ${region}`);
        }
        for (const s of status) {
          const enabled = flag(() => s.props.isEnabled, false);
          if (!enabled.known) {
            findings.unverifiable(subjectOf(s), "isEnabled", enabled.detail);
          } else if (!enabled.value) {
            findings.violation(subjectOf(s), `the recorder in ${region} is stopped`, "set isEnabled: true");
          }
        }
      }
      if (regionChannels.length === 0) {
        findings.violation(
          subjectOf(regionRecorders[0]),
          `the recorder in ${region} has no delivery channel`,
          `add an aws.cfg.DeliveryChannel with s3BucketName and snsTopicArn in ${region}`,
        );
      }
      for (const channel of regionChannels) {
        const missing = ["s3BucketName", "snsTopicArn"].filter((key) => !isSetOrUnknown(known(() => channel.props[key] as unknown)));
        if (missing.length > 0) {
          findings.violation(subjectOf(channel), `the delivery channel in ${region} has no ${missing.join(" and no ")}`, `set ${missing.join(" and ")}`);
        }
      }
    }

    checkGlobalResourceTypes(recorders, findings);
    findings.flush(report, args.resources);
  },
};
