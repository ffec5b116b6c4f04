/**
 * The page's script, inlined as text: it reads the embedded JSON data and draws the timeline on a
 * canvas (only what is in view, so 100,000 operations stay smooth), handles zoom, pan, filters,
 * hover, keyboard selection and the `#op-<id>` / `#failure-<n>` / `#key-<key>` / `#all` anchors.
 * Everything from the data reaches the DOM through textContent, never as markup.
 * (Plain ES2017 so any current browser runs it; no backticks or template substitutions, since it
 * lives inside a TypeScript template literal.)
 */
export const CLIENT_SCRIPT = String.raw`
(function () {
  'use strict';
  var D = JSON.parse(document.getElementById('report-data').textContent);
  var FAULT_COLORS = JSON.parse(document.getElementById('report-palette').textContent);
  var OP = D.op;
  var N = OP.lane.length;
  var OUTCOMES = ['ok', 'fail', 'info'];
  var COLORS = { ok: '#3f8fd8', fail: '#e0972f', info: '#8a74c4', bad: '#d1323a' };
  var PREFIX_JOINED = 50;
  var AXIS_H = 26, NODE_H = 16, LANE_H = 18, BAR_H = 12, LABEL_W = 76, GAP = 6, RIGHT_PAD = 10, CANVAS_H_MAX = 620;

  var scroller = document.getElementById('timeline-scroll');
  var canvas = document.getElementById('timeline-canvas');
  var spacer = document.getElementById('timeline-spacer');
  var tooltip = document.getElementById('tooltip');
  var details = document.getElementById('details');
  var filterNote = document.getElementById('filter-note');
  var ctx = canvas.getContext('2d');

  var role = new Array(N);
  var prefixPos = new Map();
  var state = { t0: D.startUs, t1: D.endUs, selected: -1, hover: -1, failure: -1, cssW: 800, cssH: 300 };
  var filters = { outcome: [true, true, true], f: null, node: null, key: -1, process: null };
  var visible = new Uint8Array(N);
  var lanes = [];
  var laneRowOf = new Int32Array(D.processes.length);
  var laneOps = [];
  var laneInfo = [];
  var drawQueued = false;
  var viewNote = '';

  function fmtUs(us) {
    var a = Math.abs(us);
    function trim(n, d) { var s = n.toFixed(d); return s.indexOf('.') >= 0 ? s.replace(/\.?0+$/, '') : s; }
    if (a < 1000) return trim(us, 0) + ' µs';
    if (a < 1e6) return trim(us / 1000, a < 1e4 ? 2 : 1) + ' ms';
    if (a < 6e7) return trim(us / 1e6, 3) + ' s';
    return trim(us / 6e7, 2) + ' min';
  }
  // Axis labels carry as many decimals as the tick step needs, in the unit of the value.
  function fmtTick(t, step) {
    var m = Math.max(Math.abs(t), step);
    var unit = m < 1000 ? 1 : m < 1e6 ? 1000 : 1e6;
    var decimals = Math.max(0, Math.min(6, Math.ceil(-Math.log10(step / unit) - 1e-9)));
    return (t / unit).toFixed(decimals) + (unit === 1 ? ' µs' : unit === 1000 ? ' ms' : ' s');
  }
  function niceStep(raw) {
    var p = Math.pow(10, Math.floor(Math.log10(raw)));
    var e = raw / p;
    return (e >= 7.5 ? 10 : e >= 3.5 ? 5 : e >= 1.5 ? 2 : 1) * p;
  }
  function endOf(i) { return OP.completeUs[i] < 0 ? D.endUs : OP.completeUs[i]; }
  function plotW() { return Math.max(10, state.cssW - LABEL_W - RIGHT_PAD); }
  function xOf(t) { return LABEL_W + (t - state.t0) / (state.t1 - state.t0) * plotW(); }
  function tOf(x) { return state.t0 + (x - LABEL_W) / plotW() * (state.t1 - state.t0); }
  function lanesTop() { return AXIS_H + D.nodes.length * NODE_H + (D.nodes.length > 0 ? GAP : 0); }
  function contentH() { return lanesTop() + lanes.length * LANE_H + 4; }

  // Roles of operations in the active failure, for colouring and details.
  function setFailure(k) {
    state.failure = k;
    role = new Array(N);
    prefixPos = new Map();
    if (k < 0) return;
    var fl = D.failures[k];
    fl.prefix.forEach(function (id, pos) { role[id] = 'prefix'; prefixPos.set(id, pos); });
    fl.candidates.forEach(function (id) { role[id] = 'candidate'; });
    role[fl.blocked] = 'blocked';
  }

  // ---------- filters ----------
  function parseProcesses(text) {
    text = text.trim();
    if (text === '') return null;
    var set = new Set();
    var parts = text.split(',');
    for (var i = 0; i < parts.length; i++) {
      var m = /^\s*(-?\d+)\s*(?:-\s*(-?\d+)\s*)?$/.exec(parts[i]);
      if (!m) return 'bad';
      var a = parseInt(m[1], 10), b = m[2] === undefined ? a : parseInt(m[2], 10);
      if (b < a || b - a > 100000) return 'bad';
      for (var p = a; p <= b; p++) set.add(p);
    }
    return set;
  }
  function filtersActive() {
    return !filters.outcome[0] || !filters.outcome[1] || !filters.outcome[2] || filters.f !== null || filters.node !== null || filters.key >= 0 || filters.process !== null;
  }
  function applyFilters() {
    var shown = 0;
    for (var i = 0; i < N; i++) {
      var v = filters.outcome[OP.outcome[i]] &&
        (filters.f === null || filters.f.has(OP.f[i])) &&
        (filters.node === null || filters.node.has(OP.node[i])) &&
        (filters.key < 0 || OP.key[i] === filters.key) &&
        (filters.process === null || filters.process.has(D.processes[OP.lane[i]]));
      visible[i] = v ? 1 : 0;
      if (v) shown++;
    }
    var active = filtersActive();
    laneOps = D.processes.map(function () { return []; });
    laneInfo = D.processes.map(function () { return []; });
    for (var j = 0; j < N; j++) {
      if (!visible[j]) continue;
      (OP.outcome[j] === 2 ? laneInfo : laneOps)[OP.lane[j]].push(j);
    }
    laneOps.forEach(function (list) { list.sort(function (a, b) { return OP.invokeUs[a] - OP.invokeUs[b] || a - b; }); });
    lanes = [];
    laneRowOf.fill(-1);
    for (var l = 0; l < D.processes.length; l++) {
      if (active && laneOps[l].length === 0 && laneInfo[l].length === 0) continue;
      laneRowOf[l] = lanes.length;
      lanes.push(l);
    }
    filterNote.textContent = viewNote + (active
      ? 'Showing ' + shown + ' of ' + N + ' operations. Filters only hide operations from view; the verdicts above are for the whole history.'
      : 'All ' + N + ' operations shown.');
    layout();
  }
  function readFilterControls() {
    document.querySelectorAll('input[data-filter=outcome]').forEach(function (box) { filters.outcome[+box.value] = box.checked; });
    filters.f = checkedSet('f');
    filters.node = checkedSet('node');
    var keySelect = document.getElementById('filter-key');
    filters.key = keySelect ? +keySelect.value : -1;
    var procInput = document.getElementById('filter-process');
    var parsed = procInput ? parseProcesses(procInput.value) : null;
    if (procInput) procInput.setCustomValidity(parsed === 'bad' ? 'Use process numbers and ranges, e.g. 1,4-7' : '');
    filters.process = parsed === 'bad' ? null : parsed;
    applyFilters();
  }
  function checkedSet(name) {
    var boxes = document.querySelectorAll('input[data-filter=' + name + ']');
    if (boxes.length === 0) return null;
    var set = new Set(), all = true;
    boxes.forEach(function (box) { if (box.checked) set.add(+box.value); else all = false; });
    return all ? null : set;
  }
  function resetFilterControls(keyIndex) {
    document.querySelectorAll('input[data-filter]').forEach(function (box) { box.checked = true; });
    var procInput = document.getElementById('filter-process');
    if (procInput) { procInput.value = ''; procInput.setCustomValidity(''); }
    var keySelect = document.getElementById('filter-key');
    if (keySelect) {
      var value = String(keyIndex);
      var exists = false;
      for (var i = 0; i < keySelect.options.length; i++) if (keySelect.options[i].value === value) exists = true;
      if (!exists && keyIndex >= 0) {
        var opt = document.createElement('option');
        opt.value = value;
        opt.textContent = D.keys[keyIndex];
        keySelect.appendChild(opt);
      }
      keySelect.value = value;
    }
    readFilterControls();
  }

  // ---------- layout and drawing ----------
  function layout() {
    state.cssW = Math.max(300, scroller.clientWidth);
    var total = contentH();
    state.cssH = Math.min(total, Math.max(200, Math.min(CANVAS_H_MAX, Math.floor(window.innerHeight * 0.72))));
    var dpr = window.devicePixelRatio || 1;
    canvas.style.width = state.cssW + 'px';
    canvas.style.height = state.cssH + 'px';
    canvas.width = Math.round(state.cssW * dpr);
    canvas.height = Math.round(state.cssH * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    scroller.style.height = state.cssH + 2 + 'px';
    spacer.style.height = Math.max(0, total - state.cssH) + 'px';
    draw();
  }
  function requestDraw() {
    if (drawQueued) return;
    drawQueued = true;
    window.requestAnimationFrame(function () { drawQueued = false; draw(); });
  }
  var hatch = null;
  function infoPattern() {
    if (hatch) return hatch;
    var c = document.createElement('canvas');
    c.width = 8; c.height = 8;
    var g = c.getContext('2d');
    g.fillStyle = '#e4dcf5'; g.fillRect(0, 0, 8, 8);
    g.strokeStyle = COLORS.info; g.lineWidth = 2.5;
    g.beginPath(); g.moveTo(-2, 10); g.lineTo(10, -2); g.moveTo(-2, 2); g.lineTo(2, -2); g.moveTo(6, 10); g.lineTo(10, 6); g.stroke();
    hatch = ctx.createPattern(c, 'repeat');
    return hatch;
  }
  function laneY(row) { return lanesTop() + row * LANE_H - scroller.scrollTop; }
  function firstEndingAfter(list, t) {
    var lo = 0, hi = list.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (endOf(list[mid]) < t) lo = mid + 1; else hi = mid; }
    return lo;
  }
  function draw() {
    var W = state.cssW, H = state.cssH, top = lanesTop();
    ctx.clearRect(0, 0, W, H);
    ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, W, H);
    var span = state.t1 - state.t0;
    var step = niceStep(span / Math.max(2, plotW() / 110));
    // lane backgrounds
    ctx.save();
    ctx.beginPath(); ctx.rect(0, top, W, H - top); ctx.clip();
    var firstRow = Math.max(0, Math.floor((scroller.scrollTop) / LANE_H));
    var lastRow = Math.min(lanes.length - 1, Math.ceil((scroller.scrollTop + H - top) / LANE_H));
    for (var r = firstRow; r <= lastRow; r++) {
      if (r % 2 === 1) { ctx.fillStyle = '#f7f9fb'; ctx.fillRect(0, laneY(r), W, LANE_H); }
    }
    ctx.restore();
    // fault windows across everything
    D.faults.forEach(function (f) {
      if (f.endUs < state.t0 || f.startUs > state.t1) return;
      var x0 = Math.max(LABEL_W, xOf(f.startUs)), x1 = Math.min(W - RIGHT_PAD, xOf(f.endUs));
      ctx.globalAlpha = 0.22; ctx.fillStyle = FAULT_COLORS[D.faultKinds.indexOf(f.kind) % FAULT_COLORS.length];
      ctx.fillRect(x0, AXIS_H, Math.max(1, x1 - x0), H - AXIS_H);
      ctx.globalAlpha = 0.8;
      f.nodes.forEach(function (n) { ctx.fillRect(x0, AXIS_H + n * NODE_H + 3, Math.max(1, x1 - x0), NODE_H - 6); });
      ctx.globalAlpha = 1;
    });
    // grid and axis
    ctx.font = '11px system-ui, sans-serif'; ctx.textBaseline = 'middle';
    ctx.strokeStyle = '#e6e9ee'; ctx.lineWidth = 1; ctx.fillStyle = '#5d6776'; ctx.textAlign = 'center';
    for (var t = Math.ceil(state.t0 / step) * step; t <= state.t1; t += step) {
      var gx = Math.round(xOf(t)) + 0.5;
      ctx.beginPath(); ctx.moveTo(gx, AXIS_H - 4); ctx.lineTo(gx, H); ctx.stroke();
      
    }
    ctx.strokeStyle = '#9aa4b2'; ctx.beginPath(); ctx.moveTo(LABEL_W, AXIS_H - 0.5); ctx.lineTo(W - RIGHT_PAD, AXIS_H - 0.5); ctx.stroke();
    drawNodes();
    markPerfCharts();
    drawLanes(firstRow, lastRow);
    drawFailure();
    // gutter on top of everything that scrolled under it
    ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, LABEL_W - 1, H); ctx.fillRect(0, 0, W, AXIS_H - 8);
    ctx.fillStyle = '#5d6776'; ctx.textAlign = 'center';
    for (var t2 = Math.ceil(state.t0 / step) * step; t2 <= state.t1; t2 += step) {
      var lx = xOf(t2);
      if (lx >= LABEL_W) ctx.fillText(fmtTick(t2, step), lx, AXIS_H / 2 - 2);
    }
    ctx.textAlign = 'right';
    ctx.fillStyle = '#1d2430';
    D.nodes.forEach(function (name, i) { ctx.fillText(clipText(name, LABEL_W - 10), LABEL_W - 8, AXIS_H + i * NODE_H + NODE_H / 2); });
    ctx.save(); ctx.beginPath(); ctx.rect(0, top, LABEL_W, H - top); ctx.clip();
    for (var r2 = firstRow; r2 <= lastRow; r2++) {
      var l = lanes[r2];
      if (l === undefined) continue;
      ctx.fillStyle = state.selected >= 0 && OP.lane[state.selected] === l ? '#1d2430' : '#5d6776';
      ctx.fillText('p' + D.processes[l], LABEL_W - 8, laneY(r2) + LANE_H / 2);
    }
    ctx.restore();
    ctx.strokeStyle = '#d9dee6'; ctx.beginPath(); ctx.moveTo(LABEL_W - 0.5, AXIS_H); ctx.lineTo(LABEL_W - 0.5, H); ctx.stroke();
    if (D.nodes.length > 0) { ctx.beginPath(); ctx.moveTo(0, top - GAP / 2); ctx.lineTo(W, top - GAP / 2); ctx.stroke(); }
    ctx.textAlign = 'start';
  }
  var perfCharts = Array.prototype.slice.call(document.querySelectorAll('svg.perf-chart'));
  function chartScale(svg) {
    var left = +svg.getAttribute('data-plot-left'), right = +svg.getAttribute('data-plot-right'), end = +svg.getAttribute('data-plot-end-us');
    return { left: left, right: right, x: function (t) { return left + Math.max(0, Math.min(1, t / end)) * (right - left); }, t: function (x) { return (x - left) / (right - left) * end; } };
  }
  function markPerfCharts() {
    perfCharts.forEach(function (svg) {
      var s = chartScale(svg), rect = svg.querySelector('.view-window');
      var x0 = s.x(state.t0), x1 = s.x(state.t1);
      rect.setAttribute('x', String(x0));
      rect.setAttribute('width', String(Math.max(1, x1 - x0)));
    });
  }
  perfCharts.forEach(function (svg) {
    svg.addEventListener('click', function (ev) {
      var box = svg.getBoundingClientRect(), s = chartScale(svg);
      var vbWidth = svg.viewBox.baseVal.width;
      var t = s.t((ev.clientX - box.left) / box.width * vbWidth);
      var span = state.t1 - state.t0;
      setView(t - span / 2, t + span / 2);
      scroller.scrollIntoView({ block: 'nearest' });
    });
  });
  function clipText(text, widthMax) {
    if (ctx.measureText(text).width <= widthMax) return text;
    var s = text;
    while (s.length > 1 && ctx.measureText(s + '…').width > widthMax) s = s.slice(0, -1);
    return s + '…';
  }
  function drawNodes() {
    D.nodes.forEach(function (_name, i) {
      ctx.strokeStyle = '#e1e5eb';
      var y = AXIS_H + i * NODE_H + NODE_H / 2 + 0.5;
      ctx.beginPath(); ctx.moveTo(LABEL_W, y); ctx.lineTo(state.cssW - RIGHT_PAD, y); ctx.stroke();
    });
    D.marks.forEach(function (m) {
      if (m.node < 0 || m.timeUs < state.t0 || m.timeUs > state.t1) return;
      var x = xOf(m.timeUs), y = AXIS_H + m.node * NODE_H + NODE_H / 2;
      ctx.fillStyle = /crash|kill|stop|fail/i.test(m.event) ? COLORS.bad : /restart|start|recover|resume/i.test(m.event) ? '#23874f' : '#1d2430';
      ctx.beginPath(); ctx.moveTo(x, y - 5); ctx.lineTo(x + 4, y); ctx.lineTo(x, y + 5); ctx.lineTo(x - 4, y); ctx.closePath(); ctx.fill();
    });
  }
  function barRect(i, row) {
    var x0 = xOf(OP.invokeUs[i]), x1 = xOf(endOf(i));
    return { x: x0, y: laneY(row) + (LANE_H - BAR_H) / 2, w: Math.max(1.5, x1 - x0), h: BAR_H };
  }
  function drawLanes(firstRow, lastRow) {
    var W = state.cssW, top = lanesTop();
    ctx.save();
    ctx.beginPath(); ctx.rect(LABEL_W, top, W - LABEL_W - RIGHT_PAD, state.cssH - top); ctx.clip();
    ctx.font = '10.5px ui-monospace, Menlo, Consolas, monospace'; ctx.textBaseline = 'middle'; ctx.textAlign = 'left';
    for (var r = firstRow; r <= lastRow; r++) {
      var l = lanes[r];
      if (l === undefined) continue;
      var infos = laneInfo[l];
      for (var k = 0; k < infos.length; k++) {
        var ii = infos[k];
        if (OP.invokeUs[ii] > state.t1) continue;
        var rb = barRect(ii, r);
        ctx.fillStyle = infoPattern(); ctx.globalAlpha = 0.75;
        ctx.fillRect(rb.x, rb.y + 2, rb.w, rb.h - 4);
        ctx.globalAlpha = 1; ctx.fillStyle = COLORS.info; ctx.fillRect(rb.x, rb.y, 2, rb.h);
      }
      var list = laneOps[l];
      var lastPx = -1, lastOutcome = -1;
      for (var j = firstEndingAfter(list, state.t0); j < list.length; j++) {
        var i = list[j];
        if (OP.invokeUs[i] > state.t1) break;
        var b = barRect(i, r);
        var px = Math.floor(b.x);
        if (b.w < 2 && px === lastPx && OP.outcome[i] === lastOutcome) continue;
        lastPx = px; lastOutcome = OP.outcome[i];
        ctx.fillStyle = COLORS[OUTCOMES[OP.outcome[i]]];
        ctx.fillRect(b.x, b.y, b.w, b.h);
        if (b.w > 60) {
          ctx.fillStyle = '#fff';
          var label = D.fs[OP.f[i]] + (OP.key[i] >= 0 ? ' ' + D.keys[OP.key[i]] : '') + ' ' + OP.input[i] + (OP.outcome[i] === 0 ? ' → ' + OP.output[i] : '');
          var lx = Math.max(b.x, LABEL_W) + 3, room = b.x + b.w - lx - 3;
          if (room > 30) ctx.fillText(clipText(label, room), lx, b.y + b.h / 2 + 0.5);
        }
      }
    }
    ctx.restore();
  }
  function outline(i, color, width, dash, gap) {
    var row = laneRowOf[OP.lane[i]];
    if (row < 0 || !visible[i]) return;
    var b = barRect(i, row);
    ctx.save();
    ctx.beginPath(); ctx.rect(LABEL_W, lanesTop(), state.cssW - LABEL_W - RIGHT_PAD, state.cssH - lanesTop()); ctx.clip();
    ctx.strokeStyle = color; ctx.lineWidth = width; ctx.setLineDash(dash || []);
    var g = gap === undefined ? 1 : gap;
    ctx.strokeRect(b.x - width / 2 - g, b.y - width / 2 - g, b.w + width + 2 * g, b.h + width + 2 * g);
    ctx.restore();
  }
  function drawFailure() {
    if (state.failure >= 0) {
      var fl = D.failures[state.failure];
      ctx.save();
      ctx.beginPath(); ctx.rect(LABEL_W, lanesTop(), state.cssW - LABEL_W - RIGHT_PAD, state.cssH - lanesTop()); ctx.clip();
      ctx.strokeStyle = 'rgba(17,17,17,0.5)'; ctx.lineWidth = 1.2; ctx.beginPath();
      // Only the tail before the failure is joined by a line: a long prefix would hide the history.
      var started = false, pts = [], joinFrom = Math.max(0, fl.prefix.length - PREFIX_JOINED);
      for (var k = 0; k < fl.prefix.length; k++) {
        var id = fl.prefix[k], row = laneRowOf[OP.lane[id]];
        if (row < 0 || !visible[id]) continue;
        var x = xOf(fl.pointsUs[k]), y = laneY(row) + LANE_H / 2;
        if (k >= joinFrom) { if (started) ctx.lineTo(x, y); else { ctx.moveTo(x, y); started = true; } }
        if (x >= LABEL_W - 5 && x <= state.cssW) pts.push([x, y, k >= joinFrom]);
      }
      ctx.stroke();
      ctx.fillStyle = '#111';
      pts.forEach(function (p) { ctx.beginPath(); ctx.arc(p[0], p[1], p[2] ? 3 : 2, 0, 2 * Math.PI); ctx.fill(); });
      ctx.restore();
      fl.candidates.forEach(function (id) { if (id !== fl.blocked) outline(id, '#b7791f', 2, [4, 3]); });
      outline(fl.blocked, COLORS.bad, 3);
      var brow = laneRowOf[OP.lane[fl.blocked]];
      if (brow >= 0 && visible[fl.blocked]) {
        var bb = barRect(fl.blocked, brow);
        if (bb.y > lanesTop() - 4 && bb.y < state.cssH && bb.x + bb.w >= LABEL_W && bb.x <= state.cssW - RIGHT_PAD) {
          ctx.font = 'bold 11px system-ui, sans-serif'; ctx.fillStyle = COLORS.bad; ctx.textBaseline = 'bottom'; ctx.textAlign = 'left';
          var tx = Math.max(LABEL_W + 2, Math.min(bb.x, state.cssW - 170));
          var ty = bb.y - 3 < lanesTop() + 10 ? bb.y + bb.h + 14 : bb.y - 3;
          ctx.fillText('✕ cannot be linearized', tx, ty);
          ctx.textBaseline = 'middle';
        }
      }
    }
    if (state.hover >= 0 && state.hover !== state.selected) outline(state.hover, '#5d6776', 1.5);
    if (state.selected >= 0) outline(state.selected, '#111', 2, null, role[state.selected] === 'blocked' ? 4 : 1);
  }

  // ---------- hit testing, tooltip, details ----------
  function hit(x, y) {
    if (x < LABEL_W || y < lanesTop()) return -1;
    var row = Math.floor((y - lanesTop() + scroller.scrollTop) / LANE_H);
    var l = lanes[row];
    if (l === undefined) return -1;
    var tol = (state.t1 - state.t0) / plotW() * 3, t = tOf(x);
    var list = laneOps[l];
    for (var j = firstEndingAfter(list, t - tol); j < list.length; j++) {
      var i = list[j];
      if (OP.invokeUs[i] > t + tol) break;
      return i;
    }
    var best = -1;
    laneInfo[l].forEach(function (i) { if (OP.invokeUs[i] <= t + tol && (best < 0 || OP.invokeUs[i] > OP.invokeUs[best])) best = i; });
    return best;
  }
  // What lies under the pointer when it is not on an operation: node events and the faults in force.
  function backgroundHit(x, y) {
    if (x < LABEL_W || y < AXIS_H) return null;
    var t = tOf(x), tol = (state.t1 - state.t0) / plotW() * 5, lines = [];
    var onNode = y < lanesTop() ? Math.floor((y - AXIS_H) / NODE_H) : -1;
    D.marks.forEach(function (m) { if (onNode >= 0 && m.node === onNode && Math.abs(m.timeUs - t) <= tol) lines.push(D.nodes[onNode] + ' ' + m.event + (m.detail ? ' — ' + m.detail : '') + ' at ' + fmtUs(m.timeUs)); });
    D.faults.forEach(function (f) {
      if (f.startUs <= t && t <= f.endUs && (onNode < 0 || f.nodes.length === 0 || f.nodes.indexOf(onNode) >= 0)) lines.push(f.kind + ': ' + f.label + ' (' + fmtUs(f.startUs) + ' – ' + fmtUs(f.endUs) + ')');
    });
    return lines.length ? lines.join('\n') : null;
  }
  function opFacts(i) {
    var facts = [
      ['operation', 'op ' + i + ' · ' + D.fs[OP.f[i]] + (OP.key[i] >= 0 ? ' of key ' + JSON.stringify(D.keys[OP.key[i]]) : '')],
      ['process', 'p' + D.processes[OP.lane[i]] + (OP.node[i] >= 0 ? ' via ' + D.nodes[OP.node[i]] : '')],
      ['outcome', OUTCOMES[OP.outcome[i]] + (OP.error[i] ? ' (' + OP.error[i] + ')' : '')],
      ['argument', OP.input[i]],
      ['result', OP.outcome[i] === 2 ? 'unknown' : OP.output[i]],
      ['invoked', fmtUs(OP.invokeUs[i]) + ' (event ' + OP.invokeIndex[i] + ')'],
      ['completed', OP.completeUs[i] < 0 ? 'never known (info: may take effect at any later time)' : fmtUs(OP.completeUs[i]) + ' (event ' + OP.completeIndex[i] + '), latency ' + fmtUs(OP.completeUs[i] - OP.invokeUs[i])]
    ];
    if (role[i] === 'blocked') facts.push(['failure', 'cannot be linearized: no order of the operations before it allows this result']);
    else if (role[i] === 'candidate') facts.push(['failure', 'a candidate to go next that does not work out']);
    else if (role[i] === 'prefix') facts.push(['failure', 'linearized at position ' + (prefixPos.get(i) + 1) + ' of the longest linearizable prefix']);
    return facts;
  }
  function showTooltip(text, clientX, clientY) {
    tooltip.textContent = text;
    tooltip.hidden = false;
    var w = tooltip.offsetWidth, h = tooltip.offsetHeight;
    var left = clientX + 14, topPx = clientY + 14;
    if (left + w > window.innerWidth - 8) left = clientX - w - 14;
    if (topPx + h > window.innerHeight - 8) topPx = clientY - h - 14;
    tooltip.style.left = Math.max(4, left) + 'px';
    tooltip.style.top = Math.max(4, topPx) + 'px';
  }
  function renderDetails(i) {
    details.textContent = '';
    if (i < 0) { details.textContent = 'Hover over or select an operation to see its details.'; return; }
    var table = document.createElement('table');
    table.className = 'kv';
    opFacts(i).forEach(function (f) {
      var tr = document.createElement('tr'), th = document.createElement('th'), td = document.createElement('td');
      th.scope = 'row'; th.textContent = f[0]; td.textContent = f[1];
      tr.appendChild(th); tr.appendChild(td); table.appendChild(tr);
    });
    var link = document.createElement('a');
    link.href = '#op-' + i; link.textContent = 'link to this operation (#op-' + i + ')';
    details.appendChild(table); details.appendChild(link);
    details.setAttribute('data-op', String(i));
  }

  // ---------- view changes ----------
  function setView(t0, t1) {
    var full = Math.max(1, D.endUs - D.startUs), minSpan = Math.min(full, 2);
    var span = Math.max(minSpan, Math.min(full * 1.1, t1 - t0));
    var mid = (t0 + t1) / 2;
    t0 = mid - span / 2; t1 = mid + span / 2;
    var lo = D.startUs - full * 0.05, hi = D.endUs + full * 0.05;
    if (t0 < lo) { t1 += lo - t0; t0 = lo; }
    if (t1 > hi) { t0 -= t1 - hi; t1 = hi; }
    state.t0 = t0; state.t1 = t1;
    requestDraw();
  }
  function fit() { var pad = Math.max(1, (D.endUs - D.startUs) * 0.01); setView(D.startUs - pad, D.endUs + pad); }
  function zoom(factor, atX) {
    var anchor = atX === undefined ? (state.t0 + state.t1) / 2 : tOf(atX);
    setView(anchor - (anchor - state.t0) * factor, anchor + (state.t1 - anchor) * factor);
  }
  function ensureLaneVisible(i) {
    var row = laneRowOf[OP.lane[i]];
    if (row < 0) return;
    var viewH = state.cssH - lanesTop();
    var y = row * LANE_H;
    if (y < scroller.scrollTop || y + LANE_H > scroller.scrollTop + viewH) scroller.scrollTop = Math.max(0, y - viewH / 2);
  }
  function select(i, opts) {
    if (i < 0 || i >= N) return;
    if (!visible[i]) { viewNote = ''; resetFilterControls(-1); }
    state.selected = i;
    var s = OP.invokeUs[i], e = endOf(i);
    if (OP.completeUs[i] < 0) e = Math.min(e, s + (state.t1 - state.t0) / 3);
    if (s < state.t0 || e > state.t1 || (opts && opts.center)) {
      var span = Math.max(state.t1 - state.t0, (e - s) * 1.6);
      var mid = (s + e) / 2;
      setView(mid - span / 2, mid + span / 2);
    }
    ensureLaneVisible(i);
    renderDetails(i);
    if (!opts || opts.updateUrl !== false) replaceHash('#op-' + i);
    requestDraw();
  }
  function replaceHash(hash) {
    try { history.replaceState(null, '', hash); } catch (err) { /* some file:// setups refuse; the selection still works */ }
  }
  function showFailure(k, scroll) {
    var fl = D.failures[k];
    if (!fl) return;
    setFailure(k);
    viewNote = 'The failure window of ' + fl.label + ': op ' + fl.blocked + ' cannot be linearized. ';
    var folded = document.querySelector('#why-' + k + ' > details.failure-fold');
    if (folded) folded.open = true;
    resetFilterControls(fl.key);
    setView(fl.fromUs, fl.toUs);
    select(fl.blocked, { updateUrl: false });
    if (scroll) scroller.scrollIntoView({ block: 'center' });
  }
  function showAll(scroll) {
    viewNote = '';
    resetFilterControls(-1);
    fit();
    if (scroll) document.getElementById('timeline').scrollIntoView({ block: 'start' });
  }
  function showKey(key, scroll) {
    var k = D.keys.indexOf(key);
    if (k < 0) return;
    viewNote = '';
    resetFilterControls(k);
    var s = Infinity, e = -Infinity;
    for (var i = 0; i < N; i++) if (OP.key[i] === k) { s = Math.min(s, OP.invokeUs[i]); e = Math.max(e, OP.completeUs[i] < 0 ? OP.invokeUs[i] : OP.completeUs[i]); }
    if (s <= e) { var pad = Math.max(1, (e - s) * 0.03); setView(s - pad, e + pad); }
    if (scroll) document.getElementById('timeline').scrollIntoView({ block: 'start' });
  }

  // ---------- routing: #op-N, #failure-K, #key-K, #all ----------
  function route(hash, fromLoad) {
    var m;
    if ((m = /^#op-(\d+)$/.exec(hash))) {
      select(+m[1], { updateUrl: false, center: fromLoad });
      scroller.scrollIntoView({ block: 'center' });
      canvas.focus({ preventScroll: true });
      return true;
    }
    if ((m = /^#failure-(\d+)$/.exec(hash))) { showFailure(+m[1], true); canvas.focus({ preventScroll: true }); return true; }
    if ((m = /^#key-(.*)$/.exec(hash))) {
      var key;
      try { key = decodeURIComponent(m[1]); } catch (err) { return false; }
      showKey(key, true);
      return true;
    }
    if (hash === '#all') { showAll(true); return true; }
    return false;
  }
  document.addEventListener('click', function (ev) {
    var a = ev.target.closest ? ev.target.closest('a[href^="#"]') : null;
    if (!a) return;
    var hash = a.getAttribute('href');
    if (!/^#(op-\d+|failure-\d+|key-.*|all)$/.test(hash)) return;
    ev.preventDefault();
    if (location.hash !== hash) { try { history.pushState(null, '', hash); } catch (err) { /* ignore */ } }
    route(hash, false);
  });
  window.addEventListener('hashchange', function () { route(location.hash, false); });
  window.addEventListener('popstate', function () { route(location.hash, false); });

  // ---------- input ----------
  var drag = null;
  canvas.addEventListener('mousedown', function (ev) {
    drag = { x: ev.clientX, y: ev.clientY, t0: state.t0, t1: state.t1, top: scroller.scrollTop, moved: false };
    canvas.classList.add('dragging');
  });
  window.addEventListener('mousemove', function (ev) {
    if (drag) {
      var dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
      var dt = dx / plotW() * (drag.t1 - drag.t0);
      setView(drag.t0 - dt, drag.t1 - dt);
      scroller.scrollTop = drag.top - dy;
      tooltip.hidden = true;
      return;
    }
    if (ev.target !== canvas) return;
    var rect = canvas.getBoundingClientRect(), x = ev.clientX - rect.left, y = ev.clientY - rect.top;
    var i = hit(x, y);
    if (i !== state.hover) { state.hover = i; requestDraw(); }
    if (i >= 0) {
      showTooltip(opFacts(i).map(function (f) { return f[0] + ': ' + f[1]; }).join('\n'), ev.clientX, ev.clientY);
      if (state.selected < 0) renderDetails(i);
      return;
    }
    var text = backgroundHit(x, y);
    if (text) showTooltip(text, ev.clientX, ev.clientY); else tooltip.hidden = true;
  });
  window.addEventListener('mouseup', function (ev) {
    if (!drag) return;
    var moved = drag.moved;
    drag = null;
    canvas.classList.remove('dragging');
    if (moved || ev.target !== canvas) return;
    var rect = canvas.getBoundingClientRect();
    var i = hit(ev.clientX - rect.left, ev.clientY - rect.top);
    if (i >= 0) select(i); else { state.selected = -1; renderDetails(-1); replaceHash('#timeline'); requestDraw(); }
  });
  canvas.addEventListener('mouseleave', function () { tooltip.hidden = true; if (state.hover >= 0) { state.hover = -1; requestDraw(); } });
  canvas.addEventListener('dblclick', function (ev) { var rect = canvas.getBoundingClientRect(); zoom(0.5, ev.clientX - rect.left); });
  canvas.addEventListener('wheel', function (ev) {
    var rect = canvas.getBoundingClientRect();
    if (ev.ctrlKey || ev.metaKey || ev.altKey) {
      ev.preventDefault();
      zoom(Math.pow(1.0015, ev.deltaY), ev.clientX - rect.left);
    } else if (Math.abs(ev.deltaX) > Math.abs(ev.deltaY) || ev.shiftKey) {
      ev.preventDefault();
      var d = ev.deltaX || ev.deltaY;
      var dt = d / plotW() * (state.t1 - state.t0);
      setView(state.t0 + dt, state.t1 + dt);
    }
  }, { passive: false });
  scroller.addEventListener('scroll', function () { requestDraw(); });
  window.addEventListener('resize', function () { layout(); });
  function neighbour(i, dir) {
    var l = OP.lane[i];
    var all = laneOps[l].concat(laneInfo[l]).sort(function (a, b) { return OP.invokeUs[a] - OP.invokeUs[b] || a - b; });
    var next = all[all.indexOf(i) + dir];
    return next === undefined ? -1 : next;
  }
  function nearestInRow(row, t) {
    var l = lanes[row];
    if (l === undefined) return -1;
    var best = -1, bestD = Infinity;
    laneOps[l].concat(laneInfo[l]).forEach(function (i) {
      var d = Math.abs((OP.invokeUs[i] + Math.min(endOf(i), state.t1)) / 2 - t);
      if (d < bestD) { bestD = d; best = i; }
    });
    return best;
  }
  canvas.addEventListener('keydown', function (ev) {
    var k = ev.key, handled = true, cur = state.selected;
    if (k === '+' || k === '=') zoom(0.7);
    else if (k === '-' || k === '_') zoom(1 / 0.7);
    else if (k === '0') fit();
    else if (k === 'Escape') { state.selected = -1; renderDetails(-1); requestDraw(); }
    else if (k === 'ArrowRight' || k === 'ArrowLeft') {
      if (cur < 0) { var first = nearestInRow(Math.floor(scroller.scrollTop / LANE_H), (state.t0 + state.t1) / 2); if (first >= 0) select(first); }
      else { var nb = neighbour(cur, k === 'ArrowRight' ? 1 : -1); if (nb >= 0) select(nb); }
    } else if (k === 'ArrowUp' || k === 'ArrowDown') {
      var row = cur < 0 ? Math.floor(scroller.scrollTop / LANE_H) : laneRowOf[OP.lane[cur]] + (k === 'ArrowDown' ? 1 : -1);
      var t = cur < 0 ? (state.t0 + state.t1) / 2 : (OP.invokeUs[cur] + Math.min(endOf(cur), state.t1)) / 2;
      for (var tries = 0; tries < lanes.length && row >= 0 && row < lanes.length; tries++) {
        var next = nearestInRow(row, t);
        if (next >= 0) { select(next); break; }
        row += k === 'ArrowDown' ? 1 : -1;
      }
    } else handled = false;
    if (handled) ev.preventDefault();
  });
  canvas.addEventListener('focus', function () { if (state.selected >= 0) renderDetails(state.selected); });
  document.querySelectorAll('[data-zoom]').forEach(function (b) {
    b.addEventListener('click', function () { var z = b.getAttribute('data-zoom'); if (z === 'in') zoom(0.6); else if (z === 'out') zoom(1 / 0.6); else fit(); });
  });
  document.querySelectorAll('input[data-filter], #filter-key, #filter-process').forEach(function (el) {
    el.addEventListener(el.id === 'filter-process' ? 'input' : 'change', function () { viewNote = ''; readFilterControls(); });
  });

  // ---------- start ----------
  applyFilters();
  renderDetails(-1);
  if (D.failures.length > 0) setFailure(0);
  if (!(location.hash && route(location.hash, true))) {
    if (D.failures.length > 0) showFailure(0, false); else fit();
  }
  // A small read-only handle for tests and for people poking at the page from the console.
  window.faultlineTimeline = {
    selected: function () { return state.selected; },
    view: function () { return [state.t0, state.t1]; },
    failure: function () { return state.failure; },
    opBox: function (i) {
      var row = laneRowOf[OP.lane[i]];
      if (row < 0 || !visible[i]) return null;
      var b = barRect(i, row);
      var x0 = Math.max(b.x, LABEL_W), x1 = Math.min(b.x + b.w, state.cssW - RIGHT_PAD);
      if (x1 <= x0 || b.y < lanesTop() || b.y + b.h > state.cssH) return null;
      return { x: x0, y: b.y, w: x1 - x0, h: b.h };
    }
  };
  document.body.setAttribute('data-ready', '1');
})();
`;
