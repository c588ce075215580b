// Encoding Standard: TextEncoder, TextDecoder; HTML: atob, btoa.
import { check } from './harness.mjs';

const codes = (s) => Array.from(s, (c) => c.codePointAt(0).toString(16)).join(' ');
const units = (s) => Array.from({ length: s.length }, (_, i) => s.charCodeAt(i).toString(16)).join(' ');
const attempt = (fn) => { try { return fn(); } catch (e) { return { $throws: e && e.name }; } };

// UTF-8 bytes of a code point, computed by hand (not by the code under test).
function utf8Of(cp) {
  if (cp < 0x80) return [cp];
  if (cp < 0x800) return [0xC0 | (cp >> 6), 0x80 | (cp & 63)];
  if (cp < 0x10000) return [0xE0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)];
  return [0xF0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)];
}
const SAMPLE_CPS = [0, 1, 0x24, 0x7F, 0x80, 0xA2, 0xFF, 0x100, 0x7FF, 0x800, 0x939, 0xD7FF, 0xE000,
  0xFEFF, 0xFFFD, 0xFFFE, 0xFFFF, 0x10000, 0x10348, 0x1F600, 0xFFFFF, 0x100000, 0x10FFFF];
const MIXED = 'a\u00e9\u20ac\u{1F600}b\u0800\u07ff\u{10FFFF}z';

check('encoding/encoder shape', () => {
  const e = new TextEncoder();
  return {
    encoding: e.encoding,
    tag: Object.prototype.toString.call(e),
    protoNames: Object.getOwnPropertyNames(TextEncoder.prototype).sort(),
    keys: Object.keys(TextEncoder.prototype).sort(),
    length: TextEncoder.length,
    encodeLength: e.encode.length,
    encodeIntoLength: e.encodeInto.length,
    callable: attempt(() => TextEncoder()),
  };
});

check('encoding/encode code points', () => {
  const e = new TextEncoder();
  return SAMPLE_CPS.map((cp) => {
    const got = Array.from(e.encode(String.fromCodePoint(cp)));
    return got.join(',') === utf8Of(cp).join(',') ? 'ok' : got;
  });
});

check('encoding/encode all BMP', () => {
  const e = new TextEncoder();
  let bad = [];
  for (let cp = 0; cp < 0x10000; cp += 7) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    const got = e.encode(String.fromCharCode(cp));
    if (Array.from(got).join() !== utf8Of(cp).join()) bad.push(cp);
  }
  return { bad: bad.slice(0, 10), count: bad.length };
});

check('encoding/encode lone surrogates', () => {
  const e = new TextEncoder();
  return ['\uD800', '\uDBFF', '\uDC00', '\uDFFF', 'a\uD800b', '\uDC00\uD800', '\uD800\uD800\uDC00',
    '\uD83D', '\uDE00\uD83D\uDE00', 'x\uD800'].map((s) => Array.from(e.encode(s)));
});

check('encoding/encode conversions', () => {
  const e = new TextEncoder();
  return {
    none: e.encode(),
    undef: e.encode(undefined),
    nul: e.encode(null),
    num: e.encode(123.5),
    obj: e.encode({ toString() { return 'hi'; } }),
    arr: e.encode([1, 2]),
    sym: attempt(() => e.encode(Symbol('x'))),
    type: e.encode('x').constructor.name,
    fresh: e.encode('ab').buffer.byteLength,
  };
});

check('encoding/encode long strings', () => {
  const e = new TextEncoder();
  const out = {};
  for (const [name, unit] of [['ascii', 'abcdefgh'], ['two', '\u00e9\u00e8'], ['three', '\u20ac'], ['four', '\u{1F600}'], ['mixed', MIXED]]) {
    const s = unit.repeat(Math.ceil(70000 / unit.length));
    const b = e.encode(s);
    let sum = 0;
    for (let i = 0; i < b.length; i++) sum = (sum * 31 + b[i]) >>> 0;
    out[name] = [b.length, b.buffer.byteLength, sum];
  }
  return out;
});

check('encoding/encodeInto every size', () => {
  const e = new TextEncoder();
  const out = [];
  for (let n = 0; n <= 26; n++) {
    const d = new Uint8Array(n).fill(0xAA);
    const r = e.encodeInto(MIXED, d);
    out.push([r.read, r.written, Array.from(d)]);
  }
  return out;
});

