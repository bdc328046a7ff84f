import { strict as assert } from "assert";
import { main, parseCliArgs } from "../../audit/cli";

describe("audit/cli", () => {
  describe("parseCliArgs", () => {
    it("defaults to all regions, the table format, CIS 1.2.0 and 4 regions at a time", () => {
      assert.deepEqual(parseCliArgs([]), { regions: "all", format: "table", cisVersion: "1.2.0", concurrency: 4 });
    });

    it("reads a region list, a format, a CIS version, an inventory file and a concurrency", () => {
      assert.deepEqual(
        parseCliArgs(["--regions", "us-east-1, eu-north-1", "--format", "sarif", "--cis", "5.0.0", "--export-inventory", "inv.json", "--concurrency", "8"]),
        { regions: ["us-east-1", "eu-north-1"], format: "sarif", cisVersion: "5.0.0", concurrency: 8, exportInventory: "inv.json" },
      );
    });

    it("rejects an unknown format, CIS version, region name, concurrency and option, naming the option", () => {
      assert.throws(() => parseCliArgs(["--format", "yaml"]), /\[--format\] is "yaml"; expected one of table, json, markdown, sarif/);
      assert.throws(() => parseCliArgs(["--cis", "1.3.0"]), /\[--cis\] is "1.3.0"/);
      assert.throws(() => parseCliArgs(["--regions", "us-east-1,Mars"]), /\[--regions\] is "us-east-1,Mars"/);
      assert.throws(() => parseCliArgs(["--concurrency", "0"]), /\[--concurrency\] is "0"/);
      assert.throws(() => parseCliArgs(["--region", "us-east-1"]), /Unknown option '--region'/);
    });
  });

  describe("main", () => {
    it("exits 2 with the usage on stderr for a bad argument, writing nothing to stdout and calling no API", async () => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await main(["--format", "xml"], { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) } });
      assert.equal(code, 2);
      assert.deepEqual(out, []);
      assert.match(err.join(""), /^audit: \[--format\] is "xml".*\nusage: npm run audit/s);
    });

    it("prints the usage and exits 0 for --help", async () => {
      const out: string[] = [];
      const code = await main(["--help"], { stdout: { write: (s: string) => out.push(s) }, stderr: { write: () => true } });
      assert.equal(code, 0);
      assert.match(out.join(""), /Exit codes: 0 all pass, 1 a control fails, 2/);
    });
  });
});
