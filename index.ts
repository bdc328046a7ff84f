// Entry point of the Pulumi program: validate the stack configuration before anything is registered,
// then build the baseline: one account (the default), or an organization (mode: organization, README "Organization").
// The exported function's result becomes the stack outputs.
import { loadConfig } from "./config";
import { main } from "./program";
import { mainOrganization } from "./programOrganization";

export = async () => {
  const config = loadConfig();
  return config.mode === "organization" ? mainOrganization(config) : main(config);
};
