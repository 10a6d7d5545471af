/*
 * report.js — renders report.json (inlined in the page as #report-data)
 * into the national risk assessment: summary, risk scenarios with their
 * explanations and measures, risk matrices, operators, vendor shares,
 * high-risk exposure, policy compliance, single-vendor losses, the Monte
 * Carlo distribution, the toolbox table and the method. Charts use
 * Chart.js (inlined); every chart is registered so that a self-check at
 * the end can confirm it drew something.
 */
(function () {
  'use strict';
  var R = JSON.parse(document.getElementById('report-data').textContent);
  var root = document.getElementById('report');
  root.textContent = '';
  var charts = [];

  var LEVEL_COLOR = { low: '#2e7d32', medium: '#f9a825', high: '#ef6c00', critical: '#c62828' };
  var PALETTE = ['#1f77b4', '#2ca02c', '#9467bd', '#8c564b', '#17becf', '#7f7f7f', '#bcbd22', '#e377c2',
                 '#aec7e8', '#98df8a', '#c5b0d5', '#c49c94', '#9edae5', '#dbdb8d'];
  var HIGH_RISK = ['#d62728', '#ff7f0e', '#ff9896', '#ffbb78'];

  if (window.Chart) {
    Chart.defaults.animation = false;
    Chart.defaults.responsive = true;
    Chart.defaults.maintainAspectRatio = false;
    Chart.defaults.devicePixelRatio = 2;
    Chart.defaults.font.size = 12;
  }

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    if (attrs) for (var k in attrs) {
      if (k === 'text') e.textContent = attrs[k];
      else if (k === 'cls') e.className = attrs[k];
      else e.setAttribute(k, attrs[k]);
    }
    (children || []).forEach(function (c) { if (c != null) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return e;
  }
  function add(parent, tag, attrs, children) { var e = el(tag, attrs, children); parent.appendChild(e); return e; }
  function pct(x, d) { return (100 * x).toFixed(d == null ? 1 : d) + '%'; }
  function num(x) { return Number(x).toLocaleString('en-GB'); }
  function level(l) { return el('span', { cls: 'lvl ' + l, text: l }); }
  /* a table scrolls sideways in its own box, never the page (a column per
     operator of 27 states is wider than any screen) */
  function table(parent, head, rows, numeric) {
    var t = add(add(parent, 'div', { cls: 'table-scroll' }), 'table');
    var tr = add(add(t, 'thead'), 'tr');
    head.forEach(function (h, i) { add(tr, 'th', { text: h, cls: numeric && numeric[i] ? 'num' : '' }); });
    var tb = add(t, 'tbody');
    rows.forEach(function (r) {
      var row = add(tb, 'tr');
      r.forEach(function (c, i) {
        var td = add(row, 'td', { cls: numeric && numeric[i] ? 'num' : '' });
        if (c instanceof Node) td.appendChild(c); else td.textContent = c == null ? '' : String(c);
      });
    });
    return t;
  }
  function section(title, lead, first) {
    add(root, 'h2', { text: title, cls: first ? 'first' : '' });
    if (lead) add(root, 'p', { cls: 'lead', text: lead });
  }
  function note(text) { add(root, 'p', { cls: 'note', text: text }); }
  /* tall: the number of horizontal bars, to give each one room. */
  function chart(id, config, tall) {
    var box = add(root, 'div', { cls: 'chart', id: id, 'data-chart': id });
    if (tall) box.style.height = Math.max(340, 60 + 22 * tall) + 'px';
    var canvas = add(box, 'canvas', { role: 'img', 'aria-label': id });
    charts.push({ box: box, canvas: canvas, chart: new Chart(canvas, config) });
  }
  function vendorColors(names, risks) {
    var n = 0, h = 0;
    return names.map(function (v, i) { return risks[i] === 'high' ? HIGH_RISK[h++ % HIGH_RISK.length] : PALETTE[n++ % PALETTE.length]; });
  }

  var nat = R.risk.scopes[0];
  var scen = nat.scenarios;
  var ind = nat.indicators;
  var measureTitle = {};
  R.measures.catalogue.forEach(function (m) { measureTitle[m.measure] = m.title; });

  /* ---- title and summary ---- */
  add(root, 'h1', { text: 'National risk assessment of 5G networks — ' + R.country });
  add(root, 'p', { cls: 'lead', text: 'Snapshot of ' + R.as_of + ', report generated ' + R.generated +
    ' by nis5g ' + R.version + '. Risk scenarios of the EU coordinated risk assessment (9 Oct 2019), measures of the EU toolbox (29 Jan 2020).' });
  var cards = add(root, 'div', { cls: 'cards' });
  function card(v, t) { add(cards, 'div', { cls: 'card' }, [el('b', { text: v }), el('span', { text: t })]); }
  var worst = scen.slice().sort(function (a, b) { return b.residual.score - a.residual.score; });
  card(R.totals.operators, 'mobile network operators');
  card(num(R.totals.radio_sites), 'radio sites');
  card(num(R.totals.active_elements), 'active network elements');
  card(pct(R.totals.high_risk_weighted_share), 'of assets (weighted by sensitivity) from high-risk suppliers');
  card(ind.single_vendor_loss_vendor ? pct(ind.single_vendor_loss) : '0%', 'of subscribers lost if ' + (ind.single_vendor_loss_vendor || 'one vendor') + ' fails');
  card(scen.filter(function (s) { return s.residual.level === 'critical' || s.residual.level === 'high'; }).length + ' of 9', 'scenarios still high or critical after measures');

  /* ---- key findings, in words ---- */
  add(root, 'h3', { text: 'Key findings' });
  var kf = add(root, 'ul', { id: 'key-findings' });
  function finding(t) { add(kf, 'li', { text: t }); }
  var top = worst.filter(function (s) { return s.residual.level === 'critical' || s.residual.level === 'high'; });
  finding(top.length
    ? 'Highest residual risks: ' + top.slice(0, 4).map(function (s) { return s.scenario + ' ' + s.title + ' (' + s.residual.level + ', ' + s.residual.score + ')'; }).join('; ') + '.'
    : 'No scenario stays high or critical after the measures in place.');
  if (ind.single_vendor_loss_vendor)
    finding('Largest single dependency: if ' + ind.single_vendor_loss_vendor + ' fails or is switched off, ' + pct(ind.single_vendor_loss) + ' of subscribers lose service' +
      (ind.high_risk_vendor_loss_vendor ? '; for the high-risk supplier ' + ind.high_risk_vendor_loss_vendor + ', ' + pct(ind.high_risk_vendor_loss) : '') + '.');
  if (ind.high_risk_vendors)
    finding('High-risk suppliers (' + ind.high_risk_vendors + ') provide ' + pct(ind.high_risk_weighted_share) + ' of assets weighted by sensitivity, and ' +
      num(ind.critical_high_risk) + ' of ' + num(ind.critical_elements) + ' elements of critical asset classes (core, management, virtualisation).');
  if (R.policy) {
    var viol = R.policy.rules.filter(function (r) { return r.status === 'violation'; });
    var pend = R.policy.rules.filter(function (r) { return r.status === 'pending'; });
    finding('National policy: ' + (viol.length ? viol.length + ' rule(s) in violation (' + viol.map(function (r) { return r.rule + ', ' + num(r.must_change) + ' to change' + (r.deadline ? ' since ' + r.deadline : ''); }).join('; ') + ')' : 'no rule in violation') +
      (pend.length ? '; ' + pend.length + ' pending before their deadline' : '') + '.');
  }
  var gaps = R.measures.catalogue.filter(function (m) { return m.national_value < 0.5 && m.scenarios.length; });
  if (gaps.length)
    finding('Toolbox measures least in place (mapped to scenarios): ' + gaps.slice(0, 6).map(function (m) { return m.measure + ' ' + pct(m.national_value, 0); }).join(', ') + '.');

  /* ---- where the country stands ---- */
  section('Where the country stands', 'Each scenario scored for likelihood (L) and impact (I) from 1 to 5 by the method in the appendix; the residual risk counts the measures in place. Highest residual risk first.', true);
  table(root, ['scenario', 'inherent', 'residual', 'why', 'measures that would lower it (share in place)'],
    worst.map(function (s) {
      var why = el('div', { cls: 'why' }, [el('div', { text: s.explanation.likelihood }), el('div', { text: s.explanation.impact }), el('div', { text: 'residual: ' + s.explanation.residual })]);
      var open = s.measures.filter(function (m) { return m.value < 1; }).map(function (m) { return m.measure + ' ' + pct(m.value, 0) + (m.lowers === 'impact' ? ' (impact)' : ''); });
      var lower = el('div', { cls: 'why' }, [
        el('div', { text: open.length ? open.join(', ') : 'all mapped measures implemented' }),
        el('div', { text: 'with all implemented: ' + s.all_measures_implemented.likelihood + '×' + s.all_measures_implemented.impact + ' = ' + s.all_measures_implemented.score + ' ' + s.all_measures_implemented.level })]);
      return [el('div', {}, [el('b', { text: s.scenario + ' ' }), s.title, el('div', { cls: 'muted', text: s.group })]),
        el('div', {}, [level(s.level), el('div', { text: s.likelihood + ' × ' + s.impact + ' = ' + s.score })]),
        el('div', {}, [level(s.residual.level), el('div', { text: s.residual.likelihood + ' × ' + s.residual.impact + ' = ' + s.residual.score })]),
        why, lower];
    }));

  chart('chart-scores', {
    type: 'bar',
    data: { labels: scen.map(function (s) { return s.scenario; }),
      datasets: [
        { label: 'inherent (L × I)', data: scen.map(function (s) { return s.score; }), backgroundColor: scen.map(function (s) { return LEVEL_COLOR[s.level]; }) },
        { label: 'residual', data: scen.map(function (s) { return s.residual.score; }), backgroundColor: '#90a4ae' },
        { label: 'all measures implemented', data: scen.map(function (s) { return s.all_measures_implemented.score; }), backgroundColor: '#cfd8dc' }] },
    options: { plugins: { title: { display: true, text: 'Risk score per scenario (1–25)' } }, scales: { y: { min: 0, max: 25 } } }
  });

  /* ---- risk matrices ---- */
  section('Risk matrix', 'Scenarios placed by likelihood and impact, before and after the measures in place.');
  var mats = add(root, 'div', { cls: 'matrices', id: 'matrices' });
  function matrix(title, pick) {
    var box = add(mats, 'div');
    add(box, 'h3', { text: title });
    var t = add(box, 'table', { cls: 'matrix' });
    for (var L = 5; L >= 1; L--) {
      var tr = add(t, 'tr');
      add(tr, 'th', { text: L === 3 ? 'likelihood ' + L : String(L) });
      for (var I = 1; I <= 5; I++) {
        var sc = L * I, lv = sc <= 4 ? 'low' : sc <= 9 ? 'medium' : sc <= 16 ? 'high' : 'critical';
        var td = add(tr, 'td', { style: 'background:' + LEVEL_COLOR[lv] + (lv === 'medium' ? 'aa' : 'cc') });
        scen.forEach(function (s) { var p = pick(s); if (p.likelihood === L && p.impact === I) add(td, 'span', { cls: 'chip', text: s.scenario }); });
      }
    }
    var foot = add(t, 'tr');
    add(foot, 'th');
    for (var i = 1; i <= 5; i++) add(foot, 'th', { text: i === 3 ? 'impact ' + i : String(i) });
  }
  matrix('Inherent', function (s) { return s; });
  matrix('Residual (after the measures in place)', function (s) { return s.residual; });

  /* ---- operators ---- */
  section('Operators', 'Scores per operator: inherent (residual). Impacts are national consequences, so the operators compare with each other and with the nation.');
  table(root, ['scope', 'subscribers'].concat(scen.map(function (s) { return s.scenario; })),
    R.risk.scopes.map(function (sc) {
      var op = R.operators.filter(function (o) { return o.operator === sc.scope; })[0];
      return [sc.scope + (op ? ' — ' + op.name : ' (national)'), op ? pct(op.subscriber_share) : '100%'].concat(sc.scenarios.map(function (s) {
        return el('span', { cls: 'lvl ' + s.level, text: s.score + ' (' + s.residual.score + ')' });
      }));
    }));

  /* ---- vendor shares ---- */
  section('Vendor shares', 'Active elements by vendor, per domain nationally and per operator and domain. High-risk suppliers in red and orange.');
  function sharesChart(id, rows, label) {
    var vendors = [], risks = [];
    rows.forEach(function (r) { r.vendors.forEach(function (v) { if (vendors.indexOf(v.vendor) < 0) { vendors.push(v.vendor); risks.push(v.risk); } }); });
    var colors = vendorColors(vendors, risks);
    chart(id, {
      type: 'bar',
      data: { labels: rows.map(label),
        datasets: vendors.map(function (v, i) {
          return { label: v + (risks[i] === 'high' ? ' (high-risk)' : ''), backgroundColor: colors[i],
            data: rows.map(function (r) { var x = r.vendors.filter(function (y) { return y.vendor === v; })[0]; return x ? 100 * x.share : 0; }) };
        }) },
      options: { indexAxis: 'y', scales: { x: { stacked: true, max: 100, title: { display: true, text: '% of active elements' } }, y: { stacked: true } },
        plugins: { tooltip: { callbacks: { label: function (c) { return c.dataset.label + ': ' + c.parsed.x.toFixed(1) + '%'; } } } } }
    }, rows.length);
  }
  var nationalShares = R.vendor_shares.filter(function (r) { return r.operator === null; });
  sharesChart('chart-shares-national', nationalShares, function (r) { return r.domain + ' (' + num(r.elements) + ')'; });
  var opShares = R.vendor_shares.filter(function (r) { return r.operator !== null && (r.domain === 'ran' || r.domain === 'core' || r.domain === 'management' || r.domain === 'transport'); });
  sharesChart('chart-shares-operators', opShares, function (r) { return r.operator + ' ' + r.domain; });

  /* ---- high-risk exposure ---- */
  section('High-risk exposure by asset class', 'Share of each asset class supplied by high-risk vendors. Critical classes: core, management and orchestration, virtualisation; sensitive: security functions, interconnection, transport, edge and the access network at sensitive sites.');
  var classes = R.high_risk_by_class[0].classes;
  chart('chart-high-risk', {
    type: 'bar',
    data: { labels: classes.map(function (c) { return c.name + ' (' + c.sensitivity + ')'; }),
      datasets: R.high_risk_by_class.map(function (sc, i) {
        return { label: sc.kind === 'national' ? sc.scope + ' (national)' : sc.scope, backgroundColor: i === 0 ? '#d62728' : PALETTE[(i - 1) % PALETTE.length],
          data: sc.classes.map(function (c) { return 100 * c.share; }) };
      }) },
    options: { scales: { y: { min: 0, max: 100, title: { display: true, text: '% from high-risk suppliers' } } } }
  });
  table(root, ['asset class', 'sensitivity', 'elements', 'from high-risk suppliers', 'share'],
    classes.map(function (c) { return [c.name, c.sensitivity, num(c.elements), num(c.high_risk), pct(c.share)]; }), [0, 0, 1, 1, 1]);
  var hr = R.suppliers.filter(function (s) { return s.risk === 'high'; });
  add(root, 'p', { text: 'High-risk suppliers: ' + (hr.length ? hr.map(function (s) { return s.vendor + ' (' + s.why + ')'; }).join('; ') : 'none') + '.' });

  /* ---- policy ---- */
  section('Compliance with the national policy', 'Rules of the policy file given to the report, their deadlines and what must still change.');
  if (R.policy && R.policy.rules && R.policy.rules.length) {
    var rules = R.policy.rules;
    chart('chart-policy', {
      type: 'bar',
      data: { labels: rules.map(function (r) { return r.rule; }),
        datasets: [{ label: 'must still change', data: rules.map(function (r) { return r.must_change; }),
          backgroundColor: rules.map(function (r) { return r.status === 'violation' ? '#c62828' : r.status === 'pending' ? '#f9a825' : '#2e7d32'; }) }] },
      options: { indexAxis: 'y', plugins: { legend: { display: false }, title: { display: true, text: 'Elements (or subscribers) to change per rule; red: violation, amber: pending, green: met' } } }
    });
    table(root, ['rule', 'title', 'status', 'deadline', 'days left', 'findings', 'must still change'],
      rules.map(function (r) { return [r.rule, r.title || '', el('span', { cls: 'lvl ' + (r.status === 'violation' ? 'critical' : r.status === 'pending' ? 'medium' : 'low'), text: r.status }), r.deadline || '', r.days_left == null ? '' : r.days_left, num(r.findings), num(r.must_change)]; }),
      [0, 0, 0, 0, 1, 1, 1]);
    if (R.policy.operators) table(root, ['operator', 'findings in violation', 'pending'], R.policy.operators.map(function (o) { return [o.operator, num(o.violations), num(o.pending)]; }), [0, 1, 1]);
  } else {
    note('No policy was evaluated. Run nis5g report --policy FILE (e.g. data/policies/se.policy) to include compliance with the national rules and their deadlines.');
  }

  /* ---- single-vendor losses ---- */
  section('If one vendor fails', R.vendor_losses.source === 'killswitch'
    ? 'Share of national subscribers without service when all equipment of one vendor fails or is switched off at once (kill-switch, through the dependency graph).'
    : 'Share of national subscribers at radio sites whose radios all come from one vendor — a lower bound of the loss if that vendor fails (the kill-switch analysis was not run).');
  var vl = R.vendor_losses.vendors.slice().sort(function (a, b) { return b.share - a.share; });
  var ops = R.operators.map(function (o) { return o.operator; });
  chart('chart-vendor-loss', {
    type: 'bar',
    data: { labels: vl.map(function (v) { return v.vendor + (v.risk === 'high' ? ' (high-risk)' : ''); }),
      datasets: ops.map(function (o, i) { return { label: o, backgroundColor: PALETTE[i % PALETTE.length], data: vl.map(function (v) { return 100 * (v.operators[o] || 0); }) }; }) },
    options: { scales: { x: { stacked: true }, y: { stacked: true, title: { display: true, text: '% of national subscribers' } } } }
  });
  if (R.killswitch && R.killswitch.vendors) {
    table(root, ['vendor', 'profile', 'radio sites lost', 'subscribers lost', 'share'],
      R.killswitch.vendors.map(function (v) { return [v.vendor, v.risk, num(v.sites_lost), num(v.subscribers_lost), pct(v.share)]; }), [0, 0, 1, 1, 1]);
  }

  /* ---- Monte Carlo ---- */
  section('Random failures (Monte Carlo)', 'Distribution of subscribers without service over random independent failures.');
  if (R.montecarlo && R.montecarlo.histogram) {
    var mc = R.montecarlo;
    chart('chart-montecarlo', {
      type: 'bar',
      data: { labels: mc.histogram.map(function (b) { return pct(b.from, 1) + '–' + pct(b.to, 1); }),
        datasets: [{ label: 'trials', data: mc.histogram.map(function (b) { return b.trials; }), backgroundColor: '#5c6bc0' }] },
      options: { plugins: { legend: { display: false }, title: { display: true, text: mc.trials + ' trials; share of national subscribers without service' } }, scales: { y: { type: 'logarithmic', min: 0.8, title: { display: true, text: 'trials (log scale)' } } } }
    });
    table(root, ['', 'mean', 'p50', 'p95', 'p99', 'max'], [['subscribers without service', num(Math.round(mc.subscribers.mean)), num(mc.subscribers.p50), num(mc.subscribers.p95), num(mc.subscribers.p99), num(mc.subscribers.max)]], [0, 1, 1, 1, 1, 1]);
  } else {
    note('The Monte Carlo analysis was not run for this report.');
  }

  /* ---- toolbox ---- */
  section('Toolbox implementation', 'Status of each measure for the state and each operator (an operator without its own status inherits the state\'s in the scores). * = set in the workspace after the import.');
  var scopes = R.measures.scopes;
  var statusNames = ['implemented', 'partial', 'planned', 'none'];
  var statusColors = ['#66bb6a', '#ffd54f', '#b0bec5', '#ef5350'];
  chart('chart-measures', {
    type: 'bar',
    data: { labels: scopes.map(function (s) { return s.scope; }),
      datasets: statusNames.concat(['not given']).map(function (st, i) {
        return { label: st, backgroundColor: statusColors[i] || '#eceff1', data: scopes.map(function (s) { return s.measures.filter(function (m) { return (m.status || 'not given') === st; }).length; }) };
      }) },
    options: { indexAxis: 'y', scales: { x: { stacked: true, max: R.measures.catalogue.length, title: { display: true, text: 'measures' } }, y: { stacked: true } } }
  });
  table(root, ['measure', 'title', 'scenarios'].concat(scopes.map(function (s) { return s.scope; })),
    R.measures.catalogue.map(function (m, j) {
      return [m.measure, m.title, m.scenarios.join(' ')].concat(scopes.map(function (s) {
        var x = s.measures[j];
        return el('span', { cls: 'st ' + (x.status || 'unset'), text: (x.status || '–') + (x.source === 'set' ? '*' : '') });
      }));
    }));

  /* ---- method ---- */
  section('Appendix: method', 'The full method, with every indicator, threshold and formula, is ' + R.method.document + '; in short:');
  var ld = R.method.ladders;
  table(root, ['ladder', '1', '2', '3', '4', '5'], [
    ['share of exposed assets x', 'x = 0', 'x < ' + pct(ld.share[1], 0), '< ' + pct(ld.share[2], 0), '< ' + pct(ld.share[3], 0), '≥ ' + pct(ld.share[3], 0)],
    ['share of subscribers lost y', 'y < ' + pct(ld.loss[0], 0), '< ' + pct(ld.loss[1], 0), '< ' + pct(ld.loss[2], 0), '< ' + pct(ld.loss[3], 0), '≥ ' + pct(ld.loss[3], 0)],
    ['largest vendor share s', 's < ' + pct(ld.div[0], 0), '< ' + pct(ld.div[1], 0), '< ' + pct(ld.div[2], 0), '< 100%', '100%']]);
  add(root, 'p', { text: 'Score = likelihood × impact. Levels: low ' + R.method.levels.low + ', medium ' + R.method.levels.medium + ', high ' + R.method.levels.high + ', critical ' + R.method.levels.critical + '. ' + R.method.residual + '.' });
  table(root, ['scenario', 'likelihood from', 'impact from'], [
    ['R1', 'elements past end of support (at least 2)', 'subscriber share of the operator (nationally the largest)'],
    ['R2', 'critical-class elements with critical vulnerabilities (at least 2)', 'subscriber share'],
    ['R3', 'elements uncertified, past end of support or vulnerable', 'largest single-vendor loss'],
    ['R4', 'largest vendor share of an operator\'s RAN or core', 'largest single-vendor loss'],
    ['R5', 'sensitivity-weighted high-risk share; at least 4 with high-risk critical assets; +1 with policy violations', 'loss if the worst high-risk vendor fails'],
    ['R6', 'sensitive-class elements with critical vulnerabilities (at least 2)', 'subscriber share, at most 4'],
    ['R7', 'Monte Carlo p95 loss (at least 2)', 'subscriber share'],
    ['R8', 'radio sites with less than ' + R.method.backup_hours + ' h of backup power', 'their subscribers'],
    ['R9', 'edge elements uncertified or vulnerable (at least 3)', 'subscriber share, at most 3']]);
  add(root, 'p', { cls: 'muted', text: 'Catalogues (data/scenarios.csv, toolbox.csv, mapping.csv, assets.csv, threat-actors.csv) are editable; the figures of this report are in report.json.' });

  /* ---- self-check: every chart drew pixels ---- */
  function drew(canvas) {
    try {
      var c = canvas.getContext('2d'), w = canvas.width, h = canvas.height;
      if (!w || !h) return false;
      var d = c.getImageData(0, 0, w, h).data;
      for (var i = 3; i < d.length; i += 4 * 7) if (d[i] !== 0) return true;
    } catch (e) { window.nis5gErrors.push(String(e)); }
    return false;
  }
  var ok = 0;
  charts.forEach(function (c) { var r = drew(c.canvas); c.box.setAttribute('data-rendered', r ? 'yes' : 'no'); if (r) ok++; });
  document.body.setAttribute('data-charts', String(charts.length));
  document.body.setAttribute('data-charts-rendered', String(ok));
  document.body.setAttribute('data-errors', String(window.nis5gErrors.length));
  document.body.setAttribute('data-error-text', window.nis5gErrors.join(' | ').slice(0, 500));
})();
