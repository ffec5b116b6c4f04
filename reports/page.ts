import { CLIENT_SCRIPT } from './client-script.ts';
import { escapeHtml, jsonForScript } from './escape.ts';
import { failureSection } from './failure-section.ts';
import { headerSection } from './header.ts';
import { failureViews, linearizabilityChecks } from './linearizability-view.ts';
import { FAULT_COLORS } from './palette.ts';
import { partIndexSection } from './part-index.ts';
import { perfStripSection } from './perf-strip.ts';
import type { ReportInput } from './report-input.ts';
import { REPORT_CSS } from './styles.ts';
import { timelineData } from './timeline-data.ts';
import { timelineSection } from './timeline-section.ts';

/**
 * Assembles the whole page from a report input: header, part index, failure explanations,
 * timeline, performance strip, then the embedded data and script. Pure and deterministic.
 * The content-security policy forbids every network request, so the file stays self-contained
 * even if some text slipped through unescaped.
 */
export function renderReportPage(input: ReportInput): string {
  const linearizability = linearizabilityChecks(input.checks);
  const failures = failureViews(linearizability, input.operations, input.endUs);
  const data = timelineData({
    operations: input.operations,
    nodes: input.nodes,
    faultWindows: input.faultWindows,
    nodeEvents: input.nodeEvents,
    failures,
    endUs: input.endUs,
  });
  const body = [
    headerSection(input, linearizability, failures.length),
    partIndexSection(linearizability, input.operations, failures),
    failureSection(failures, input.operations),
    timelineSection(data),
    perfStripSection({ operations: input.operations, faultWindows: input.faultWindows, faultKinds: data.faultKinds, messages: input.messages, endUs: input.endUs }),
  ];
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(input.title)} — faultline report</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<main>
${body.filter((part) => part !== '').join('\n')}
<footer class="muted">faultline report · simulated time only; this file makes no network requests.</footer>
</main>
<script type="application/json" id="report-data">${jsonForScript(data)}</script>
<script type="application/json" id="report-palette">${jsonForScript(FAULT_COLORS)}</script>
<script>${CLIENT_SCRIPT}</script>
</body>
</html>
`;
}