check('encoding/encodeInto details', () => {
  const e = new TextEncoder();
  const buf = new Uint8Array(10).fill(1);
  const sub = buf.subarray(3, 7);
  const r1 = e.encodeInto('\u20acz', sub);
  return {
    r1, buf: Array.from(buf),
    keys: Object.keys(e.encodeInto('', new Uint8Array(0))),
    lone: e.encodeInto('\uD800x', new Uint8Array(4)),
    loneTight: e.encodeInto('\uD800x', new Uint8Array(2)),
    pairTight: e.encodeInto('\u{1F600}', new Uint8Array(3)),
    int8: attempt(() => e.encodeInto('a', new Int8Array(2))),
    clamped: attempt(() => e.encodeInto('a', new Uint8ClampedArray(2))),
    ab: attempt(() => e.encodeInto('a', new ArrayBuffer(2))),
    none: attempt(() => e.encodeInto('a')),
  };
});

check('encoding/encoder brand checks', () => ({
  encode: attempt(() => TextEncoder.prototype.encode.call({}, 'a')),
  encoding: attempt(() => Object.getOwnPropertyDescriptor(TextEncoder.prototype, 'encoding').get.call({})),
}));

check('encoding/decoder shape', () => {
  const d = new TextDecoder();
  return {
    encoding: d.encoding, fatal: d.fatal, ignoreBOM: d.ignoreBOM,
    tag: Object.prototype.toString.call(d),
    protoNames: Object.getOwnPropertyNames(TextDecoder.prototype).sort(),
    keys: Object.keys(TextDecoder.prototype).sort(),
    length: TextDecoder.length,
    decodeLength: d.decode.length,
    opts: (({ encoding, fatal, ignoreBOM }) => ({ encoding, fatal, ignoreBOM }))(new TextDecoder('utf-16be', { fatal: 1, ignoreBOM: 'yes' })),
    nullOpts: new TextDecoder('utf8', null).fatal,
    badOpts: attempt(() => new TextDecoder('utf8', 1)),
    brand: attempt(() => TextDecoder.prototype.decode.call({}, new Uint8Array(1))),
    brandGetter: attempt(() => Object.getOwnPropertyDescriptor(TextDecoder.prototype, 'encoding').get.call({})),
  };
});

check('encoding/labels', () => {
  const labels = ['unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'utf-8', 'utf8', 'x-unicode20utf8',
    'unicodefffe', 'utf-16be', 'csunicode', 'iso-10646-ucs-2', 'ucs-2', 'unicode', 'unicodefeff', 'utf-16',
    'utf-16le', 'ansi_x3.4-1968', 'ascii', 'cp1252', 'cp819', 'csisolatin1', 'ibm819', 'iso-8859-1',
    'iso-ir-100', 'iso8859-1', 'iso88591', 'iso_8859-1', 'iso_8859-1:1987', 'l1', 'latin1', 'us-ascii',
    'windows-1252', 'x-cp1252', 'UTF-8', ' utf-8 ', '\t\n\f\rutf8\r\n', 'Latin1', 'UTF-16LE', 'UTF-16',
    '', 'utf-8\v', 'utf 8', 'utf-7', 'utf-32', 'replacement', 'iso-2022-kr', 'x-user-defined', 'foo',
    'utf-8\0', '\u00a0utf-8', undefined, null, 0];
  return labels.map((l) => attempt(() => new TextDecoder(l).encoding));
});

check('encoding/decode valid code points', () => {
  const d = new TextDecoder();
  const bytes = [];
  for (const cp of SAMPLE_CPS) bytes.push(...utf8Of(cp));
  const s = d.decode(new Uint8Array(bytes));
  return { codes: codes(s), roundtrip: s === String.fromCodePoint(...SAMPLE_CPS.filter((c) => c !== 0xFEFF || true)) };
});

check('encoding/decode sweep 4-byte', () => {
  const d = new TextDecoder('utf-8', { fatal: true });
  let bad = 0;
  for (let cp = 0x10000; cp <= 0x10FFFF; cp += 0x3F1) {
    if (d.decode(new Uint8Array(utf8Of(cp))).codePointAt(0) !== cp) bad++;
  }
  return bad;
});

