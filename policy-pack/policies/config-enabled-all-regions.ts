/**
 * CIS 1.2.0 2.5 / 1.4.0 3.5 / 3.0.0-5.0.0 3.3 / 6.0.0-7.0.0 4.3 (Security Hub Config.1): AWS Config records in every
 * region the stack covers, with global resource types recorded in exactly one region.
 *
 * A stack policy (outputs). "The regions the stack covers" are the regions of its explicit aws providers
 * (`pulumi:providers:aws`, props.region) and of its regional AWS resources (the `region` output aws v7 gives every
 * regional resource, else their provider's region). A region the stack does not touch is outside what a preview of
 * this stack can change; the audit (audit/) checks the account's enabled regions.
 * Per covered region:
 * - an aws.cfg.Recorder with recordingGroup.allSupported true;
 * - an aws.cfg.RecorderStatus of that recorder (same region and name) with isEnabled true;
 * - an aws.cfg.DeliveryChannel with s3BucketName and snsTopicArn.
 * Across regions, exactly one recorder has recordingGroup.includeGlobalResourceTypes true (IAM is global; recording
 * it in every region duplicates every configuration item, and regions launched after February 2022 cannot).
 * A missing piece is reported against the region's explicit provider when there is one (exempt a region by exempting
 * that provider, type `pulumi:providers:aws` and its name), else against the stack.
 * Unknown in preview: unknown settings or regions give advisory "cannot verify" notes, never violations.
 */
import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
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

export const configEnabledAllRegions: StackValidationPolicy = {
  ...policyMetadata(name, {
    enforcementLevel: "mandatory",
    severity: "high",
    description:
      "AWS Config must record all supported resource types in every region the stack covers, with global resource types recorded in exactly one region.",
    remediationSteps:
      "Per region add an aws.cfg.Recorder (recordingGroup.allSupported true; includeGlobalResourceTypes true in the home region only), an aws.cfg.DeliveryChannel with s3BucketName and snsTopicArn, and an aws.cfg.RecorderStatus with isEnabled true.",
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

    // Global resource types: exactly one recorder of the stack.
    const global = recorders.map((recorder) => ({
      recorder,
      value: flag(() => (recorder.props.recordingGroup as { includeGlobalResourceTypes?: unknown } | undefined)?.includeGlobalResourceTypes, false),
    }));
    const undecided = global.filter((g) => !g.value.known);
    const recording = global.filter((g) => g.value.known && g.value.value);
    if (recording.length > 1) {
      const where = recording.map((g) => regionOf(g.recorder) ?? "unknown region").join(", ");
      for (const g of recording) {
        findings.violation(
          subjectOf(g.recorder),
          `global resource types are recorded in ${recording.length} regions (${where}), not exactly one`,
          "set recordingGroup.includeGlobalResourceTypes: true in the home region only",
        );
      }
    } else if (recording.length === 0 && recorders.length > 0) {
      if (undecided.length > 0) {
        findings.unverifiable(undefined, "which region records global resource types", "includeGlobalResourceTypes is not known yet");
      } else {
        findings.violation(undefined, "no region records global resource types (IAM)", "set recordingGroup.includeGlobalResourceTypes: true on the home region's aws.cfg.Recorder");
      }
    }
    findings.flush(report, args.resources);
  },
};
