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
    '', 'utf-8\v', 'utf 8', 'utf-7', 'utf-32', 'replacement', 'iso-2022-kr', 'foo',
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

// Legacy encodings (the host's "encoding" service). Every label of the Encoding Standard, as
// Node 22 lists them; iso-8859-16 and x-user-defined, which Node's ICU lacks, are checked apart.
const LEGACY_LABELS = {
  ibm866: '866 cp866 csibm866 ibm866',
  'iso-8859-2': 'csisolatin2 iso-8859-2 iso-ir-101 iso8859-2 iso88592 iso_8859-2 iso_8859-2:1987 l2 latin2',
  'iso-8859-3': 'csisolatin3 iso-8859-3 iso-ir-109 iso8859-3 iso88593 iso_8859-3 iso_8859-3:1988 l3 latin3',
  'iso-8859-4': 'csisolatin4 iso-8859-4 iso-ir-110 iso8859-4 iso88594 iso_8859-4 iso_8859-4:1988 l4 latin4',
  'iso-8859-5': 'csisolatincyrillic cyrillic iso-8859-5 iso-ir-144 iso8859-5 iso88595 iso_8859-5 iso_8859-5:1988',
  'iso-8859-6': 'arabic asmo-708 csiso88596e csiso88596i csisolatinarabic ecma-114 iso-8859-6 iso-8859-6-e ' +
    'iso-8859-6-i iso-ir-127 iso8859-6 iso88596 iso_8859-6 iso_8859-6:1987',
  'iso-8859-7': 'csisolatingreek ecma-118 elot_928 greek greek8 iso-8859-7 iso-ir-126 iso8859-7 iso88597 ' +
    'iso_8859-7 iso_8859-7:1987 sun_eu_greek',
  'iso-8859-8': 'csiso88598e csisolatinhebrew hebrew iso-8859-8 iso-8859-8-e iso-ir-138 iso8859-8 iso88598 ' +
    'iso_8859-8 iso_8859-8:1988 visual',
  'iso-8859-8-i': 'csiso88598i iso-8859-8-i logical',
  'iso-8859-10': 'csisolatin6 iso-8859-10 iso-ir-157 iso8859-10 iso885910 l6 latin6',
  'iso-8859-13': 'iso-8859-13 iso8859-13 iso885913',
  'iso-8859-14': 'iso-8859-14 iso8859-14 iso885914',
  'iso-8859-15': 'csisolatin9 iso-8859-15 iso8859-15 iso885915 iso_8859-15 l9',
  'koi8-r': 'cskoi8r koi koi8 koi8-r koi8_r',
  'koi8-u': 'koi8-ru koi8-u',
  macintosh: 'csmacintosh mac macintosh x-mac-roman',
  'windows-874': 'dos-874 iso-8859-11 iso8859-11 iso885911 tis-620 windows-874',
  'windows-1250': 'cp1250 windows-1250 x-cp1250',
  'windows-1251': 'cp1251 windows-1251 x-cp1251',
  'windows-1253': 'cp1253 windows-1253 x-cp1253',
  'windows-1254': 'cp1254 csisolatin5 iso-8859-9 iso-ir-148 iso8859-9 iso88599 iso_8859-9 iso_8859-9:1989 ' +
    'l5 latin5 windows-1254 x-cp1254',
  'windows-1255': 'cp1255 windows-1255 x-cp1255',
  'windows-1256': 'cp1256 windows-1256 x-cp1256',
  'windows-1257': 'cp1257 windows-1257 x-cp1257',
  'windows-1258': 'cp1258 windows-1258 x-cp1258',
  'x-mac-cyrillic': 'x-mac-cyrillic x-mac-ukrainian',
  gbk: 'chinese csgb2312 csiso58gb231280 gb2312 gb_2312 gb_2312-80 gbk iso-ir-58 x-gbk',
  gb18030: 'gb18030',
  big5: 'big5 big5-hkscs cn-big5 csbig5 x-x-big5',
  'euc-jp': 'cseucpkdfmtjapanese euc-jp x-euc-jp',
  'iso-2022-jp': 'csiso2022jp iso-2022-jp',
  shift_jis: 'csshiftjis ms932 ms_kanji shift-jis shift_jis sjis windows-31j x-sjis',
  'euc-kr': 'cseuckr csksc56011987 euc-kr iso-ir-149 korean ks_c_5601-1987 ks_c_5601-1989 ksc5601 ksc_5601 windows-949',
};

