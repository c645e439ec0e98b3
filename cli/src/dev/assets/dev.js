// uihook dev: the page's behaviour. Plays the dashboard: sends actions with
// the clientState the rendered view's controls hold (runtime.md §C.3), swaps
// in the view the dev server renders, and fills the side panel.
//
// The view's HTML comes from the preview crate (uihook-preview), which escapes
// everything; this script only reads its data-uh-* attributes:
//   data-uh-state=NAME     a control whose value goes into clientState
//   data-uh-action=ACTION  a Button, Link, Select or AutoRefresh that sends
//   data-uh-timeout=MS     the AutoRefresh delay
//   data-uh-reset=TARGETS  a ResetButton (comma list; empty = every field)
//   data-uh-project-switcher   filled here with the fixture's projects
// Panel text is always set with textContent, never as HTML.
'use strict';

(function () {
  const byId = (id) => document.getElementById(id);
  const root = byId('uh-root');
  const card = byId('dev-card');

  const state = {
    busy: false,
    timers: [],
    projectId: undefined, // undefined: the fixture's; null: none
    projects: [],
    mode: 'hook',
    version: 0,
    requests: 0,
    calls: 0,
  };

  // Reads every control of the view, in document order (a later control
  // with the same name wins, as later props did in the dashboard).
  function collectClientState() {
    const out = {};
    root.querySelectorAll('[data-uh-state]').forEach((el) => {
      const name = el.getAttribute('data-uh-state');
      if (!name) return;
      if (el.tagName === 'INPUT' && el.type === 'checkbox') {
        out[name] = el.checked;
      } else {
        out[name] = el.value;
      }
    });
    return out;
  }

  function clearTimers() {
    state.timers.forEach((t) => clearTimeout(t));
    state.timers = [];
  }

  function setBusy(busy) {
    state.busy = busy;
    card.setAttribute('aria-busy', busy ? 'true' : 'false');
    card.classList.toggle('dev-busy', busy);
    if (busy) setStatus('busy', 'waiting for the hook…');
  }

  function setStatus(kind, text) {
    const pill = byId('dev-status');
    pill.dataset.state = kind;
    pill.textContent = text;
  }

  // Sends one action. One request at a time: while one is in flight the
  // view is marked busy and further triggers are ignored, as a dashboard
  // that disables its controls during a round trip would.
  async function send(action, clientState, trigger) {
    if (state.busy) return;
    clearTimers();
    setBusy(true);
    const body = { action: action, clientState: clientState };
    if (state.projectId !== undefined) body.projectId = state.projectId;
    let answer;
    try {
      const response = await fetch('/_uihook/action', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const text = await response.text();
      try {
        answer = JSON.parse(text);
      } catch (e) {
        answer = { error: text };
      }
      if (!response.ok) {
        answer = {
          outcome: 'dev',
          error: { title: 'uihook dev refused the request (' + response.status + ')', detail: String(answer.error || text) },
        };
      }
    } catch (e) {
      answer = {
        outcome: 'dev',
        error: { title: 'The uihook dev server did not answer', detail: String(e) + ' — is `uihook dev` still running?' },
      };
    }
    setBusy(false);
    show(answer, action, clientState, trigger);
  }

  function show(answer, action, clientState, trigger) {
    const ok = answer.outcome === 'ok';
    // The view: the rendered markup when there is some, else the error.
    if (typeof answer.html === 'string') {
      root.innerHTML = answer.html;
      wire();
    } else {
      root.replaceChildren();
      const p = document.createElement('p');
      p.className = 'dev-muted';
      p.textContent = 'No view: see the message above.';
      root.appendChild(p);
    }
    showBanner(answer.error, answer.outcome, answer.outcome === 'status' ? answer.source : null);
    if (ok) {
      const errors = answer.errors || 0;
      const warnings = answer.warnings || 0;
      setStatus(errors ? 'error' : warnings ? 'warn' : 'ok', errors || warnings ? errors + ' errors, ' + warnings + ' warnings' : 'ok');
    } else {
      setStatus('error', answer.outcome || 'error');
    }
    showDiagnostics(answer.diagnostics || []);
    logRequest(answer, action, clientState, trigger);
    showCalls(answer.platform || []);
    byId('dev-source').textContent = typeof answer.source === 'string' ? answer.source : '';
    refreshStore();
  }

  function showBanner(error, outcome, body) {
    const banner = byId('dev-banner');
    if (!error) {
      banner.hidden = true;
      return;
    }
    banner.hidden = false;
    banner.dataset.outcome = outcome || '';
    byId('dev-banner-title').textContent = error.title || 'Error';
    byId('dev-banner-detail').textContent = error.detail || '';
    const pre = byId('dev-banner-body');
    pre.hidden = !body;
    pre.textContent = body || '';
  }

  function showDiagnostics(list) {
    const ul = byId('dev-diagnostics');
    ul.replaceChildren();
    byId('dev-diagnostics-count').textContent = String(list.length);
    byId('dev-diagnostics-count').dataset.errors = String(list.filter((d) => d.severity === 'error').length);
    if (!list.length) {
      const li = document.createElement('li');
      li.className = 'dev-muted';
      li.textContent = 'No problems in this answer.';
      ul.appendChild(li);
      return;
    }
    list.forEach((d) => {
      const li = document.createElement('li');
      li.className = 'dev-diagnostic';
      li.dataset.severity = d.severity;
      li.dataset.code = d.code;
      const head = document.createElement('div');
      head.className = 'dev-diagnostic-head';
      const sev = document.createElement('span');
      sev.className = 'dev-severity';
      sev.textContent = d.severity + '[' + d.code + ']';
      const where = document.createElement('span');
      where.className = 'dev-where';
      where.textContent = d.line + ':' + d.column;
      head.append(sev, ' ', where);
      const msg = document.createElement('div');
      msg.className = 'dev-message';
      msg.textContent = d.message;
      li.append(head, msg);
      const pre = document.createElement('pre');
      pre.className = 'dev-snippet';
      (d.lines || []).forEach((l) => {
        const line = document.createElement('span');
        line.className = 'dev-line';
        const n = document.createElement('span');
        n.className = 'dev-line-number';
        n.textContent = l.line === null ? '' : String(l.line);
        const mark = document.createElement('mark');
        mark.textContent = l.marked;
        line.append(n, l.before, mark, l.after, '\n');
        pre.appendChild(line);
      });
      if (d.label) {
        const label = document.createElement('span');
        label.className = 'dev-label';
        label.textContent = '↑ ' + d.label;
        pre.appendChild(label);
      }
      li.appendChild(pre);
      if (d.help) {
        const help = document.createElement('div');
        help.className = 'dev-help';
        help.textContent = 'help: ' + d.help;
        li.appendChild(help);
      }
      ul.appendChild(li);
    });
  }

  function cell(text, title) {
    const td = document.createElement('td');
    td.textContent = text;
    if (title) td.title = title;
    return td;
  }

  function logRequest(answer, action, clientState, trigger) {
    state.requests += 1;
    byId('dev-log-count').textContent = String(state.requests);
    const tr = document.createElement('tr');
    tr.dataset.outcome = answer.outcome || 'dev';
    const json = JSON.stringify(clientState);
    const status = answer.status != null ? String(answer.status) : answer.outcome || '';
    tr.append(
      cell(String(answer.seq || state.requests)),
      cell(action, trigger ? 'sent by ' + trigger : ''),
      cell(json.length > 80 ? json.slice(0, 79) + '…' : json, json),
      cell(status, answer.contentType ? 'content-type: ' + answer.contentType : ''),
      cell(typeof answer.timeMs === 'number' ? answer.timeMs.toFixed(1) : ''),
      cell(answer.bytes != null ? String(answer.bytes) : ''),
    );
    const tbody = byId('dev-log');
    tbody.insertBefore(tr, tbody.firstChild);
  }

  function showCalls(calls) {
    const ul = byId('dev-platform');
    calls.forEach((c) => {
      state.calls += 1;
      const li = document.createElement('li');
      li.dataset.status = String(c.status);
      li.textContent = c.method + ' ' + c.path + (c.teamId ? '?teamId=' + c.teamId : '') + ' → ' + c.status + ': ' + c.summary;
      ul.insertBefore(li, ul.firstChild);
    });
    byId('dev-platform-count').textContent = String(state.calls);
  }

  async function refreshStore() {
    try {
      const response = await fetch('/_uihook/platform');
      const snapshot = await response.json();
      delete snapshot.calls;
      byId('dev-store').textContent = JSON.stringify(snapshot, null, 2);
    } catch (e) {
      byId('dev-store').textContent = String(e);
    }
  }

  // Makes the freshly swapped-in view live: timers and project switchers.
  function wire() {
    // An AutoRefresh whose timeout is not a whole number has no
    // data-uh-timeout: it never fires (the lint reports it).
    root.querySelectorAll('[data-uh-timeout]').forEach((el) => {
      const action = el.getAttribute('data-uh-action') || 'view';
      let ms = parseInt(el.getAttribute('data-uh-timeout') || '', 10);
      if (!Number.isFinite(ms)) return;
      // Never faster than once a second, whatever the markup says: a typo
      // must not turn the page into a load test of the hook.
      ms = Math.max(ms, 1000);
      state.timers.push(setTimeout(() => send(action, collectClientState(), 'AutoRefresh'), ms));
    });
    root.querySelectorAll('[data-uh-project-switcher]').forEach((el) => {
      const select = document.createElement('select');
      select.className = 'dev-project-select';
      select.setAttribute('aria-label', el.getAttribute('data-uh-message') || 'Select a project');
      const none = document.createElement('option');
      none.value = '';
      none.textContent = el.getAttribute('data-uh-message') || 'Select a project';
      select.appendChild(none);
      state.projects.forEach((p) => {
        const o = document.createElement('option');
        o.value = p.id;
        o.textContent = p.name;
        select.appendChild(o);
      });
      select.value = currentProject() || '';
      select.addEventListener('change', () => {
        state.projectId = select.value || null;
        showProject();
        // A project switch reloads the view in the new project: action
        // "view" with an empty clientState, like a first load.
        send('view', {}, 'ProjectSwitcher');
      });
      el.replaceChildren(select);
    });
    const focus = root.querySelector('[autofocus]');
    if (focus) focus.focus();
  }

  function currentProject() {
    if (state.projectId !== undefined) return state.projectId;
    const fixture = state.fixture || {};
    return typeof fixture.projectId === 'string' ? fixture.projectId : null;
  }

  function showProject() {
    const id = currentProject();
    const p = state.projects.find((x) => x.id === id);
    byId('dev-project').textContent = id ? 'project: ' + (p ? p.name : id) : 'no project';
  }

  // Clears the named text fields (or all of them) without a request.
  function reset(targets) {
    const names = targets.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
    root.querySelectorAll('input[data-uh-state], textarea[data-uh-state]').forEach((el) => {
      if (el.tagName === 'INPUT' && ['hidden', 'checkbox', 'radio'].includes(el.type)) return;
      if (names.length && !names.includes(el.getAttribute('data-uh-state'))) return;
      el.value = '';
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
  }

  root.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    const resetButton = target.closest('[data-uh-reset]');
    if (resetButton && root.contains(resetButton)) {
      event.preventDefault();
      reset(resetButton.getAttribute('data-uh-reset') || '');
      return;
    }
    const sender = target.closest('button[data-uh-action], a[data-uh-action]');
    if (sender && root.contains(sender)) {
      event.preventDefault();
      if (sender.disabled) return;
      send(sender.getAttribute('data-uh-action') || 'view', collectClientState(), sender.tagName === 'A' || sender.classList.contains('uh-link') ? 'Link' : 'Button');
    }
  });

  root.addEventListener('change', (event) => {
    const target = event.target;
    if (target instanceof HTMLSelectElement && target.hasAttribute('data-uh-action') && root.contains(target)) {
      send(target.getAttribute('data-uh-action') || 'view', collectClientState(), 'Select');
    }
  });

  // Enter in a field submits nothing: the dashboard had no forms.
  root.addEventListener('submit', (event) => event.preventDefault());

  byId('dev-reload').addEventListener('click', () => send('view', {}, 'reload'));
  byId('dev-retry').addEventListener('click', () => send('view', {}, 'retry'));

  byId('dev-fixture-apply').addEventListener('click', async () => {
    const status = byId('dev-fixture-error');
    let value;
    try {
      value = JSON.parse(byId('dev-fixture').value);
    } catch (e) {
      status.textContent = 'Not JSON: ' + e.message;
      return;
    }
    const response = await fetch('/_uihook/fixture', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(value),
    });
    const answer = await response.json();
    if (!response.ok) {
      status.textContent = answer.error;
      return;
    }
    status.textContent = 'Applied.';
    applyState(answer);
    state.projectId = undefined;
    showProject();
    send('view', {}, 'fixture');
  });

  function applyState(s) {
    state.mode = s.mode;
    state.version = s.version;
    state.projects = s.projects || [];
    state.restart = s.restart;
    state.fixture = s.fixture;
    byId('dev-target').textContent = (s.mode === 'watch' ? 'watching ' : 'hook ') + s.target;
    byId('dev-api-base').textContent = 'The hook\'s client uses ' + s.apiBaseEnv + '=' + s.apiBase;
    byId('dev-fixture').value = JSON.stringify(s.fixture, null, 2);
  }

  // --watch: wait for the file to change, then render it again.
  async function watchLoop() {
    for (;;) {
      try {
        const response = await fetch('/_uihook/wait?version=' + state.version);
        const answer = await response.json();
        if (answer.version !== state.version) {
          state.version = answer.version;
          await waitIdle();
          send('view', collectClientState(), 'file change');
        }
      } catch (e) {
        await new Promise((r) => setTimeout(r, 2000));
      }
    }
  }

  // --watch-src: follow the hook process. While it restarts the current
  // view stays (marked "restarting"); once the new process listens, the
  // view is asked for again with the controls' current values.
  async function restartLoop(restart) {
    // `restart` is from before the first view, which waited for the hook:
    // only what changed since is shown (the first poll answers at once).
    let version = restart.version;
    for (;;) {
      try {
        const response = await fetch('/_uihook/wait?version=' + version);
        const answer = await response.json();
        if (!answer.restart || answer.version === version) continue;
        version = answer.version;
        showRestart(answer.restart);
        if (answer.restart.phase === 'ready' && answer.restart.restarts > 0) {
          await waitIdle();
          send('view', collectClientState(), 'restart (' + answer.restart.message + ')');
        }
      } catch (e) {
        await new Promise((r) => setTimeout(r, 2000));
      }
    }
  }

  function showRestart(restart) {
    card.classList.toggle('dev-restarting', restart.phase === 'starting');
    if (restart.phase === 'starting') {
      setStatus('busy', restart.restarts > 0
        ? 'restarting the hook: ' + restart.message + '…'
        : 'starting the hook…');
    } else if (restart.phase === 'exited') {
      setStatus('error', restart.message);
    }
  }

  async function waitIdle() {
    while (state.busy) await new Promise((r) => setTimeout(r, 50));
  }

  async function start() {
    try {
      const response = await fetch('/_uihook/state');
      applyState(await response.json());
    } catch (e) {
      showBanner({ title: 'The uihook dev server did not answer', detail: String(e) }, 'dev');
      return;
    }
    showProject();
    await send('view', {}, 'first load');
    if (state.mode === 'watch') watchLoop();
    else if (state.restart) restartLoop(state.restart);
  }

  start();
})();
