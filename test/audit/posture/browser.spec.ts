/**
 * The posture report in a real browser: Debian's Chromium driven by playwright-core, started by this test (.ci/run
 * installs the chromium package; where no browser is installed the test is skipped with a message naming it). The
 * page is opened from a file, as from a mail attachment: every request it makes is recorded, and none may leave it.
 * A screenshot is saved to test-artifacts/posture.png for the CI run's artifacts.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Browser, chromium } from "playwright-core";
import { renderPostureHtml } from "../../../audit/posture/html";
import { REGIONS, finding, run } from "./fixtures";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARTIFACTS = path.resolve(__dirname, "../../../test-artifacts");

describe("audit/posture in headless Chromium", function () {
  this.timeout(60_000);
  let browser: Browser | undefined;
  let file: string;
  const runs = [
    run(0, REGIONS, 3),
    run(1, REGIONS, 2, [finding("kms-key-rotation-enabled", "us-east-1", "arn:aws:kms:us-east-1:111122223333:key/a", "fail", {
      exemption: { reason: "Imported key material, rotated by hand", owner: "platform", expires: "2026-06-30", expired: false },
    }), finding("kms-key-rotation-enabled", "eu-north-1", "arn:aws:kms:eu-north-1:111122223333:key/b", "pass", {
      awsConfigDisagrees: [{ rule: "cis-logging-baseline-cmk-backing-key-rotation-enabled", compliance: "NON_COMPLIANT", regions: ["eu-north-1"] }],
    })]),
  ];

  before(async function () {
    if (!fs.existsSync(CHROMIUM)) {
      console.log(`    (skipped: no browser at ${CHROMIUM}; install Debian's chromium package or set CHROMIUM_PATH)`);
      this.skip();
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "posture-"));
    file = path.join(dir, "posture.html");
    fs.writeFileSync(file, renderPostureHtml(runs));
    // The flags the machines' probe uses: no sandbox as root, and no background networking on a closed network.
    browser = await chromium.launch({
      executablePath: CHROMIUM, headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
  });

  after(async () => {
    await browser?.close();
  });

  it("shows the grid's counts as in the saved run, opens a cell's findings, filters, and makes no request", async () => {
    const page = await (browser as Browser).newPage({ viewport: { width: 1280, height: 900 } });
    const requests: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(`file://${file}`);

    const latest = runs[runs.length - 1];
    const counts = await page.$$eval(".count", (els) => els.map((el) => [el.getAttribute("data-count"), el.querySelector("b")?.textContent]));
    assert.deepEqual(counts, [
      ["fail", String(latest.summary.fail)], ["error", String(latest.summary.error)], ["pass", String(latest.summary.pass)],
      ["muted", String(latest.summary.exempted)], ["not judged", String(latest.summary.notJudged)],
    ]);
    const flowCells = await page.$$eval('tr[data-policy="vpc-flow-logs-enabled"] td.cell', (els) => els.map((el) => el.textContent));
    const expected = REGIONS.map((r) => {
      const here = latest.findings.filter((f) => f.policy === "vpc-flow-logs-enabled" && f.region === r);
      return `${here.some((f) => f.status === "fail") ? "FAIL" : "PASS"} ${here.length}`;
    });
    assert.deepEqual(flowCells, expected);

    await page.click('td.cell[data-policy="vpc-flow-logs-enabled"][data-region="eu-north-1"]');
    const shown = await page.$$eval("#details li", (els) => els.map((el) => el.getAttribute("data-status")));
    assert.deepEqual(shown, ["fail"]);
    assert.match(await page.textContent("#details") ?? "", /Fix: components\/flowLogs\.ts/);

    await page.selectOption("#f-region", "us-east-1");
    const visibleColumns = await page.$$eval("thead th[data-region-col]", (els) => els.filter((el) => !el.classList.contains("hidden")).map((el) => el.textContent));
    assert.deepEqual(visibleColumns, ["us-east-1"]);
    const filtered = await page.$$eval("#details li", (els) => els.length);
    assert.equal(filtered, latest.findings.filter((f) => f.region === "us-east-1").length);
    await page.selectOption("#f-status", "muted");
    assert.match(await page.textContent("#details") ?? "", /Exempted: Imported key material, rotated by hand \(until 2026-06-30\)/);
    await page.selectOption("#f-status", "");
    await page.selectOption("#f-region", "");

    // AWS Config's opposite verdict on a finding: in the finding's details, and in its own table.
    await page.click('td.cell[data-policy="kms-key-rotation-enabled"][data-region="eu-north-1"]');
    assert.deepEqual(await page.$$eval("#details li .aws-config", (els) => els.map((el) => el.textContent)),
      ["AWS Config's cis-logging-baseline-cmk-backing-key-rotation-enabled reports NON_COMPLIANT in eu-north-1 (this audit's verdict stands)"]);
    assert.deepEqual(await page.$$eval("table.rule-disagreements tbody tr", (rows) => rows.map((r) => [...r.querySelectorAll("td")].map((td) => td.textContent))),
      [["kms-key-rotation-enabled", "eu-north-1", "arn:aws:kms:eu-north-1:111122223333:key/b", "PASS", "cis-logging-baseline-cmk-backing-key-rotation-enabled", "NON_COMPLIANT", "eu-north-1"]]);

    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, "posture.png"), fullPage: true });
    assert.deepEqual(requests, [`file://${file}`], "the page requested nothing but itself");
  });
});
