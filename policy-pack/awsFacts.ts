/**
 * Facts about AWS that both the program and the policy pack need. The pack installs and runs from policy-pack/ on
 * its own package.json, so they live here and the program imports them.
 */

/**
 * Regions where AWS Config can record the global IAM resource types (AWS::IAM::User, Group, Role, Policy): those
 * where AWS Config was available before February 2022. AWS Config DG, "Recording global resources"
 * (https://docs.aws.amazon.com/config/latest/developerguide/select-resources.html#select-resources-all): "These
 * resource types cannot be recorded in Regions supported by AWS Config after February 2022." An allow-list, so
 * a region launched after this list was written counts as unable until it is added here.
 */
export const GLOBAL_RESOURCE_TYPE_REGIONS: readonly string[] = [
  "af-south-1", "ap-east-1", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-southeast-1",
  "ap-southeast-2", "ap-southeast-3", "ca-central-1", "eu-central-1", "eu-north-1", "eu-south-1", "eu-west-1",
  "eu-west-2", "eu-west-3", "me-south-1", "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2",
  "us-gov-east-1", "us-gov-west-1",
];
