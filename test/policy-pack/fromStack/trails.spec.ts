import * as assert from "assert";
import { computed, known, notVisible, unknown } from "../../../policy-pack/domain/fact";
import { fromStack } from "../../../policy-pack/fromStack";
import type { Trail } from "../../../policy-pack/domain/state";
import { StackResourceInput, stackResources, unknownValue, urnOf } from "../harness";

const trailType = "aws:cloudtrail/trail:Trail";
const bucket: StackResourceInput = { type: "aws:s3/bucket:Bucket", name: "trail-bucket", props: { bucket: "trail-bucket-1", region: "us-east-1" } };

function trailOf(props: Record<string, unknown>, extra: Partial<StackResourceInput> = {}): Trail {
  const { state } = fromStack(stackResources([bucket, { type: trailType, name: "t", props: { s3BucketName: "trail-bucket-1", region: "us-east-1", ...props }, ...extra }]));
  assert.strictEqual(state.trails.length, 1);
  return state.trails[0];
}

describe("fromStack/trails.ts", () => {
  it("applies the provider defaults: single-region, global events, logging, no log file validation, no KMS key, no CloudWatch Logs", () => {
    const t = trailOf({});
    assert.deepStrictEqual(
      [t.multiRegion, t.globalServiceEvents, t.logging, t.logFileValidation, t.kmsKeyId, t.cloudWatch.groupArn, t.cloudWatch.roleArn],
      [known(false), known(true), known(true), known(false), known(null), known(null), known(null)],
    );
  });

  it("gives a trail without selectors CloudTrail's default one (all read and write management events; S4), also for empty lists", () => {
    const defaultSelector = known({ kind: "classic", items: [{ readWriteType: "All", includeManagementEvents: true, excludeManagementEventSources: [], dataResources: [] }] });
    assert.deepStrictEqual(trailOf({}).selectors, defaultSelector);
    assert.deepStrictEqual(trailOf({ eventSelectors: [], advancedEventSelectors: [] }).selectors, defaultSelector);
  });

  it("defaults a classic selector's readWriteType to All and includeManagementEvents to true, and keeps exclusions and data resources", () => {
    const t = trailOf({ eventSelectors: [{ excludeManagementEventSources: ["kms.amazonaws.com"], dataResources: [{ type: "AWS::S3::Object", values: ["arn:aws:s3"] }] }] });
    assert.deepStrictEqual(t.selectors, known({
      kind: "classic",
      items: [{ readWriteType: "All", includeManagementEvents: true, excludeManagementEventSources: ["kms.amazonaws.com"], dataResources: [{ type: "AWS::S3::Object", values: ["arn:aws:s3"] }] }],
    }));
  });

  it("maps advanced field selectors, the provider's plural operator names included", () => {
    const t = trailOf({ advancedEventSelectors: [{ name: "s3", fieldSelectors: [{ field: "resources.ARN", startsWiths: ["arn:aws:s3:::"], notStartsWiths: ["arn:aws:s3:::trail-bucket-1/"] }] }] });
    assert.deepStrictEqual(t.selectors, known({
      kind: "advanced",
      items: [{ name: "s3", fields: [{ field: "resources.ARN", equals: [], notEquals: [], startsWith: ["arn:aws:s3:::"], notStartsWith: ["arn:aws:s3:::trail-bucket-1/"], endsWith: [], notEndsWith: [] }] }],
    }));
  });

  it("makes a deciding setting unknown during preview, and the selectors unknown when any part of them is", () => {
    const t = trailOf({ enableLogFileValidation: unknownValue.boolean, eventSelectors: [{ readWriteType: "All" }, unknownValue.object] });
    assert.deepStrictEqual(t.logFileValidation, unknown("boolean value at .enableLogFileValidation can't be known during preview"));
    assert.deepStrictEqual(t.selectors, unknown("Object value at .eventSelectors.1 can't be known during preview"));
  });

  it("counts an unknown ARN (kmsKeyId, log group, role) as computed, naming the resource the engine recorded as its source", () => {
    const key: StackResourceInput = { type: "aws:kms/key:Key", name: "k", props: { region: "us-east-1" } };
    const t = fromStack(stackResources([bucket, key, {
      type: trailType, name: "t", props: { s3BucketName: "trail-bucket-1", kmsKeyId: unknownValue.string, cloudWatchLogsRoleArn: unknownValue.string },
      propertyDependencies: { kmsKeyId: [urnOf("aws:kms/key:Key", "k")] },
    }])).state.trails[0];
    assert.deepStrictEqual(t.kmsKeyId, computed(`the output of ${urnOf("aws:kms/key:Key", "k")}`));
    assert.deepStrictEqual(t.cloudWatch.roleArn, computed("another resource's output"));
  });

  it("names the trail by its name output, else its logical name; its home region by homeRegion, else its region; runtime facts are not visible", () => {
    const named = trailOf({ name: "org-trail", homeRegion: "eu-west-1" });
    assert.deepStrictEqual([named.name, named.homeRegion], ["org-trail", known("eu-west-1")]);
    const unnamed = trailOf({ name: unknownValue.string });
    assert.deepStrictEqual([unnamed.name, unnamed.homeRegion, unnamed.ref], ["t", known("us-east-1"), urnOf(trailType, "t")]);
    assert.deepStrictEqual(named.loggingSince, notVisible("runtime state: npm run audit reads it"));
    assert.strictEqual(named.cloudWatch.lastDelivery.kind, "notVisible");
  });

  it("ignores resources of other types that carry trail props (an event data store is not a trail)", () => {
    const { state } = fromStack(stackResources([{ type: "aws:cloudtrail/eventDataStore:EventDataStore", name: "eds", props: { isMultiRegionTrail: true } }]));
    assert.deepStrictEqual(state.trails, []);
  });
});
