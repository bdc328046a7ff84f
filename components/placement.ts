import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/**
 * Where a regional resource goes: always through an explicit provider (never the ambient default one), and
 * in shared-provider mode with its own `region` argument (@pulumi/aws 7 "enhanced region support": one
 * provider process serves every region instead of one plugin process per region).
 */
export class RegionPlacement {
  constructor(
    readonly region: string,
    readonly provider: aws.Provider,
    /** True when `provider` serves several regions and each resource must name its region. */
    readonly shared: boolean,
    /** The region the provider itself is configured with (the home region in shared mode). */
    readonly providerRegion: string = region,
  ) {}

  /** Adds `region` to a regional resource's arguments in shared-provider mode. */
  regional<T extends { region?: pulumi.Input<string | undefined> }>(args: T): T {
    return this.shared ? { ...args, region: this.region } : args;
  }

  /** The invoke arguments for a regional data source such as `aws.ec2.getVpcs`. */
  invokeArgs<T extends { region?: string }>(args: T): T {
    return this.shared ? { ...args, region: this.region } : args;
  }

  /**
   * The `import` ID of an existing regional resource. A provider reads an import ID in its own region, so when
   * the resource lives in another region (shared mode) the ID takes `@<region>`: "To import a resource in a
   * specific Region, append @<region> to the import ID" (pulumi-aws "Enhanced Region Support",
   * https://www.pulumi.com/registry/packages/aws/how-to-guides/aws-enhanced-region-support/).
   */
  importId(id: string): string {
    return this.region === this.providerRegion ? id : `${id}@${this.region}`;
  }
}

/** Account facts every policy document needs (resolved once through the home provider). */
export interface AccountContext {
  readonly accountId: string;
  /** aws or aws-us-gov (config.ts SUPPORTED_PARTITIONS): ARNs are built from it, never from a literal `arn:aws:`. */
  readonly partition: string;
  /** Suffix of service principals' DNS names (amazonaws.com). */
  readonly dnsSuffix: string;
  readonly homeRegion: string;
}
