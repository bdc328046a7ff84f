import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ConfigRoleMode } from "../config";
import { AccountContext, RegionPlacement } from "./placement";
import { configDeliveryPolicy, serviceTrustPolicy, toJson } from "./policyDocuments";

/** How the recorders get AWSServiceRoleForConfig in this run. */
export type ServiceLinkedRoleUse = "created" | "adopted" | "not-used";

export interface ConfigServiceRoleArgs {
  readonly placement: RegionPlacement;
  readonly account: AccountContext;
  /** service-linked (adopt AWSServiceRoleForConfig, or create it when missing), existing-service-linked, or dedicated. */
  readonly mode: ConfigRoleMode;
  /** The ARN of AWSServiceRoleForConfig when the account already has it (discovered at run time). */
  readonly existingServiceLinkedRoleArn?: string;
  /** How long the recorders wait for a role this run creates (IAM eventual consistency). */
  readonly propagationDelayMs: number;
  /** The IAM path of the stack's roles (naming.ts baselineRolePath). */
  readonly rolePath: string;
  /** For a dedicated role: where it delivers. */
  readonly bucketArn: pulumi.Input<string>;
  readonly kmsKeyArn: pulumi.Input<string>;
  readonly topicName: string;
}

/** The ARN AWS gives the AWS Config service-linked role in every account. */
export const configServiceLinkedRoleArn = (ctx: AccountContext): string =>
  `arn:${ctx.partition}:iam::${ctx.accountId}:role/aws-service-role/config.${ctx.dnsSuffix}/AWSServiceRoleForConfig`;

/**
 * Resolves `arn` only after `ms` more milliseconds in a real update (never in preview). The recorders take the role
 * ARN from here, so PutConfigurationRecorder waits until a role created by this run is visible: IAM changes are
 * "not always immediately visible" (IAM UG, "Troubleshoot IAM": eventual consistency), the provider does not
 * retry PutConfigurationRecorder, and some 20 regions call it seconds after the role exists. AWS documents no
 * duration to wait.
 */
export function afterPropagation(arn: pulumi.Output<string>, ms: number): pulumi.Output<string> {
  return arn.apply(async (value) => {
    if (ms > 0 && !pulumi.runtime.isDryRun()) {
      await new Promise((resolve) => setTimeout(resolve, ms));
    }
    return value;
  });
}

/**
 * The role every region's Config recorder uses. IAM is global, so it exists once per account.
 *
 * `service-linked` (the default) uses AWSServiceRoleForConfig, which Security Hub Config.1 expects by default
 * (parameter includeConfigServiceLinkedRoleCheck). The role is often there already (console setup, Security Hub,
 * an organization aggregator, or this stack's own earlier deploy: it is retained on destroy), and
 * CreateServiceLinkedRole then fails ("has been taken in this account"), so the program looks it up at run time
 * and creates it only when it is missing. After a run that created it, the next run finds it and drops the
 * resource from the stack's state without deleting the role (retainOnDelete).
 */
export class ConfigServiceRole extends pulumi.ComponentResource {
  readonly roleArn: pulumi.Output<string>;
  readonly serviceLinkedRole?: aws.iam.ServiceLinkedRole;
  readonly role?: aws.iam.Role;
  readonly serviceLinkedRoleUse: ServiceLinkedRoleUse;
  /**
   * What a recorder must wait for: the role with its permissions attached. PutConfigurationRecorder and
   * PutDeliveryChannel check the role and the bucket access it grants.
   */
  readonly ready: pulumi.Resource[];

  constructor(name: string, args: ConfigServiceRoleArgs, opts?: pulumi.ComponentResourceOptions) {
    super("cis-logging:config:ConfigServiceRole", name, {}, opts);
    const ctx = args.account;
    const child: pulumi.CustomResourceOptions = { parent: this, provider: args.placement.provider };
    if (args.mode === "dedicated") {
      this.role = new aws.iam.Role(`${name}-dedicated`, {
        description: "AWS Config recorder role (CIS logging baseline)",
        path: args.rolePath,
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
      // The role may be new in this run: wait for it (see afterPropagation).
      this.roleArn = afterPropagation(pulumi.all([this.role.arn, managed.id, delivery.id]).apply(([arn]) => arn), args.propagationDelayMs);
      this.ready = [managed, delivery];
      this.serviceLinkedRoleUse = "not-used";
    } else if (args.existingServiceLinkedRoleArn) {
      // Adopted: the account has it; nothing to create, nothing to wait for.
      this.roleArn = pulumi.output(args.existingServiceLinkedRoleArn);
      this.ready = [];
      this.serviceLinkedRoleUse = "adopted";
    } else if (args.mode === "service-linked") {
      // Retained on destroy: every region's recorder (and other tools) may still use it.
      this.serviceLinkedRole = new aws.iam.ServiceLinkedRole(`${name}-service-linked`, {
        awsServiceName: `config.${ctx.dnsSuffix}`,
        description: "AWS Config service-linked role (CIS logging baseline)",
      }, { ...child, retainOnDelete: true });
      this.roleArn = afterPropagation(this.serviceLinkedRole.arn, args.propagationDelayMs);
      this.ready = [this.serviceLinkedRole];
      this.serviceLinkedRoleUse = "created";
    } else {
      // existing-service-linked without the role: program.ts preflight refuses this before registration.
      throw new Error(`ConfigServiceRole ${name}: mode existing-service-linked needs existingServiceLinkedRoleArn`);
    }
    this.registerOutputs({ roleArn: this.roleArn, serviceLinkedRoleUse: this.serviceLinkedRoleUse });
  }
}
