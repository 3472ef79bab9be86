// @ts-check
// The compare view's script. It renders the state the extension posts; it never builds HTML from
// strings (all text goes through textContent), so the strict CSP needs no 'unsafe-inline'.
(function () {
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
  const copy = /** @type {HTMLButtonElement} */ ($('copy'));

  /** @param {string} tag @param {string} [cls] @param {string} [text] */
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  const ms = (v) => `${Math.round(v)} ms`;

  function renderSummary(state) {
    const box = $('summary');
    box.replaceChildren();
    const r = state.report;
    if (state.status === 'error') {
      box.append(el('p', 'bad', `Comparison failed: ${state.message || 'unknown error'}`));
      return;
    }
    if (state.status === 'running') {
      const done = r.rows.reduce((n, row) => n + row.runs.length, 0);
      box.append(el('p', 'muted', `Running… ${done} of 8 runs done`));
    }
    if (r.rows.length && r.rows.some((row) => row.runs.length)) {
      const same = el('p', r.identical ? 'good' : 'bad',
        r.identical ? 'Outputs identical across all configurations' : `Outputs differ: ${r.distinctOutputs} distinct texts`);
      same.id = 'identical';
      box.append(same);
    }
    if (r.interrupted) box.append(el('p', 'bad', 'Some runs were interrupted (typing meanwhile); their numbers are partial.'));
  }

  function renderRows(state) {
    const rows = state.report.rows;
    const max = Math.max(1, ...rows.flatMap((row) => row.runs.map((run) => run.stats.totalMs)));
    const box = $('rows');
    box.replaceChildren();
    const table = el('table');
    const head = el('tr');
    for (const h of ['Configuration', 'Run', 'Latency', 'Passes', 'Tokens/pass', 'Reused', 'Generated', 'Stop']) head.append(el('th', '', h));
    const thead = el('thead');
    thead.append(head);
    table.append(thead);
    const tbody = el('tbody');
    for (const row of rows) {
      row.runs.forEach((run, i) => {
        const tr = el('tr', row.config.reuse ? 'reuse' : 'noreuse');
        tr.append(el('td', 'label', i === 0 ? row.config.label : ''));
        tr.append(el('td', 'num', run.run === 1 ? '1 (cold)' : String(run.run)));
        const lat = el('td', 'latency');
        const track = el('div', 'track');
        const box = el('div', 'barbox');
        const bar = el('div', `bar ${row.config.strategy}`);
        bar.style.width = `${Math.max(1, (100 * run.stats.totalMs) / max)}%`;
        box.append(bar);
        track.append(box, el('span', 'value', ms(run.stats.totalMs)));
        lat.append(track);
        tr.append(lat);
        tr.append(el('td', 'num', String(run.stats.forwardPasses)));
        tr.append(el('td', 'num', run.stats.tokensPerPass.toFixed(2)));
        const pct = run.stats.promptTokens ? Math.round((100 * run.stats.reusedTokens) / run.stats.promptTokens) : 0;
        tr.append(el('td', 'num', `${run.stats.reusedTokens}/${run.stats.promptTokens} (${pct}%)`));
        tr.append(el('td', 'num', String(run.stats.generatedTokens)));
        tr.append(el('td', 'stop', run.stopReason));
        tbody.append(tr);
      });
    }
    table.append(tbody);
    const wrap = el('div', 'tablewrap');
    wrap.append(table);
    box.append(wrap);
    const first = rows.find((row) => row.runs.length);
    if (first) {
      box.append(el('h2', '', 'Output'));
      box.append(el('pre', 'output', first.runs[0].text || '(empty)'));
    }
  }

  function render(state) {
    const c = state.context;
    $('context').textContent = `${c.file}:${c.line}:${c.character} · ${c.model} · ${c.promptChars} chars of context · ${c.multiline ? 'multi-line' : 'single line'} · up to ${c.maxNewTokens} tokens`;
    renderSummary(state);
    renderRows(state);
    copy.disabled = state.status === 'running';
  }

  window.addEventListener('message', (event) => {
    const msg = event.data;
    if (msg && msg.type === 'state') {
      vscode.setState(msg.state);
      render(msg.state);
    }
  });
  copy.addEventListener('click', () => vscode.postMessage({ type: 'copy' }));
  const saved = vscode.getState();
  if (saved) render(saved);
  vscode.postMessage({ type: 'ready' });
})();
