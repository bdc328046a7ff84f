/** The automatic-remediation roles (continuousCoverage: configRemediation): SSM Automation's trust and each runbook's least-privilege permissions. */
import { FLOW_LOG_RUNBOOK, KEY_ROTATION_RUNBOOK } from "../../policy-pack/coverageFacts";
import { PolicyDocument, Statement, doc, service } from "./common";
import { AccountContext } from "../placement";

/**
 * Trust policy of a remediation role: AWS Systems Manager Automation assumes it for AWS Config's automatic remediation
 * (the runbook's AutomationAssumeRole). Confused-deputy conditions as the Systems Manager UG recommends ("Cross-service
 * confused deputy prevention", https://docs.aws.amazon.com/systems-manager/latest/userguide/cross-service-confused-deputy-prevention.html):
 * aws:SourceAccount, and aws:SourceArn on the automation executions of this account in this region (the role serves one
 * region's remediation). The stored copy of that page did not show its Automation example in full; the ARN is the
 * automation-execution resource form `arn:<partition>:ssm:<region>:<account>:automation-execution/<id>`.
 */
export function ssmAutomationTrustPolicy(ctx: AccountContext, region: string): PolicyDocument {
  return doc([
    {
      Sid: "AllowSsmAutomationAssumeRole",
      Effect: "Allow",
      Principal: { Service: service(ctx, "ssm") },
      Action: "sts:AssumeRole",
      Condition: {
        StringEquals: { "aws:SourceAccount": ctx.accountId },
        ArnLike: { "aws:SourceArn": `arn:${ctx.partition}:ssm:${region}:${ctx.accountId}:automation-execution/*` },
      },
    },
  ]);
}

/**
 * What every runbook's AutomationAssumeRole needs by its reference page ("Required IAM permissions":
 * ssm:StartAutomationExecution and ssm:GetAutomationExecution), scoped to the one runbook and this account's executions in
 * the region. An AWS-owned runbook's definition ARN carries no account of ours, hence the account wildcard.
 */
function runbookExecutionStatements(ctx: AccountContext, region: string, documentName: string): Statement[] {
  return [
    {
      Sid: "StartThisRunbook",
      Effect: "Allow",
      Action: "ssm:StartAutomationExecution",
      Resource: `arn:${ctx.partition}:ssm:${region}:*:automation-definition/${documentName}:*`,
    },
    {
      Sid: "ReadOwnAutomationExecutions",
      Effect: "Allow",
      Action: "ssm:GetAutomationExecution",
      Resource: `arn:${ctx.partition}:ssm:${region}:${ctx.accountId}:automation-execution/*`,
    },
  ];
}

/** Where the flow-log runbook sends what it creates (the project's destination in the region). */
export type FlowLogRemediationDestination =
  | { readonly type: "cloud-watch-logs"; readonly logGroupArn: string; readonly deliveryRoleArn: string }
  | { readonly type: "s3"; readonly bucketArn: string };

/**
 * Permissions of the role AWSSupport-EnableVPCFlowLogs runs with, for the parameters this project passes
 * (https://docs.aws.amazon.com/systems-manager-automation-runbooks/latest/userguide/automation-aws-enable-vpc-flowlogs.html).
 * The page lists one set of "Required IAM permissions" for all of the runbook's branches; its "Document Steps" say it
 * creates a log group only "if no value is specified for the LogDestinationARN parameter", and it creates a delivery role
 * (AWSSupportCreateFlowLogsRole in the page's sample policy) only without DeliverLogsPermissionArn. This project always
 * passes both, so the role gets neither logs:CreateLogGroup/DeleteLogGroup nor any iam:Create*, Delete*, Attach*, Put*,
 * Update*, Tag* or Get* action; and it gets no ec2:DeleteFlowLogs, s3:ListBucket or s3:PutObject either, which no
 * documented step needs (so the role can never remove a flow log nor write into the log bucket). AWS does not document
 * which branch uses which permission; these omissions follow the documented steps.
 *
 * `Resource: "*"` remains only where AWS allows nothing narrower: ec2:DescribeFlowLogs (EC2 Describe actions take no
 * resource), logs:CreateLogDelivery / logs:DeleteLogDelivery (the vended-logs permissions of whoever creates a flow log to
 * S3; AWS grants them "on all resources", e.g. https://docs.aws.amazon.com/verified-access/latest/ug/access-logs-permissions.html,
 * and the runbook page lists both) and s3:GetAccountPublicAccessBlock (an
 * account-level setting; the runbook checks that the bucket is not public, and its sample policy grants this action).
 */
