// dadiff4j page: plain JS, no build step, no network beyond this server.
'use strict';
const api = '/api/v1';
const $ = (id) => document.getElementById(id);
const chosen = [];            // files waiting for "Upscale": {file, url, width, height}
const cards = new Map();      // job id -> {el, source, job}
let token = localStorage.getItem('dadiff-token') || '';

function withToken(url) {
  return token ? url + (url.includes('?') ? '&' : '?') + 'token=' + encodeURIComponent(token) : url;
}

async function call(url, options) {
  const r = await fetch(withToken(url), options);
  if (r.status === 401) {
    const t = prompt('This server needs its token:');
    if (t) { token = t; localStorage.setItem('dadiff-token', t); return call(url, options); }
  }
  const body = r.headers.get('content-type')?.includes('json') ? await r.json() : null;
  if (!r.ok && r.status !== 503) {
    const wait = r.headers.get('Retry-After');
    throw new Error((body && body.error ? body.error : r.status + ' ' + r.statusText) + (wait ? ' (retry in ' + wait + ' s)' : ''));
  }
  return body;
}

function bytes(n) {
  return n < 1024 ? n + ' B' : n < 1 << 20 ? (n / 1024).toFixed(1) + ' KB' : (n / (1 << 20)).toFixed(1) + ' MB';
}

// ---- server state ----
let models = null;
async function health() {
  let h;
  try { h = await call(api + '/health'); } catch (e) { h = { status: 'unreachable' }; }
  const badge = $('health');
  badge.textContent = h.ready ? 'ready' : h.status === 'loading' ? 'loading models…' : h.status;
  badge.className = 'badge ' + (h.ready ? 'ready' : h.status === 'loading' ? 'loading' : 'failed');
  if (h.ready && !models) { await loadModels(); }
  if (!h.ready) { setTimeout(health, 1000); }
  updateStart();
}

async function loadModels() {
  models = await call(api + '/models');
  const method = $('method');
  method.innerHTML = '';
  for (const m of models.methods) {
    const o = document.createElement('option');
    o.value = m.name; o.textContent = m.name; o.title = m.description;
    method.appendChild(o);
  }
  $('steps').value = models.defaultSteps;
  $('steps').max = models.maxSteps;
  // The slider's step must land on the default, whatever its precision (0.03 needs 0.01, 0.025 needs 0.001).
  const places = Math.max(2, decimals(models.defaultStrength));
  $('strength').step = (10 ** -places).toFixed(places);
  $('strength').value = models.defaultStrength;
  showStrength();
  methodChanged();
}

function decimals(x) { return (String(x).split('.')[1] || '').length; }
// As many decimals as the slider's step has.
function showStrength() { const s = $('strength'); $('strength-value').textContent = Number(s.value).toFixed(decimals(s.step)); }

function methodChanged() {
  const m = models.methods.find((x) => x.name === $('method').value);
  $('method-help').textContent = m ? m.description : '';
  const scale = $('scale'), keep = scale.value || '4';
  scale.innerHTML = '';
  for (const s of m.scales) {
    const o = document.createElement('option');
    o.value = s; o.textContent = '×' + s;
    scale.appendChild(o);
  }
  if (m.scales.map(String).includes(keep)) { scale.value = keep; }
}

function updateStart() { $('start').disabled = !models || chosen.length === 0; }

// ---- choosing files ----
function addFiles(files) {
  for (const file of files) {
    if (!file.type.startsWith('image/') && !/\.(png|jpe?g|tiff?|bmp|webp)$/i.test(file.name)) { continue; }
    const item = { file, url: URL.createObjectURL(file) };
    chosen.push(item);
    const li = document.createElement('li');
    const img = new Image();
    img.src = item.url;
    img.onload = () => { caption.textContent = file.name + ' — ' + img.naturalWidth + '×' + img.naturalHeight + ', ' + bytes(file.size); };
    const caption = document.createElement('span');
    caption.textContent = file.name + ' — ' + bytes(file.size);
    li.append(img, caption);
    $('chosen').appendChild(li);
  }
  updateStart();
}

const drop = $('drop');
drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => { e.preventDefault(); drop.classList.remove('over'); addFiles(e.dataTransfer.files); });
$('files').addEventListener('change', (e) => { addFiles(e.target.files); e.target.value = ''; });
$('method').addEventListener('change', methodChanged);
$('strength').addEventListener('input', showStrength);

$('settings').addEventListener('submit', async (e) => {
  e.preventDefault();
  $('message').textContent = '';
  const items = chosen.splice(0);
  $('chosen').innerHTML = '';
  updateStart();
  for (const item of items) {
    const form = new FormData();
    form.append('image', item.file, item.file.name);
    for (const name of ['method', 'scale', 'strength', 'seed', 'steps', 'format']) { form.append(name, $(name).value); }
    try {
      const job = await call(api + '/jobs', { method: 'POST', body: form });
      show(job);
    } catch (err) {
      $('message').textContent = item.file.name + ': ' + err.message;
    }
    URL.revokeObjectURL(item.url);
  }
});

