import { strict as assert } from "assert";
import { renderPostureHtml } from "../../../audit/posture/html";
import { postureOf } from "../../../audit/posture/model";
import { finding, REGIONS, run } from "./fixtures";

describe("audit/posture: the report model and page", () => {
  const runs = [run(0, REGIONS, 3), run(1, REGIONS, 2), run(2, REGIONS, 1)];

  it("builds the regions × controls grid of the latest run, each cell its worst status and count", () => {
    const p = postureOf(runs);
    assert.deepEqual(p.regions, [...REGIONS]);
    const flow = p.rows.find((r) => r.policy === "vpc-flow-logs-enabled");
    assert.deepEqual(flow?.cells.map((c) => `${c.region} ${c.status} ${c.count}`), ["eu-north-1 fail 1", "eu-west-1 pass 1", "us-east-1 pass 1"]);
    assert.equal(flow?.status, "fail");
    assert.equal(p.rows.find((r) => r.policy === "cloudtrail-multi-region-enabled")?.cells.map((c) => c.status).join(","), "none,none,pass");
  });

  it("traces failing and passing checks per control across the runs, oldest first", () => {
    const p = postureOf(runs);
    assert.deepEqual(p.trend.get("vpc-flow-logs-enabled")?.map((t) => [t.fail, t.pass]), [[3, 0], [2, 1], [1, 2]]);
    assert.deepEqual(p.total.map((t) => t.fail), [3, 2, 1]);
  });

  it("lists accepted exceptions with reason, owner and expiry; an expired one is shown, counts as failing and is marked", () => {
    const muted = finding("kms-key-rotation-enabled", "us-east-1", "arn:aws:kms:us-east-1:111122223333:key/a", "fail", {
      exemption: { reason: "Imported material, rotated by hand yearly", owner: "platform", expires: "2026-03-01", expired: false },
    });
    const lapsed = finding("kms-key-rotation-enabled", "eu-north-1", "arn:aws:kms:eu-north-1:111122223333:key/b", "fail", {
      exemption: { reason: "Legacy key until the migration ends", owner: "data", expires: "2026-01-01", expired: true },
    });
    const p = postureOf([run(0, REGIONS, 0, [muted, lapsed])]);
    assert.deepEqual(p.exceptions.map((f) => f.resource), [muted.resource, lapsed.resource]);
    const rot = p.rows.find((r) => r.policy === "kms-key-rotation-enabled");
    assert.deepEqual(rot?.cells.map((c) => c.status), ["fail", "none", "muted"]);
    const html = renderPostureHtml([run(0, REGIONS, 0, [muted, lapsed])]);
    assert.match(html, /<td>Legacy key until the migration ends<\/td><td>data<\/td><td>2026-01-01<\/td><td class="s-fail">EXPIRED<\/td>/);
    assert.match(html, /<td>Imported material, rotated by hand yearly<\/td><td>platform<\/td><td>2026-03-01<\/td><td class="s-muted">ACTIVE<\/td>/);
  });

  it("lists AWS Config's opposite verdicts on findings, escaped, and carries them into each finding's details; none, no section", () => {
    const disputed = finding("vpc-flow-logs-enabled", "eu-west-1", "vpc-0<b>", "fail", {
      awsConfigDisagrees: [{ rule: "cis-logging-baseline-vpc-flow-logs-enabled", compliance: "COMPLIANT", regions: ["eu-west-1"] }],
    });
    const html = renderPostureHtml([run(0, REGIONS, 0, [disputed])]);
    assert.match(html, /<h2>Where AWS Config's rules and this audit disagree<\/h2><p>1 finding\(s\) on which/);
    assert.ok(html.includes('<tr data-policy="vpc-flow-logs-enabled"><td>vpc-flow-logs-enabled</td><td>eu-west-1</td><td>vpc-0&lt;b&gt;</td><td class="s-fail">FAIL</td><td>cis-logging-baseline-vpc-flow-logs-enabled</td><td>COMPLIANT</td><td>eu-west-1</td></tr>'));
    const data = JSON.parse(/<script type="application\/json" id="findings">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? "[]") as { resource: string; awsConfig?: string[] }[];
    assert.deepEqual(data.filter((f) => f.awsConfig).map((f) => [f.resource, f.awsConfig]),
      [["vpc-0<b>", ["AWS Config's cis-logging-baseline-vpc-flow-logs-enabled reports COMPLIANT in eu-west-1 (this audit's verdict stands)"]]]);
    assert.ok(!renderPostureHtml(runs).includes("Where AWS Config's rules"));
  });

  it("is self-contained: no URL to load, a CSP that forbids any request, every text escaped", () => {
    const evil = finding("vpc-flow-logs-enabled", "us-east-1", "vpc-0<script>alert(1)</script>", "fail");
    const html = renderPostureHtml([run(0, REGIONS, 0, [evil])]);
    assert.ok(!/\b(src|href)=/.test(html), "no src or href attribute");
    assert.ok(!/https?:\/\/(?!www\.w3\.org)/.test(html.replace(/<script type="application\/json"[\s\S]*?<\/script>/, "")), "no URL outside the embedded data");
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
    assert.ok(!html.includes("<script>alert(1)"), "text is escaped in markup");
    assert.ok(html.includes("\\u003cscript>alert(1)\\u003c/script>"), "and in the embedded JSON");
    assert.match(html, /<svg class="trend" role="img"/);
  });

  it("renders 100 runs × 20 regions in well under a second", () => {
    const regions = Array.from({ length: 20 }, (_, i) => `eu-west-${i + 1}`);
    const many = Array.from({ length: 100 }, (_, n) => run(n, regions, n % 20));
    const started = process.hrtime.bigint();
    const html = renderPostureHtml(many);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    assert.ok(ms < 500, `rendered in ${ms.toFixed(0)} ms`);
    assert.ok(html.length < 400_000, `${html.length} bytes`);
  });
});
