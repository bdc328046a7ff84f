import { strict as assert } from "assert";
import * as aws from "@pulumi/aws";
import { sampleAccount } from "../../offline/sampleAccount";
import { mockAccount } from "../setup/pulumiMocks";

describe("offline/mockAccount", () => {
  beforeEach(() => mockAccount.reset(sampleAccount));

  it("fails loudly on an invoke it does not model", async () => {
    await assert.rejects(aws.getAvailabilityZones({}));
    assert.match(mockAccount.invokeErrors[0], /^unmocked invoke aws:index\/getAvailabilityZones:getAvailabilityZones/);
  });

  it("refuses a VPC lookup through the default provider", async () => {
    await assert.rejects(aws.ec2.getVpcs({}));
    assert.deepEqual(mockAccount.invokeErrors,
      ["mock getVpcs: called without a region or an explicit provider (the default provider is not allowed)"]);
  });

  it("refuses a VPC lookup in a region the account has not enabled", async () => {
    await assert.rejects(aws.ec2.getVpcs({ region: "af-south-1" }));
    assert.deepEqual(mockAccount.invokeErrors, ["mock getVpcs: region af-south-1 is not enabled for account 111122223333"]);
  });

  it("answers getRegions with enabled regions only unless allRegions is set", async () => {
    assert.equal((await aws.getRegions({})).names.length, 20);
    assert.equal((await aws.getRegions({ allRegions: true })).names.length, 21);
    assert.deepEqual((await aws.getRegions({ filters: [{ name: "opt-in-status", values: ["opted-in"] }] })).names,
      ["ap-east-1", "eu-south-2", "me-central-1"]);
  });
});
