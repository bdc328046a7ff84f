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
  ) {}

  /** Adds `region` to a regional resource's arguments in shared-provider mode. */
  regional<T extends { region?: pulumi.Input<string | undefined> }>(args: T): T {
    return this.shared ? { ...args, region: this.region } : args;
  }

  /** The invoke arguments for a regional data source such as `aws.ec2.getVpcs`. */
  invokeArgs<T extends { region?: string }>(args: T): T {
    return this.shared ? { ...args, region: this.region } : args;
  }
}

/** Account facts every policy document needs (resolved once through the home provider). */
export interface AccountContext {
  readonly accountId: string;
  /** aws, aws-us-gov or aws-cn: ARNs are built from it, never from a literal `arn:aws:`. */
  readonly partition: string;
  /** Suffix of service principals' DNS names (amazonaws.com, amazonaws.com.cn). */
  readonly dnsSuffix: string;
  readonly homeRegion: string;
}