check('encoding/legacy labels', () => {
  const out = {};
  for (const [name, list] of Object.entries(LEGACY_LABELS)) {
    const got = list.split(' ').map((l) => attempt(() => new TextDecoder(l).encoding));
    out[name] = got.every((g) => g === name) ? 'ok' : got;
  }
  out.variants = ['ISO-8859-2', ' Shift_JIS\n', '\fEUC-KR\t', 'GB2312', 'Big5-HKSCS', 'koi8-r\u00a0',
    'iso-8859-2\v', 'latin2\0', 'ms932x', 'windows-1259'].map((l) => attempt(() => new TextDecoder(l).encoding));
  return out;
});

check('encoding/label Unicode case', () => ['\u212Aoi8-r', 'utf-\u0130', 'latın1']
  .map((l) => attempt(() => new TextDecoder(l).encoding)));

check('encoding/replacement labels', () => ['csiso2022kr', 'hz-gb-2312', 'iso-2022-cn', 'iso-2022-cn-ext', 'iso-2022-kr',
  'replacement', 'ISO-2022-KR'].map((l) => attempt(() => new TextDecoder(l, { fatal: true }))));

check('encoding/labels not in ICU', () => ['iso-8859-16', 'ISO-8859-16', 'x-user-defined']
  .map((l) => attempt(() => new TextDecoder(l).encoding)));

const ALL_BYTES = new Uint8Array(256).map((_, i) => i);
const SINGLE_BYTE = Object.keys(LEGACY_LABELS).filter((n) => !/^(gbk|gb18030|big5|euc-jp|iso-2022-jp|shift_jis|euc-kr)$/.test(n));
for (const name of SINGLE_BYTE) {
  check(`encoding/single-byte ${name}`, () => {
    const d = new TextDecoder(name);
    const s = d.decode(ALL_BYTES);
    // Each byte alone in fatal mode: its code point, or 'x' where the byte is an error.
    const f = new TextDecoder(name, { fatal: true });
    const fatal = Array.from(ALL_BYTES, (b) => attempt(() => f.decode(new Uint8Array([b]))))
      .map((r) => (typeof r === 'string' ? r.charCodeAt(0).toString(16) : 'x')).join(' ');
    return { units: units(s), same: fatal === units(s).replace(/fffd/g, 'x') };
  });
}

check('encoding/single-byte stream, NUL, BOM-like bytes', () => {
  const d = new TextDecoder('iso-8859-2');
  return [
    units(d.decode(new Uint8Array([0x00, 0xA1, 0x00]), { stream: true })),
    units(d.decode(new Uint8Array([0xFF, 0xFE]), { stream: true })),
    units(d.decode()),
    units(new TextDecoder('windows-1251').decode(new Uint8Array([0xEF, 0xBB, 0xBF, 0x41]))),
    units(new TextDecoder('koi8-u', { ignoreBOM: true }).decode(new Uint8Array([0, 0, 0x41]))),
  ];
});

