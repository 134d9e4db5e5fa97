// Small inline-SVG charts: horizontal bars with a label and a value, nothing to download.
import { html } from '/vendor/preact-htm.js';

/** rows: [{ label, value, text }] → one bar per row, scaled to the largest value. */
export function BarChart({ rows, color = '#3d6ea8', testid }) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  const rowHeight = 26;
  const width = 520;
  const labelWidth = 120;
  return html`<svg data-testid=${testid} width=${width} height=${rows.length * rowHeight + 4} role="img">
    ${rows.map((r, i) => {
      const w = Math.round(((width - labelWidth - 170) * r.value) / max);
      const y = i * rowHeight + 2;
      return html`<g>
        <text x="0" y=${y + 16} font-size="12">${r.label}</text>
        <rect x=${labelWidth} y=${y + 3} width=${Math.max(w, 1)} height="18" fill=${color} rx="2" />
        <text x=${labelWidth + w + 6} y=${y + 16} font-size="12">${r.text}</text>
      </g>`;
    })}
  </svg>`;
}
