/**
 * CIS 2.5 / 3.5 / 3.3 / 4.3: AWS Config in every audited region. Per region: a customer-managed recorder
 * that is recording, records all supported resource types and whose last status is not Failure; a delivery
 * channel with an S3 bucket and an SNS topic whose last deliveries did not fail. Account-wide: global
 * resource types (IAM) recorded in at least one region.
 */
import type { ConfigurationRecorder, DeliveryChannelStatus } from "@aws-sdk/client-config-service";
import type { Check } from "../data";
import { ApiFailure, Finding, describeFailure } from "../types";
import { GLOBAL, accountResource } from "./common";

const policy = "config-enabled-all-regions";

function failed(status: string | undefined): boolean {
  return (status ?? "").toLowerCase() === "failure";
}

function channelFailures(s: DeliveryChannelStatus | undefined): string[] {
  if (!s) {
    return [];
  }
  const out: string[] = [];
  for (const [what, info] of [
    ["configuration history", s.configHistoryDeliveryInfo],
    ["configuration snapshot", s.configSnapshotDeliveryInfo],
  ] as const) {
    if (failed(info?.lastStatus)) {
      out.push(`last ${what} delivery failed (${info?.lastErrorCode ?? "no error code"})`);
    }
  }
  if (failed(s.configStreamDeliveryInfo?.lastStatus)) {
    out.push(`last SNS notification failed (${s.configStreamDeliveryInfo?.lastErrorCode ?? "no error code"})`);
  }
  return out;
}

function recordsGlobal(r: ConfigurationRecorder): boolean {
  return r.recordingGroup?.allSupported === true && r.recordingGroup.includeGlobalResourceTypes === true;
}

export const configEnabledAllRegions: Check = {
  policy,
  needs: ["config"],
  evaluate(data) {
    const findings: Finding[] = [];
    const regionsWithGlobal: string[] = [];
    const unknown: ApiFailure[] = [];
    for (const rd of data.regional) {
      const cfg = rd.config;
      if (!cfg) {
        throw new Error(`config facts were not collected for ${rd.region}`);
      }
      const resource = `config:${rd.region}`;
      const reasons: string[] = [];
      const failures: ApiFailure[] = [];
      let recording = false;
      let recorder: ConfigurationRecorder | undefined;
      if (!cfg.recorders.ok) {
        failures.push(cfg.recorders.error);
      } else {
        // Service-linked recorders (servicePrincipal set) record for one service only; CIS means the customer one.
        recorder = cfg.recorders.value.find((r) => !r.servicePrincipal);
        if (!recorder) {
          reasons.push("no configuration recorder");
        } else if (recorder.recordingGroup?.allSupported !== true) {
          reasons.push(`recorder ${recorder.name} does not record all supported resource types`);
        }
      }
      if (recorder) {
        if (!cfg.recorderStatus.ok) {
          failures.push(cfg.recorderStatus.error);
        } else {
          const status = cfg.recorderStatus.value.find((s) => s.name === recorder?.name);
          if (!status?.recording) {
            reasons.push(`recorder ${recorder.name} is not recording`);
          } else if (failed(status.lastStatus)) {
            reasons.push(`recorder ${recorder.name} last status is Failure (${status.lastErrorCode ?? "no error code"})`);
          } else {
            recording = true;
          }
        }
      }
      if (!cfg.channels.ok) {
        failures.push(cfg.channels.error);
      } else if (cfg.channels.value.length === 0) {
        reasons.push("no delivery channel");
      } else {
        for (const ch of cfg.channels.value) {
          if (!ch.s3BucketName) {
            reasons.push(`delivery channel ${ch.name} has no S3 bucket`);
          }
          if (!ch.snsTopicARN) {
            reasons.push(`delivery channel ${ch.name} has no SNS topic`);
          }
        }
        if (!cfg.channelStatus.ok) {
          failures.push(cfg.channelStatus.error);
        } else {
          for (const ch of cfg.channels.value) {
            reasons.push(...channelFailures(cfg.channelStatus.value.find((s) => s.name === ch.name)).map((r) => `delivery channel ${ch.name}: ${r}`));
          }
        }
      }
      if (recording && recorder && recordsGlobal(recorder) && reasons.length === 0 && failures.length === 0) {
        regionsWithGlobal.push(rd.region);
      }
      unknown.push(...failures);
      if (reasons.length > 0) {
        const also = failures.length > 0 ? `; also could not read: ${failures.map(describeFailure).join("; ")}` : "";
        findings.push({ policy, status: "fail", region: rd.region, resource, message: `AWS Config: ${reasons.join("; ")}${also}` });
      } else if (failures.length > 0) {
        findings.push({ policy, status: "error", region: rd.region, resource, message: `could not be judged: ${failures.map(describeFailure).join("; ")}` });
      } else {
        const ch = cfg.channels.ok ? cfg.channels.value[0] : undefined;
        findings.push({
          policy,
          status: "pass",
          region: rd.region,
          resource,
          message: `recorder ${recorder?.name} records all supported resource types${recorder && recordsGlobal(recorder) ? " including global types" : ""}; delivery to s3://${ch?.s3BucketName} and ${ch?.snsTopicARN}`,
        });
      }
    }
    const base = { policy, region: GLOBAL, resource: accountResource(data) } as const;
    if (regionsWithGlobal.length > 0) {
      findings.push({ ...base, status: "pass", message: `global resource types (IAM) are recorded in ${regionsWithGlobal.join(", ")}` });
    } else if (unknown.length > 0) {
      findings.push({ ...base, status: "error", message: `no region was shown to record global resource types; could not be judged: ${unknown.map(describeFailure).join("; ")}` });
    } else {
      findings.push({ ...base, status: "fail", message: "no audited region has a working recorder with includeGlobalResourceTypes (IAM is not recorded anywhere)" });
    }
    return findings;
  },
};