// Multi-byte encodings: text valid in each, decoded whole and split in two at every offset.
const MB_SAMPLES = {
  gbk: [0x41, 0xC4, 0xE3, 0xBA, 0xC3, 0x00, 0x80, 0xD6, 0xD0, 0xCE, 0xC4, 0x81, 0x30, 0x81, 0x30, 0x7A],
  gb18030: [0xC4, 0xE3, 0x81, 0x30, 0x81, 0x30, 0x84, 0x31, 0xA4, 0x37, 0x90, 0x30, 0x81, 0x30, 0x00, 0xE3, 0x32, 0x9A, 0x35, 0x41, 0xA8, 0xA4],
  big5: [0xA4, 0xA4, 0xA4, 0xE5, 0x41, 0x00, 0xA7, 0x41, 0xB3, 0x6F, 0xA1, 0x40, 0x7A],
  'euc-jp': [0xC6, 0xFC, 0xCB, 0xDC, 0x41, 0x00, 0x8E, 0xB1, 0xA4, 0xA2, 0xB8, 0xEC, 0x7A],
  'iso-2022-jp': [0x41, 0x1B, 0x24, 0x42, 0x46, 0x7C, 0x4B, 0x5C, 0x1B, 0x28, 0x42, 0x00, 0x1B, 0x28, 0x4A, 0x5C, 0x7E, 0x1B, 0x28, 0x49, 0x31, 0x1B, 0x28, 0x42, 0x7A],
  shift_jis: [0x93, 0xFA, 0x96, 0x7B, 0x41, 0x00, 0xB1, 0x82, 0xA0, 0x8C, 0xEA, 0x7A],
  'euc-kr': [0xC7, 0xD1, 0xB1, 0xDB, 0x41, 0x00, 0xB0, 0xA1, 0xB3, 0xAA, 0x7A],
};
for (const [name, bytes] of Object.entries(MB_SAMPLES)) {
  check(`encoding/${name} valid text and every split`, () => {
    const b = new Uint8Array(bytes);
    const whole = new TextDecoder(name, { fatal: true }).decode(b);
    const splits = [];
    for (let k = 0; k <= b.length; k++) {
      const d = new TextDecoder(name, { fatal: true });
      const s = d.decode(b.subarray(0, k), { stream: true }) + d.decode(b.subarray(k));
      splits.push(s === whole ? 'ok' : units(s));
    }
    const d = new TextDecoder(name);
    const bytewise = Array.from(b, (x) => d.decode(new Uint8Array([x]), { stream: true })).join('') + d.decode();
    return { whole: units(whole), splits: splits.join(','), bytewise: bytewise === whole };
  });
}

