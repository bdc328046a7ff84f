/**
 * Facts about AWS that both the Pulumi program and the policy pack rely on. They live here, inside policy-pack/,
 * because the Pulumi CLI installs and runs the pack from this directory on its own package.json: a policy must not
 * import anything outside it. The program (config.ts) and the audit import them from here, so the program and the
 * policy that judges its output cannot disagree.
 */

/** A statement of the AWS documentation that a policy quotes in its messages, with the page it is from. */
export interface AwsRule {
  readonly quote: string;
  readonly source: string;
}

/**
 * AWS Config DG, "Recording global resources"
 * (https://docs.aws.amazon.com/config/latest/developerguide/select-resources.html#select-resources-all): the global
 * IAM resource types (AWS::IAM::User, Group, Role, Policy) are recorded only in regions where AWS Config existed
 * before February 2022.
 */
export const globalResourceTypesRule: AwsRule = {
  quote: "These resource types cannot be recorded in Regions supported by AWS Config after February 2022",
  source: "https://docs.aws.amazon.com/config/latest/developerguide/select-resources.html#select-resources-all",
};

/**
 * Regions where AWS Config can record the global IAM resource types: those where AWS Config was available before
 * February 2022 (globalResourceTypesRule). An allow-list, so a region launched after this list was written counts
 * as unable until it is added here.
 */
export const GLOBAL_RESOURCE_TYPE_REGIONS: readonly string[] = [
  "af-south-1", "ap-east-1", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-southeast-1",
  "ap-southeast-2", "ap-southeast-3", "ca-central-1", "eu-central-1", "eu-north-1", "eu-south-1", "eu-west-1",
  "eu-west-2", "eu-west-3", "me-south-1", "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2",
  "us-gov-east-1", "us-gov-west-1",
];

/** Whether AWS Config can record the global IAM resource types in `region` (GLOBAL_RESOURCE_TYPE_REGIONS). */
export function canRecordGlobalResourceTypes(region: string): boolean {
  return GLOBAL_RESOURCE_TYPE_REGIONS.includes(region);
}

/**
 * VPC UG, "Responsibilities and permissions for owners and participants"
 * (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-share-limitations.html): an account that a VPC is shared into
 * through AWS RAM (a participant) cannot give it a flow log; only the owner can.
 */
export const sharedVpcFlowLogRule: AwsRule = {
  quote: "Participants cannot create, delete, or describe flow logs for a shared VPC subnet",
  source: "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-share-limitations.html",
};
