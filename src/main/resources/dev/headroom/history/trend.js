// Draws the trend page's charts from the JSON blob #trend-data with the inlined Chart.js: one point
// per run (oldest left), labelled with its date and commit; hollow points for lower bounds.
(function () {
  'use strict';
  const data = JSON.parse(document.getElementById('trend-data').textContent);
  const runs = data.runs;
  if (!runs.length) return;
  const COLOR = {
    capacity: '#1e7b34', max: '#1f5fbf', cpu: '#1f5fbf', db: '#d97706', hold: '#0f766e',
    p95: '#1f5fbf', p99: '#7c3aed', calibration: '#5f6b7a', baseline: '#5f6b7a'
  };
  Chart.defaults.animation = false; // draw at once: for print, for headless screenshots
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = '#1d2430';

  function fmt(v) {
    if (v === null || v === undefined) return 'not measured';
    const abs = Math.abs(v);
    const digits = abs >= 100 ? { maximumFractionDigits: 0 } : abs >= 10 ? { maximumFractionDigits: 1 }
      : abs >= 1 ? { maximumFractionDigits: 2 } : { maximumSignificantDigits: 3 };
    return Number(v).toLocaleString('en', digits);
  }

  const labels = runs.map(r => [r.label.split(' · ')[0], r.commit.substring(0, 7)]); // date, commit
  const baseline = runs.slice().reverse().find(r => r.baselines.length > 0);

  // A figure over the runs; a lower bound (never saturated) is drawn hollow when `bounded`.
  function series(label, field, color, bounded) {
    return {
      label, data: runs.map(r => r[field]), borderColor: color, backgroundColor: color,
      borderWidth: 2, pointRadius: 4, spanGaps: true,
      pointBackgroundColor: runs.map(r => (bounded && !r.saturated) ? '#ffffff' : color)
    };
  }

  function baselineLine(field, color) {
    if (!baseline || baseline[field] === null) return null;
    return {
      label: 'Baseline ' + baseline.baselines.join(', ') + ': ' + fmt(baseline[field]),
      data: runs.map(() => baseline[field]), borderColor: color, borderDash: [6, 4], borderWidth: 1.5,
      pointRadius: 0, pointHitRadius: 0, backgroundColor: color
    };
  }

  function draw(id, datasets, yTitle) {
    new Chart(document.getElementById(id), {
      type: 'line',
      data: { labels, datasets: datasets.filter(d => d) },
      options: {
        scales: {
          x: { title: { display: true, text: 'Run (date UTC, commit)' }, ticks: { autoSkip: true, autoSkipPadding: 16, maxRotation: 0 } },
          y: { beginAtZero: true, title: { display: true, text: yTitle } }
        },
        plugins: {
          legend: { position: 'bottom', labels: { boxHeight: 8 } },
          tooltip: {
            callbacks: {
              title: items => runs[items[0].dataIndex].run_id + ' (' + runs[items[0].dataIndex].commit + ')',
              label: ctx => ctx.dataset.label.split(':')[0] + ': ' + fmt(ctx.raw)
                + ((ctx.dataset.bounded && !runs[ctx.dataIndex].saturated) ? ' (lower bound)' : '')
            }
          }
        }
      }
    });
  }

  draw('chart-capacity', [
    Object.assign(series('Capacity at SLO', 'capacity_at_slo_rps', COLOR.capacity, true), { bounded: true }),
    Object.assign(series('Max throughput', 'max_throughput_rps', COLOR.max, true), { bounded: true }),
    baselineLine('capacity_at_slo_rps', COLOR.capacity)
  ], 'Requests per second');
  draw('chart-cpu', [
    series('Service CPU per request', 'cpu_ms_per_request', COLOR.cpu, false),
    series('Database CPU per request', 'db_cpu_ms_per_request', COLOR.db, false),
    baselineLine('cpu_ms_per_request', COLOR.cpu)
  ], 'CPU milliseconds per request');
  draw('chart-hold', [
    series('Connection hold time (mean)', 'conn_hold_ms', COLOR.hold, false),
    baselineLine('conn_hold_ms', COLOR.hold)
  ], 'Milliseconds');
  draw('chart-latency', [
    series('p95', 'p95_ms', COLOR.p95, false),
    series('p99', 'p99_ms', COLOR.p99, false),
    baselineLine('p95_ms', COLOR.p95)
  ], 'Milliseconds');
  draw('chart-calibration', [
    series('Per CPU second: the CPU\'s speed', 'calibration_ops_per_cpu_s', COLOR.calibration, false),
    series('Per second: less when the host was busy', 'calibration_ops_per_s', COLOR.db, false),
    baselineLine('calibration_ops_per_cpu_s', COLOR.calibration)
  ], 'Calibration operations');

  for (const event of ['beforeprint', 'afterprint']) {
    window.addEventListener(event, () => Object.values(Chart.instances).forEach(c => c.resize()));
  }
})();
