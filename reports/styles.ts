/** The page's stylesheet, inlined so the report needs no other file. */
export const REPORT_CSS = `
:root { --ink:#1d2430; --muted:#5d6776; --line:#d9dee6; --bg:#f6f7f9; --card:#fff; --ok:#3f8fd8; --fail:#e0972f; --info:#8a74c4; --bad:#d1323a; --good:#23874f; --unk:#b7791f; }
* { box-sizing: border-box; }
body { margin:0; font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif; color:var(--ink); background:var(--bg); }
main { max-width:1400px; margin:0 auto; padding:20px 24px 60px; }
h1 { font-size:22px; margin:0; word-break:break-all; }
h2 { font-size:16px; margin:0 0 8px; }
h3 { font-size:14px; margin:16px 0 6px; }
code, pre { font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace; font-size:12.5px; }
pre { white-space:pre-wrap; word-break:break-all; margin:0; }
a { color:#1f5fae; }
section, .report-header, article.failure { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:14px 16px; margin:0 0 16px; }
.title-row { display:flex; gap:12px; align-items:center; flex-wrap:wrap; margin-bottom:12px; }
.report-header section { border:0; padding:0; margin:0 0 12px; }
.badge { display:inline-block; min-width:54px; text-align:center; padding:1px 8px; border-radius:10px; font-size:12px; font-weight:700; letter-spacing:.03em; text-transform:uppercase; color:#fff; }
.badge.pass { background:var(--good); } .badge.fail { background:var(--bad); } .badge.unknown { background:var(--unk); }
.overall .badge { font-size:14px; padding:3px 12px; }
.checks { list-style:none; margin:0; padding:0; } .checks > li { padding:3px 0; }
.causes { margin:4px 0 0 70px; color:var(--muted); }
.command { background:#1d2430; color:#e8edf4; padding:8px 12px; border-radius:6px; overflow-x:auto; }
.facts, .messages { display:grid; grid-template-columns:repeat(auto-fill,minmax(210px,1fr)); gap:8px 16px; margin:0 0 8px; }
.fact dt { color:var(--muted); font-size:12px; } .fact dd { margin:0; font-weight:600; overflow-wrap:anywhere; }
.options { display:flex; gap:24px; flex-wrap:wrap; align-items:flex-start; }
table { border-collapse:collapse; } th, td { text-align:left; padding:3px 8px; border-bottom:1px solid var(--line); vertical-align:top; }
th { font-weight:600; color:var(--muted); font-size:12px; } td.num, th.num { text-align:right; font-variant-numeric:tabular-nums; }
table.kv th { color:var(--muted); font-weight:500; } table.kv td { word-break:break-all; }
.part-index tr.row-fail td { background:#fdf0f0; } .part-index tr.row-unknown td { background:#fdf6e9; }
.button { display:inline-block; padding:5px 12px; border-radius:6px; border:1px solid #b8c2cf; background:#fff; color:var(--ink); text-decoration:none; font:inherit; font-size:13px; cursor:pointer; }
.button:hover { background:#eef2f7; } .button.danger { background:var(--bad); border-color:var(--bad); color:#fff; } .button.danger:hover { background:#b3262d; }
.button:focus-visible, a:focus-visible, canvas:focus-visible, input:focus-visible, select:focus-visible { outline:3px solid #f0b429; outline-offset:2px; }
.note { background:#fff8e1; border-left:3px solid #f0b429; padding:6px 10px; margin:8px 0 0; }
.muted { color:var(--muted); margin:2px 0 6px; }
.stop-note { margin-top:8px; padding:8px 10px; background:#fdf0f0; border-left:3px solid var(--bad); }
.timeline-tools { display:flex; flex-wrap:wrap; gap:6px 14px; align-items:center; margin-bottom:8px; }
.timeline-tools fieldset { border:1px solid var(--line); border-radius:6px; padding:2px 8px 4px; margin:0; }
.timeline-tools legend { font-size:11px; color:var(--muted); padding:0 3px; }
.timeline-tools label { margin-right:8px; font-size:13px; white-space:nowrap; }
.timeline-tools input[type=text] { width:110px; font:inherit; font-size:13px; padding:1px 4px; }
.timeline-tools select { font:inherit; font-size:13px; max-width:220px; }
.zoom-buttons .button { padding:2px 9px; }
.filter-note { font-size:12px; color:var(--muted); }
.timeline-scroll { position:relative; overflow-y:auto; overflow-x:hidden; border:1px solid var(--line); border-radius:6px; background:#fff; }
.timeline-scroll canvas { position:sticky; top:0; left:0; display:block; cursor:grab; }
.timeline-scroll canvas.dragging { cursor:grabbing; }
.timeline-spacer { width:1px; }
.legend-row { display:flex; flex-wrap:wrap; gap:4px 14px; font-size:12px; color:var(--muted); margin:6px 0; align-items:center; }
.swatch { display:inline-block; width:22px; height:10px; border-radius:2px; vertical-align:middle; margin-right:4px; border:1px solid rgba(0,0,0,.15); }
.swatch.ok { background:var(--ok); } .swatch.fail { background:var(--fail); }
.swatch.info { background:repeating-linear-gradient(135deg,var(--info) 0 3px,#e4dcf5 3px 6px); }
.swatch.blocked { background:#fff; border:2px solid var(--bad); } .swatch.point { background:none; border:0; border-top:2px solid #111; border-radius:0; height:0; position:relative; top:-2px; }
.tooltip { position:fixed; z-index:10; pointer-events:none; background:#1d2430; color:#f1f4f8; padding:6px 9px; border-radius:6px; font-size:12px; max-width:480px; box-shadow:0 4px 14px rgba(0,0,0,.25); white-space:pre-wrap; word-break:break-all; }
.tooltip[hidden] { display:none; }
.details { margin-top:8px; padding:8px 10px; border:1px solid var(--line); border-radius:6px; min-height:42px; background:#fbfcfd; }
.details table.kv td { font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace; font-size:12.5px; }
.hint { font-size:12px; color:var(--muted); margin:6px 0 0; }
article.failure { border-color:#efb3b6; border-left:4px solid var(--bad); }
.folded summary { cursor:pointer; } .folded summary h2 { display:inline; }
article.folded { border-left-width:4px; }
.plain p { font-size:15px; margin:4px 0; }
.actions { display:flex; gap:8px; margin:10px 0; flex-wrap:wrap; }
.failure-grid { display:grid; grid-template-columns:minmax(280px,1fr) minmax(280px,1fr); gap:12px; }
.card { border:1px solid var(--line); border-radius:6px; padding:8px 12px; } .card h3 { margin-top:2px; }
.card.blocked { border:2px solid var(--bad); }
.state { background:#f3f5f8; padding:6px 8px; border-radius:4px; max-height:220px; overflow:auto; }
.candidates td code { word-break:break-all; }
.tag { font-size:11px; padding:0 6px; border-radius:8px; background:#eee; } .tag.rejected { background:#fde2e3; color:#8f1d22; } .tag.dead-end { background:#fdf0d5; color:#7a5310; }
.prefix { margin:4px 0; padding-left:44px; } .prefix li { margin:1px 0; }
.id-list { word-break:break-word; font-size:12px; line-height:1.7; }
.chart { margin:4px 0 10px; } .chart figcaption { font-size:12px; color:var(--muted); }
.chart svg { width:100%; height:auto; display:block; }
.axis line { stroke:#9aa4b2; } .axis text { font-size:10px; fill:#5d6776; } .grid { stroke:#eceff3; }
.quantile { fill:none; stroke-width:1.6; } .q50 { stroke:#3f8fd8; } .q95 { stroke:#e0972f; } .q99 { stroke:#d1323a; } .qmax { fill:#5d6776; }
.fault-band { opacity:.35; }
.perf-chart { cursor:pointer; } .view-window { fill:rgba(29,36,48,.05); stroke:#1d2430; stroke-width:1; stroke-dasharray:4 3; pointer-events:none; }
.bar.ok { fill:var(--ok); } .bar.fail { fill:var(--fail); } .bar.info { fill:var(--info); }
.legend { margin-left:12px; } .legend-line { display:inline-block; width:16px; height:0; border-top:2px solid; vertical-align:middle; margin:0 3px 0 8px; }
.legend-line.q50 { border-color:#3f8fd8; } .legend-line.q95 { border-color:#e0972f; } .legend-line.q99 { border-color:#d1323a; }
.legend-dot { display:inline-block; width:5px; height:5px; border-radius:50%; background:#5d6776; margin:0 3px 0 8px; vertical-align:middle; }
.legend-box { display:inline-block; width:10px; height:10px; margin:0 3px 0 8px; vertical-align:middle; } .legend-box.ok { background:var(--ok); } .legend-box.fail { background:var(--fail); } .legend-box.info { background:var(--info); }
noscript p { background:#fff8e1; padding:8px; }
@media (max-width:800px) { .failure-grid { grid-template-columns:1fr; } main { padding:10px; } }
`;
