// Injected by tests/diff/test_html.py into a copy of the diff page: measures every before/after
// figure as Chromium lays it out and writes the result as JSON into a pre element with the id "probe".
(function () {
  function visible(s) {
    const cs = getComputedStyle(s);
    return cs.stroke !== 'none' && cs.stroke !== 'transparent' && cs.stroke !== 'rgba(0, 0, 0, 0)' && cs.visibility !== 'hidden';
  }
  function shape(g) {
    const shapes = [...g.querySelectorAll('path,polygon,ellipse,polyline')].filter(visible);
    return {strokes: shapes.length, paths: shapes.filter(s => s.tagName === 'path').length};
  }
  const out = [];
  document.querySelectorAll('.pair').forEach(pair => {
    const figs = [...pair.querySelectorAll('figure')].map(fig => {
      const svg = fig.querySelector('svg');
      if (!svg) { const a = fig.querySelector('.absent'); return {absent: a ? a.textContent : null}; }
      const r = svg.getBoundingClientRect();
      const items = [...svg.querySelectorAll('g.node, g.edge')].map(g => {
        const rr = g.getBoundingClientRect();
        return Object.assign({kind: g.classList.contains('node') ? 'node' : 'edge',
                              changed: g.classList.contains('changed'),
                              title: g.querySelector('title').textContent, w: rr.width, h: rr.height}, shape(g));
      });
      return {w: r.width, h: r.height, items: items};
    });
    out.push({title: pair.previousElementSibling.textContent, figs: figs});
  });
  const pre = document.createElement('pre');
  pre.id = 'probe';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
