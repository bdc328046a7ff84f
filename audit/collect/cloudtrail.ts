/**
 * CloudTrail facts. Trails are listed with DescribeTrails(includeShadowTrails) in every audited region, so a
 * multi-region trail is seen from each region and a single-region trail from its own; the audit de-duplicates
 * them by ARN. Status and event selectors are read in the trail's HomeRegion: GetEventSelectors answers
 * TrailNotFoundException elsewhere.
 */
import {
  AdvancedEventSelector,
  CloudTrailClient,
  DescribeTrailsCommand,
  EventSelector,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
} from "@aws-sdk/client-cloudtrail";

export interface TrailSummary {
  readonly arn: string;
  readonly name: string;
  readonly homeRegion: string;
  readonly isMultiRegion: boolean;
  readonly includeGlobalServiceEvents: boolean;
  readonly isOrganizationTrail: boolean;
  readonly logFileValidation: boolean;
  readonly kmsKeyId?: string;
  readonly cloudWatchLogsGroupArn?: string;
  readonly cloudWatchLogsRoleArn?: string;
  readonly s3BucketName?: string;
}

export interface TrailStatus {
  readonly isLogging: boolean;
  /** When logging last started: a trail that never delivered to CloudWatch Logs is pending for 24 hours after it. */
  readonly startLoggingTime?: Date;
  readonly latestCloudWatchLogsDeliveryTime?: Date;
  readonly latestCloudWatchLogsDeliveryError?: string;
}

export interface TrailSelectors {
  /** Classic event selectors, exactly as GetEventSelectors answered. */
  readonly classic: readonly EventSelector[];
  /** Advanced event selectors, exactly as GetEventSelectors answered. */
  readonly advanced: readonly AdvancedEventSelector[];
}

/** Trails visible from one region (its own and the shadows of multi-region trails). */
export async function listTrails(client: CloudTrailClient, region: string): Promise<TrailSummary[]> {
  const answer = await client.send(new DescribeTrailsCommand({ includeShadowTrails: true }));
  const trails: TrailSummary[] = [];
  for (const t of answer.trailList ?? []) {
    if (!t.TrailARN || !t.Name) {
      throw new Error(`DescribeTrails in ${region} returned a trail without TrailARN or Name`);
    }
    trails.push({
      arn: t.TrailARN,
      name: t.Name,
      homeRegion: t.HomeRegion ?? region,
      isMultiRegion: t.IsMultiRegionTrail === true,
      includeGlobalServiceEvents: t.IncludeGlobalServiceEvents === true,
      isOrganizationTrail: t.IsOrganizationTrail === true,
      logFileValidation: t.LogFileValidationEnabled === true,
      ...(t.KmsKeyId ? { kmsKeyId: t.KmsKeyId } : {}),
      ...(t.CloudWatchLogsLogGroupArn ? { cloudWatchLogsGroupArn: t.CloudWatchLogsLogGroupArn } : {}),
      ...(t.CloudWatchLogsRoleArn ? { cloudWatchLogsRoleArn: t.CloudWatchLogsRoleArn } : {}),
      ...(t.S3BucketName ? { s3BucketName: t.S3BucketName } : {}),
    });
  }
  return trails;
}

/** GetTrailStatus by ARN, to be called with a client in the trail's home region. */
export async function getTrailStatus(client: CloudTrailClient, arn: string): Promise<TrailStatus> {
  const s = await client.send(new GetTrailStatusCommand({ Name: arn }));
  if (typeof s.IsLogging !== "boolean") {
    throw new Error(`GetTrailStatus for ${arn} returned no IsLogging`);
  }
  return {
    isLogging: s.IsLogging,
    ...(s.StartLoggingTime ? { startLoggingTime: s.StartLoggingTime } : {}),
    ...(s.LatestCloudWatchLogsDeliveryTime ? { latestCloudWatchLogsDeliveryTime: s.LatestCloudWatchLogsDeliveryTime } : {}),
    ...(s.LatestCloudWatchLogsDeliveryError ? { latestCloudWatchLogsDeliveryError: s.LatestCloudWatchLogsDeliveryError } : {}),
  };
}

/**
 * GetEventSelectors by ARN, in the home region. Real AWS answers a trail created without selectors with its
 * default selector (all read and write management events); the answer is used exactly as received, so an
 * empty answer means "no selector", not "the default".
 */
export async function getEventSelectors(client: CloudTrailClient, arn: string): Promise<TrailSelectors> {
  const s = await client.send(new GetEventSelectorsCommand({ TrailName: arn }));
  return { classic: s.EventSelectors ?? [], advanced: s.AdvancedEventSelectors ?? [] };
}