export function flowLogRemediationPolicy(ctx: AccountContext, region: string, destination: FlowLogRemediationDestination): PolicyDocument {
  const statements: Statement[] = [
    ...runbookExecutionStatements(ctx, region, FLOW_LOG_RUNBOOK.documentName),
    {
      Sid: "CreateFlowLogsForVpcs",
      Effect: "Allow",
      Action: "ec2:CreateFlowLogs",
      Resource: [
        `arn:${ctx.partition}:ec2:${region}:${ctx.accountId}:vpc/*`,
        `arn:${ctx.partition}:ec2:${region}:${ctx.accountId}:vpc-flow-log/*`,
      ],
    },
    { Sid: "DescribeFlowLogs", Effect: "Allow", Action: "ec2:DescribeFlowLogs", Resource: "*" },
  ];
  if (destination.type === "cloud-watch-logs") {
    statements.push(
      {
        // VPC UG "IAM role for publishing flow logs to CloudWatch Logs": whoever creates the flow log passes the
        // delivery role to the flow-logs service; only that role, only to that service.
        Sid: "PassOnlyTheDeliveryRole",
        Effect: "Allow",
        Action: "iam:PassRole",
        Resource: destination.deliveryRoleArn,
        Condition: { StringEquals: { "iam:PassedToService": service(ctx, "vpc-flow-logs") } },
      },
      {
        Sid: "DescribeDestinationLogGroups",
        Effect: "Allow",
        Action: "logs:DescribeLogGroups",
        Resource: `arn:${ctx.partition}:logs:${region}:${ctx.accountId}:log-group:*`,
      },
    );
  } else {
    statements.push(
      { Sid: "CreateLogDeliveryToS3", Effect: "Allow", Action: ["logs:CreateLogDelivery", "logs:DeleteLogDelivery"], Resource: "*" },
      {
        Sid: "CheckDestinationBucketIsNotPublic",
        Effect: "Allow",
        Action: ["s3:GetBucketLocation", "s3:GetBucketAcl", "s3:GetBucketPublicAccessBlock", "s3:GetBucketPolicyStatus"],
        Resource: destination.bucketArn,
      },
      { Sid: "CheckAccountPublicAccessBlock", Effect: "Allow", Action: "s3:GetAccountPublicAccessBlock", Resource: "*" },
    );
  }
  return doc(statements);
}

/**
 * Permissions of the role AWSConfigRemediation-EnableKeyRotation runs with: exactly its "Required IAM permissions"
 * (https://docs.aws.amazon.com/systems-manager-automation-runbooks/latest/userguide/automation-aws-enable-key-rotation.html),
 * the KMS ones on this account's keys in the region. A key whose key policy does not let IAM policies of the account
 * grant access (KMS DG "Default key policy") stays out of reach, and its remediation fails visibly in AWS Config.
 */
export function keyRotationRemediationPolicy(ctx: AccountContext, region: string): PolicyDocument {
  return doc([
    ...runbookExecutionStatements(ctx, region, KEY_ROTATION_RUNBOOK.documentName),
    {
      Sid: "EnableRotationOfAccountKeys",
      Effect: "Allow",
      Action: ["kms:EnableKeyRotation", "kms:GetKeyRotationStatus"],
      Resource: `arn:${ctx.partition}:kms:${region}:${ctx.accountId}:key/*`,
    },
  ]);
}
