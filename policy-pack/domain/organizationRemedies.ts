/** The fixes of organization mode's gaps (issue 12), merged into REMEDIES (remedies.ts) like every other gap code. */
import type { Remedy } from "./remedies";

export const ORGANIZATION_REMEDIES = {
  "org.trail.none": {
    pulumi: "set mode: organization's organization trail (an aws.cloudtrail.Trail with isOrganizationTrail: true, from the management account or a delegated administrator)",
    aws: "aws cloudtrail create-trail --is-organization-trail --is-multi-region-trail --enable-log-file-validation --kms-key-id <key>, then start-logging",
  },
  "org.stackSet.none": {
    pulumi: "add the StackSet of AWS Config recorders: an aws.cloudformation.StackSet with permissionModel SERVICE_MANAGED whose template creates the recorder and delivery channel",
    aws: "aws cloudformation create-stack-set --permission-model SERVICE_MANAGED --auto-deployment Enabled=true with the recorder template",
  },
  "org.stackSet.noChannel": {
    pulumi: "add an AWS::Config::DeliveryChannel to the StackSet's template (the same recorder module as single-account mode)",
    aws: "aws cloudformation update-stack-set with a template that has AWS::Config::DeliveryChannel",
  },
  "org.stackSet.autoDeployment": {
    pulumi: "set autoDeployment: { enabled: true } on the StackSet",
    aws: "aws cloudformation update-stack-set --auto-deployment Enabled=true",
  },
  "org.stackSet.regions": {
    pulumi: "add an aws.cloudformation.StackSetInstance (stackSetInstanceRegion, deploymentTargets.organizationalUnitIds) for each missing region",
    aws: "aws cloudformation create-stack-instances --deployment-targets OrganizationalUnitIds=<root or OUs> --regions <missing regions>",
  },
  "org.stackSet.targets": {
    pulumi: "give the StackSetInstance deploymentTargets.organizationalUnitIds (the root or OUs; automatic deployment follows OUs, not single accounts)",
    aws: "aws cloudformation create-stack-instances --deployment-targets OrganizationalUnitIds=<root or OUs>",
  },
  "org.aggregator.none": {
    pulumi: "add an aws.cfg.ConfigurationAggregator with organizationAggregationSource { allRegions: true, roleArn }",
    aws: "aws configservice put-configuration-aggregator --organization-aggregation-source AllAwsRegions=true,RoleArn=<role>",
  },
  "org.aggregator.regions": {
    pulumi: "set organizationAggregationSource.allRegions: true (it also follows regions enabled later)",
    aws: "aws configservice put-configuration-aggregator --organization-aggregation-source AllAwsRegions=true,RoleArn=<role>",
  },
  "org.telemetryRule.missing": {
    pulumi: "add an aws.observabilityadmin.TelemetryRuleForOrganization for AWS::EC2::VPC (telemetryType Logs, telemetrySourceTypes VPC_FLOW_LOGS) with allRegions: true",
    aws: "aws observabilityadmin create-telemetry-rule-for-organization with ResourceType AWS::EC2::VPC and AllRegions",
  },
  "org.trail.duplicate": {
    pulumi: "remove the account trail (mode: organization replaces it), or set its selectors to record no management events (includeManagementEvents: false)",
    aws: "aws cloudtrail delete-trail --name <account trail>, or put-event-selectors with IncludeManagementEvents false",
  },
} as const satisfies Record<string, Remedy>;