// Invalid and truncated sequences, each decoded alone (replacement and fatal) and, when
// streaming, split at every offset.
const MB_BAD = {
  gb18030: [[0x81], [0x81, 0x30], [0x81, 0x30, 0x81], [0x81, 0x41], [0x81, 0x7F], [0x81, 0xFF], [0xFF], [0x81, 0x30, 0x41],
    [0x81, 0x30, 0x81, 0x41], [0x81, 0x30, 0x81, 0xFF], [0x84, 0x31, 0xA5, 0x30], [0xE4, 0x30, 0x81, 0x30], [0xFE, 0x39, 0xFE, 0x39],
    [0x84, 0x31, 0xA4, 0x39], [0x82, 0x35, 0x8F, 0x33], [0xA1, 0x0A], [0xA1, 0xA1, 0xA1]],
  big5: [[0x80], [0xFF], [0xA4], [0xA4, 0x0A], [0xA4, 0x7F], [0xA4, 0xA0], [0xA4, 0xFF], [0xC8, 0x41], [0x88, 0x62], [0x88, 0x64],
    [0x88, 0xA3], [0x88, 0xA5], [0xFE, 0xFE], [0xA1, 0xA1, 0xA1]],
  'euc-jp': [[0x80], [0xA0], [0xFF], [0x8E], [0x8E, 0xE0], [0x8E, 0x41], [0x8F], [0x8F, 0xA1], [0x8F, 0xA1, 0x41], [0x8F, 0xB0, 0xA1],
    [0x8F, 0x41], [0xA1, 0x41], [0xA1, 0xFF], [0xA1, 0xA1, 0xA1], [0xAD, 0xA1], [0xF5, 0xA1]],
  'iso-2022-jp': [[0x1B], [0x1B, 0x24], [0x1B, 0x28], [0x1B, 0x24, 0x42], [0x1B, 0x24, 0x42, 0x46], [0x1B, 0x24, 0x42, 0x46, 0x1B, 0x28, 0x42],
    [0x1B, 0x24, 0x42, 0x1B, 0x28, 0x42], [0x1B, 0x28, 0x42, 0x41], [0x1B, 0x41], [0x1B, 0x24, 0x41], [0x80], [0x0E], [0x0F],
    [0x1B, 0x28, 0x49, 0x60], [0x1B, 0x24, 0x42, 0x21, 0x0A], [0x1B, 0x24, 0x42, 0x7F, 0x21], [0x1B, 0x24, 0x42, 0x2F, 0x21],
    [0x1B, 0x28, 0x4A, 0x5C, 0x7E, 0x80]],
  shift_jis: [[0x80], [0xA0], [0xFD], [0xFF], [0x81], [0x81, 0x0A], [0x81, 0x7F], [0x81, 0xFD], [0x85, 0x40], [0xF0, 0x40],
    [0xEF, 0x40], [0x81, 0x39], [0xA1, 0xDF]],
  'euc-kr': [[0x80], [0xFF], [0x81], [0x81, 0x0A], [0x81, 0x41], [0x81, 0x40], [0xA1, 0xA0], [0xC9, 0xA1], [0xFE, 0xFE], [0xA2, 0xE8]],
};
for (const [name, cases] of Object.entries(MB_BAD)) {
  check(`encoding/${name} invalid and truncated`, () => cases.map((c) => {
    const b = new Uint8Array([...c, 0x5A]);
    const cut = new Uint8Array(c);
    const streamed = [];
    for (let k = 0; k <= b.length; k++) {
      const d = new TextDecoder(name);
      streamed.push(d.decode(b.subarray(0, k), { stream: true }) + d.decode(b.subarray(k)));
    }
    const whole = new TextDecoder(name).decode(b);
    return [units(whole), units(new TextDecoder(name).decode(cut)),
      attempt(() => units(new TextDecoder(name, { fatal: true }).decode(b))),
      attempt(() => units(new TextDecoder(name, { fatal: true }).decode(cut))),
      streamed.every((s) => s === whole)];
  }));
}

check('encoding/legacy fatal streams', () => {
  const out = [];
  for (const [name, bytes] of [['shift_jis', [0x82, 0xA0, 0x82]], ['gb18030', [0x81, 0x30, 0x81]], ['euc-kr', [0xB0, 0xA1, 0xB0]],
    ['iso-2022-jp', [0x1B, 0x24, 0x42, 0x46]]]) {
    const f = new TextDecoder(name, { fatal: true });
    out.push(units(f.decode(new Uint8Array(bytes), { stream: true })), attempt(() => f.decode()),
      units(f.decode(new Uint8Array([0x41]))), f.fatal, f.encoding);
  }
  return out;
});

check('encoding/legacy input types and BOM', () => {
  const sab = new SharedArrayBuffer(4);
  new Uint8Array(sab).set([0x82, 0xA0, 0x41, 0x42]);
  const d = new TextDecoder('shift_jis');
  return [units(d.decode(sab)), units(d.decode(new DataView(sab, 1, 2))), units(d.decode(new Uint8Array(sab).subarray(0, 1))),
    units(new TextDecoder('gb18030').decode(new Uint8Array([0x84, 0x31, 0x95, 0x33, 0x41]))),
    units(new TextDecoder('gb18030', { ignoreBOM: true }).decode(new Uint8Array([0x84, 0x31, 0x95, 0x33, 0x41])))];
});

check('encoding/x-user-defined', () => {
  const d = new TextDecoder('x-user-defined', { fatal: true });
  return [d.encoding, units(d.decode(ALL_BYTES))];
});
