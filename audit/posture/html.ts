/**
 * The posture report: one self-contained HTML file (no request of any kind: inline CSS, inline script, inline SVG,
 * and a Content-Security-Policy that forbids loading anything), so it works from a mail attachment or a CI artifact.
 * It answers "where are we red" (regions × controls grid, each cell labelled, not colour alone, opening its findings
 * with reason and remedy), "is it improving" (trend of failing and passing checks per control) and "what did we
 * accept" (exceptions with reason, owner and expiry, expired ones marked). An organization run adds "which accounts"
 * (accounts × controls, each cell opening that account's findings for the control, and an account filter), the
 * accounts that could not be audited or were skipped, and where the AWS Config aggregator disagrees with the audit.
 */
import { describeDisagreement } from "../awsConfigOpinion";
import type { RunDocument } from "../run/document";
import { trendSvg } from "./chart";
import { escapeHtml as e, jsonForScript } from "./escape";
import { CellStatus, Posture, postureOf, shownStatus } from "./model";

const LABEL: Readonly<Record<CellStatus, string>> = {
  fail: "FAIL", error: "ERROR", muted: "MUTED", "not-judged": "NOT JUDGED", pass: "PASS", none: "—",
};

const CSS = `
:root{--fail:#b3261e;--error:#8a5a00;--pass:#1e6b35;--muted:#5f6368;--nj:#3d5a99}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px;color:#1f1f1f}
h1{font-size:20px;margin:0 0 4px} h2{font-size:16px;margin:28px 0 8px} .meta{color:#555}
.counts{display:flex;gap:12px;flex-wrap:wrap;margin:12px 0} .count{border:1px solid #ccc;border-radius:6px;padding:8px 12px;min-width:90px}
.count b{display:block;font-size:22px}
table{border-collapse:collapse} th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
.grid td.cell,.accounts td.acell{text-align:center;cursor:pointer;font-weight:600;white-space:nowrap}
.s-fail{background:#fce8e6;color:var(--fail)} .s-error{background:#fef7e0;color:var(--error)} .s-pass{background:#e6f4ea;color:var(--pass)}
.s-muted{background:#f1f3f4;color:var(--muted)} .s-not-judged{background:#e8eefb;color:var(--nj)} .s-none{color:#999}
.filters{display:flex;gap:12px;margin:8px 0} .hidden{display:none} .dim{opacity:.3}
#details{margin-top:12px} #details li{margin:6px 0} .remedy{color:#444}
svg.trend polyline{fill:none;stroke-width:2} svg.trend polyline.fail{stroke:var(--fail)} svg.trend polyline.pass{stroke:var(--pass)}
svg.trend text{font-size:11px} svg.trend text.fail{fill:var(--fail)} svg.trend text.pass{fill:var(--pass)} svg.trend .axis{stroke:#999}
.trends{display:flex;flex-wrap:wrap;gap:12px} .trends figure{margin:0} figcaption{font-size:12px}
@media print{.filters{display:none} .grid td.cell,.accounts td.acell{cursor:auto} #details .hidden{display:list-item}}
`;