// ---- jobs ----
function show(job) {
  let card = cards.get(job.id);
  if (!card) {
    const el = $('job-template').content.firstElementChild.cloneNode(true);
    el.dataset.id = job.id;
    el.querySelector('.cancel').addEventListener('click', () => cancel(job.id));
    $('jobs').prepend(el);
    card = { el, job, source: null, shownPreview: 0 };
    cards.set(job.id, card);
    if (!['done', 'failed', 'cancelled'].includes(job.state)) { listen(card); }
  }
  render(card, job);
}

function listen(card) {
  const source = new EventSource(withToken(api + '/jobs/' + card.job.id + '/events'));
  card.source = source;
  source.addEventListener('state', (e) => render(card, JSON.parse(e.data)));
  source.onerror = () => {
    // The server closes the stream when the job ends; otherwise poll once to resync.
    source.close();
    card.source = null;
    call(api + '/jobs/' + card.job.id).then((j) => {
      render(card, j);
      if (!['done', 'failed', 'cancelled'].includes(j.state)) { setTimeout(() => listen(card), 1000); }
    }).catch(() => {});
  };
}

function seconds(s) { return s == null ? '' : s < 90 ? Math.round(s) + ' s' : Math.round(s / 60) + ' min'; }

function render(card, job) {
  card.job = job;
  const el = card.el;
  el.dataset.state = job.state;
  el.querySelector('.name').textContent = job.name;
  el.querySelector('.state').textContent = job.state;
  el.querySelector('.meta').textContent = job.input.width + '×' + job.input.height + ' → ' + job.output.width + '×'
    + job.output.height + ' · ' + job.settings.method + ' ×' + job.settings.scale + ' · seed ' + job.settings.seed;
  el.querySelector('.progress').value = job.progress;
  let text;
  if (job.state === 'queued') { text = 'waiting, position ' + job.position + ' in the queue'; }
  else if (job.state === 'running') { text = 'step ' + job.step + ' of ' + job.steps + (job.etaSeconds != null ? ', about ' + seconds(job.etaSeconds) + ' left' : ''); }
  else if (job.state === 'done') { text = 'done in ' + seconds(job.timings.runSeconds); }
  else { text = job.state; }
  el.querySelector('.progress-text').textContent = text;
  el.querySelector('.cancel').hidden = ['done', 'failed', 'cancelled'].includes(job.state);
  el.querySelector('.error').textContent = job.state === 'failed' || job.state === 'cancelled' ? (job.error || '') : '';
  const preview = el.querySelector('.preview');
  if (job.state === 'running' && job.previewStep > card.shownPreview) {
    card.shownPreview = job.previewStep;
    preview.src = withToken(job.links.preview + '?step=' + job.previewStep);
    preview.title = 'estimate after step ' + job.previewStep;
    preview.hidden = false;
  }
  if (job.state === 'done' && el.querySelector('.compare').hidden) {
    preview.hidden = true;
    compare(el, job);
  }
  if (['failed', 'cancelled'].includes(job.state)) { preview.hidden = true; }
  updateZip();
}

function compare(el, job) {
  const box = el.querySelector('.compare');
  const before = el.querySelector('.before'), after = el.querySelector('.after');
  const clip = el.querySelector('.after-clip'), split = el.querySelector('.split'), zoom = el.querySelector('.zoom');
  const layout = () => {
    const z = Number(zoom.value), w = job.output.width * z, h = job.output.height * z;
    for (const img of [before, after]) { img.style.width = w + 'px'; img.style.height = h + 'px'; }
    clip.style.width = (w * split.value / 100) + 'px';
    el.querySelector('.zoom-value').textContent = z + '×';
  };
  before.src = withToken(job.links.bicubic);
  after.src = withToken(job.links.result);
  split.addEventListener('input', layout);
  zoom.addEventListener('input', layout);
  const result = el.querySelector('.download-result');
  result.href = withToken(job.links.result);
  result.download = '';
  const sidecar = el.querySelector('.download-sidecar');
  sidecar.href = withToken(job.links.sidecar);
  sidecar.download = '';
  box.hidden = false;
  layout();
}

async function cancel(id) {
  try { render(cards.get(id), await call(api + '/jobs/' + id, { method: 'DELETE' })); }
  catch (e) { $('message').textContent = e.message; }
}

function updateZip() {
  const done = [...cards.values()].filter((c) => c.job.state === 'done').map((c) => c.job.id);
  const zip = $('zip');
  zip.hidden = done.length === 0;
  zip.href = withToken(api + '/results.zip?ids=' + done.join(','));
}

// Reattach: every job the server still holds, running or finished.
async function reattach() {
  try {
    const list = await call(api + '/jobs');
    for (const job of list.jobs) { show(job); }
  } catch (e) { $('message').textContent = e.message; }
}

health();
reattach();
