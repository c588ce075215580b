// A server-rendering worker shaped like a SvelteKit page: route parsing, a load step that
// builds data, HTML rendering with escaping, a serialized data script, headers and a cookie.
const escapes = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (s) => String(s).replace(/[&<>"']/g, (c) => escapes[c]);

function load(url) {
  const n = Number(url.searchParams.get('rows') || 50);
  return {
    title: 'Orders <' + url.pathname + '>',
    rows: Array.from({ length: n }, (_, i) => ({
      id: i, name: 'Item "' + i + '" & co', price: (i * 13.37) % 100, tags: ['a', 'b', i % 3 ? 'c' : 'd'],
    })),
  };
}

function render(data) {
  let html = '<!doctype html><html><head><meta charset="utf-8"><title>' + escape(data.title) + '</title></head><body>';
  html += '<h1>' + escape(data.title) + '</h1><table>';
  for (const r of data.rows) {
    html += `<tr data-id="${r.id}"><td>${escape(r.name)}</td><td>${r.price.toFixed(2)}</td><td>${r.tags.map(escape).join(', ')}</td></tr>`;
  }
  html += '</table><script type="application/json" id="data">' + JSON.stringify(data).replace(/</g, '\\u003c') + '</script></body></html>';
  return html;
}

export default {
  async fetch(request) {
    const url = new URL(request.url);
    const data = load(url);
    const headers = new Headers({ 'content-type': 'text/html; charset=utf-8' });
    headers.append('set-cookie', 'session=' + crypto.randomUUID() + '; Path=/; HttpOnly');
    headers.set('etag', '"' + data.rows.length + '"');
    return new Response(render(data), { headers });
  },
};