const SCRIPT = `
(function(){
  var data = JSON.parse(document.getElementById("findings").textContent);
  var region = document.getElementById("f-region"), control = document.getElementById("f-control"), status = document.getElementById("f-status");
  var account = document.getElementById("f-account") || { value: "", addEventListener: function(){} };
  var details = document.getElementById("details");
  function visible(f){ return (!account.value || f.account === account.value) && (!region.value || f.region === region.value) && (!control.value || f.policy === control.value) && (!status.value || f.shown === status.value); }
  function show(list, title){
    details.textContent = "";
    var h = document.createElement("h3"); h.textContent = title; details.appendChild(h);
    var ul = document.createElement("ul");
    list.forEach(function(f){
      var li = document.createElement("li"); li.setAttribute("data-status", f.shown);
      li.textContent = f.shown.toUpperCase() + " " + (f.account ? f.account + " " : "") + f.region + " " + f.resource + ": " + f.reason;
      var r = document.createElement("div"); r.className = "remedy"; r.textContent = "Fix: " + f.remedy; li.appendChild(r);
      if (f.exemption) { var x = document.createElement("div"); x.className = "remedy"; x.textContent = (f.exemption.expired ? "Exemption EXPIRED " : "Exempted: ") + f.exemption.reason + (f.exemption.expires ? " (until " + f.exemption.expires + ")" : ""); li.appendChild(x); }
      (f.awsConfig || []).forEach(function(t){ var c = document.createElement("div"); c.className = "remedy aws-config"; c.textContent = t; li.appendChild(c); });
      ul.appendChild(li);
    });
    details.appendChild(ul);
  }
  function apply(){
    document.querySelectorAll("[data-region-col]").forEach(function(el){ el.classList.toggle("hidden", !!region.value && el.getAttribute("data-region-col") !== region.value); });
    document.querySelectorAll("tr[data-policy]").forEach(function(el){ el.classList.toggle("hidden", !!control.value && el.getAttribute("data-policy") !== control.value); });
    document.querySelectorAll("td.cell,td.acell").forEach(function(el){ el.classList.toggle("dim", !!status.value && el.getAttribute("data-status") !== status.value); });
    document.querySelectorAll("tr[data-account]").forEach(function(el){ el.classList.toggle("hidden", !!account.value && el.getAttribute("data-account") !== account.value); });
    document.querySelectorAll("td.acell").forEach(function(el){ el.classList.toggle("hidden", !!control.value && el.getAttribute("data-policy") !== control.value); });
    show(data.filter(visible), "Findings matching the filters");
  }
  [account, region, control, status].forEach(function(s){ s.addEventListener("change", apply); });
  document.querySelectorAll("td.acell").forEach(function(td){
    td.addEventListener("click", function(){
      var p = td.getAttribute("data-policy"), a = td.getAttribute("data-account");
      show(data.filter(function(f){ return f.policy === p && f.account === a; }), td.getAttribute("data-title"));
    });
  });
  document.querySelectorAll("td.cell").forEach(function(td){
    td.addEventListener("click", function(){
      var p = td.getAttribute("data-policy"), r = td.getAttribute("data-region");
      show(data.filter(function(f){ return f.policy === p && f.region === r; }), td.getAttribute("data-title"));
    });
  });
  apply();
})();
`;

function headline(p: Posture): string {
  const s = p.latest.summary;
  const box = (label: string, n: number, cls: string) => `<div class="count ${cls}" data-count="${e(label)}"><b>${n}</b>${e(label)}</div>`;
  return `<div class="counts">${box("fail", s.fail, "s-fail")}${box("error", s.error, "s-error")}${box("pass", s.pass, "s-pass")}${box("muted", s.exempted, "s-muted")}${box("not judged", s.notJudged, "s-not-judged")}</div>`;
}

