// Draws the report's charts from the JSON blob #report-data with the inlined Chart.js.
// Every chart: linear axes titled with their units, a legend, crosses for invalid steps.
(function () {
  'use strict';
  const data = JSON.parse(document.getElementById('report-data').textContent);
  const COLOR = {
    valid: '#1f5fbf', invalid: '#c0392b', usl: '#6b4fa3', capacity: '#1e7b34', knee: '#d97706',
    p95: '#1f5fbf', p99: '#7c3aed', app: '#1f5fbf', db: '#d97706',
    budget: '#5f6b7a', active: '#0f766e', pending: '#c0392b'
  };
  const loadTitle = data.load_axis.label + ' (' + data.load_axis.unit + ')';

  Chart.defaults.animation = false; // draw at once: for print, for headless screenshots
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = '#1d2430';

  // Figures read as in the tables (Figures.number): three significant digits at most.
  function fmt(v) {
    if (v === null || v === undefined) return 'not measured';
    const abs = Math.abs(v);
    const digits = Number.isInteger(v) || abs >= 100 ? { maximumFractionDigits: 0 }
      : abs >= 10 ? { maximumFractionDigits: 1 }
        : abs >= 1 ? { maximumFractionDigits: 2 } : { maximumSignificantDigits: 3 };
    return Number(v).toLocaleString('en', digits);
  }

  // The load axis: a round step (1, 2, 2.5 or 5 times a power of ten, about eight ticks) and an end
  // on a whole step, so the last tick is the axis end and level lines run exactly to it.
  function loadScale(v) {
    const raw = (v > 0 ? v : 1) / 8;
    const p = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 2.5, 5, 10].map(m => m * p).find(s => s >= raw);
    return { step, max: Math.ceil(v / step) * step || step };
  }

  function pointsOf(steps, field) {
    return steps.filter(s => s[field] !== null && s.load !== null)
      .map(s => ({ x: s.load, y: s[field], step: s.step, valid: s.valid, reason: s.invalid_reason, phase: s.phase }));
  }

  const isInvalid = ctx => ctx.raw && ctx.raw.valid === false;

  // A measured figure over all steps, joined in load order; invalid steps are crosses on it.
  function measured(label, field, color) {
    return {
      label, data: pointsOf(data.steps, field), measured: true, showLine: true,
      borderColor: color, backgroundColor: color, borderWidth: 2,
      pointStyle: ctx => isInvalid(ctx) ? 'crossRot' : 'circle',
      pointRadius: ctx => isInvalid(ctx) ? 7 : 3,
      pointBorderWidth: ctx => isInvalid(ctx) ? 2.5 : 1,
      pointBorderColor: ctx => isInvalid(ctx) ? COLOR.invalid : color
    };
  }

  function line(label, points, color, dash) {
    return {
      label, data: points, showLine: true, borderColor: color, backgroundColor: color,
      borderWidth: 2, borderDash: dash || [], pointRadius: 0, pointHoverRadius: 0, pointHitRadius: 0,
      pointStyle: 'line', spanGaps: false
    };
  }

  function level(label, y, color, xMax) {
    return (y === null || y === undefined) ? null : line(label, [{ x: 0, y }, { x: xMax, y }], color, [6, 4]);
  }

  function mark(label, point, color, style) {
    return {
      label, data: [point], backgroundColor: color, borderColor: '#ffffff', borderWidth: 1.5,
      pointStyle: style, pointRadius: 10, pointHoverRadius: 12
    };
  }

  function tooltipLabel(ctx) {
    const r = ctx.raw;
    let text = ctx.dataset.label + ': ' + fmt(r.y) + ' at ' + fmt(r.x);
    if (r.step !== undefined) {
      const phase = r.phase && r.phase !== 'step' ? ', ' + r.phase : ''; // a search trial's phase
      text += ' (step ' + r.step + phase + (r.valid === false ? ', invalid: ' + r.reason : '') + ')';
    }
    return text;
  }

  function draw(id, datasets, yTitle, xScale, xTitle) {
    const canvas = document.getElementById(id);
    const shown = datasets.filter(d => d && d.data.length > 0);
    if (!shown.some(d => d.measured && d.data.length > 0)) {
      canvas.parentElement.innerHTML = '<p class="empty">Not measured at any step.</p>';
      return;
    }
    new Chart(canvas, {
      type: 'scatter',
      data: { datasets: shown },
      options: {
        scales: {
          x: {
            type: 'linear', min: 0, max: xScale.max, ticks: { stepSize: xScale.step },
            title: { display: true, text: xTitle || loadTitle }
          },
          y: { type: 'linear', beginAtZero: true, title: { display: true, text: yTitle } }
        },
        plugins: {
          legend: { position: 'bottom', labels: { usePointStyle: true, boxHeight: 8 } },
          tooltip: { callbacks: { label: tooltipLabel } }
        }
      }
    });
  }

  const maxLoad = Math.max(0, ...data.steps.map(s => s.load));
  const stepsScale = loadScale(maxLoad * 1.05);
  const stepsMax = stepsScale.max;
  const unit = data.load_axis.unit;

  // Throughput: measured points, the USL (solid where fitted, dashed where extrapolated), the marks.
  (function throughput() {
    const valid = data.steps.filter(s => s.valid);
    const invalid = data.steps.filter(s => !s.valid);
    const curve = (data.usl && data.curve_on_load_axis) ? data.usl.curve : [];
    const fitted = [];
    const extrapolated = [];
    curve.forEach((p, i) => {
      const pt = { x: p.concurrency, y: p.throughput_rps };
      const prev = curve[i - 1];
      const next = curve[i + 1];
      if (!p.extrapolation) fitted.push(pt);
      if (p.extrapolation || (prev && prev.extrapolation) || (next && next.extrapolation)) extrapolated.push(pt);
      else if (extrapolated.length && extrapolated[extrapolated.length - 1].y !== null) {
        extrapolated.push({ x: p.concurrency, y: null }); // a gap between the two dashed ends
      }
    });
    const xScale = loadScale(Math.max(maxLoad * 1.05, ...curve.map(p => p.concurrency)));
    const datasets = [
      Object.assign(measured('Measured, valid steps', 'throughput_rps', COLOR.valid),
        { data: pointsOf(valid, 'throughput_rps'), showLine: false, pointRadius: 4, pointStyle: 'circle' }),
      Object.assign(measured('Measured, invalid steps (not used)', 'throughput_rps', COLOR.invalid),
        { data: pointsOf(invalid, 'throughput_rps'), showLine: false }),
      fitted.length ? line('USL fit (measured range), R² ' + fmt(data.usl.r_squared), fitted, COLOR.usl) : null,
      extrapolated.length ? line('USL extrapolation (beyond measured range)', extrapolated, COLOR.usl, [7, 5]) : null,
      data.capacity_at_slo ? mark('Capacity at SLO: ' + fmt(data.capacity_at_slo.throughput_rps) + ' req/s',
        { x: data.capacity_at_slo.load, y: data.capacity_at_slo.throughput_rps }, COLOR.capacity, 'rectRot') : null,
      data.knee ? mark('Knee: ' + fmt(data.knee.load) + ' ' + unit,
        { x: data.knee.load, y: data.knee.throughput_rps }, COLOR.knee, 'triangle') : null
    ];
    draw('chart-throughput', datasets, 'Throughput (req/s)', xScale);
  })();

  (function latency() {
    const p95 = measured('p95 latency', 'latency_p95_ms', COLOR.p95);
    const p99 = measured('p99 latency', 'latency_p99_ms', COLOR.p99);
    const top = Math.max(0, ...p95.data.map(p => p.y), ...p99.data.map(p => p.y),
      data.slo.p95_ms || 0, data.slo.p99_ms || 0);
    draw('chart-latency', [
      p95, p99,
      level('SLO p95: ' + fmt(data.slo.p95_ms) + ' ms', data.slo.p95_ms, COLOR.p95, stepsMax),
      level('SLO p99: ' + fmt(data.slo.p99_ms) + ' ms', data.slo.p99_ms, COLOR.p99, stepsMax),
      data.knee ? line('Knee: ' + fmt(data.knee.load) + ' ' + unit,
        [{ x: data.knee.load, y: 0 }, { x: data.knee.load, y: top }], COLOR.knee, [2, 3]) : null
    ], 'Latency (ms)', stepsScale);
  })();

  // Latency against throughput, the chart read for an arrival-rate test: flat while the service
  // keeps up, turning up at the knee, the same throughput or less beyond it. Joined in the order of
  // the load (data.steps is sorted by it, a search's trials too), so past the knee the line turns back.
  (function latencyByThroughput() {
    const byThroughput = field => Object.assign(measured(field === 'latency_p95_ms' ? 'p95 latency' : 'p99 latency',
      field, field === 'latency_p95_ms' ? COLOR.p95 : COLOR.p99), {
      data: data.steps.filter(s => s[field] !== null && s.throughput_rps !== null)
        .map(s => ({
          x: s.throughput_rps, y: s[field], step: s.step, valid: s.valid, reason: s.invalid_reason, phase: s.phase
        }))
    });
    const xScale = loadScale(Math.max(0, ...data.steps.map(s => s.throughput_rps || 0)) * 1.05);
    draw('chart-latency-throughput', [
      byThroughput('latency_p95_ms'), byThroughput('latency_p99_ms'),
      level('SLO p95: ' + fmt(data.slo.p95_ms) + ' ms', data.slo.p95_ms, COLOR.p95, xScale.max),
      level('SLO p99: ' + fmt(data.slo.p99_ms) + ' ms', data.slo.p99_ms, COLOR.p99, xScale.max)
    ], 'Latency (ms)', xScale, 'Throughput (req/s)');
  })();

  draw('chart-cpu', [
    measured('Service CPU', 'app_cpu_cores', COLOR.app),
    measured('Database CPU', 'db_cpu_cores', COLOR.db),
    level('Service CPU budget: ' + fmt(data.service_cpu_budget_cores) + ' cores',
      data.service_cpu_budget_cores, COLOR.budget, stepsMax)
  ], 'CPU (cores)', stepsScale);

  draw('chart-pool', [
    measured('Active connections (avg)', 'pool_active_avg', COLOR.active),
    measured('Pending: requests waiting for a connection (avg)', 'pool_pending_avg', COLOR.pending),
    data.pool_size > 0 ? level('Pool size: ' + data.pool_size, data.pool_size, COLOR.budget, stepsMax) : null
  ], 'Connections', stepsScale);

  // Chart.js sizes canvases to the screen; printing needs them resized to the page.
  for (const event of ['beforeprint', 'afterprint']) {
    window.addEventListener(event, () => Object.values(Chart.instances).forEach(c => c.resize()));
  }
})();
