// bgp view: draws one run (the JSON of io.github.bgp.view.RunView) and steps through it.
// Plain JavaScript, no library and no network: served by `bgp view`, or inlined whole by --html.
(function () {
  'use strict';

  var SVG = 'http://www.w3.org/2000/svg';
  var view = { run: null, steps: [], step: 0, focus: 1, txn: null, protocol: 0, timeline: 0, commands: [] };

  function $(id) { return document.getElementById(id); }

  /** An element: el('div', {class: 'x'}, child, 'text', ...). */
  function el(tag, attrs) {
    var e = document.createElement(tag);
    setAttrs(e, attrs);
    for (var i = 2; i < arguments.length; i++) { add(e, arguments[i]); }
    return e;
  }

  function svg(tag, attrs) {
    var e = document.createElementNS(SVG, tag);
    setAttrs(e, attrs);
    for (var i = 2; i < arguments.length; i++) { add(e, arguments[i]); }
    return e;
  }

  function setAttrs(e, attrs) {
    if (!attrs) { return; }
    Object.keys(attrs).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) { return; }
      if (k === 'text') { e.textContent = v; } else { e.setAttribute(k, v === true ? '' : v); }
    });
  }

  function add(e, child) {
    if (child === null || child === undefined || child === false) { return; }
    if (Array.isArray(child)) { child.forEach(function (c) { add(e, c); }); return; }
    e.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }

  function title(e, text) { e.appendChild(svg('title', { text: text })); return e; }

  function valueText(v) { return v === null || v === undefined ? 'none' : String(v); }

  /** A value as a coloured chip. */
  function chip(v, small) {
    var t = valueText(v);
    var cls = 'v ' + (v === null || v === undefined ? 'none' : (t === 'ATTACK' || t === 'RETREAT' ? t : 'num'));
    return el('span', { class: cls + (small ? ' small' : ''), text: small ? shortValue(v) : t });
  }

  function shortValue(v) {
    var t = valueText(v);
    return t === 'ATTACK' ? 'A' : t === 'RETREAT' ? 'R' : t;
  }

  function plural(n, word) { return n + ' ' + word + (n === 1 ? '' : 's'); }

  // ---------------------------------------------------------------- start

  function start() {
    var data = $('bgp-run').textContent.trim();
    document.addEventListener('keydown', function (e) {
      if (!view.run || /INPUT|TEXTAREA|SELECT/.test(document.activeElement.tagName)) { return; }
      if (e.key === 'ArrowRight') { go(view.step + 1); e.preventDefault(); }
      if (e.key === 'ArrowLeft') { go(view.step - 1); e.preventDefault(); }
      if (e.key === 'Home') { go(0); e.preventDefault(); }
      if (e.key === 'End') { go(view.steps.length - 1); e.preventDefault(); }
    });
    $('first').onclick = function () { go(0); };
    $('prev').onclick = function () { go(view.step - 1); };
    $('next').onclick = function () { go(view.step + 1); };
    $('last').onclick = function () { go(view.steps.length - 1); };
    $('scrub').oninput = function () { go(Number($('scrub').value)); };
    if (data && data !== 'null') {
      document.body.classList.add('offline');
      show(JSON.parse(data));
    } else {
      setup();
    }
  }

  // ---------------------------------------------------------------- setup (served by bgp view)

  var STRATEGIES = ['random', 'flip', 'split', 'silent', 'honest'];

  function setup() {
    $('setup').hidden = false;
    status('loading', 'loading the protocols...');
    var strategy = $('strategy');
    STRATEGIES.forEach(function (s) { strategy.appendChild(el('option', { value: s, text: s })); });
    $('traitors').addEventListener('input', perTraitor);
    strategy.addEventListener('change', perTraitor);
    perTraitor();
    fetch('/api/commands').then(function (r) { return r.json(); }).then(function (commands) {
      view.commands = commands;
      var select = $('protocol');
      commands.forEach(function (c) {
        select.appendChild(el('option', { value: c.name, text: c.name + ' (' + c.family + ')' }));
      });
      select.addEventListener('change', family);
      family();
      status('idle', '');
    }).catch(function (e) { status('error', ''); $('error').textContent = 'cannot reach bgp view: ' + e; });
    $('setup-form').addEventListener('submit', function (e) { e.preventDefault(); run(); });
  }

  function chosen() {
    var name = $('protocol').value;
    return view.commands.filter(function (c) { return c.name === name; })[0];
  }

  function family() {
    var c = chosen();
    document.querySelectorAll('fieldset.family').forEach(function (f) { f.hidden = !c || f.dataset.family !== c.family; });
    $('protocol-title').textContent = c ? c.title : '';
  }

  function traitorIds() {
    return $('traitors').value.split(/[\s,]+/).filter(function (t) { return t !== ''; });
  }

  /** One strategy choice per traitor, defaulting to the one for all. */
  function perTraitor() {
    var box = $('per-traitor');
    var before = {};
    box.querySelectorAll('select').forEach(function (s) { before[s.dataset.traitor] = s.value; });
    box.textContent = '';
    traitorIds().forEach(function (t) {
      var s = el('select', { 'data-traitor': t });
      s.appendChild(el('option', { value: '', text: 'as all' }));
      STRATEGIES.forEach(function (x) { s.appendChild(el('option', { value: x, text: x })); });
      s.value = before[t] || '';
      box.appendChild(el('label', null, 'traitor ' + t, s));
    });
  }

  function value(id) { return $(id).value.trim(); }

  /** The options of the run the form describes, as [name, value] pairs of the command's options. */
  function options(c) {
    var o = [];
    function put(name, v) { if (v !== '' && v !== null && v !== undefined) { o.push([name, String(v)]); } }
    if (c.family === 'agreement') {
      put('--generals', value('generals'));
      put('--m', value('m'));
      put('--traitors', traitorIds().join(','));
      if (value('order').toUpperCase() !== 'ATTACK') { put('--order', value('order')); }
      if (value('majority') !== 'default') { put('--majority', value('majority')); }
      var own = [];
      $('per-traitor').querySelectorAll('select').forEach(function (s) {
        if (s.value) { own.push(s.dataset.traitor + '=' + s.value); }
      });
      var all = value('strategy');
      if (own.length) { put('--strategy', own.concat(all === 'random' ? [] : [all]).join(',')); }
      else if (all !== 'random') { put('--strategy', all); }
      if (value('seed') !== '1') { put('--seed', value('seed')); }
      $('lies').value.split('\n').map(function (l) { return l.trim(); }).filter(Boolean)
        .forEach(function (l) { put('--lie', l); });
    } else if (c.family === 'commit') {
      if (value('participants') !== '3') { put('--participants', value('participants')); }
      if (value('transactions') !== '3') { put('--transactions', value('transactions')); }
      put('--votes', value('votes'));
      if (Number(value('loss'))) { put('--loss', value('loss')); }
      if (Number(value('duplicate'))) { put('--duplicate', value('duplicate')); }
      if (Number(value('delay'))) { put('--delay', value('delay')); }
      if (value('commit-seed') !== '1') { put('--seed', value('commit-seed')); }
      $('crashes').value.split('\n').map(function (l) { return l.trim(); }).filter(Boolean)
        .forEach(function (l) { put('--crash', l); });
    } else {
      put('--family', value('family'));
      put('--k', value('k'));
    }
    return o;
  }

  function status(state, text) { var s = $('status'); s.dataset.state = state; s.textContent = text; }

  function run() {
    var c = chosen();
    if (!c) { return; }
    $('error').textContent = '';
    status('running', 'running...');
    fetch('/api/run', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ command: c.name, options: options(c) })
    }).then(function (r) {
      return r.json().then(function (body) { return { ok: r.ok, body: body }; });
    }).then(function (r) {
      if (!r.ok) { status('error', ''); $('error').textContent = r.body.error; return; }
      status('ready', 'ran: ' + r.body.title);
      show(r.body);
    }).catch(function (e) { status('error', ''); $('error').textContent = String(e); });
  }

  // ---------------------------------------------------------------- the player

  function show(run) {
    view.run = run;
    view.step = 0;
    document.body.dataset.kind = run.kind;
    $('run-title').textContent = run.title;
    document.title = 'bgp view: ' + run.title;
    $('command-line').hidden = !run.command;
    $('command').textContent = run.command ? run.command : '';
    if (run.kind === 'agreement') {
      view.steps = run.steps;
      var loyal = run.generals.filter(function (g) { return g.id > 0 && !g.traitor; });
      view.focus = loyal.length ? loyal[0].id : 1;
    } else if (run.kind === 'commit') {
      view.steps = run.instants.map(function (t) { return { time: t }; });
      view.txn = run.transactions.length ? run.transactions[0].id : null;
      var crashed = run.events.filter(function (e) { return e.type === 'crash' && e.txn === undefined; });
      if (crashed.length) { view.txn = txnAround(crashed[0]); }
    } else {
      view.protocol = firstWithTimeline(run);
      view.timeline = 0;
      generalsSteps();
    }
    $('player').hidden = false;
    $('scrub').max = String(Math.max(0, view.steps.length - 1));
    var asked = /step=(\d+)/.exec(location.hash);
    if (asked) { view.step = Math.max(0, Math.min(view.steps.length - 1, Number(asked[1]) - 1)); }
    draw();
  }

  /** The transaction a crash falls in: the last one a step of that node before it names. */
  function txnAround(crash) {
    var t = null;
    view.run.events.forEach(function (e) {
      if (e.node === crash.node && e.time <= crash.time && e.txn !== undefined && view.run.events.indexOf(e) < view.run.events.indexOf(crash)) { t = e.txn; }
    });
    return t === null ? view.txn : t;
  }

  function go(step) {
    if (!view.run) { return; }
    view.step = Math.max(0, Math.min(view.steps.length - 1, step));
    if (history.replaceState) { history.replaceState(null, '', '#step=' + (view.step + 1)); }
    draw();
  }

  function draw() {
    $('step-index').textContent = (view.step + 1) + ' / ' + view.steps.length;
    $('scrub').value = String(view.step);
    $('first').disabled = $('prev').disabled = view.step === 0;
    $('next').disabled = $('last').disabled = view.step >= view.steps.length - 1;
    var panels = $('panels');
    panels.textContent = '';
    panels.dataset.step = String(view.step);
    if (view.run.kind === 'agreement') { drawAgreement(panels); }
    else if (view.run.kind === 'commit') { drawCommit(panels); }
    else { drawGenerals(panels); }
  }

  function card(titleText, sub, cls) {
    return el('section', { class: 'card' + (cls ? ' ' + cls : '') },
      el('h2', null, titleText, sub ? el('span', { class: 'sub', text: sub }) : null));
  }

  // ---------------------------------------------------------------- agreement

  /** How far the step has come: rounds received, the depth folded down to, whether decided. */
  function agreementAt() {
    var s = view.steps[view.step];
    var r = { round: 0, fold: Infinity, decided: false, step: s };
    if (s.kind === 'round') { r.round = s.round; }
    if (s.kind === 'fold') { r.round = view.run.rounds; r.fold = s.depth; }
    if (s.kind === 'decide') { r.round = view.run.rounds; r.fold = 0; r.decided = true; }
    return r;
  }

  function drawAgreement(panels) {
    var run = view.run;
    var at = agreementAt();
    $('step-label').textContent = at.step.label;
    var generals = card('The generals', at.round ? 'round ' + at.round + (at.step.kind === 'round' ? '' : ' (all received)') : 'before the first message');
    generals.id = 'generals-card';
    generals.appendChild(circle(at));
    generals.appendChild(at.decided ? decisions() : roundMatrix(at));
    panels.appendChild(generals);
    panels.appendChild(treeCard(at));
    var st = card('Space-time diagram', 'each arrow a frame, at its Lamport times of sending and receipt', 'full');
    st.appendChild(el('div', { class: 'scroll' }, spaceTimeAgreement(at)));
    panels.appendChild(st);
    $('legend').textContent = '';
    add($('legend'), [legendItem(chip('ATTACK', true), 'ATTACK'), legendItem(chip('RETREAT', true), 'RETREAT'),
      legendItem(el('span', { class: 'mark lie', text: 'lie' }), 'a traitor sent other than the honest value'),
      legendItem(el('span', { class: 'mark absent', text: 'absent' }), 'no message came: the default is used'),
      legendItem(el('span', { class: 'mark tie', text: 'tie' }), 'no majority: the default is used')]);
  }

  function legendItem(mark, text) { return el('span', { class: 'legend-item' }, mark, ' ', text); }

  function generalName(id) { return id === 0 ? 'commander 0' : 'lieutenant ' + id; }

  function shortName(id) { return id === 0 ? 'C' : 'L' + id; }

  function isTraitor(id) { return view.run.generals[id].traitor; }

  /** The generals on a circle, the commander on top, with the frames of the step's round. */
  function circle(at) {
    var run = view.run, n = run.generals.length;
    var W = 500, H = 350, cx = W / 2, cy = H / 2 + 4, R = Math.min(W, H) / 2 - 52;
    var pos = run.generals.map(function (g, i) {
      var a = -Math.PI / 2 + 2 * Math.PI * i / n;
      return [cx + R * Math.cos(a), cy + R * Math.sin(a)];
    });
    var s = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, width: W, height: H, id: 'circle' });
    s.appendChild(svg('defs', null,
      marker('ah', '#7b8794'), marker('ah-lie', '#c81e1e'), marker('ah-now', '#2563eb')));
    if (at.step.kind === 'round') {
      run.frames.filter(function (f) { return f.round === at.round; }).forEach(function (f) {
        var a = pos[f.from], b = pos[f.to];
        var dx = b[0] - a[0], dy = b[1] - a[1], len = Math.sqrt(dx * dx + dy * dy) || 1;
        var ux = dx / len, uy = dy / len, off = 22;
        var x1 = a[0] + ux * off, y1 = a[1] + uy * off, x2 = b[0] - ux * (off + 4), y2 = b[1] - uy * (off + 4);
        var bend = 10, mx = (x1 + x2) / 2 - uy * bend, my = (y1 + y2) / 2 + ux * bend;
        var focus = f.to === view.focus;
        var cls = 'arrow' + (f.lies ? ' lie' : '') + (focus ? ' now' : '');
        var p = svg('path', { d: 'M' + x1 + ',' + y1 + ' Q' + mx + ',' + my + ' ' + x2 + ',' + y2, class: cls,
          'marker-end': 'url(#' + (f.lies ? 'ah-lie' : focus ? 'ah-now' : 'ah') + ')', opacity: focus || f.lies ? 1 : 0.55 });
        title(p, shortName(f.from) + ' \u2192 ' + shortName(f.to) + ': ' + f.messages.map(function (i) {
          var m = run.messages[i]; return '[' + m.path.join(' ') + ']=' + valueText(m.value) + (m.lie ? ' (lie; honest ' + m.honest + ')' : '');
        }).join(', '));
        s.appendChild(p);
      });
    }
    run.generals.forEach(function (g, i) {
      var gEl = svg('g', { class: 'general' + (g.traitor ? ' traitor' : '') + (g.id === view.focus ? ' focus' : ''),
        'data-general': g.id, transform: 'translate(' + pos[i][0] + ',' + pos[i][1] + ')', style: 'cursor:pointer' });
      gEl.appendChild(svg('circle', { r: g.id === 0 ? 21 : 18 }));
      gEl.appendChild(svg('text', { class: 'id', text: g.id === 0 ? 'C' : String(g.id) }));
      var a = -Math.PI / 2 + 2 * Math.PI * i / n, lx = Math.cos(a), ly = Math.sin(a);
      var label = (g.id === 0 ? 'commander' : 'lieutenant ' + g.id) + (g.traitor ? ' \u2022 traitor' : '');
      gEl.appendChild(svg('text', { class: 'name', x: Math.abs(lx) < 0.3 ? 0 : (lx > 0 ? 25 : -25), y: Math.abs(lx) < 0.3 ? (ly < 0 ? -29 : 36) : 4,
        'text-anchor': Math.abs(lx) < 0.3 ? 'middle' : lx > 0 ? 'start' : 'end', text: label, fill: g.traitor ? '#c81e1e' : null }));
      if (at.decided && g.decision !== null && g.decision !== undefined) {
        var d = svg('g', { class: 'dec', transform: 'translate(-18,' + (ly < -0.3 ? 24 : -42) + ')' });
        d.appendChild(svg('rect', { class: valueText(g.decision), width: 36, height: 16, rx: 4 }));
        d.appendChild(svg('text', { x: 18, y: 8, text: shortValue(g.decision) === 'A' ? 'ATT' : shortValue(g.decision) === 'R' ? 'RET' : valueText(g.decision) }));
        title(d, generalName(g.id) + ' decides ' + valueText(g.decision));
        gEl.appendChild(d);
      }
      title(gEl, generalName(g.id) + (g.traitor ? ' (a traitor)' : '') + ': received ' + g.received + ' messages; click to see its tree');
      if (g.id > 0) { gEl.addEventListener('click', function () { view.focus = g.id; draw(); }); }
      s.appendChild(gEl);
    });
    return s;
  }

  /** Each general's decision and what it heard, as the command's table shows them. */
  function decisions() {
    var run = view.run, box = el('div', { class: 'scroll', id: 'decisions' });
    var t = el('table', { class: 'matrix' });
    t.appendChild(el('tr', null, el('th', { text: 'general' }), el('th', { text: 'heard' }), el('th', { text: 'decided' }), el('th', { text: 'received' })));
    run.generals.forEach(function (g) {
      var heard = el('td', { style: 'text-align:left' });
      Object.keys(g.heard).forEach(function (k) { heard.appendChild(el('span', { class: 'mono', text: ' ' + shortName(Number(k)) + ':' })); heard.appendChild(chip(g.heard[k], true)); });
      t.appendChild(el('tr', null, el('th', { class: g.traitor ? 'traitor' : null, text: generalName(g.id) + (g.traitor ? ' (traitor)' : '') }), heard,
        el('td', null, g.decision === null || g.decision === undefined ? '\u2013' : chip(g.decision)), el('td', { text: String(g.received) })));
    });
    box.appendChild(t);
    box.appendChild(el('p', null, el('span', { class: run.ic1 ? 'ok' : 'bad', text: 'IC1 ' + (run.ic1 ? 'held' : 'broken') }), ': ',
      run.ic1 ? 'every loyal lieutenant decided the same' : 'the loyal lieutenants disagree', ' \u00b7 ',
      el('span', { class: run.ic2 ? 'ok' : 'bad', text: 'IC2 ' + (run.ic2 ? 'held' : 'broken') }), ': ',
      isTraitor(0) ? 'holds vacuously, the commander is a traitor' : run.ic2 ? 'they obey the loyal commander' : 'not every loyal lieutenant obeys the loyal commander'));
    box.appendChild(el('p', { class: 'hint', text: run.guarantee.explanation }));
    return box;
  }

  function marker(id, color) {
    return svg('marker', { id: id, viewBox: '0 0 10 10', refX: 8, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
      svg('path', { d: 'M0,0 L10,5 L0,10 z', fill: color }));
  }

  /** Who sent whom what in the step's round: senders by row, receivers by column. */
  function roundMatrix(at) {
    var run = view.run, box = el('div', { class: 'scroll', id: 'round-matrix' });
    if (!at.round) {
      box.appendChild(el('p', { class: 'hint', text: 'The commander ' + (isTraitor(0) ? '(a traitor) ' : '') + 'is to order ' + valueText(run.scenario.order) + '. Step forward to send its order.' }));
      return box;
    }
    var round = Math.min(at.round, run.rounds);
    var cells = {};
    run.messages.forEach(function (m) {
      if (m.round !== round) { return; }
      var k = m.from + '>' + m.to; (cells[k] = cells[k] || []).push(m);
    });
    var senders = run.generals.filter(function (g) { return round === 1 ? g.id === 0 : g.id > 0; });
    var t = el('table', { class: 'matrix' });
    var head = el('tr', null, el('th', { text: 'round ' + round + ': from \u2193 to \u2192' }));
    run.generals.forEach(function (g) { if (g.id > 0) { head.appendChild(el('th', { class: g.traitor ? 'traitor' : null, text: shortName(g.id) })); } });
    t.appendChild(head);
    senders.forEach(function (s) {
      var tr = el('tr', null, el('th', { class: s.traitor ? 'traitor' : null, text: shortName(s.id) + (s.traitor ? ' (traitor)' : '') }));
      run.generals.forEach(function (g) {
        if (g.id === 0) { return; }
        var td = el('td', { class: g.id === s.id ? 'self' : null });
        (cells[s.id + '>' + g.id] || []).forEach(function (m) {
          var c = chip(m.value, true);
          c.title = '[' + m.path.join(' ') + '] ' + shortName(m.from) + ' \u2192 ' + shortName(m.to) + ': ' + valueText(m.value) + (m.lie ? ', a lie (honest ' + m.honest + ')' : '');
          if (m.lie) { c.style.outline = '2px solid #c81e1e'; c.style.outlineOffset = '1px'; }
          td.appendChild(c);
        });
        tr.appendChild(td);
      });
      t.appendChild(tr);
    });
    box.appendChild(t);
    var lies = run.messages.filter(function (m) { return m.round === round && m.lie; }).length;
    var silent = run.absent.filter(function (a) { return a.round === round; }).length;
    box.appendChild(el('p', { class: 'hint' }, plural(run.messages.filter(function (m) { return m.round === round; }).length, 'message') + ' in round ' + round + ', ' +
      plural(lies, 'lie') + (silent ? ', ' + silent + ' expected but never sent' : '') + '. A red outline marks a lie; hover a value for its path.'));
    return box;
  }

  /** One lieutenant's tree of what it heard, folded by majority from the leaves up. */
  function treeCard(at) {
    var run = view.run, tree = run.trees[String(view.focus)];
    var c = card('What lieutenant ' + view.focus + ' heard', run.rule === 'majority' ? 'each path folds to the majority of its value and its children\u2019s' : run.rule === 'choice' ? 'the values it holds, and its choice' : 'as the protocol reports it');
    c.id = 'tree-card';
    var tabs = el('div', { class: 'tabs' });
    run.generals.forEach(function (g) {
      if (g.id === 0) { return; }
      var b = el('button', { type: 'button', class: (g.id === view.focus ? 'chosen ' : '') + (g.traitor ? 'traitor' : ''), 'data-lieutenant': g.id, text: 'L' + g.id + (g.traitor ? ' \u2020' : '') });
      b.title = generalName(g.id) + (g.traitor ? ' (a traitor: its decision does not count)' : '');
      b.onclick = function () { view.focus = g.id; draw(); };
      tabs.appendChild(b);
    });
    c.appendChild(tabs);
    if (!tree) { c.appendChild(el('p', { class: 'hint', text: 'No tree for this general.' })); return c; }
    var heard = 0, total = 0;
    walk(tree.root, function (n) { if (n.message !== undefined) { total++; if (n.round <= at.round) { heard++; } } });
    var head = el('div', { class: 'tree-head' });
    var count = el('span', { id: 'tree-count', text: 'heard ' + heard + ' of ' + plural(total, 'message') });
    head.appendChild(count);
    if (tree.lies) { head.appendChild(el('span', { class: 'mark lie', text: plural(tree.lies, 'lie') })); }
    if (tree.absent) { head.appendChild(el('span', { class: 'mark absent', text: tree.absent + ' absent' })); }
    if (tree.ties) { head.appendChild(el('span', { class: 'mark tie', text: plural(tree.ties, 'tie') })); }
    var decision = el('span', { class: 'decision-line', id: 'tree-decision-line' });
    var g = run.generals[view.focus];
    if (at.decided) {
      if (tree.loyal) {
        decision.appendChild(document.createTextNode('decides '));
        var d = chip(tree.decision); d.id = 'tree-decision'; decision.appendChild(d);
        if (tree.agrees === false) { decision.appendChild(el('span', { class: 'mark tie', text: 'the view\u2019s fold differs from the run\u2019s decision' })); }
      } else {
        decision.appendChild(el('span', { class: 'mark traitor', text: 'a traitor: its decision does not count' }));
      }
    }
    head.appendChild(decision);
    c.appendChild(head);
    var ul = el('ul', { class: 'tree', id: 'tree', 'data-lieutenant': view.focus, 'data-messages': heard });
    ul.appendChild(treeNode(tree.root, at, true));
    c.appendChild(ul);
    if (tree.matrices && tree.matrices.length && at.fold <= 0) {
      tree.matrices.forEach(function (m) { c.appendChild(voteTable(m)); });
    }
    if (at.decided && run.rule === 'choice' && tree.set) {
      c.appendChild(el('p', null, 'Holds ', tree.set.map(function (v) { return chip(v, true); }), ' \u2192 chooses ', chip(tree.choice, true),
        tree.set.length === 1 ? '' : ' (not exactly one value: the fallback)'));
    }
    if (at.decided && g.evidence && g.evidence.length) {
      c.appendChild(el('p', { class: 'hint', text: g.evidence.join('; ') }));
    }
    return c;
  }

  /**
   * One of the lieutenant's vote tables, as the SCC311 notes draw it: a column for the path and
   * each of its relays, the row of what it heard directly, a row of what each other lieutenant
   * said it heard, and the majority of each column; their majority is the path's fold.
   */
  function voteTable(m) {
    var box = el('div', { class: 'scroll vote', 'data-path': m.key });
    var t = el('table', { class: 'matrix votes' });
    var head = el('tr', null, el('th', { text: m.key === '0' ? 'the vote' : 'about [' + m.path.join(' ') + ']' }));
    m.columns.forEach(function (k) { head.appendChild(el('th', { class: 'mono', text: '[' + k.split('.').join(' ') + ']' })); });
    t.appendChild(head);
    m.rows.forEach(function (r) {
      var tr = el('tr', null, el('th', { class: r.reporter !== null && isTraitor(r.reporter) ? 'traitor' : null,
        text: r.reporter === null ? 'heard directly' : shortName(r.reporter) + ' said' + (isTraitor(r.reporter) ? ' \u2020' : '') }));
      r.cells.forEach(function (cell) {
        var td = el('td');
        if (cell) {
          var ch = chip(cell.value, true);
          ch.title = '[' + cell.key.split('.').join(' ') + ']' + (cell.folded ? ', folded' : '') + (cell.lie ? ', a lie' : '') + (cell.absent ? ', absent: the default' : '');
          if (cell.lie) { ch.style.outline = '2px solid #c81e1e'; ch.style.outlineOffset = '1px'; }
          if (cell.absent) { ch.style.opacity = '0.6'; ch.style.borderStyle = 'dashed'; }
          td.appendChild(ch);
        }
        tr.appendChild(td);
      });
      t.appendChild(tr);
    });
    var maj = el('tr', { class: 'majority' }, el('th', { text: 'majority' }));
    m.majorities.forEach(function (f) {
      maj.appendChild(el('td', null, chip(f.value, true), f.tie ? el('span', { class: 'mark tie', text: 'tie' }) : null));
    });
    t.appendChild(maj);
    box.appendChild(t);
    box.appendChild(el('p', { class: 'hint vote-result' }, 'majority of the columns: ', chip(m.result),
      m.tie ? el('span', { class: 'mark tie', text: 'tie' }) : null,
      m.key === '0' ? ' \u2014 the decision' : ' \u2014 the fold of [' + m.path.join(' ') + ']'));
    return box;
  }

  function walk(n, f) { f(n); (n.children || []).forEach(function (c) { walk(c, f); }); }

  function treeNode(n, at, isRoot) {
    var depth = n.path.length - 1;
    var future = n.round > at.round;
    var row = el('div', { class: 'tnode' + (future ? ' future' : '') + (isRoot ? ' isroot' : '') + (at.step.kind === 'fold' && at.fold === depth ? ' folding' : ''),
      'data-key': n.key, 'data-state': future ? 'future' : n.absent ? 'absent' : 'heard' });
    row.appendChild(el('span', { class: 'path mono', text: '[' + n.path.join(' ') + ']' }));
    row.appendChild(el('span', { class: 'from' + (isTraitor(n.from) ? ' traitor' : ''), text: 'from ' + shortName(n.from) + (isTraitor(n.from) ? ' \u2020' : '') }));
    row.appendChild(future ? el('span') : n.absent ? chip(null) : chip(n.value));
    var marks = el('span');
    if (!future) {
      if (n.lie) { marks.appendChild(el('span', { class: 'mark lie', text: 'lie: honest ' + valueText(n.honest) })); }
      if (n.absent && n.value !== null && n.value !== undefined) { marks.appendChild(el('span', { class: 'mark absent', text: 'absent: ' + valueText(n.value) + ' by default' })); }
      else if (n.absent) { marks.appendChild(el('span', { class: 'mark absent', text: 'not received' })); }
      var folded = n.fold !== undefined && n.children && n.children.length && at.fold <= depth;
      if (folded) {
        var f = el('span', { class: 'fold' }, ' \u2192 majority(', n.votes.map(function (v) { return shortValue(v); }).join(' '), ') = ', el('b', { text: valueText(n.fold) }));
        marks.appendChild(f);
        if (n.tie) { marks.appendChild(el('span', { class: 'mark tie', text: 'tie' })); }
      }
    }
    row.appendChild(marks);
    var li = el('li', null, row);
    if (n.children && n.children.length) {
      var ul = el('ul');
      n.children.forEach(function (c) { ul.appendChild(treeNode(c, at, false)); });
      li.appendChild(ul);
    }
    return li;
  }

  /** Frames on the generals' lines, by Lamport time. */
  function spaceTimeAgreement(at) {
    var run = view.run, n = run.generals.length;
    var maxL = 1;
    run.frames.forEach(function (f) { maxL = Math.max(maxL, f.receivedAt); });
    var left = 96, lane = 34, px = Math.max(18, Math.min(40, 900 / maxL));
    var W = left + (maxL + 2) * px, H = 26 + n * lane + 24;
    var s = svg('svg', { width: W, height: H, id: 'spacetime' });
    s.appendChild(svg('defs', null, marker('st-ah', '#7b8794'), marker('st-ah-lie', '#c81e1e'), marker('st-ah-now', '#2563eb')));
    function x(l) { return left + l * px; }
    function y(id) { return 20 + id * lane + lane / 2; }
    if (at.step.kind === 'round') {
      var inRound = run.frames.filter(function (f) { return f.round === at.round; });
      if (inRound.length) {
        var lo = Math.min.apply(null, inRound.map(function (f) { return f.sentAt; }));
        var hi = Math.max.apply(null, inRound.map(function (f) { return f.receivedAt; }));
        s.appendChild(svg('rect', { class: 'nowband', x: x(lo) - 4, y: 14, width: x(hi) - x(lo) + 8, height: n * lane + 8, rx: 4 }));
      }
    }
    for (var l = 0; l <= maxL + 1; l++) {
      if (l % (px < 24 ? 2 : 1) === 0) { s.appendChild(svg('text', { class: 'tick', x: x(l), y: H - 6, 'text-anchor': 'middle', text: String(l) })); }
    }
    s.appendChild(svg('text', { class: 'tick', x: 6, y: H - 6, text: 'Lamport time' }));
    run.generals.forEach(function (g) {
      s.appendChild(svg('line', { class: 'lane', x1: left - 6, x2: W - 8, y1: y(g.id), y2: y(g.id) }));
      var t = svg('text', { x: 6, y: y(g.id) + 4, text: generalName(g.id), 'font-size': 12, fill: g.traitor ? '#c81e1e' : '#1f2933' });
      s.appendChild(t);
    });
    run.frames.forEach(function (f) {
      var shown = f.round <= at.round;
      var now = at.step.kind === 'round' && f.round === at.round;
      var cls = 'arrow' + (f.lies ? ' lie' : '') + (now ? ' now' : shown ? ' past' : ' faint');
      var line = svg('line', { x1: x(f.sentAt), y1: y(f.from), x2: x(f.receivedAt), y2: y(f.to), class: cls,
        'marker-end': shown ? 'url(#' + (f.lies ? 'st-ah-lie' : now ? 'st-ah-now' : 'st-ah') + ')' : null });
      var send = run.events[f.send], recv = run.events[f.receive];
      title(line, 'round ' + f.round + ': ' + shortName(f.from) + ' \u2192 ' + shortName(f.to) + ', sent at Lamport ' + f.sentAt + ', received at ' + f.receivedAt +
        (send ? '; vector clocks [' + send.clock.join(' ') + '] \u2192 [' + recv.clock.join(' ') + ']' : '') + '\n' + recv.label);
      s.appendChild(line);
      if (shown) {
        s.appendChild(svg('circle', { cx: x(f.sentAt), cy: y(f.from), r: 2.6, fill: '#334e68' }));
        s.appendChild(svg('circle', { cx: x(f.receivedAt), cy: y(f.to), r: 2.6, fill: '#334e68' }));
      }
    });
    return s;
  }

  // ---------------------------------------------------------------- commit

  var MACHINES = {
    coordinator: { states: { INIT: [48, 62], WAIT: [150, 62], COMMIT: [256, 26], ABORT: [256, 98] },
      edges: [['INIT', 'WAIT', 'submitted'], ['WAIT', 'COMMIT', 'all voted commit'], ['WAIT', 'ABORT', 'an abort or timeout']] },
    participant: { states: { INIT: [48, 62], READY: [150, 26], READ_ONLY: [150, 98], COMMIT: [256, 26], ABORT: [256, 98] },
      edges: [['INIT', 'READY', 'voted commit'], ['INIT', 'ABORT', ''], ['INIT', 'READ_ONLY', ''], ['READY', 'COMMIT', ''], ['READY', 'ABORT', '']] }
  };

  /** Each node's state for the chosen transaction after the events up to the step's instant. */
  function commitAt() {
    var run = view.run, time = view.steps[view.step].time;
    var nodes = run.nodes.map(function (n) { return { state: 'INIT', down: false, edge: null, note: '', recovered: null, crashedAt: null }; });
    run.events.forEach(function (e, i) {
      if (e.time > time) { return; }
      var n = nodes[e.node];
      var justNow = e.time === time;
      if (e.type === 'crash') { n.down = true; n.crashedAt = e.time; n.edge = null; n.note = e.label; }
      else if (e.type === 'restart') {
        n.down = false;
        var rec = e.recovered && e.recovered.txns[String(view.txn)];
        n.state = rec && rec.state ? rec.state : 'INIT';
        n.recovered = { records: rec ? rec.records : [], state: n.state, at: e.time };
        n.edge = null;
        n.note = 'recovered at t=' + e.time + ' from its log: ' + (rec ? rec.records.join(', ') + ' \u2192 ' + n.state : 'nothing of txn ' + view.txn + ' \u2192 INIT');
      } else if (e.type === 'state' && String(e.fields.txn) === String(view.txn)) {
        n.edge = [e.fields.from, e.fields.to];
        n.state = e.fields.to;
        // A move on recovery says what the log gave, then where the node went from there.
        var before = n.recovered && n.recovered.at === e.time ? n.note + '; then ' : 't=' + e.time + ': ';
        n.note = before + e.fields.from + ' \u2192 ' + e.fields.to + (e.fields.why ? ' (' + e.fields.why + ')' : '');
        n.edgeNow = justNow;
      }
    });
    return { time: time, nodes: nodes };
  }

  function drawCommit(panels) {
    var run = view.run, at = commitAt();
    var here = run.events.filter(function (e) { return e.time === at.time; });
    $('step-label').textContent = 't=' + at.time + ': ' + summary(here);
    var m = card('State machines', 'transaction ' + view.txn + ', as each node moves, crashes and recovers', 'full');
    m.id = 'machines-card';
    var tabs = el('div', { class: 'tabs' });
    run.transactions.forEach(function (t) {
      var b = el('button', { type: 'button', class: t.id === view.txn ? 'chosen' : null, 'data-txn': t.id,
        text: 'txn ' + t.id + (t.outcome ? ': ' + t.outcome : t.blocked ? ': blocked' : '') });
      b.onclick = function () { view.txn = t.id; draw(); };
      tabs.appendChild(b);
    });
    m.appendChild(tabs);
    var box = el('div', { class: 'machines' });
    run.nodes.forEach(function (node, i) { box.appendChild(machine(node, at.nodes[i])); });
    m.appendChild(box);
    panels.appendChild(m);
    var st = card('Space-time diagram', 'every step and note of every node; Lamport times derived from the run\u2019s causality', 'full');
    st.appendChild(el('div', { class: 'scroll', id: 'spacetime-box' }, spaceTimeCommit(at)));
    panels.appendChild(st);
    var ev = card('What happens at t=' + at.time, plural(here.length, 'event'));
    var t = el('table', { class: 'events', id: 'instant-events' });
    here.forEach(function (e) {
      t.appendChild(el('tr', { 'data-type': e.type },
        el('td', { class: 't', text: e.step ? 'step ' + e.step : '' }),
        el('td', { class: 'who', text: run.nodes[e.node].name }),
        el('td', null, e.label + (e.lost ? ' \u2014 never received' : ''), el('span', { class: 'lamport', text: '  [lamport ' + e.lamport + ']' }))));
    });
    ev.appendChild(t);
    panels.appendChild(ev);
    var res = card('The outcome', run.atomic ? 'atomic' : 'NOT atomic');
    var rt = el('table', { class: 'events' });
    run.transactions.forEach(function (x) {
      rt.appendChild(el('tr', null, el('td', { class: 'who', text: 'txn ' + x.id }),
        el('td', null, 'votes ' + x.votes.join(', ') + '; ', x.outcome ? el('b', { text: x.outcome }) : el('b', { class: 'bad', text: 'undecided' }),
          x.blocked ? ' \u2014 blocked: ' + x.blocked : '')));
    });
    res.appendChild(rt);
    res.appendChild(el('p', null, el('span', { class: run.atomic ? 'ok' : 'bad', text: run.atomic ? 'atomic' : 'not atomic' }), ' \u00b7 ',
      el('span', { class: run.valid ? 'ok' : 'bad', text: run.valid ? 'valid' : 'not valid' }), ' \u00b7 ',
      el('span', { class: run.decided ? 'ok' : 'bad', text: run.decided ? 'decided' : 'not decided' })));
    if (run.happened.length) { res.appendChild(el('p', { class: 'hint', text: run.happened.join('; ') })); }
    panels.appendChild(res);
    $('legend').textContent = 'Dots: sends and receipts; squares: log forces; diamonds: state transitions; \u2715: a crash; \u25cb: a restart.';
  }

  function summary(events) {
    var key = events.filter(function (e) { return e.type === 'crash' || e.type === 'restart' || e.type === 'state'; });
    var pick = key.length ? key : events;
    var names = pick.slice(0, 2).map(function (e) { return view.run.nodes[e.node].name + ' ' + e.label; });
    return names.join('; ') + (pick.length > 2 ? '; and ' + (pick.length - 2) + ' more' : '');
  }

  function machine(node, s) {
    var def = MACHINES[node.role] || MACHINES.participant;
    var states = Object.assign({}, def.states), edges = def.edges.slice();
    var extra = 0;
    view.run.events.forEach(function (e) {
      if (e.type !== 'state' || e.node !== node.id) { return; }
      [e.fields.from, e.fields.to].forEach(function (st) { if (!states[st]) { states[st] = [48 + 104 * (extra++ % 3), 132]; } });
      if (!edges.some(function (x) { return x[0] === e.fields.from && x[1] === e.fields.to; })) { edges.push([e.fields.from, e.fields.to, '']); }
    });
    var H = extra ? 152 : 122;
    var box = el('div', { class: 'machine' + (s.down ? ' down' : ''), 'data-node': node.id, 'data-state': s.down ? 'DOWN' : s.state, 'data-down': s.down ? 'true' : 'false' });
    var head = el('div', { class: 'mhead' }, el('span', { text: node.name }));
    if (s.down) { head.appendChild(el('span', { class: 'badge down', text: 'DOWN' })); }
    else if (s.recovered) { head.appendChild(el('span', { class: 'badge recovered', text: 'recovered' })); }
    box.appendChild(head);
    var g = svg('svg', { viewBox: '0 0 304 ' + H, width: '100%', height: H });
    g.appendChild(svg('defs', null, marker('sm-ah-' + node.id, '#cbd2d9'), marker('sm-ah-on-' + node.id, '#2563eb')));
    edges.forEach(function (e) {
      var a = states[e[0]], b = states[e[1]];
      var taken = s.edge && s.edge[0] === e[0] && s.edge[1] === e[1] && !s.down;
      var dx = b[0] - a[0], dy = b[1] - a[1], len = Math.sqrt(dx * dx + dy * dy) || 1;
      var ux = dx / len, uy = dy / len;
      var sx = a[0] + ux * (Math.abs(ux) > 0.5 ? 40 : 14), sy = a[1] + uy * 14;
      var ex = b[0] - ux * (Math.abs(ux) > 0.5 ? 44 : 16), ey = b[1] - uy * 16;
      g.appendChild(svg('line', { class: 'edge' + (taken ? ' taken' : ''), x1: sx, y1: sy, x2: ex, y2: ey,
        'marker-end': 'url(#' + (taken ? 'sm-ah-on-' : 'sm-ah-') + node.id + ')' }));
    });
    Object.keys(states).forEach(function (name) {
      var p = states[name];
      var on = !s.down && s.state === name;
      var known = ['INIT', 'WAIT', 'READY', 'COMMIT', 'ABORT', 'READ_ONLY'].indexOf(name) >= 0;
      var st = svg('g', { class: 'sm ' + name + (on ? ' on' : ''), 'data-state': name, transform: 'translate(' + p[0] + ',' + p[1] + ')' });
      st.appendChild(svg('rect', { x: -40, y: -13, width: 80, height: 26, rx: 7, class: known ? null : 'other' }));
      st.appendChild(svg('text', { text: name.replace('_', '-') }));
      g.appendChild(st);
    });
    box.appendChild(g);
    box.appendChild(el('div', { class: 'mnote', text: s.down ? 't=' + s.crashedAt + ': ' + s.note : s.note }));
    return box;
  }

  var TYPE_SHAPE = { send: 'dot', receive: 'dot', message: 'dot', force: 'square', state: 'diamond', timer: 'tri', crash: 'x', restart: 'ring' };

  /** Every event on its node's line; instants compressed into columns, the step's instant lit. */
  function spaceTimeCommit(at) {
    var run = view.run, n = run.nodes.length;
    var colX = {}, sub = 15, gap = 16, left = 118, x = left;
    var perNode = {};
    run.events.forEach(function (e) { var k = e.time + ':' + e.node; perNode[k] = (perNode[k] || 0) + 1; });
    var slot = {}, pos = [];
    run.instants.forEach(function (t) {
      var w = 1;
      run.nodes.forEach(function (nd) { w = Math.max(w, perNode[t + ':' + nd.id] || 0); });
      colX[t] = { x: x, w: w * sub };
      x += w * sub + gap;
    });
    var W = x + 20, lane = 46, H = 34 + n * lane + 10;
    function y(id) { return 26 + id * lane + lane / 2; }
    run.events.forEach(function (e, i) {
      var k = e.time + ':' + e.node; slot[k] = (slot[k] || 0);
      pos[i] = [colX[e.time].x + slot[k] * sub + sub / 2, y(e.node)];
      slot[k]++;
    });
    var s = svg('svg', { width: W, height: H, id: 'spacetime' });
    s.appendChild(svg('defs', null, marker('c-ah', '#7b8794'), marker('c-ah-now', '#2563eb'), marker('c-ah-lost', '#c81e1e')));
    var cur = colX[at.time];
    s.appendChild(svg('rect', { class: 'nowband', x: cur.x - 5, y: 12, width: cur.w + 10, height: n * lane + 18, rx: 4 }));
    run.instants.forEach(function (t, i) {
      var c = colX[t];
      if (i % Math.max(1, Math.round(60 / (c.w + gap))) === 0 || t === at.time) {
        s.appendChild(svg('text', { class: 'tick', x: c.x + c.w / 2, y: 12, 'text-anchor': 'middle', text: 't=' + t, 'font-weight': t === at.time ? 700 : null }));
      }
    });
    // Down periods, from each crash to its restart.
    run.nodes.forEach(function (nd) {
      s.appendChild(svg('line', { class: 'lane', x1: left - 8, x2: W - 10, y1: y(nd.id), y2: y(nd.id) }));
      s.appendChild(svg('text', { x: 6, y: y(nd.id) + 4, text: nd.name, 'font-size': 12 }));
      var downFrom = null;
      run.events.forEach(function (e, i) {
        if (e.node !== nd.id) { return; }
        if (e.type === 'crash') { downFrom = pos[i][0]; }
        if (e.type === 'restart' && downFrom !== null) {
          s.appendChild(svg('line', { class: 'lane down', x1: downFrom, x2: pos[i][0], y1: y(nd.id), y2: y(nd.id) }));
          downFrom = null;
        }
      });
      if (downFrom !== null) { s.appendChild(svg('line', { class: 'lane down', x1: downFrom, x2: W - 10, y1: y(nd.id), y2: y(nd.id) })); }
    });
    run.events.forEach(function (e, i) {
      var past = e.time < at.time, now = e.time === at.time, future = e.time > at.time;
      var txnDim = view.txn !== null && e.txn !== undefined && e.txn !== view.txn;
      if (e.kind === 'receive' && e.cause !== undefined) {
        var a = pos[e.cause], b = pos[i];
        var line = svg('line', { x1: a[0], y1: a[1], x2: b[0], y2: b[1], class: 'arrow' + (now ? ' now' : past ? ' past' : ' faint'),
          'marker-end': future ? null : 'url(#' + (now ? 'c-ah-now' : 'c-ah') + ')', opacity: txnDim && !future ? 0.25 : null });
        title(line, run.events[e.cause].label + ' \u2192 ' + e.label);
        s.appendChild(line);
      }
      if (e.type === 'send' && e.lost) {
        var from = pos[i], to = e.to !== undefined ? y(e.to) : from[1];
        var lx = from[0] + 26, ly = from[1] + (to - from[1]) * 0.45;
        var l = svg('line', { x1: from[0], y1: from[1], x2: lx, y2: ly, class: 'arrow lost' + (future ? ' faint' : '') });
        title(l, e.label + ': never received');
        s.appendChild(l);
        if (!future) { s.appendChild(cross(lx, ly, 4, '#c81e1e', 2)); }
      }
    });
    run.events.forEach(function (e, i) {
      var future = e.time > at.time;
      var txnDim = view.txn !== null && e.txn !== undefined && e.txn !== view.txn;
      var g = shape(TYPE_SHAPE[e.type] || 'dot', pos[i][0], pos[i][1], e);
      g.setAttribute('class', (g.getAttribute('class') || '') + (future ? ' faint' : ''));
      if (txnDim && !future) { g.setAttribute('opacity', '0.35'); }
      title(g, 't=' + e.time + ' ' + run.nodes[e.node].name + (e.step ? ', step ' + e.step : '') + ': ' + e.label + ' [lamport ' + e.lamport + ', vector clock ' + e.clock.join(' ') + ']');
      s.appendChild(g);
    });
    return s;
  }

  function cross(x, y, r, color, w) {
    return svg('path', { d: 'M' + (x - r) + ',' + (y - r) + ' L' + (x + r) + ',' + (y + r) + ' M' + (x + r) + ',' + (y - r) + ' L' + (x - r) + ',' + (y + r),
      stroke: color, 'stroke-width': w, fill: 'none' });
  }

  var STATE_COLOR = { INIT: '#64748b', WAIT: '#b45309', READY: '#b45309', COMMIT: '#15803d', ABORT: '#b91c1c', READ_ONLY: '#0e7490' };

  function shape(kind, x, y, e) {
    var g = svg('g', { class: 'ev ' + e.type });
    if (kind === 'square') { g.appendChild(svg('rect', { x: x - 4, y: y - 4, width: 8, height: 8, fill: '#0e7490' })); }
    else if (kind === 'diamond') {
      g.appendChild(svg('path', { d: 'M' + x + ',' + (y - 7) + ' L' + (x + 7) + ',' + y + ' L' + x + ',' + (y + 7) + ' L' + (x - 7) + ',' + y + ' z',
        fill: STATE_COLOR[e.fields.to] || '#334e68', stroke: '#fff' }));
      g.appendChild(svg('text', { x: x, y: y - 10, 'text-anchor': 'middle', 'font-size': 9, fill: STATE_COLOR[e.fields.to] || '#334e68', text: e.fields.to }));
    } else if (kind === 'tri') { g.appendChild(svg('path', { d: 'M' + x + ',' + (y - 5) + ' L' + (x + 5) + ',' + (y + 4) + ' L' + (x - 5) + ',' + (y + 4) + ' z', fill: '#b45309' })); }
    else if (kind === 'x') { g.appendChild(cross(x, y, 7, '#c81e1e', 3.2)); g.appendChild(svg('text', { x: x, y: y + 19, 'text-anchor': 'middle', 'font-size': 9.5, fill: '#c81e1e', 'font-weight': 700, text: 'CRASH' })); }
    else if (kind === 'ring') { g.appendChild(svg('circle', { cx: x, cy: y, r: 6, fill: '#fff', stroke: '#15803d', 'stroke-width': 2.5 })); g.appendChild(svg('text', { x: x, y: y + 19, 'text-anchor': 'middle', 'font-size': 9.5, fill: '#15803d', 'font-weight': 700, text: 'RESTART' })); }
    else { g.appendChild(svg('circle', { cx: x, cy: y, r: 3.2, fill: '#334e68' })); }
    return g;
  }

  // ---------------------------------------------------------------- the two generals

  /** The last protocol searched that has a disagreement to show: the largest k, the most to see. */
  function firstWithTimeline(run) {
    for (var i = run.protocols.length - 1; i >= 0; i--) { if (run.protocols[i].timelines.length) { return i; } }
    return 0;
  }

  function timeline() {
    var p = view.run.protocols[view.protocol];
    return p.timelines[view.timeline] || null;
  }

  function generalsSteps() {
    var t = timeline();
    view.steps = [{ kind: 'start' }];
    if (t) {
      t.crossings.forEach(function (c, i) { view.steps.push({ kind: 'crossing', index: i }); });
      view.steps.push({ kind: 'end' });
    }
    view.step = Math.min(view.step, view.steps.length - 1);
    $('scrub').max = String(Math.max(0, view.steps.length - 1));
  }

  function drawGenerals(panels) {
    var run = view.run, p = run.protocols[view.protocol], t = timeline(), s = view.steps[view.step];
    var shown = s.kind === 'start' ? 0 : s.kind === 'crossing' ? s.index + 1 : (t ? t.crossings.length : 0);
    $('step-label').textContent = !t ? p.summary : s.kind === 'start' ? 'Loss pattern ' + t.pattern + ' (. arrives, x captured): ' + t.ending
      : s.kind === 'crossing' ? 'Messenger ' + t.crossings[s.index].messenger + ': ' + t.crossings[s.index].from + ' \u2192 ' + t.crossings[s.index].to + ' "' + t.crossings[s.index].text + '" ' + (t.crossings[s.index].delivered ? 'arrives' : 'is captured')
        : 'A ' + (t.A.attacks ? 'attacks' : 'does not attack') + ', B ' + (t.B.attacks ? 'attacks' : 'does not attack') + ': ' + t.ending;
    var pick = card('Protocols searched', 'every loss pattern played');
    var tabs = el('div', { class: 'tabs' });
    run.protocols.forEach(function (q, i) {
      var b = el('button', { type: 'button', class: i === view.protocol ? 'chosen' : null, text: q.name });
      b.onclick = function () { view.protocol = i; view.timeline = 0; view.step = 0; generalsSteps(); draw(); };
      tabs.appendChild(b);
    });
    pick.appendChild(tabs);
    pick.appendChild(el('p', null, p.summary));
    pick.appendChild(el('p', { class: 'hint', text: 'both attack: ' + p.bothAttack + ' \u00b7 neither: ' + p.neitherAttacks + ' \u00b7 A alone: ' + p.onlyA + ' \u00b7 B alone: ' + p.onlyB + ' (of ' + p.patterns + ' patterns)' }));
    if (p.timelines.length) {
      var lt = el('div', { class: 'tabs' });
      p.timelines.forEach(function (x, i) {
        var b = el('button', { type: 'button', class: i === view.timeline ? 'chosen mono' : 'mono', text: x.pattern, title: x.ending });
        b.onclick = function () { view.timeline = i; view.step = 0; generalsSteps(); draw(); };
        lt.appendChild(b);
      });
      pick.appendChild(el('p', { class: 'hint', text: p.disagreements + ' disagreeing loss pattern' + (p.disagreements === 1 ? '' : 's') + (p.disagreements > p.timelines.length ? ', the first ' + p.timelines.length + ' shown' : '') + ', the most instructive first:' }));
      pick.appendChild(lt);
    }
    panels.appendChild(pick);
    var v = card('The valley', t ? 'loss pattern ' + t.pattern : '');
    if (t) { v.appendChild(valley(t, shown, s.kind === 'end')); }
    panels.appendChild(v);
    $('legend').textContent = '';
  }

  function valley(t, shown, end) {
    var rows = Math.max(1, t.crossings.length), W = 480, row = 38, top = 58, H = top + rows * row + 52;
    var box = el('div', { id: 'valley-box' });
    var s = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, width: W, height: H, id: 'valley' });
    s.appendChild(svg('defs', null, marker('v-ah', '#2563eb'), marker('v-ah-past', '#7b8794')));
    s.appendChild(svg('path', { d: 'M150,' + (top - 18) + ' C190,' + (H - 30) + ' 290,' + (H - 30) + ' 330,' + (top - 18) + ' z', fill: '#e6f4ea' }));
    s.appendChild(svg('text', { x: 240, y: H - 40, 'text-anchor': 'middle', 'font-size': 11, fill: '#3f7f52', text: 'the valley' }));
    [['A', 76], ['B', 404]].forEach(function (g) {
      var d = t[g[0]];
      s.appendChild(svg('rect', { x: g[1] - 46, y: 8, width: 92, height: 28, rx: 6, fill: '#102a43' }));
      s.appendChild(svg('text', { x: g[1], y: 27, 'text-anchor': 'middle', fill: '#ffffff', 'font-weight': 700, text: 'general ' + g[0] }));
      s.appendChild(svg('line', { x1: g[1], x2: g[1], y1: 36, y2: H - 34, class: 'lane' }));
      if (end) {
        s.appendChild(svg('rect', { x: g[1] - 66, y: H - 32, width: 132, height: 24, rx: 6, fill: d.attacks ? '#15803d' : '#64748b' }));
        s.appendChild(svg('text', { x: g[1], y: H - 15, 'text-anchor': 'middle', 'font-weight': 700, fill: '#ffffff', text: d.attacks ? 'ATTACKS' : 'does not attack' }));
      }
    });
    t.crossings.forEach(function (c, i) {
      var yy = top + i * row, fromX = c.from === 'A' ? 76 : 404, toX = c.from === 'A' ? 404 : 76;
      var visible = i < shown, now = i === shown - 1;
      var endX = c.delivered ? toX : (fromX + toX) / 2, endY = yy + (c.delivered ? 22 : 11);
      s.appendChild(svg('line', { x1: fromX, y1: yy, x2: endX + (c.delivered ? (toX > fromX ? -4 : 4) : 0), y2: endY,
        class: 'arrow' + (visible ? (now ? ' now' : ' past') : ' faint') + (c.delivered ? '' : ' lost'),
        'marker-end': visible && c.delivered ? (now ? 'url(#v-ah)' : 'url(#v-ah-past)') : null }));
      if (visible) {
        s.appendChild(svg('text', { x: (fromX + toX) / 2, y: yy - 5, 'text-anchor': 'middle', 'font-size': 11.5, 'font-weight': now ? 700 : null,
          text: c.messenger + '. ' + c.from + ' \u2192 ' + c.to + ': "' + c.text + '"' }));
        if (!c.delivered) {
          s.appendChild(cross(endX, endY, 6, '#c81e1e', 3));
          s.appendChild(svg('text', { x: endX + 11, y: endY + 4, 'font-size': 10.5, fill: '#c81e1e', 'font-weight': 600, text: 'captured' }));
        }
      }
    });
    box.appendChild(s);
    if (end) {
      box.appendChild(el('p', null, el('b', { text: 'A ' + (t.A.attacks ? 'attacks' : 'does not') + ': ' }), t.A.why));
      box.appendChild(el('p', null, el('b', { text: 'B ' + (t.B.attacks ? 'attacks' : 'does not') + ': ' }), t.B.why));
    }
    return box;
  }

  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
})();
