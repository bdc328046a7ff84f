/**
 * What the program knows about AWS regions and partitions: the region names AWS has published, the partitions the
 * baseline deploys to, and (from the policy pack, which judges the same thing) where AWS Config can record the
 * global IAM resource types.
 */
import { GLOBAL_RESOURCE_TYPE_REGIONS } from "./policy-pack/awsFacts";

/**
 * Region names AWS has published (commercial, GovCloud and China partitions). A name outside this list is
 * rejected as unknown, so a typo such as `eu-nort-1` fails before anything is deployed. Regions that
 * `aws.getRegions` returns are taken as they are, so a region launched after this list still gets covered
 * with `regions: all`.
 */
export const KNOWN_REGIONS: readonly string[] = [
  "af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1",
  "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5",
  "ap-southeast-6", "ap-southeast-7", "ca-central-1", "ca-west-1", "eu-central-1", "eu-central-2", "eu-north-1",
  "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2", "eu-west-3", "il-central-1", "me-central-1", "me-south-1",
  "mx-central-1", "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2",
  "us-gov-east-1", "us-gov-west-1", "cn-north-1", "cn-northwest-1",
];

/** The shape of a region name (letters, optional -gov, a direction, a number). */
export const REGION_SHAPE = /^[a-z]{2}(-gov)?-[a-z]+-\d{1,2}$/;

/**
 * The partitions this program deploys to. China (aws-cn) is refused: several service principals there keep the
 * `.amazonaws.com` suffix while the partition's DNS suffix is `amazonaws.com.cn` (not documented per service),
 * and in China (Beijing) a delivery channel must deliver to a bucket in Beijing itself (AWS Config API
 * reference, PutDeliveryChannel), which the central bucket of this design does not satisfy.
 */
export const SUPPORTED_PARTITIONS: readonly string[] = ["aws", "aws-us-gov"];

/** The partition a region belongs to (AWS General Reference, "AWS Regions"). */
export function partitionOfRegion(region: string): string {
  if (region.startsWith("cn-")) {
    return "aws-cn";
  }
  return region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
}

/**
 * Regions where AWS Config can record the global IAM resource types (AWS Config DG, "Recording global resources",
 * https://docs.aws.amazon.com/config/latest/developerguide/select-resources.html#select-resources-all). The list
 * lives in the policy pack, which is installed and run from policy-pack/ alone, so that the policy judging the
 * recorders and the program configuring them read the same list.
 */
export { GLOBAL_RESOURCE_TYPE_REGIONS };