check('encoding/decode invalid sequences', () => {
  const d = new TextDecoder();
  const f = new TextDecoder('utf-8', { fatal: true });
  const cases = [[0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xC2], [0xC2, 0x41], [0xC2, 0xC2, 0x80],
    [0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF], [0xE0, 0xA0], [0xE0, 0xA0, 0x41], [0xE1, 0x80], [0xED, 0xA0, 0x80],
    [0xED, 0x9F, 0xBF], [0xED, 0xBF, 0xBF], [0xEF, 0xBF], [0xF0, 0x80, 0x80, 0x80], [0xF0, 0x8F, 0xBF, 0xBF],
    [0xF0, 0x90, 0x80], [0xF0, 0x90], [0xF0], [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80],
    [0xF8, 0x88, 0x80, 0x80, 0x80], [0xFC, 0x84, 0x80, 0x80, 0x80, 0x80], [0xFE], [0xFF], [0xFE, 0xFF],
    [0x41, 0xE2, 0x82, 0x41, 0xE2, 0x82, 0xAC, 0xE2], [0xF1, 0x80, 0x80, 0xE1, 0x80, 0xC2, 0x41],
    [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF], [0xC0], [0xE0, 0xC0], [0xF0, 0xC0, 0x80]];
  return cases.map((c) => [units(d.decode(new Uint8Array(c))), attempt(() => units(f.decode(new Uint8Array(c))))]);
});

check('encoding/decode byte pairs sweep', () => {
  const d = new TextDecoder();
  const seconds = [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xE0, 0xF0, 0xFF];
  const rows = [];
  for (let a = 0x80; a < 0x100; a++) {
    for (const b of seconds) rows.push(units(d.decode(new Uint8Array([a, b, 0x80, 0x80]))));
  }
  return rows.join('|');
});

check('encoding/decode stream every split', () => {
  const bytes = new TextEncoder().encode(MIXED);
  const out = [];
  for (let k = 0; k <= bytes.length; k++) {
    const d = new TextDecoder();
    const s = d.decode(bytes.subarray(0, k), { stream: true }) + d.decode(bytes.subarray(k));
    out.push(s === MIXED ? 'ok' : units(s));
  }
  return out;
});

check('encoding/decode stream byte by byte', () => {
  const bytes = new Uint8Array([0xEF, 0xBB, 0xBF, 0x61, 0xF0, 0x9F, 0x98, 0x80, 0xE2, 0x82, 0xAC, 0xC3, 0xA9, 0xE2, 0x82, 0x41, 0xF0, 0x9F]);
  const d = new TextDecoder();
  const parts = [];
  for (const b of bytes) parts.push(units(d.decode(new Uint8Array([b]), { stream: true })));
  parts.push(units(d.decode()));
  parts.push(units(d.decode(new Uint8Array([0xEF, 0xBB, 0xBF, 0x62]))));
  return parts;
});

check('encoding/decode stream fatal', () => {
  const d = new TextDecoder('utf-8', { fatal: true });
  return [
    units(d.decode(new Uint8Array([0xE2, 0x82]), { stream: true })),
    units(d.decode(new Uint8Array([0xAC]), { stream: true })),
    units(d.decode(new Uint8Array([0xE2]), { stream: true })),
    attempt(() => d.decode()),
    units(d.decode(new Uint8Array([0x41]))),
    attempt(() => d.decode(new Uint8Array([0xE2, 0x41]), { stream: true })),
    units(d.decode(new Uint8Array([0x42]))),
  ];
});

check('encoding/decode BOM', () => {
  const bom = [0xEF, 0xBB, 0xBF];
  const dec = (opts, chunks) => {
    const d = new TextDecoder('utf-8', opts);
    return chunks.map((c, i) => units(d.decode(new Uint8Array(c), { stream: i < chunks.length - 1 })));
  };
  return {
    plain: dec({}, [[...bom, 0x41]]),
    ignore: dec({ ignoreBOM: true }, [[...bom, 0x41]]),
    twice: dec({}, [[...bom, ...bom, 0x41]]),
    split: dec({}, [[0xEF], [0xBB], [0xBF, 0x41]]),
    afterEmpty: dec({}, [[], [...bom, 0x42]]),
    afterText: dec({}, [[0x41], [...bom, 0x42]]),
    only: dec({}, [bom]),
    reuse: (() => { const d = new TextDecoder(); return [d.decode(new Uint8Array([...bom, 0x41])), d.decode(new Uint8Array([...bom, 0x42]))].map(units); })(),
  };
});

