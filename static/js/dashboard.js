// Reporting pages: the dashboard's charts (Chart.js, vendored) and the statement's print button.
// The data comes from a json_script element; the Content-Security-Policy forbids inline scripts.
(function () {
  "use strict";

  const palette = ["#0d6efd", "#dc3545", "#198754", "#fd7e14", "#6f42c1", "#20c997", "#d63384",
    "#6c757d", "#0dcaf0", "#ffc107"];

  function colour(index) {
    return palette[index % palette.length];
  }

  function servedChart(canvas, data, title) {
    return new Chart(canvas, {
      type: "line",
      data: {
        labels: data.labels,
        datasets: data.datasets.map((dataset, index) => ({
          label: dataset.label,
          data: dataset.data,
          borderColor: colour(index),
          backgroundColor: colour(index),
          tension: 0.2,
        })),
      },
      options: {
        maintainAspectRatio: false,
        scales: { y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: title } } },
        plugins: { legend: { position: "bottom" } },
      },
    });
  }

  // A long category name ("Transferred to another provider") in lines of at most `width` characters:
  // Chart.js draws an array as lines, where a single long line would be cut off at the canvas edge.
  function wrapped(label, width) {
    const lines = [];
    let line = "";
    String(label).split(" ").forEach((word) => {
      if (line && (line + " " + word).length > width) {
        lines.push(line);
        line = word;
      } else {
        line = line ? line + " " + word : word;
      }
    });
    if (line) {
      lines.push(line);
    }
    return lines;
  }

  function barChart(canvas, data, title, horizontal) {
    const narrow = canvas.parentElement.clientWidth < 400;
    const categories = {
      beginAtZero: true,
      ticks: {
        autoSkip: false,
        callback: function (value) {
          return wrapped(this.getLabelForValue(value), narrow ? 14 : 24);
        },
      },
    };
    const counts = { beginAtZero: true, ticks: { precision: 0 } };
    return new Chart(canvas, {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: [{ label: title, data: data.data, backgroundColor: data.data.map((_, i) => colour(i)) }],
      },
      options: {
        maintainAspectRatio: false,
        indexAxis: horizontal ? "y" : "x",
        plugins: { legend: { display: false } },
        scales: horizontal ? { x: counts, y: categories } : { x: categories, y: counts },
      },
    });
  }

  function drawCharts() {
    const source = document.getElementById("dashboard-data");
    if (!source || typeof Chart === "undefined") {
      return;
    }
    const data = JSON.parse(source.textContent);
    const served = document.getElementById("chart-served");
    if (served) {
      served.chart = servedChart(served, data.served, data.titles.served);
      served.dataset.ready = "true";
    }
    const countries = document.getElementById("chart-countries");
    if (countries) {
      barChart(countries, data.countries, data.titles.countries, true);
    }
    const reasons = document.getElementById("chart-end-reasons");
    if (reasons) {
      barChart(reasons, data.end_reasons, data.titles.end_reasons, true);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawCharts);
  } else {
    drawCharts();
  }
})();
