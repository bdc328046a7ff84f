import { strict as assert } from "assert";
import { regionOfLocation } from "../../../audit/collect/s3";

describe("audit/collect/s3 regionOfLocation", () => {
  it("reads GetBucketLocation as S3 answers it: empty is us-east-1, the legacy EU is eu-west-1", () => {
    assert.equal(regionOfLocation(undefined), "us-east-1");
    assert.equal(regionOfLocation(""), "us-east-1");
    assert.equal(regionOfLocation("EU"), "eu-west-1");
    assert.equal(regionOfLocation("ap-northeast-1"), "ap-northeast-1");
  });
});