check('encoding/decode input types', () => {
  const d = new TextDecoder();
  const ab = new Uint8Array([0x61, 0x62, 0x63, 0x64]).buffer;
  const sab = new SharedArrayBuffer(3);
  new Uint8Array(sab).set([0x78, 0xC3, 0xA9]);
  return {
    none: d.decode(),
    undef: d.decode(undefined),
    ab: d.decode(ab),
    view: d.decode(new DataView(ab, 1, 2)),
    u16: d.decode(new Uint16Array(ab, 2, 1)),
    sub: d.decode(new Uint8Array(ab).subarray(1, 3)),
    sab: d.decode(sab),
    sabView: d.decode(new Uint8Array(sab, 1)),
    nul: attempt(() => d.decode(null)),
    str: attempt(() => d.decode('abc')),
    arr: attempt(() => d.decode([0x61])),
    num: attempt(() => d.decode(5)),
    nullOpts: d.decode(new Uint8Array([0x41]), null),
  };
});

check('encoding/decode long', () => {
  const parts = [];
  for (let i = 0; i < 30000; i++) parts.push(String.fromCodePoint([0x41, 0xE9, 0x20AC, 0x1F600][i % 4] + (i % 13)));
  const s = parts.join('');
  const b = new TextEncoder().encode(s);
  const out = new TextDecoder().decode(b);
  const broken = b.slice(); for (let i = 5; i < broken.length; i += 1001) broken[i] = 0xFF;
  const bs = new TextDecoder().decode(broken);
  let h = 0; for (let i = 0; i < bs.length; i++) h = (h * 31 + bs.charCodeAt(i)) >>> 0;
  return { same: out === s, len: out.length, brokenLen: bs.length, h };
});

check('encoding/utf-16le', () => {
  const d = new TextDecoder('utf-16le');
  const f = new TextDecoder('utf-16le', { fatal: true });
  const cases = [[], [0x41], [0x41, 0x00], [0x41, 0x00, 0x42], [0xFF, 0xFE, 0x41, 0x00], [0xFE, 0xFF, 0x41, 0x00],
    [0x3D, 0xD8, 0x00, 0xDE], [0x3D, 0xD8], [0x3D, 0xD8, 0x41, 0x00], [0x00, 0xDE, 0x41, 0x00], [0x3D, 0xD8, 0x3D, 0xD8, 0x00, 0xDE],
    [0x3D, 0xD8, 0x00], [0xAC, 0x20, 0xE9, 0x00]];
  return cases.map((c) => [units(d.decode(new Uint8Array(c))), attempt(() => units(f.decode(new Uint8Array(c))))]);
});

check('encoding/utf-16be', () => {
  const d = new TextDecoder('utf-16be');
  const cases = [[0x00, 0x41], [0xFE, 0xFF, 0x00, 0x41], [0xFF, 0xFE, 0x00, 0x41], [0xD8, 0x3D, 0xDE, 0x00], [0xD8, 0x3D],
    [0xD8, 0x3D, 0x00, 0x41], [0xDE, 0x00], [0x20, 0xAC, 0x00]];
  return cases.map((c) => units(d.decode(new Uint8Array(c))));
});

check('encoding/utf-16 stream every split', () => {
  const bytes = [0xFF, 0xFE, 0x61, 0x00, 0x3D, 0xD8, 0x00, 0xDE, 0xAC, 0x20, 0x00, 0xDC, 0x3D, 0xD8];
  const out = [];
  for (let k = 0; k <= bytes.length; k++) {
    for (const enc of ['utf-16le', 'utf-16be']) {
      const d = new TextDecoder(enc);
      out.push(units(d.decode(new Uint8Array(bytes.slice(0, k)), { stream: true }) + d.decode(new Uint8Array(bytes.slice(k)))));
    }
  }
  return out;
});

