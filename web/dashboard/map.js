/*
 * map.js — maps drawn as SVG from Natural Earth's borders (npm world-atlas,
 * the TopoJSON the report's EU map uses): Europe with a value per state,
 * and one country with bubbles at its regions' centres (the region centres
 * of data/countries.csv, served as /ui/countries.csv). Only presentation:
 * the values come from the API.
 */
"use strict";
(function () {
  const N5 = window.N5, el = N5.el;
  const NS = "http://www.w3.org/2000/svg";
  const svgEl = (tag, attrs) => { const e = document.createElementNS(NS, tag); for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v); return e; };
  /* ISO 3166 numeric → alpha-2, the EU27 and the neighbours drawn around them */
  const A2 = { "040": "AT", "056": "BE", "100": "BG", "191": "HR", "196": "CY", "203": "CZ", "208": "DK", "233": "EE", "246": "FI", "250": "FR", "276": "DE", "300": "GR", "348": "HU", "372": "IE", "380": "IT", "428": "LV", "440": "LT", "442": "LU", "470": "MT", "528": "NL", "616": "PL", "620": "PT", "642": "RO", "703": "SK", "705": "SI", "724": "ES", "752": "SE", "578": "NO", "756": "CH", "826": "GB", "352": "IS" };
  let atlas = null, centres = null;
  async function loadAtlas() {
    if (!atlas) { const r = await fetch("/ui/countries-50m.json"); if (!r.ok) throw new Error("the map's borders are missing"); atlas = await r.json(); }
    return atlas;
  }
  /* TopoJSON arcs → rings of [lon, lat] for one geometry */
  function rings(topo, geom) {
    const t = topo.transform;
    const arc = (i) => {
      const a = topo.arcs[i < 0 ? ~i : i];
      let x = 0, y = 0;
      const pts = a.map(([dx, dy]) => { x += dx; y += dy; return t ? [x * t.scale[0] + t.translate[0], y * t.scale[1] + t.translate[1]] : [dx, dy]; });
      return i < 0 ? pts.reverse() : pts;
    };
    const ring = (r) => r.flatMap((i, k) => { const p = arc(i); return k ? p.slice(1) : p; });
    if (geom.type === "Polygon") return geom.arcs.map(ring);
    if (geom.type === "MultiPolygon") return geom.arcs.flatMap((poly) => poly.map(ring));
    return [];
  }
  /* a simple equirectangular projection scaled by the cosine of the middle latitude */
  function projector(box, w, h) {
    const [lon0, lat0, lon1, lat1] = box;
    const k = Math.cos(((lat0 + lat1) / 2) * Math.PI / 180);
    const sx = w / ((lon1 - lon0) * k), sy = h / (lat1 - lat0), s = Math.min(sx, sy);
    return ([lon, lat]) => [((lon - lon0) * k * s).toFixed(1), ((lat1 - lat) * s).toFixed(1)];
  }
  function pathOf(rs, proj, box) {
    return rs.filter((r) => r.some(([lon, lat]) => lon >= box[0] - 5 && lon <= box[2] + 5 && lat >= box[1] - 5 && lat <= box[3] + 5))
      .map((r) => "M" + r.map((p) => proj(p).join(",")).join("L") + "Z").join("");
  }
  const scale = (v) => { // 0..1 → a light-to-dark blue with enough contrast steps
    const stops = ["#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c"];
    return stops[Math.min(stops.length - 1, Math.floor(Math.max(0, v) * stops.length))];
  };
  /* Europe: values {CC: share 0..1}; label for the legend */
  N5.euMap = async function (values, label) {
    const topo = await loadAtlas();
    const box = [-11, 34, 35, 71], w = 640, h = 560;
    const proj = projector(box, w, h);
    const svg = svgEl("svg", { viewBox: `0 0 ${w} ${h}`, role: "img", "aria-label": "Map of Europe: " + label + " per state (numbers in the table)" , class: "map" });
    for (const g of topo.objects.countries.geometries) {
      const cc = A2[g.id];
      const d = pathOf(rings(topo, g), proj, box);
      if (!d) continue;
      const v = cc ? values[cc] : undefined;
      const p = svgEl("path", { d, fill: v === undefined ? "#eeeeee" : scale(v), stroke: "#666", "stroke-width": "0.5" });
      if (cc) { const t = svgEl("title", {}); t.textContent = cc + (v === undefined ? ": no data" : ": " + N5.pct(v)); p.append(t); }
      svg.append(p);
    }
    return el("div", { class: "map-box" }, svg, legend(label));
  };
  function legend(label) {
    return el("p", { class: "legend" }, label + ": ", ...[0, 0.2, 0.4, 0.6, 0.8].map((v) => {
      const sw = svgEl("svg", { width: "14", height: "14", "aria-hidden": "true" });
      sw.append(svgEl("rect", { width: "14", height: "14", fill: scale(v + 0.01), stroke: "#666" }));
      return el("span", { class: "key" }, sw, " ≥ " + N5.pct(v) + " ");
    }));
  }
  async function loadCentres() {
    if (centres) return centres;
    centres = {};
    const r = await fetch("/ui/countries.csv");
    if (!r.ok) return centres;
    const lines = (await r.text()).split("\n");
    const head = lines[0].split(",");
    const ci = head.indexOf("regions");
    for (const line of lines.slice(1)) {
      // the regions column has no commas; cut the fields before it naively but safely for the code column
      const code = line.slice(0, 2);
      const f = line.match(/(?:^|,)((?:[A-Z]{2}[A-Z0-9]*:-?[0-9.]+:-?[0-9.]+:[0-9.]+;?)+)(?:,|$)/);
      if (!f || ci < 0) continue;
      const m = {};
      for (const part of f[1].split(";")) {
        const [rc, lat, lon] = part.split(":");
        if (!m[rc]) m[rc] = [+lon, +lat];
      }
      centres[code] = m;
    }
    return centres;
  }
  /* One country's outline with a bubble per region: values {REGION: n}. */
  N5.regionMap = async function (country, values, label) {
    const topo = await loadAtlas();
    const cs = await loadCentres();
    const num = Object.keys(A2).find((k) => A2[k] === country);
    const g = topo.objects.countries.geometries.find((x) => x.id === num);
    if (!g) return el("p", { class: "note" }, "No map for " + country + ".");
    const rs = rings(topo, g);
    const pts = rs.flat();
    const box = [Math.min(...pts.map((p) => p[0])), Math.min(...pts.map((p) => p[1])), Math.max(...pts.map((p) => p[0])), Math.max(...pts.map((p) => p[1]))];
    if (country === "FR") { box[0] = -5.5; box[1] = 41; box[2] = 10; box[3] = 51.5; } // mainland
    const w = 420, h = 460, proj = projector(box, w, h);
    const svg = svgEl("svg", { viewBox: `0 0 ${w} ${h}`, role: "img", "aria-label": "Map of " + country + ": " + label + " per region (numbers in the table)", class: "map" });
    svg.append(svgEl("path", { d: pathOf(rs, proj, box), fill: "#f3f4f6", stroke: "#555", "stroke-width": "0.7" }));
    const max = Math.max(1, ...Object.values(values));
    const known = (cs && cs[country]) || {};
    for (const [rc, v] of Object.entries(values)) {
      const c = known[rc];
      if (!c || !v) continue;
      const [x, y] = proj(c);
      const circle = svgEl("circle", { cx: x, cy: y, r: (4 + 26 * Math.sqrt(v / max)).toFixed(1), fill: "#b91c1c", "fill-opacity": "0.55", stroke: "#7f1d1d" });
      const t = svgEl("title", {}); t.textContent = rc + ": " + N5.num(v); circle.append(t);
      svg.append(circle);
    }
    return el("div", { class: "map-box" }, svg);
  };
})();
