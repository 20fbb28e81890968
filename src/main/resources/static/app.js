// Baton's live page. Plain JavaScript, no build step: bpmn-js (served by Baton from its webjar) draws the model the
// run's instance runs; a run's live feed arrives as server-sent events read with fetch(), so the API token travels
// in the Authorization header and never in a URL (EventSource cannot set headers).
'use strict';

const $ = id => document.getElementById(id);
const esc = s => String(s ?? '').replace(/[&<>"']/g, c => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c]));
const BPMN = 'http://www.omg.org/spec/BPMN/20100524/MODEL';
const BPMNDI = 'http://www.omg.org/spec/BPMN/20100524/DI';

let token = sessionStorage.getItem('batonToken') || '';
let selected = null;       // run id shown
let pinned = false;        // a run picked by hand stays shown; otherwise the newest run under way is
let stream = null;         // AbortController of the open feed
let runInfo = null;
let stats = null;          // the instance's statistics
const model = { key: null, xml: null, names: {}, planes: {}, subs: [] };
let view = [];             // drill-down path: sub-process ids, [] = the whole process
let marked = [];           // [elementId, class] markers set on the canvas
let screenOf = null;

const viewer = new BpmnJS({ container: '#canvas' });

function headers(extra) { return Object.assign(token ? { Authorization: 'Bearer ' + token } : {}, extra || {}); }

async function api(path, options) {
  const opts = Object.assign({}, options || {});
  const sent = token;
  opts.headers = headers(opts.headers);
  const res = await fetch(path, opts);
  if (res.status === 401) {
    if (sent === token) askToken(); // not when a token was given while this request was on its way
    throw new Error('this Baton requires its API token');
  }
  return res;
}

function askToken() {
  if (!$('tokenForm').hidden) return;
  $('tokenForm').hidden = false;
  $('token').focus();
}

$('tokenForm').addEventListener('submit', e => {
  e.preventDefault();
  token = $('token').value.trim();
  sessionStorage.setItem('batonToken', token);
  $('tokenForm').hidden = true;
  $('err').textContent = '';
  loadRuns(true);
});

function say(message) { $('err').textContent = message || ''; }

// ---- runs --------------------------------------------------------------------------------------------------------

async function loadRuns(reconnect) {
  try {
    const res = await api('/api/runs');
    if (!res.ok) throw new Error(res.status + ' /api/runs');
    const runs = await res.json();
    const sel = $('run');
    const html = runs.length
      ? runs.map(r => '<option value="' + esc(r.runId) + '">' + esc(r.runId) + ' · ' + esc(r.phaseLabel) + ' · '
          + esc((r.request || '').split('\n')[0].slice(0, 40)) + '</option>').join('')
      : '<option value="">no run yet</option>';
    if (sel.innerHTML !== html) {
      sel.innerHTML = html;
      if (selected) sel.value = selected;
    }
    // unless a run was picked by hand, follow the newest run under way (else the newest run)
    const newest = (runs.find(r => !r.finished) || runs[0] || {}).runId;
    const wanted = pinned && runs.some(r => r.runId === selected) ? selected : newest;
    if (wanted && (wanted !== selected || reconnect)) {
      sel.value = wanted;
      follow(wanted);
    }
    if (!$('err').dataset.sticky) say('');
  } catch (e) { say(e.message); }
}

$('run').addEventListener('change', () => {
  if (!$('run').value) return;
  pinned = true;
  follow($('run').value);
});

// ---- the feed ----------------------------------------------------------------------------------------------------

function follow(runId) {
  if (stream) stream.abort();
  selected = runId;
  runInfo = null; stats = null;
  $('events').innerHTML = ''; $('alerts').innerHTML = ''; $('reportBox').hidden = true;
  const control = new AbortController();
  stream = control;
  read(runId, control);
}

async function read(runId, control) {
  while (!control.signal.aborted) {
    try {
      const res = await api('/api/runs/' + encodeURIComponent(runId) + '/live',
        { signal: control.signal, headers: { Accept: 'text/event-stream' } });
      if (!res.ok) throw new Error('the live feed answered ' + res.status);
      $('conn').textContent = 'live';
      $('events').innerHTML = ''; // the server sends the whole history again on each connection
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer = (buffer + value).replace(/\r\n?/g, '\n');
        const blocks = buffer.split('\n\n');
        buffer = blocks.pop();
        for (const block of blocks) {
          let name = 'message';
          const data = [];
          for (const line of block.split('\n')) {
            if (line.startsWith('event:')) name = line.slice(6).trim();
            else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
          }
          if (data.length) handle(name, JSON.parse(data.join('\n')));
        }
      }
    } catch (e) {
      if (control.signal.aborted) return;
      say(e.message);
    }
    if (control.signal.aborted) return;
    $('conn').textContent = 'reconnecting…';
    await new Promise(r => setTimeout(r, 1000));
  }
}

function handle(name, data) {
  switch (name) {
    case 'run': showRun(data); break;
    case 'statistics': showStatistics(data); break;
    case 'board': showBoard(data); break;
    case 'agents': showAgents(data); break;
    case 'alerts': showAlerts(data); break;
    case 'events': appendEvents(data); break;
    case 'report': showReport(data); break;
  }
}

function showRun(run) {
  runInfo = run;
  $('phase').textContent = run.phaseLabel;
  $('phase').className = 'phase ' + run.phase;
  $('cancel').disabled = run.finished;
  if (run.finished) hideConfirm();
}

// ---- the diagram -------------------------------------------------------------------------------------------------

async function showStatistics(s) {
  stats = s.instance || null;
  $('statsNote').textContent = s.unavailable ? 'No tokens shown: ' + s.unavailable + '.' : 'Tokens from the ' + s.source + '.';
  if (stats && stats.processDefinitionKey !== model.key) {
    await loadModel(stats.processDefinitionKey);
  }
  mark();
  listWhere();
}

async function loadModel(key) {
  const res = await api('/api/runs/' + encodeURIComponent(selected) + '/model');
  if (!res.ok) { say('the run\'s model could not be read (' + res.status + ')'); return; }
  const xml = await res.text();
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  model.key = key; model.xml = xml; model.names = {}; model.planes = {}; model.subs = [];
  for (const el of doc.getElementsByTagNameNS(BPMN, '*')) {
    const id = el.getAttribute('id');
    if (id) model.names[id] = el.getAttribute('name') || id;
    if (el.localName === 'subProcess') model.subs.push(id);
  }
  for (const plane of doc.getElementsByTagNameNS(BPMNDI, 'BPMNPlane')) {
    const of = plane.getAttribute('bpmnElement');
    if (model.subs.includes(of)) model.planes[of] = true;
  }
  view = [];
  await draw();
}

/** The XML to draw: the whole model, or one collapsed sub-process's own plane as a process of its own. */
function xmlFor(subId) {
  if (!subId) return model.xml;
  const doc = new DOMParser().parseFromString(model.xml, 'application/xml');
  const defs = doc.documentElement;
  const sub = [...doc.getElementsByTagNameNS(BPMN, 'subProcess')].find(e => e.getAttribute('id') === subId);
  const plane = [...doc.getElementsByTagNameNS(BPMNDI, 'BPMNPlane')].find(p => p.getAttribute('bpmnElement') === subId);
  const out = document.implementation.createDocument(defs.namespaceURI, defs.tagName, null);
  const root = out.documentElement;
  for (const a of defs.attributes) root.setAttribute(a.name, a.value);
  const keep = ['message', 'error', 'signal', 'escalation'];
  for (const child of defs.children) {
    if (child.namespaceURI === BPMN && keep.includes(child.localName)) root.appendChild(out.importNode(child, true));
  }
  const process = out.createElementNS(BPMN, defs.prefix ? defs.prefix + ':process' : 'process');
  process.setAttribute('id', subId + '__plane');
  process.setAttribute('isExecutable', 'false');
  const skip = ['incoming', 'outgoing', 'multiInstanceLoopCharacteristics', 'extensionElements', 'standardLoopCharacteristics'];
  for (const child of sub.children) {
    if (!(child.namespaceURI === BPMN && skip.includes(child.localName))) process.appendChild(out.importNode(child, true));
  }
  root.appendChild(process);
  const diagram = plane.parentElement.cloneNode(false);
  const copy = out.importNode(plane, true);
  copy.setAttribute('bpmnElement', subId + '__plane');
  const d = out.importNode(diagram, false);
  d.appendChild(copy);
  root.appendChild(d);
  return new XMLSerializer().serializeToString(out);
}

async function draw() {
  const sub = view[view.length - 1];
  try {
    await viewer.importXML(xmlFor(sub));
  } catch (e) {
    say('the diagram could not be drawn: ' + e.message);
    return;
  }
  marked = [];
  const canvas = viewer.get('canvas');
  canvas.zoom('fit-viewport', 'auto');
  crumbs();
  openers();
  mark();
}

function crumbs() {
  const path = [null].concat(view);
  $('crumbs').innerHTML = path.map((id, i) => i === path.length - 1
    ? '<span aria-current="location">' + esc(id ? model.names[id] : 'Whole process') + '</span>'
    : '<button type="button" data-depth="' + i + '">' + esc(id ? model.names[id] : 'Whole process') + '</button> ›').join(' ');
  for (const b of $('crumbs').querySelectorAll('button')) {
    b.addEventListener('click', () => { view = view.slice(0, Number(b.dataset.depth)); draw(); });
  }
}

/** Buttons for the sub-processes drawn now: open (own plane) or zoom (drawn inline). */
function openers() {
  const registry = viewer.get('elementRegistry');
  const here = model.subs.filter(id => registry.get(id));
  $('openers').innerHTML = here.length ? '<span class="muted">Sub-processes: </span>' + here.map(id =>
    '<button type="button" data-sub="' + esc(id) + '">' + esc(model.names[id]) + '</button>').join('') : '';
  for (const b of $('openers').querySelectorAll('button')) b.addEventListener('click', () => open(b.dataset.sub));
  for (const id of here) viewer.get('canvas').addMarker(id, 'b-open');
}

async function open(id) {
  if (model.planes[id]) {
    view.push(id);
    await draw();
    return;
  }
  const element = viewer.get('elementRegistry').get(id);
  if (element) {
    const pad = 40;
    viewer.get('canvas').viewbox({ x: element.x - pad, y: element.y - pad, width: element.width + 2 * pad, height: element.height + 2 * pad });
  }
}

viewer.get('eventBus').on('element.click', e => {
  if (model.subs.includes(e.element.id) && model.planes[e.element.id]) open(e.element.id);
});

function items() {
  const all = [];
  const walk = s => { if (!s) return; all.push(...s.items); (s.children || []).forEach(walk); };
  walk(stats);
  return all;
}

function flows() {
  const all = [];
  const walk = s => { if (!s) return; all.push(...s.sequenceFlows); (s.children || []).forEach(walk); };
  walk(stats);
  return all;
}

function incidents() {
  const all = [];
  const walk = s => { if (!s) return; all.push(...s.incidents); (s.children || []).forEach(walk); };
  walk(stats);
  return all;
}

function mark() {
  if (!model.xml) return;
  const canvas = viewer.get('canvas');
  const registry = viewer.get('elementRegistry');
  const overlays = viewer.get('overlays');
  for (const [id, cls] of marked) canvas.removeMarker(id, cls);
  marked = [];
  overlays.remove({ type: 'tokens' });
  const add = (id, cls) => { canvas.addMarker(id, cls); marked.push([id, cls]); };
  for (const flow of flows()) if (registry.get(flow)) add(flow, 'b-taken');
  const problems = incidents();
  for (const it of items()) {
    if (!registry.get(it.elementId)) continue;
    if (it.completed + it.canceled > 0 && it.active === 0 && it.incidents === 0) add(it.elementId, 'b-done');
    if (it.active > 0) {
      add(it.elementId, 'b-active');
      overlays.add(it.elementId, 'tokens', { position: { bottom: 10, left: -8 }, scale: { min: 1 },
        html: '<span class="b-badge tok" title="' + it.active + ' active">' + it.active + '</span>' });
    }
    if (it.incidents > 0) {
      add(it.elementId, 'b-incident');
      const message = problems.filter(p => p.elementId === it.elementId).map(p => p.errorMessage).join(' · ');
      overlays.add(it.elementId, 'tokens', { position: { top: -14, left: -8 }, scale: { min: 1 },
        html: '<span class="b-badge inc" title="' + esc(message) + '">' + it.incidents + ' incident: ' + esc(message) + '</span>' });
    }
  }
}

function listWhere() {
  const lines = [];
  const problems = incidents();
  for (const it of items()) {
    if (it.active > 0) lines.push('<li data-element="' + esc(it.elementId) + '">' + esc(model.names[it.elementId] || it.elementId)
      + ': ' + it.active + ' active</li>');
    if (it.incidents > 0) {
      const message = problems.filter(p => p.elementId === it.elementId).map(p => p.errorMessage).join(' · ');
      lines.push('<li class="inc" data-element="' + esc(it.elementId) + '">' + esc(model.names[it.elementId] || it.elementId)
        + ': ' + it.incidents + ' incident — ' + esc(message) + '</li>');
    }
  }
  const ended = stats && stats.ended;
  $('where').innerHTML = lines.join('') || '<li class="muted">' + (ended ? 'the instance has ended' : 'no token yet') + '</li>';
}

// ---- board, agents, alerts, transitions, report ------------------------------------------------------------------

function showBoard(b) {
  const tasks = b.tasks || [];
  const done = tasks.filter(t => t.status === 'COMPLETED').length;
  const pct = tasks.length ? Math.round(100 * done / tasks.length) : 0;
  $('progress').innerHTML = '<span class="bar" aria-hidden="true"><span style="width:' + pct + '%"></span></span> '
    + done + ' of ' + tasks.length + ' tasks completed';
  $('board').innerHTML = tasks.map(t => '<tr><td>' + esc(t.id) + '</td><td class="' + esc(t.status) + '">' + esc(t.status)
    + '</td><td>' + esc(t.assignedTo) + '</td><td>' + esc(t.description) + '</td></tr>').join('')
    || '<tr><td colspan="4" class="muted">no task of this run on the board yet</td></tr>';
  $('problems').innerHTML = (b.problems || []).map(p => '<li>' + esc(p) + '</li>').join('');
}

// The agents' table as last drawn: redrawn only when it changes, so a refresh does not take the keyboard focus off a
// Screen button (nor replace the button a person is about to press).
let agentsDrawn = null;

function showAgents(list) {
  const html = !list ? '<tr><td colspan="4" class="muted">no agents in this Baton</td></tr>' : list.map(a => '<tr><td>' + esc(a.name) + ' <span class="muted">' + esc(a.cli) + ' · ' + esc(a.target)
    + '</span></td><td><span class="' + esc(a.state) + '">' + esc(a.state) + '</span>'
    + (a.availability && a.availability !== 'FREE' && a.availability !== 'BUSY' ? ' <span class="muted">(' + esc(a.availability) + ')</span>' : '')
    + '<span class="rule">' + esc(a.rule) + '</span></td><td>' + esc(a.taskId || '') + '</td><td>'
    + '<button type="button" data-agent="' + esc(a.name) + '" aria-label="Last screen lines of ' + esc(a.name) + '">Screen</button></td></tr>').join('');
  if (html === agentsDrawn) return;
  agentsDrawn = html;
  $('agents').innerHTML = html;
  for (const b of $('agents').querySelectorAll('button')) b.addEventListener('click', () => showScreen(b.dataset.agent));
}

async function showScreen(name) {
  screenOf = name;
  $('screenBox').hidden = false;
  $('screenTitle').textContent = name + ': last screen lines';
  try {
    const res = await api('/api/agents/' + encodeURIComponent(name) + '/screen?lines=15');
    const body = await res.json();
    $('screen').textContent = res.ok ? body.lines.join('\n') : (body.detail || res.status);
  } catch (e) { $('screen').textContent = e.message; }
  $('screen').focus();
}
$('screenRefresh').addEventListener('click', () => screenOf && showScreen(screenOf));
$('screenClose').addEventListener('click', () => { $('screenBox').hidden = true; screenOf = null; });

function showAlerts(list) {
  $('alerts').innerHTML = list.map(a => '<div class="alert" data-kind="' + esc(a.kind) + '"><strong>Needs you — '
    + esc(a.agent || a.taskId || 'run') + (a.agent && a.taskId ? ' on ' + esc(a.taskId) : '') + '</strong>: '
    + esc(a.message) + '. <em>What to do:</em> ' + esc(a.action) + '.</div>').join('');
}

function appendEvents(list) {
  const box = $('events');
  const atEnd = box.scrollTop + box.clientHeight >= box.scrollHeight - 4;
  box.insertAdjacentHTML('beforeend', list.map(e => '<li class="' + esc(e.kind) + '"><time datetime="' + esc(e.at) + '">'
    + esc(new Date(e.at).toLocaleTimeString()) + '</time> ' + esc(e.taskId || '') + ' ' + esc(e.agent || '') + ' '
    + esc(e.message) + '</li>').join(''));
  while (box.children.length > 500) box.firstElementChild.remove();
  if (atEnd) box.scrollTop = box.scrollHeight;
}

function showReport(r) {
  $('reportBox').hidden = false;
  $('report').textContent = r.text || (r.notes || []).join('\n');
}

// ---- cancel ------------------------------------------------------------------------------------------------------

function hideConfirm() { $('cancelConfirm').hidden = true; $('cancel').hidden = false; }
$('cancel').addEventListener('click', () => { $('cancel').hidden = true; $('cancelConfirm').hidden = false; $('cancelNo').focus(); });
$('cancelNo').addEventListener('click', () => { hideConfirm(); $('cancel').focus(); });
$('cancelYes').addEventListener('click', async () => {
  hideConfirm();
  try {
    const res = await api('/api/runs/' + encodeURIComponent(selected), { method: 'DELETE' });
    if (!res.ok) {
      const body = await res.json().catch(() => null);
      throw new Error((body && body.detail) || 'cancel answered ' + res.status);
    }
    say('');
  } catch (e) { say(e.message); }
});

window.addEventListener('resize', () => { if (model.xml) viewer.get('canvas').zoom('fit-viewport', 'auto'); });

loadRuns(false);
setInterval(() => loadRuns(false), 3000);
