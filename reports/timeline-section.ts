import { escapeHtml } from './escape.ts';
import { formatCount } from './format.ts';
import { faultColor } from './palette.ts';
import { VALUE_CHARS_MAX, type TimelineData } from './timeline-data.ts';

/** Filter lists longer than this become a text field (processes) or a shortened list (keys). */
const CHECKBOXES_MAX = 40;
const KEY_OPTIONS_MAX = 1_000;

/**
 * The timeline's frame: filter and zoom controls, legend, the canvas the page's script draws on,
 * the details panel and the keyboard help. The operations themselves arrive as embedded data.
 */
export function timelineSection(data: TimelineData): string {
  const notes: string[] = [];
  if (data.valuesClipped > 0) notes.push(`${formatCount(data.valuesClipped)} values longer than ${formatCount(VALUE_CHARS_MAX)} characters are cut in the timeline's details.`);
  if (data.fs.length > CHECKBOXES_MAX) notes.push(`The function filter is left out: the history has ${formatCount(data.fs.length)} functions (more than ${CHECKBOXES_MAX}).`);
  if (data.nodes.length > CHECKBOXES_MAX) notes.push(`The node filter is left out: the run has ${formatCount(data.nodes.length)} nodes (more than ${CHECKBOXES_MAX}).`);
  if (data.keys.length > KEY_OPTIONS_MAX) notes.push(`The key filter lists the first ${formatCount(KEY_OPTIONS_MAX)} of ${formatCount(data.keys.length)} keys; the part index links reach every key.`);
  return `<section id="timeline" class="timeline"><h2>Timeline</h2>
<div class="timeline-tools" role="group" aria-label="timeline filters and zoom">
${checkboxGroup('outcome', 'outcome', ['ok', 'fail', 'info'])}
${data.fs.length <= CHECKBOXES_MAX ? checkboxGroup('function', 'f', data.fs) : ''}
${nodeFilter(data)}
${keyFilter(data.keys)}
<fieldset><legend>process</legend><input type="text" id="filter-process" placeholder="all, or e.g. 1,4-7" aria-label="processes to show"></fieldset>
<span class="zoom-buttons"><button type="button" class="button" data-zoom="in" aria-label="zoom in">+</button> <button type="button" class="button" data-zoom="out" aria-label="zoom out">−</button> <button type="button" class="button" data-zoom="fit">Fit</button> <a class="button" href="#all">Full history</a></span>
</div>
<div class="legend-row"><span><span class="swatch ok"></span>ok</span><span><span class="swatch fail"></span>fail</span><span><span class="swatch info"></span>info (unknown outcome; extends to the end)</span>${data.failures.length > 0 ? '<span><span class="swatch blocked"></span>cannot be linearized</span><span><span class="swatch point"></span>linearization points of the longest prefix (the last 50 joined in order)</span>' : ''}${data.faultKinds.map((kind, i) => `<span><span class="swatch" style="background:${faultColor(i)}"></span>${escapeHtml(kind)}</span>`).join('')}${data.marks.length > 0 ? '<span>◆ node event</span>' : ''}</div>
<p class="filter-note" id="filter-note" aria-live="polite"></p>
<div class="timeline-scroll" id="timeline-scroll"><canvas id="timeline-canvas" tabindex="0" role="application" aria-roledescription="timeline" aria-label="Operations by process over simulated time. Arrow keys select operations; plus and minus zoom."></canvas><div class="timeline-spacer" id="timeline-spacer"></div></div>
<div class="tooltip" id="tooltip" hidden></div>
<div class="details" id="details" aria-live="polite"></div>
<p class="hint">Drag to pan · Ctrl+wheel, double-click or + / − to zoom · wheel scrolls the processes · shift+wheel pans · Tab to the timeline, then ← → step through a process, ↑ ↓ change process, 0 fits, Esc clears the selection.</p>
${notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`).join('')}
<noscript><p>The timeline needs JavaScript; the verdicts and explanations above do not.</p></noscript>
</section>`;
}

function checkboxGroup(legend: string, name: string, labels: readonly string[]): string {
  if (labels.length === 0) return '';
  const boxes = labels.map((label, i) => `<label><input type="checkbox" data-filter="${name}" value="${i}" checked> ${escapeHtml(label)}</label>`);
  return `<fieldset><legend>${escapeHtml(legend)}</legend>${boxes.join('')}</fieldset>`;
}

function nodeFilter(data: TimelineData): string {
  const used = new Set(data.op.node);
  if (data.nodes.length === 0 || data.nodes.length > CHECKBOXES_MAX || used.size === 0 || (used.size === 1 && used.has(-1))) return '';
  const boxes = data.nodes.map((node, i) => `<label><input type="checkbox" data-filter="node" value="${i}" checked> ${escapeHtml(node)}</label>`);
  if (used.has(-1)) boxes.push('<label><input type="checkbox" data-filter="node" value="-1" checked> none</label>');
  return `<fieldset><legend>node</legend>${boxes.join('')}</fieldset>`;
}

function keyFilter(keys: readonly string[]): string {
  if (keys.length === 0) return '';
  const options = keys.slice(0, KEY_OPTIONS_MAX).map((key, i) => `<option value="${i}">${escapeHtml(key)}</option>`);
  return `<fieldset><legend>key</legend><select id="filter-key" aria-label="key to show"><option value="-1">all keys</option>${options.join('')}</select></fieldset>`;
}
