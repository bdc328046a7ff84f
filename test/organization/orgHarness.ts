/**
 * Runs the organization program under the mocks (test/setup/pulumiMocks.ts) against the sample organization with a
 * raw configuration as `Pulumi.<stack>.yaml` would give it, and returns what was registered.
 */
import { parseConfig } from "../../config";
import { Inventory } from "../../offline/inventory";
import { RecordedInvoke, RecordedResource } from "../../offline/mockAccount";
import { SAMPLE_LOG_ARCHIVE_ACCOUNT, sampleOrganization } from "../../offline/sampleOrganization";
import { OrganizationOutputs, mainOrganization } from "../../programOrganization";
import { settle } from "../helpers";
import { RecordedLookups, TEST_STACK, recordedLookups } from "../programHarness";
import { mockAccount } from "../setup/pulumiMocks";

export interface OrganizationRun extends RecordedLookups {
  readonly outputs: OrganizationOutputs;
  readonly resources: RecordedResource[];
  readonly invokes: RecordedInvoke[];
}

/** The smallest organization configuration: mode organization and the log-archive account. */
export const ORG_CONFIG = { mode: "organization", organization: { logArchiveAccountId: SAMPLE_LOG_ARCHIVE_ACCOUNT } } as const;

/**
 * The same for a delegated administrator's stack, with a log-archive role that trusts it (OrganizationAccountAccessRole,
 * the default, trusts the management account only: the preflight refuses it there).
 */
export const DELEGATED_CONFIG = { mode: "organization", organization: { logArchiveAccountId: SAMPLE_LOG_ARCHIVE_ACCOUNT, logArchiveRoleName: "LogArchiveDeployer" } } as const;

/**
 * `computedUnknown` leaves computed attributes out of the mocks' answers, as a preview sees them (with setPreviewMode).
 */
export async function runOrganization(
  raw: Record<string, unknown> = ORG_CONFIG, account: Inventory = sampleOrganization(3), homeRegion = "ap-northeast-1",
  options: { computedUnknown?: boolean } = {},
): Promise<OrganizationRun> {
  mockAccount.reset(account, { computedUnknown: options.computedUnknown });
  const config = parseConfig((key) => raw[key], homeRegion);
  const outputs = await mainOrganization(config, { iamPropagationDelayMs: 0, stack: TEST_STACK });
  await settle();
  const resources = [...mockAccount.resources];
  return {
    outputs,
    resources,
    invokes: [...mockAccount.invokes],
    ...recordedLookups(resources),
  };
}
