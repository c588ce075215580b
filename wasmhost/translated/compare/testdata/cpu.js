// CPU-bound work of the kind SSR does, the same in every engine compared by package compare:
// render a 300-row table from data through template literals and HTML escaping, round-trip
// the data through JSON, and run regular expressions over the markup. bench() returns a
// digest of everything it built, so engines that compute differently answer differently.
"use strict";
const rows = [];
for (let i = 0; i < 300; i++) {
  rows.push({
    id: i,
    name: `Customer <${i}> & "Sons" ${String.fromCharCode(65 + (i % 26))}`,
    email: `user${i}@example.test`,
    total: Math.round(((i * 7919) % 10007) * 1.37) / 100,
    status: ["paid", "pending", "refunded", "failed"][i % 4],
    items: Array.from({ length: (i % 5) + 1 }, (_, k) => ({ sku: `SKU-${i}-${k}`, qty: (i + k) % 7 + 1 })),
  });
}
const ESC = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escape = (s) => String(s).replace(/[&<>"']/g, (c) => ESC[c]);
function render(data) {
  let html = '<table class="orders"><thead><tr><th>#</th><th>Name</th><th>Email</th><th>Total</th><th>Status</th><th>Items</th></tr></thead><tbody>';
  for (const r of data) {
    html += `<tr data-id="${r.id}"><td>${r.id}</td><td>${escape(r.name)}</td><td><a href="mailto:${escape(r.email)}">${escape(r.email)}</a></td>` +
      `<td class="num">${r.total.toFixed(2)}</td><td class="${r.status}">${r.status}</td><td>` +
      r.items.map((it) => `<span class="sku">${escape(it.sku)}</span>&times;${it.qty}`).join(", ") + "</td></tr>";
  }
  return html + "</tbody></table>";
}
function hash(s) {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 0).toString(16);
}
function bench() {
  const html = render(rows);
  const json = JSON.stringify({ rows, at: "2026-12-05T00:00:00Z" });
  const back = JSON.parse(json);
  let qty = 0;
  for (const r of back.rows) for (const it of r.items) qty += it.qty;
  const cells = html.match(/<td class="(\w+)">/g).length;
  const paid = (html.match(/class="paid"/g) || []).length;
  const skus = [...html.matchAll(/SKU-(\d+)-(\d+)/g)].reduce((a, m) => a + Number(m[2]), 0);
  const text = html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim();
  const words = text.split(" ").filter((w) => /^[a-z]+\d*@/.test(w)).length;
  return [html.length, hash(html), json.length, hash(json), qty, cells, paid, skus, text.length, words].join(":");
}
