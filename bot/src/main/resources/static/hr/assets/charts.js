// Draws each chart from the data table next to it (no tooltips: their HTML carries inline styles, and
// the table already gives every figure): the chart and the table always show the same
// (disclosure-controlled) figures, and the table is the accessible version of the chart. No inline script.
(function () {
  'use strict';
  if (typeof echarts === 'undefined') {
    return;
  }
  // patterns as well as colours, so that no series is told apart by colour alone
  var palette = ['#1d70b8', '#00703c', '#505a5f', '#d4351c', '#912b88', '#f47738'];

  function rows(table) {
    return Array.prototype.filter.call(table.tBodies[0].rows, function (row) {
      return row.getAttribute('data-hidden') !== 'true';
    });
  }

  function chartColumns(table, shown) {
    var columns = [];
    if (shown.length === 0) {
      return columns;
    }
    Array.prototype.forEach.call(shown[0].cells, function (cell, index) {
      if (index > 0 && cell.getAttribute('data-value')) {
        columns.push(index);
      }
    });
    return columns;
  }

  function draw(container) {
    var table = document.getElementById(container.getAttribute('data-table'));
    var shown = rows(table);
    var columns = chartColumns(table, shown);
    if (columns.length === 0) {
      container.parentNode.removeChild(container);
      return;
    }
    var headings = table.tHead.rows[0].cells;
    var categories = shown.map(function (row) { return row.cells[0].textContent; });
    var stacked = container.getAttribute('data-chart') === 'stacked';
    var series = columns.map(function (column) {
      return {
        name: headings[column].textContent,
        type: 'bar',
        stack: stacked ? 'all' : undefined,
        data: shown.map(function (row) {
          var value = Number(row.cells[column].getAttribute('data-value'));
          if (!stacked) {
            return value;
          }
          var total = columns.reduce(function (sum, c) {
            return sum + Number(row.cells[c].getAttribute('data-value'));
          }, 0);
          return total === 0 ? 0 : Math.round(1000 * value / total) / 10;
        })
      };
    });
    container.style.height = Math.max(200, 60 + categories.length * 36) + 'px';
    // canvas: ECharts' SVG renderer writes style attributes, which the Content-Security-Policy refuses
    var chart = echarts.init(container, null, { renderer: 'canvas' });
    chart.setOption({
      animation: false,
      color: palette,
      // the container keeps its own label (the table's caption); ECharts' generated one would read out every number
      aria: { enabled: true, label: { enabled: false }, decal: { show: true } },
      legend: { show: series.length > 1, top: 0, textStyle: { color: '#0b0c0c' } },
      grid: { left: 8, right: 24, top: series.length > 1 ? 48 : 16, bottom: 8, containLabel: true },
      xAxis: { type: 'value', max: stacked ? 100 : null,
               axisLabel: { color: '#0b0c0c', formatter: stacked ? '{value}%' : '{value}' } },
      yAxis: { type: 'category', data: categories, inverse: true,
               axisLabel: { color: '#0b0c0c', width: 260, overflow: 'truncate' } },
      series: series
    });
    window.addEventListener('resize', function () { chart.resize(); });
  }

  document.querySelectorAll('[data-chart]').forEach(draw);
}());
