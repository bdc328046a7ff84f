/**
 * The built-in sample account of `npm run plan` and of the tests: 20 regions of a commercial account, three
 * opt-in regions enabled (ap-east-1, me-central-1, eu-south-2), one not enabled (af-south-1), and 0, 1 or
 * several VPCs per region (unsorted on purpose: discovery must sort them). The network account 444455556666
 * shares a VPC into us-east-1 and one into sa-east-1 (AWS RAM). AWS Config's service-linked role exists already
 * (the console setup that left the `default` recorder of Pulumi.prod.yaml created it).
 */
import { Inventory } from "./inventory";

export const sampleAccount: Inventory = {
  accountId: "111122223333",
  partition: "aws",
  iamRoleArns: ["arn:aws:iam::111122223333:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig"],
  regions: {
    "us-east-1": {
      optInStatus: "opt-in-not-required", vpcIds: ["vpc-0c1a000000000003", "vpc-0a1a000000000001", "vpc-0b1a000000000002"],
      sharedVpcs: [{ vpcId: "vpc-0f1a000000000009", ownerId: "444455556666" }],
    },
    "us-east-2": { optInStatus: "opt-in-not-required", vpcIds: ["vpc-0a2a000000000001"] },
    "us-west-1": { optInStatus: "opt-in-not-required", vpcIds: [] },
    "us-west-2": { optInStatus: "opt-in-not-required", vpcIds: ["vpc-0b4a000000000002", "vpc-0a4a000000000001"] },
    "ca-central-1": { optInStatus: "opt-in-not-required", vpcIds: ["vpc-0a5a000000000001"] },
    "sa-east-1": { optInStatus: "opt-in-not-required", vpcIds: [], sharedVpcs: [{ vpcId: "vpc-0f6a000000000009", ownerId: "444455556666" }] },
    "eu-west-1": { optInStatus: "opt-in-not-required", vpcIds: ["vpc-0a7a000000000001"] },
    "eu-west-2": { optInStatus: "opt-in-not-required", vpcIds: ["vpc-0a8a000000000001"] },
    "eu-west-3": { optInStatus: "opt-in-not-required", vpcIds: [] },
    "eu-central-1": { optInStatus: "opt-in-not-required", vpcIds: ["vpc-0c9a000000000003", "vpc-0b9a000000000002", "vpc-0a9a000000000001"] },
    "eu-north-1": { optInStatus: "opt-in-not-required", vpcIds: ["vpc-0aaa000000000001"] },
    "ap-northeast-1": { optInStatus: "opt-in-not-required", vpcIds: ["vpc-0bba000000000002", "vpc-0aba000000000001"] },
    "ap-northeast-2": { optInStatus: "opt-in-not-required", vpcIds: [] },
    "ap-northeast-3": { optInStatus: "opt-in-not-required", vpcIds: ["vpc-0ada000000000001"] },
    "ap-southeast-1": { optInStatus: "opt-in-not-required", vpcIds: ["vpc-0aea000000000001"] },
    "ap-southeast-2": { optInStatus: "opt-in-not-required", vpcIds: ["vpc-0afa000000000001"] },
    "ap-south-1": { optInStatus: "opt-in-not-required", vpcIds: [] },
    "ap-east-1": { optInStatus: "opted-in", vpcIds: ["vpc-0a0b000000000001"] },
    "me-central-1": { optInStatus: "opted-in", vpcIds: [] },
    "eu-south-2": { optInStatus: "opted-in", vpcIds: ["vpc-0a2b000000000001"] },
    "af-south-1": { optInStatus: "not-opted-in", vpcIds: ["vpc-0a3b000000000001"] },
  },
};
