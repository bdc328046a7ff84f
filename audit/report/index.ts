import type { Report } from "./model";
import { renderJson } from "./json";
import { renderMarkdown } from "./markdown";
import { renderSarif } from "./sarif";
import { renderTable } from "./table";

export const formats = ["table", "json", "markdown", "sarif"] as const;
export type Format = (typeof formats)[number];

export function isFormat(value: string): value is Format {
  return (formats as readonly string[]).includes(value);
}

export function render(report: Report, format: Format, toolVersion: string): string {
  switch (format) {
    case "table":
      return renderTable(report);
    case "json":
      return renderJson(report);
    case "markdown":
      return renderMarkdown(report);
    case "sarif":
      return renderSarif(report, toolVersion);
  }
}

export { exitCodeOf, toReport } from "./model";
export type { Report, ReportFinding, Summary } from "./model";