function verdicts(p: Posture): string {
  const rows = p.rows.map((r) => `<tr><td>${e(r.control)}</td><td>${e(r.title)}</td><td>${e(r.securityHub ?? "—")}</td><td class="s-${r.status}">${LABEL[r.status]}</td></tr>`);
  return `<table class="verdicts"><thead><tr><th>CIS ${e(p.latest.cisVersion)}</th><th>Control</th><th>Security Hub</th><th>Verdict</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

function grid(p: Posture): string {
  const head = p.regions.map((r) => `<th data-region-col="${e(r)}">${e(r)}</th>`).join("");
  const rows = p.rows.map((row) => {
    const cells = row.cells.map((c) => {
      const text = c.count === 0 ? LABEL.none : `${LABEL[c.status]} ${c.count}`;
      const title = `${row.control} ${row.title} in ${c.region}`;
      return `<td class="cell s-${c.status}" data-region-col="${e(c.region)}" data-region="${e(c.region)}" data-policy="${e(row.policy)}" data-status="${c.status}" data-title="${e(title)}" title="${e(title)}">${e(text)}</td>`;
    }).join("");
    return `<tr data-policy="${e(row.policy)}"><th>${e(row.control)} ${e(row.title)}</th>${cells}</tr>`;
  }).join("");
  return `<table class="grid"><thead><tr><th>Control \\ region</th>${head}</tr></thead><tbody>${rows}</tbody></table>`;
}

function accountLabel(a: { account: string; name?: string }): string {
  return a.name ? `${a.account} (${a.name})` : a.account;
}

/** Organization runs: one row per account, a cell per control (worst status and count), its outcome last. */
function accountsGrid(p: Posture): string {
  const accounts = p.accounts ?? [];
  const head = p.rows.map((r) => `<th data-policy-col="${e(r.policy)}" title="${e(r.title)}">${e(r.control)}</th>`).join("");
  const body = accounts.map((a) => {
    const cells = a.cells.map((c) => {
      const row = p.rows.find((r) => r.policy === c.policy);
      const text = a.outcome === "skipped" ? "SKIPPED" : c.count === 0 ? LABEL.none : `${LABEL[c.status]} ${c.count}`;
      const title = `${accountLabel(a)}: ${row?.control ?? ""} ${row?.title ?? ""}`;
      return `<td class="acell s-${c.status}" data-account="${e(a.account)}" data-policy="${e(c.policy)}" data-status="${c.status}" data-title="${e(title)}" title="${e(title)}">${e(text)}</td>`;
    }).join("");
    const outcome = a.outcome === "audited" ? "audited" : `${a.outcome === "skipped" ? "skipped" : "NOT AUDITED"}: ${a.reason ?? a.state}`;
    return `<tr data-account="${e(a.account)}"><th>${e(accountLabel(a))}</th>${cells}<td class="outcome s-${a.outcome === "audited" ? a.status : a.outcome === "skipped" ? "none" : "error"}">${e(outcome)}</td></tr>`;
  }).join("");
  return `<table class="accounts"><thead><tr><th>Account \\ control</th>${head}<th>Outcome</th></tr></thead><tbody>${body}</tbody></table>`;
}

function disagreements(p: Posture): string {
  const list = p.latest.organization?.disagreements;
  if (list === undefined) {
    return "";
  }
  const source = `AWS Config aggregator ${e(p.latest.organization?.aggregator ?? "")}`;
  if (list.length === 0) {
    return `<h2>AWS Config and this audit</h2><p>The ${source} agrees with the audit on every control both judge.</p>`;
  }
  const rows = list.map((d) => `<tr data-account="${e(d.account)}"><td>${e(d.account)}</td><td>${e(d.policy)}</td><td>${e(d.visited.toUpperCase())}</td><td>${e(d.aggregator.toUpperCase())}</td><td>${e(d.detail)}</td></tr>`).join("");
  return `<h2>Where AWS Config and this audit disagree</h2><p>${list.length} (account, control) pair(s) where the ${source} reaches another verdict.</p>` +
    `<table class="disagreements"><thead><tr><th>Account</th><th>Policy</th><th>Audit</th><th>Aggregator</th><th>What each found</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/**
 * Where AWS Config's own evaluation of the stack's rules (continuous coverage) reaches the opposite verdict on a
 * finding (audit/awsConfigOpinion.ts). Listed as well as shown in the findings' details, so that the printed page and a
 * browser without scripts have it; the audit's verdict stands either way.
 */
function ruleDisagreements(p: Posture): string {
  const marked = p.latest.findings.filter((f) => (f.awsConfigDisagrees ?? []).length > 0);
  if (marked.length === 0) {
    return "";
  }
  const rows = marked.flatMap((f) => (f.awsConfigDisagrees ?? []).map((d) =>
    `<tr data-policy="${e(f.policy)}"><td>${e(f.policy)}</td><td>${e(f.region)}</td><td>${e(f.resource)}</td><td class="s-${e(shownStatus(f))}">${e(shownStatus(f).toUpperCase())}</td>` +
    `<td>${e(d.rule)}</td><td>${e(d.compliance)}</td><td>${e(d.regions.join(", "))}</td></tr>`)).join("");
  return `<h2>Where AWS Config's rules and this audit disagree</h2><p>${marked.length} finding(s) on which AWS Config's evaluation of the stack's rules reaches the opposite verdict; the audit's verdict stands (it reads the settings the control names).</p>` +
    `<table class="rule-disagreements"><thead><tr><th>Policy</th><th>Region</th><th>Resource</th><th>Audit</th><th>AWS Config rule</th><th>It reports</th><th>In</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function notes(p: Posture): string {
  const list = p.latest.notes ?? [];
  return list.length === 0 ? "" : `<h2>Notes</h2><ul class="notes">${list.map((n) => `<li>${e(n)}</li>`).join("")}</ul>`;
}

function filters(p: Posture): string {
  const options = (values: readonly [string, string][]) => values.map(([v, label]) => `<option value="${e(v)}">${e(label)}</option>`).join("");
  const account = p.accounts
    ? `<label>Account <select id="f-account"><option value="">all</option>${options(p.accounts.map((a) => [a.account, accountLabel(a)]))}</select></label>\n`
    : "";
  return `<div class="filters">
${account}<label>Region <select id="f-region"><option value="">all</option>${options(p.regions.map((r) => [r, r]))}</select></label>
<label>Control <select id="f-control"><option value="">all</option>${options(p.rows.map((r) => [r.policy, `${r.control} ${r.title}`]))}</select></label>
<label>Status <select id="f-status"><option value="">all</option>${options((["fail", "error", "pass", "muted", "not-judged"] as const).map((s) => [s, LABEL[s]]))}</select></label>
</div>`;
}

function trends(p: Posture): string {
  const overall = trendSvg(p.total, { width: 560, height: 180, label: "All controls" });
  const small = p.rows.map((r) => {
    const points = p.trend.get(r.policy) ?? [];
    return `<figure>${trendSvg(points, { width: 260, height: 110, label: `${r.control} ${r.title}` })}<figcaption>${e(r.control)} ${e(r.title)}</figcaption></figure>`;
  }).join("");
  return `${overall}<div class="trends">${small}</div>`;
}

function exceptions(p: Posture): string {
  if (p.exceptions.length === 0) {
    return "<p>No accepted exceptions.</p>";
  }
  const rows = p.exceptions.map((f) => {
    const x = f.exemption;
    const state = x?.expired ? `<td class="s-fail">EXPIRED</td>` : `<td class="s-muted">ACTIVE</td>`;
    return `<tr><td>${e(f.control)}</td><td>${e(f.region)}</td><td>${e(f.resource)}</td><td>${e(x?.reason ?? "")}</td><td>${e(x?.owner ?? "—")}</td><td>${e(x?.expires ?? "never")}</td>${state}</tr>`;
  }).join("");
  return `<table class="exceptions"><thead><tr><th>Control</th><th>Region</th><th>Resource</th><th>Reason</th><th>Owner</th><th>Expires</th><th>State</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** The whole page for the saved runs (oldest first). */
export function renderPostureHtml(runs: readonly RunDocument[]): string {
  const p = postureOf(runs);
  const org = p.latest.organization;
  const subject = org
    ? `organization of ${org.accounts.length} account(s), from account ${p.latest.account}` +
      (org.source === "aggregator" ? `, read from AWS Config aggregator ${org.aggregator ?? ""}` : "")
    : `account ${p.latest.account}`;
  const findings = p.latest.findings.map((f) => ({
    ...(p.accounts ? { account: f.account ?? p.latest.account } : {}),
    policy: f.policy, region: f.region, resource: f.resource, shown: shownStatus(f), reason: f.reason, remedy: f.remedy,
    ...(f.exemption ? { exemption: f.exemption } : {}),
    ...(f.awsConfigDisagrees ? { awsConfig: f.awsConfigDisagrees.map(describeDisagreement) } : {}),
  }));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>CIS logging posture of ${e(subject)}</title><style>${CSS}</style></head>
<body>
<h1>CIS AWS Foundations logging posture: ${e(subject)}</h1>
<p class="meta">Latest run ${e(p.latest.startedAt)} (CIS ${e(p.latest.cisVersion)}, ${p.latest.regions.length} regions, ${e(p.latest.tool.name)} ${e(p.latest.tool.version)}); ${runs.length} run(s) in the trend.</p>
${headline(p)}
<h2>Verdict per control</h2>
${verdicts(p)}
${p.accounts ? `<h2>Accounts × controls</h2>\n${accountsGrid(p)}\n` : ""}<h2>Regions × controls</h2>
${filters(p)}
${grid(p)}
<section id="details" aria-live="polite"></section>
<h2>Trend: failing and passing checks</h2>
${trends(p)}
<h2>Accepted exceptions</h2>
${exceptions(p)}
${disagreements(p)}${ruleDisagreements(p)}${notes(p)}
<script type="application/json" id="findings">${jsonForScript(findings)}</script>
<script>${SCRIPT}</script>
</body></html>
`;
}
