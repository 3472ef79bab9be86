/**
 * A hand-written SVG chart: side-by-side panels of grouped bars on a log scale (the
 * values span milliseconds to seconds), each bar labelled with its value. No dependencies.
 */
export interface Bar {
  label: string;
  value: number | null;
  color: string;
}

export interface Group {
  label: string;
  bars: Bar[];
}

export interface Panel {
  title: string;
  groups: Group[];
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)}s` : ms >= 10 ? `${ms.toFixed(0)}` : ms.toFixed(1));

export function barChart(title: string, subtitle: string, panels: Panel[], unit = 'ms'): string {
  const W = 1000;
  const H = 440;
  const top = 70;
  const bottom = 90;
  const plotH = H - top - bottom;
  const gap = 40;
  const left = 50;
  const right = 45;
  const values = panels.flatMap((p) => p.groups.flatMap((g) => g.bars.map((b) => b.value))).filter((v): v is number => v !== null && v > 0);
  const lo = Math.pow(10, Math.floor(Math.log10(Math.min(...values, 1))));
  const hi = Math.pow(10, Math.ceil(Math.log10(Math.max(...values, 10))));
  const y = (v: number) => top + plotH - (plotH * (Math.log10(v) - Math.log10(lo))) / (Math.log10(hi) - Math.log10(lo));
  // a slot is one bar's width; groups are one empty slot apart, panels `gap` pixels apart
  const slots = panels.map((p) => p.groups.reduce((n, g) => n + g.bars.length, 0) + p.groups.length - 1);
  const totalSlots = slots.reduce((a, b) => a + b, 0);
  const slotW = (W - left - right - gap * (panels.length - 1)) / Math.max(1, totalSlots);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="system-ui, sans-serif" font-size="11">`);
  out.push(`<rect width="${W}" height="${H}" fill="#fff"/>`);
  out.push(`<text x="${W / 2}" y="22" text-anchor="middle" font-size="15" font-weight="600">${esc(title)}</text>`);
  out.push(`<text x="${W / 2}" y="40" text-anchor="middle" fill="#555">${esc(subtitle)}</text>`);
  // shared log axis
  for (let t = lo; t <= hi * 1.0001; t *= 10) {
    const label = t >= 1000 ? `${t / 1000}s` : t >= 1 ? String(Math.round(t)) : String(t);
    out.push(`<line x1="${left}" x2="${W - right}" y1="${y(t)}" y2="${y(t)}" stroke="#e3e3e3"/>`);
    out.push(`<text x="${left - 6}" y="${y(t) + 4}" text-anchor="end" fill="#555">${label}</text>`);
  }
  out.push(`<text x="14" y="${top + plotH / 2}" transform="rotate(-90 14 ${top + plotH / 2})" text-anchor="middle" fill="#555">${esc(unit)} (log scale)</text>`);
  let x = left;
  const legend = new Map<string, string>();
  for (const [pi, panel] of panels.entries()) {
    if (pi > 0) {
      out.push(`<line x1="${x + gap / 2}" x2="${x + gap / 2}" y1="${top - 20}" y2="${top + plotH}" stroke="#ccc" stroke-dasharray="3 3"/>`);
      x += gap;
    }
    const x0 = x;
    for (const [gi, g] of panel.groups.entries()) {
      if (gi > 0) x += slotW;
      const gx = x;
      for (const b of g.bars) {
        legend.set(b.label, b.color);
        if (b.value !== null && b.value > 0) {
          const by = y(Math.max(b.value, lo));
          out.push(`<rect x="${(x + 1).toFixed(1)}" y="${by.toFixed(1)}" width="${(slotW - 2).toFixed(1)}" height="${(top + plotH - by).toFixed(1)}" fill="${b.color}"><title>${esc(`${g.label}, ${b.label}: ${b.value.toFixed(2)} ${unit}`)}</title></rect>`);
          out.push(`<text x="${(x + slotW / 2).toFixed(1)}" y="${(by - 3).toFixed(1)}" text-anchor="middle" font-size="9">${fmt(b.value)}</text>`);
        }
        x += slotW;
      }
      out.push(`<text x="${((gx + x) / 2).toFixed(1)}" y="${top + plotH + 15}" text-anchor="middle">${esc(g.label)}</text>`);
    }
    out.push(`<text x="${((x0 + x) / 2).toFixed(1)}" y="${top - 8}" text-anchor="middle" font-weight="600">${esc(panel.title)}</text>`);
  }
  out.push(`<line x1="${left}" x2="${W - right}" y1="${top + plotH}" y2="${top + plotH}" stroke="#333"/>`);
  // legend
  let lx = left;
  const ly = H - 40;
  for (const [label, color] of legend) {
    out.push(`<rect x="${lx}" y="${ly - 9}" width="10" height="10" fill="${color}"/>`);
    out.push(`<text x="${lx + 14}" y="${ly}">${esc(label)}</text>`);
    lx += 24 + label.length * 6.2;
    if (lx > W - 140) break;
  }
  out.push('</svg>');
  return out.join('\n') + '\n';
}
