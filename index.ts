// Entry point of the Pulumi program: validate the stack configuration before anything is registered,
// then build the baseline. The exported function's result becomes the stack outputs.
import { loadConfig } from "./config";
import { main } from "./program";

export = async () => main(loadConfig());