check('encoding/windows-1252 all bytes', () => {
  const all = new Uint8Array(256).map((_, i) => i);
  return ['latin1', 'ascii', 'windows-1252', 'iso-8859-1'].map((l) => {
    const d = new TextDecoder(l, { fatal: true });
    return [d.encoding, units(d.decode(all)), units(d.decode(new Uint8Array([0x80]), { stream: true }))];
  });
});

check('encoding/btoa', () => {
  const out = [];
  for (let n = 0; n <= 7; n++) out.push(btoa('\xff\x00a\xfe\x80z\x7f'.slice(0, n)));
  let all = ''; for (let i = 0; i < 256; i++) all += String.fromCharCode(i);
  return {
    out, all: btoa(all),
    undef: btoa(undefined), nul: btoa(null), num: btoa(12),
    none: attempt(() => btoa()),
    wide: attempt(() => btoa('\u0100')),
    emoji: attempt(() => btoa('\u{1F600}')),
    sym: attempt(() => btoa(Symbol())),
    name: btoa.name, length: btoa.length, enumerable: Object.getOwnPropertyDescriptor(globalThis, 'btoa').enumerable,
  };
});

check('encoding/atob', () => {
  const inputs = ['', 'YQ', 'YQ=', 'YQ==', 'YQ===', 'Y', 'YWI', 'YWJj', 'YWJjZA', 'YWJjZA==', 'YWJjZA=',
    ' Y W J j ', '\tYQ\n==\f\r', 'YQ= =', '=YQ', 'Y=Q', 'YQ=a', 'YR==', 'YR', '////', '++++', '-_', 'YQ\v',
    'YQ\u00a0', '\u00ffQ', 'YWJj\u0000', 'ab=c', 'abc=', 'ab==', 'a===', 'abcd=', 'abcd==', '====',
    '/w==', '/+8=', 'AAAA', 'AA', 'AAA', undefined, null, 12345678];
  return inputs.map((s) => attempt(() => units(atob(s))));
});

check('encoding/atob char sweep', () => {
  const out = [];
  for (let c = 0; c < 0x110; c++) {
    const r = attempt(() => atob('QU' + String.fromCharCode(c) + 'E'));
    out.push(typeof r === 'string' ? units(r) : 'x');
  }
  return out.join('|');
});

check('encoding/atob btoa roundtrip', () => {
  let bad = 0;
  for (let len = 0; len < 40; len++) {
    let s = '';
    for (let i = 0; i < len; i++) s += String.fromCharCode((i * 97 + len * 31) & 0xFF);
    if (atob(btoa(s)) !== s) bad++;
  }
  return { bad, none: attempt(() => atob()), name: atob.name, length: atob.length };
});

check('encoding/decode chunk boundaries', () => {
  const enc = new TextEncoder();
  const out = [];
  for (let off = 0; off < 5; off++) {
    const s = 'a'.repeat(8188 + off) + '\u{1F600}\u20ac\u00e9' + 'b'.repeat(9000) + '\u{1F601}';
    const b = enc.encode(s);
    const streamed = new TextDecoder();
    const t = streamed.decode(b.subarray(0, 8191 + off), { stream: true }) + streamed.decode(b.subarray(8191 + off));
    const cut = new TextDecoder().decode(b.subarray(0, 8190 + off));
    const bad = b.slice(); bad[8189 + off] = 0xF0;
    out.push([new TextDecoder('utf-8', { fatal: true }).decode(b) === s, t === s, units(cut.slice(-3)), units(new TextDecoder().decode(bad).slice(8185, 8195))]);
  }
  return out;
});

// Long strings take the host's fast path, which must not cut a string at a NUL character.
check('encoding/long strings with NUL and non-ASCII', () => {
  const enc = new TextEncoder();
  const cases = ['a'.repeat(100) + '\0' + 'b'.repeat(10), '\0'.repeat(70), 'é✓😀'.repeat(40) + '\0z', 'x'.repeat(63) + '\ud800' + 'y'.repeat(10)];
  return cases.map((s) => { const b = enc.encode(s); return [b.length, Array.from(b.slice(-8))]; });
});
