/**
 * CIS 1.2.0 2.6 / 1.4.0 3.6 / 3.0.0-5.0.0 3.4 / 6.0.0-7.0.0 4.4 (Security Hub CloudTrail.7): the bucket a trail
 * delivers to has S3 server access logging into another bucket, so reads and deletions of the audit log are logged.
 *
 * A stack policy (outputs) linking three resources: the trail (s3BucketName), the aws.s3.Bucket with that name, and
 * an aws.s3.BucketLogging whose `bucket` is that bucket and whose `targetBucket` is a different one. The links use
 * the values, or the engine's property dependencies when a value is unknown in preview. A trail bucket that is not
 * in the stack is reported as "cannot verify" (advisory): the audit (audit/) checks it in the account.
 * The access-log bucket itself is not a trail bucket, so it needs no exemption here; exempt a trail bucket by
 * type and name (aws:s3/bucket:Bucket) or URN.
 */
import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import {
  Findings,
  Subject,
  bucketKeys,
  checkTrailBuckets,
  known,
  linkOf,
  ofType,
  policyMetadata,
  readConfig,
  stringProp,
  subjectOf,
  types,
} from "./common";

const name = "cloudtrail-bucket-access-logging-enabled";

const selfLogging = {
  problem: "its access logs are delivered into the bucket itself",
  fix: "set targetBucket of the aws.s3.BucketLogging to a separate access-log bucket",
};

/** Checks one trail bucket: some BucketLogging (or the deprecated inline `logging`) sends its logs elsewhere. */
function checkBucket(bucket: PolicyResource, resources: readonly PolicyResource[], findings: Findings): void {
  const subject: Subject = subjectOf(bucket);
  findings.check(subject);
  const loggings = ofType(resources, types.bucketLogging, types.bucketLoggingV2);
  const forBucket = loggings.filter((l) => linkOf(l, "bucket", bucket, bucketKeys) === "yes");
  const undecidedLoggings = loggings.filter((l) => linkOf(l, "bucket", bucket, bucketKeys) === "unknown");
  let valid = false;
  let selfTargeted = false;
  let undecidedTarget = false;
  for (const logging of forBucket) {
    const target = stringProp(logging, "targetBucket");
    if (target.known && target.value === undefined) {
      continue;
    }
    const self = linkOf(logging, "targetBucket", bucket, bucketKeys);
    if (self === "yes") {
      selfTargeted = true;
    } else if (self === "unknown" && target.known) {
      undecidedTarget = true;
    } else {
      // A known other bucket, or an unknown value computed from another resource (the access-log bucket created
      // in the same update): both deliver elsewhere.
      valid = true;
    }
  }
  const inline = known(() => {
    const logging = bucket.props.logging as { targetBucket?: unknown } | undefined;
    return typeof logging?.targetBucket === "string" && logging.targetBucket.length > 0 ? logging.targetBucket : undefined;
  });
  if (inline.known && inline.value !== undefined) {
    const self = bucketKeys.some((key) => {
      const own = stringProp(bucket, key);
      return own.known && own.value === inline.value;
    });
    if (self) {
      selfTargeted = true;
    } else {
      valid = true;
    }
  }
  if (valid) {
    return;
  }
  if (selfTargeted) {
    findings.violation(subject, selfLogging.problem, selfLogging.fix);
  } else if (undecidedLoggings.length > 0 || undecidedTarget || !inline.known) {
    findings.unverifiable(subject, "which aws.s3.BucketLogging belongs to this trail bucket", "bucket names are not known yet");
  } else {
    findings.violation(
      subject,
      "the trail bucket has no server access logging",
      "add an aws.s3.BucketLogging with bucket set to this bucket and targetBucket set to a separate access-log bucket",
    );
  }
}

export const cloudtrailBucketAccessLoggingEnabled: StackValidationPolicy = {
  ...policyMetadata(name, {
    enforcementLevel: "mandatory",
    severity: "medium",
    description: "The S3 bucket a CloudTrail trail delivers to must have server access logging into another bucket.",
    remediationSteps:
      "Add an aws.s3.BucketLogging {bucket: <trail bucket>, targetBucket: <separate access-log bucket>, targetPrefix} for the trail bucket.",
  }),
  validateStack: (args, report) => {
    const findings = new Findings(name, readConfig(name, args.getConfig()));
    const trails = ofType(args.resources, types.trail);
    if (trails.length === 0) {
      args.notApplicable("the stack has no CloudTrail trail");
    }
    checkTrailBuckets(args.resources, findings, "server access logging of the trail bucket", (bucket) => checkBucket(bucket, args.resources, findings));
    findings.flush(report, args.resources);
  },
};
