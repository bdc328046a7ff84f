/**
 * Loaded once per mocha process (`--require` in .mocharc.json), before any spec imports program code:
 * a module imported before setMocks registers its resources against no monitor, silently.
 */
import { MockAccount } from "../../offline/mockAccount";
import { sampleAccount } from "../../offline/sampleAccount";

export const mockAccount = new MockAccount(sampleAccount);

void mockAccount.install("cis-logging-baseline", "test", false);

/**
 * Switches the same mocks between update and preview mode. In preview, outputs the mocks do not return are
 * unknown, as in a real `pulumi preview`.
 */
export async function setPreviewMode(preview: boolean): Promise<void> {
  await mockAccount.install("cis-logging-baseline", "test", preview);
}
