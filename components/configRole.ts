import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ConfigRoleMode } from "../config";
import { AccountContext, RegionPlacement } from "./placement";
import { configDeliveryPolicy, serviceTrustPolicy, toJson } from "./policyDocuments";

export interface ConfigServiceRoleArgs {
  readonly placement: RegionPlacement;
  readonly account: AccountContext;
  /** service-linked (create AWSServiceRoleForConfig), existing-service-linked (it exists), or dedicated. */
  readonly mode: ConfigRoleMode;
  /** For a dedicated role: where it delivers. */
  readonly bucketArn: pulumi.Input<string>;
  readonly kmsKeyArn: pulumi.Input<string>;
  readonly topicName: string;
}

/** The ARN AWS gives the AWS Config service-linked role in every account. */
export const configServiceLinkedRoleArn = (ctx: AccountContext): string =>
  `arn:${ctx.partition}:iam::${ctx.accountId}:role/aws-service-role/config.${ctx.dnsSuffix}/AWSServiceRoleForConfig`;

/**
 * The role every region's Config recorder uses: IAM is global, so it exists once per account (a
 * service-linked role created twice fails with "has been taken in this account"). Security Hub Config.1
 * expects the service-linked role; a dedicated role is available for accounts whose policies forbid it.
 */
export class ConfigServiceRole extends pulumi.ComponentResource {
  readonly roleArn: pulumi.Output<string>;
  readonly serviceLinkedRole?: aws.iam.ServiceLinkedRole;
  readonly role?: aws.iam.Role;
  /**
   * What a recorder must wait for: the role with its permissions attached. PutConfigurationRecorder and
   * PutDeliveryChannel check the role and the bucket access it grants.
   */
  readonly ready: pulumi.Resource[];

  constructor(name: string, args: ConfigServiceRoleArgs, opts?: pulumi.ComponentResourceOptions) {
    super("cis-logging:config:ConfigServiceRole", name, {}, opts);
    const ctx = args.account;
    const child: pulumi.CustomResourceOptions = { parent: this, provider: args.placement.provider };
    switch (args.mode) {
      case "service-linked":
        // Retained on destroy: every region's recorder (and other tools) may still use it.
        this.serviceLinkedRole = new aws.iam.ServiceLinkedRole(`${name}-service-linked`, {
          awsServiceName: `config.${ctx.dnsSuffix}`,
          description: "AWS Config service-linked role (CIS logging baseline)",
        }, { ...child, retainOnDelete: true });
        this.roleArn = this.serviceLinkedRole.arn;
        this.ready = [this.serviceLinkedRole];
        break;
      case "existing-service-linked":
        this.roleArn = pulumi.output(configServiceLinkedRoleArn(ctx));
        this.ready = [];
        break;
      case "dedicated": {
        this.role = new aws.iam.Role(`${name}-dedicated`, {
          description: "AWS Config recorder role (CIS logging baseline)",
          assumeRolePolicy: toJson(serviceTrustPolicy(ctx, "config")),
        }, child);
        const managed = new aws.iam.RolePolicyAttachment(`${name}-managed`, {
          role: this.role.name,
          policyArn: `arn:${ctx.partition}:iam::aws:policy/service-role/AWS_ConfigRole`,
        }, child);
        const delivery = new aws.iam.RolePolicy(`${name}-delivery`, {
          role: this.role.id,
          policy: pulumi.all([args.bucketArn, args.kmsKeyArn]).apply(([bucketArn, keyArn]) =>
            toJson(configDeliveryPolicy(ctx, bucketArn, keyArn, args.topicName))),
        }, child);
        this.roleArn = this.role.arn;
        this.ready = [managed, delivery];
        break;
      }
    }
    this.registerOutputs({ roleArn: this.roleArn });
  }
}
