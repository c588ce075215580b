// URL Standard (https://url.spec.whatwg.org/): URL, URLSearchParams, the basic URL parser, the
// host parser (IPv4, IPv6, opaque hosts, domain to ASCII with UTS #46 and Punycode) and the
// application/x-www-form-urlencoded codec.
//
// Defines on __kw:
//   __kw.urlencodedParse(input)      string | Uint8Array -> array of [name, value] (USV strings)
//   __kw.urlencodedSerialize(pairs)  iterable of [name, value] -> string
//
// A URL record is a plain object { scheme, username, password, host, port, path, query,
// fragment }: `host` is null or the serialized host (domain, dotted IPv4, "[IPv6]", opaque or
// empty host), `port` null or a number, `path` an array of segments or a string (opaque path).

const toUSV = __kw.toUSVString;

// Special schemes and their default ports (file has none).
const SPECIAL = { __proto__: null, ftp: 21, file: null, http: 80, https: 443, ws: 80, wss: 443 };

// Percent-encode sets. Each is a pair: a cheap non-global test for "anything to encode?" and a
// global regexp for the replacement (a surrogate pair is matched whole). Encoding is rare, and
// QuickJS runs a failing test much faster than a global replace. (Literals, not new RegExp:
// literals are compiled once into the layer's bytecode instead of in every isolate.)
const C0_SET = { test: /[\x00-\x1f\x7f-\uffff]/, all: /[\uD800-\uDBFF][\uDC00-\uDFFF]|[\x00-\x1f\x7f-\uffff]/g };
const FRAGMENT_SET = { test: /[\x00-\x20"<>`\x7f-\uffff]/, all: /[\uD800-\uDBFF][\uDC00-\uDFFF]|[\x00-\x20"<>`\x7f-\uffff]/g };
const QUERY_SET = { test: /[\x00-\x20"#<>\x7f-\uffff]/, all: /[\uD800-\uDBFF][\uDC00-\uDFFF]|[\x00-\x20"#<>\x7f-\uffff]/g };
const SPECIAL_QUERY_SET = { test: /[\x00-\x20"#'<>\x7f-\uffff]/, all: /[\uD800-\uDBFF][\uDC00-\uDFFF]|[\x00-\x20"#'<>\x7f-\uffff]/g };
const PATH_SET = { test: /[\x00-\x20"#<>?`{}\x7f-\uffff]/, all: /[\uD800-\uDBFF][\uDC00-\uDFFF]|[\x00-\x20"#<>?`{}\x7f-\uffff]/g };
const USERINFO_SET = {
  test: /[\x00-\x20"#/:;<=>?@[\\\]^`{|}\x7f-\uffff]/,
  all: /[\uD800-\uDBFF][\uDC00-\uDFFF]|[\x00-\x20"#/:;<=>?@[\\\]^`{|}\x7f-\uffff]/g,
};
const FORM_SET = {
  test: /[\x00-\x20!"#$%&'()+,/:;<=>?@[\\\]^`{|}~\x7f-\uffff]/,
  all: /[\uD800-\uDBFF][\uDC00-\uDFFF]|[\x00-\x20!"#$%&'()+,/:;<=>?@[\\\]^`{|}~\x7f-\uffff]/g,
};

const NON_ASCII = /[^\x00-\x7f]/;
// Hoisted: a regexp literal inside a function makes a new object on every call.
const DIGITS = /^[0-9]+$/, HEX_DIGITS = /^[0-9a-fA-F]+$/, OCTAL_DIGITS = /^[0-7]+$/;
const SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*$/;
const NOT_PLAIN_DOMAIN = /[^a-z0-9.-]/;
const ACE_LABEL = /(?:^|\.)xn--/i;
const FORM_NEEDS_DECODE = /[%\x80-\xff]/, PLUS = /\+/g;
const FORBIDDEN_HOST = /[\x00\t\n\r #/:<>?@[\\\]^|]/;
const FORBIDDEN_DOMAIN = /[\x00-\x20#%/:<>?@[\\\]^|\x7f]/;

function pctChar(m) {
  const c = m.charCodeAt(0);
  if (m.length > 1 || c > 0x7f) return encodeURIComponent(m); // UTF-8, uppercase hex
  return (c < 16 ? '%0' : '%') + c.toString(16).toUpperCase();
}
const encode = (s, pes) => (pes.test.test(s) ? s.replace(pes.all, pctChar) : s);
const formChar = (m) => (m === ' ' ? '+' : pctChar(m));
const formEncode = (s) => (FORM_SET.test.test(s) ? s.replace(FORM_SET.all, formChar) : s);

// UTF-8 as "binary strings" (one char per byte).
function toBinary(s) {
  return NON_ASCII.test(s) ? unescape(encodeURIComponent(toUSV(s))) : s;
}

// Percent-decodes a binary string into an array of bytes.
function pctBytes(b) {
  const out = [];
  for (let i = 0; i < b.length; i++) {
    const c = b.charCodeAt(i);
    if (c === 0x25 && i + 2 < b.length) {
      const h = hexVal(b.charCodeAt(i + 1)), l = hexVal(b.charCodeAt(i + 2));
      if (h >= 0 && l >= 0) { out.push(h * 16 + l); i += 2; continue; }
    }
    out.push(c);
  }
  return out;
}

function hexVal(c) {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  c |= 0x20;
  return c >= 0x61 && c <= 0x66 ? c - 0x57 : -1;
}

// UTF-8 decode without BOM, replacing each maximal invalid subpart with U+FFFD (Encoding spec).
function utf8Decode(b) {
  let out = '';
  for (let i = 0; i < b.length;) {
    const c = b[i++];
    if (c < 0x80) { out += String.fromCharCode(c); continue; }
    let need, cp, lo = 0x80, hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) { need = 1; cp = c & 0x1f; }
    else if (c >= 0xe0 && c <= 0xef) { need = 2; cp = c & 0xf; if (c === 0xe0) lo = 0xa0; else if (c === 0xed) hi = 0x9f; }
    else if (c >= 0xf0 && c <= 0xf4) { need = 3; cp = c & 7; if (c === 0xf0) lo = 0x90; else if (c === 0xf4) hi = 0x8f; }
    else { out += '\uFFFD'; continue; }
    let k = 0;
    for (; k < need && i < b.length && b[i] >= lo && b[i] <= hi; k++, i++) {
      cp = (cp << 6) | (b[i] & 0x3f);
      lo = 0x80; hi = 0xbf;
    }
    out += k === need ? String.fromCodePoint(cp) : '\uFFFD';
  }
  return out;
}

// ---- application/x-www-form-urlencoded ----

function formDecode(s) {
  if (s.indexOf('+') >= 0) s = s.replace(PLUS, ' ');
  return FORM_NEEDS_DECODE.test(s) ? utf8Decode(pctBytes(s)) : s;
}

function urlencodedParse(input) {
  let s;
  if (typeof input === 'string') s = toBinary(input);
  else {
    s = '';
    for (let i = 0; i < input.length; i += 8192) s += String.fromCharCode.apply(null, input.subarray(i, i + 8192));
  }
  // One test of the whole input spares a test of every name and value in the common case.
  const decode = FORM_NEEDS_DECODE.test(s) || s.indexOf('+') >= 0 ? formDecode : (x) => x;
  const out = [];
  const seqs = s.split('&');
  for (let i = 0; i < seqs.length; i++) {
    const seq = seqs[i];
    if (seq === '') continue;
    const eq = seq.indexOf('=');
    out.push(eq < 0 ? [decode(seq), ''] : [decode(seq.slice(0, eq)), decode(seq.slice(eq + 1))]);
  }
  return out;
}

function urlencodedSerialize(pairs) {
  let out = '';
  for (const [name, value] of pairs) {
    if (out !== '') out += '&';
    out += formEncode(name) + '=' + formEncode(value);
  }
  return out;
}
__kw.urlencodedParse = urlencodedParse;
__kw.urlencodedSerialize = urlencodedSerialize;

// ---- Hosts ----

function parseIPv4Number(s) {
  if (s === '') return NaN;
  let radix = 10;
  if (s.length > 1 && s[0] === '0') {
    if (s[1] === 'x' || s[1] === 'X') { s = s.slice(2); radix = 16; } else { s = s.slice(1); radix = 8; }
    if (s === '') return 0;
  }
  const ok = radix === 10 ? DIGITS : radix === 16 ? HEX_DIGITS : OCTAL_DIGITS;
  return ok.test(s) ? parseInt(s, radix) : NaN;
}

function endsInNumber(s) {
  const end = s.charCodeAt(s.length - 1) === 0x2e ? s.length - 1 : s.length;
  const last = s.slice(s.lastIndexOf('.', end - 1) + 1, end);
  const c = last.charCodeAt(0);
  // Every IPv4 number starts with a digit; most domains end in a label that does not.
  if (!(c >= 0x30 && c <= 0x39)) return false;
  return DIGITS.test(last) || !Number.isNaN(parseIPv4Number(last));
}

// Returns the serialized IPv4 address, or null on failure.
function parseIPv4(s) {
  const parts = s.split('.');
  if (parts[parts.length - 1] === '' && parts.length > 1) parts.pop();
  if (parts.length > 4) return null;
  const n = parts.length;
  let addr = 0;
  for (let i = 0; i < n; i++) {
    const v = parseIPv4Number(parts[i]);
    if (Number.isNaN(v)) return null;
    if (i < n - 1) {
      if (v > 255) return null;
      addr += v * 256 ** (3 - i);
    } else {
      if (v >= 256 ** (5 - n)) return null;
      addr += v;
    }
  }
  return `${Math.floor(addr / 16777216)}.${Math.floor(addr / 65536) % 256}.${Math.floor(addr / 256) % 256}.${addr % 256}`;
}

// Returns the eight 16-bit pieces, or null on failure.
function parseIPv6(input) {
  const a = [0, 0, 0, 0, 0, 0, 0, 0];
  const len = input.length;
  const at = (i) => (i < len ? input.charCodeAt(i) : -1);
  const isDigit = (c) => c >= 0x30 && c <= 0x39;
  let piece = 0, compress = -1, p = 0;
  if (at(0) === 0x3a) {
    if (at(1) !== 0x3a) return null;
    p = 2; compress = ++piece;
  }
  while (p < len) {
    if (piece === 8) return null;
    if (at(p) === 0x3a) {
      if (compress >= 0) return null;
      p++; compress = ++piece;
      continue;
    }
    let value = 0, length = 0;
    while (length < 4 && hexVal(at(p)) >= 0) { value = value * 16 + hexVal(at(p)); p++; length++; }
    if (at(p) === 0x2e) {
      if (length === 0 || piece > 6) return null;
      p -= length;
      let seen = 0;
      while (p < len) {
        if (seen > 0) {
          if (at(p) !== 0x2e || seen >= 4) return null;
          p++;
        }
        if (!isDigit(at(p))) return null;
        let v = -1;
        while (isDigit(at(p))) {
          const d = at(p) - 0x30;
          if (v === 0) return null;
          v = v < 0 ? d : v * 10 + d;
          if (v > 255) return null;
          p++;
        }
        a[piece] = a[piece] * 256 + v;
        seen++;
        if (seen === 2 || seen === 4) piece++;
      }
      if (seen !== 4) return null;
      break;
    } else if (at(p) === 0x3a) {
      if (++p >= len) return null;
    } else if (p < len) return null;
    a[piece++] = value;
  }
  if (compress >= 0) {
    let swaps = piece - compress;
    for (piece = 7; piece !== 0 && swaps > 0; piece--, swaps--) {
      const t = a[piece]; a[piece] = a[compress + swaps - 1]; a[compress + swaps - 1] = t;
    }
  } else if (piece !== 8) return null;
  return a;
}

function serializeIPv6(a) {
  let best = -1, bestLen = 1;
  for (let i = 0; i < 8;) {
    if (a[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && a[j] === 0) j++;
    if (j - i > bestLen) { best = i; bestLen = j - i; }
    i = j;
  }
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (i === best) { out += i === 0 ? '::' : ':'; i += bestLen - 1; continue; }
    out += a[i].toString(16);
    if (i !== 7) out += ':';
  }
  return out;
}

// Domain to ASCII (URL Standard) for a domain that is not ASCII or has a label starting with
// "xn--": UTS #46 ToASCII with its exact tables, in the host (wasmhost/svc_idna.go). Returns
// the ASCII domain, or null on failure.
function domainToASCII(domain) {
  const out = __kw.hostService('idna', domain);
  return out === undefined ? null : out;
}

// Host parser: returns the serialized host, or null on failure.
function parseHost(input, notSpecial) {
  if (input.charCodeAt(0) === 0x5b) {
    if (input.charCodeAt(input.length - 1) !== 0x5d) return null;
    const a = parseIPv6(input.slice(1, -1));
    return a && '[' + serializeIPv6(a) + ']';
  }
  if (notSpecial) return FORBIDDEN_HOST.test(input) ? null : encode(input, C0_SET);
  // Fast path: for lowercase ASCII letters, digits, '-' and '.' without "xn--", domain to
  // ASCII is the identity and no forbidden code point can occur.
  let ascii = input.toLowerCase();
  if (NOT_PLAIN_DOMAIN.test(ascii) || ascii.indexOf('xn--') >= 0) {
    const domain = input.indexOf('%') >= 0 ? utf8Decode(pctBytes(toBinary(input))) : input;
    // An ASCII domain without an "xn--" label maps to its lowercase (URL Standard, domain to
    // ASCII step 1); anything else goes to UTS #46 in the host.
    ascii = NON_ASCII.test(domain) || ACE_LABEL.test(domain) ? domainToASCII(domain) : domain.toLowerCase();
    if (ascii === null || ascii === '' || FORBIDDEN_DOMAIN.test(ascii)) return null;
  }
  return endsInNumber(ascii) ? parseIPv4(ascii) : ascii;
}

// ---- The basic URL parser ----

const S_SCHEME_START = 1, S_NO_SCHEME = 2, S_SPECIAL_RELATIVE_OR_AUTHORITY = 3, S_PATH_OR_AUTHORITY = 4,
  S_RELATIVE = 5, S_RELATIVE_SLASH = 6, S_SPECIAL_AUTHORITY_SLASHES = 7, S_SPECIAL_AUTHORITY_IGNORE_SLASHES = 8,
  S_AUTHORITY = 9, S_HOST = 10, S_HOSTNAME = 11, S_PORT = 12, S_FILE = 13, S_FILE_SLASH = 14, S_FILE_HOST = 15,
  S_PATH_START = 16, S_PATH = 17, S_OPAQUE_PATH = 18, S_QUERY = 19, S_FRAGMENT = 20;

const isAlpha = (c) => ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a);
const isWinDrive = (s) => s.length === 2 && isAlpha(s.charCodeAt(0)) && (s[1] === ':' || s[1] === '|');
const isNormWinDrive = (s) => s !== undefined && s.length === 2 && isAlpha(s.charCodeAt(0)) && s[1] === ':';

function startsWithWinDrive(s, p) {
  const rest = s.length - p;
  if (rest < 2 || !isWinDrive(s.slice(p, p + 2))) return false;
  if (rest === 2) return true;
  const c = s[p + 2];
  return c === '/' || c === '\\' || c === '?' || c === '#';
}

// 0 = not a dot segment, 1 = single-dot, 2 = double-dot.
function dotSegment(b) {
  if (b.length > 6 || b === '') return 0;
  const d = b.indexOf('%') >= 0 ? b.replace(PCT_DOTS, '.') : b;
  return d === '.' ? 1 : d === '..' ? 2 : 0;
}

function shortenPath(url) {
  const path = url.path;
  if (url.scheme === 'file' && path.length === 1 && isNormWinDrive(path[0])) return;
  path.pop();
}

const newRecord = () => ({ scheme: '', username: '', password: '', host: null, port: null, path: [], query: null, fragment: null });
const copyAuthority = (url, base) => {
  url.username = base.username; url.password = base.password; url.host = base.host; url.port = base.port;
};

// The index of the first of / ? # (and \ when special) at or after p, or s.length.
function authorityEnd(s, p, special) {
  let j = s.length, k;
  if ((k = s.indexOf('/', p)) >= 0) j = k;
  if ((k = s.indexOf('?', p)) >= 0 && k < j) j = k;
  if ((k = s.indexOf('#', p)) >= 0 && k < j) j = k;
  if (special && (k = s.indexOf('\\', p)) >= 0 && k < j) j = k;
  return j;
}

// Fast paths for the common shapes, where the parser would change nothing: a lowercase special
// scheme other than file, "//", a lowercase plain host, an optional port, and path, query and
// fragment without anything to percent-encode (and no backslash); or, against a special base
// other than file, a path-absolute input ("/a/b?q#f") of the same kind.
const FAST_URL = /^(https?|wss?|ftp):\/\/([a-z0-9.-]+)(?::([0-9]*))?(\/[^\x00-\x20"#<>?`{}\\\x7f-\uffff]*)?(?:\?([^\x00-\x20"#<>'\x7f-\uffff]*))?(?:#([^\x00-\x20"<>`\x7f-\uffff]*))?$/;
const FAST_PATH = /^(\/(?!\/)[^\x00-\x20"#<>?`{}\\\x7f-\uffff]*)(?:\?([^\x00-\x20"#<>'\x7f-\uffff]*))?(?:#([^\x00-\x20"<>`\x7f-\uffff]*))?$/;
const PCT_DOT = /%2e/i, PCT_DOTS = /%2e/gi;
const CANONICAL_IPV4 = /^(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$/;

// The segments of a fast-path path, or null when it may hold dot segments.
function fastSegments(path) {
  if (path === undefined) return [''];
  if (path.indexOf('/.') >= 0 || (path.indexOf('%') >= 0 && PCT_DOT.test(path))) return null;
  return path.slice(1).split('/');
}

// Returns the URL record for input if a fast path applies, else null (the full parser decides).
function fastParse(input, base) {
  let m = FAST_URL.exec(input);
  if (m) {
    const scheme = m[1], host = m[2];
    // Punycode and IPv4 addresses need the host parser, except an address already in its
    // serialized form (four decimal numbers 0-255 without leading zeros: 127.0.0.1, what
    // local servers are reached at), which the IPv4 parser would give back unchanged.
    if (host.indexOf('xn--') >= 0 || (endsInNumber(host) && !CANONICAL_IPV4.test(host))) return null;
    const path = fastSegments(m[4]);
    if (!path) return null;
    let port = null;
    if (m[3]) {
      port = parseInt(m[3], 10);
      if (port > 65535) return null;
      if (port === SPECIAL[scheme]) port = null;
    }
    return { scheme, username: '', password: '', host, port, path, query: m[5] ?? null, fragment: m[6] ?? null };
  }
  if (base && base.scheme !== 'file' && base.scheme in SPECIAL && (m = FAST_PATH.exec(input))) {
    const path = fastSegments(m[1]);
    if (!path) return null;
    return {
      scheme: base.scheme, username: base.username, password: base.password, host: base.host, port: base.port,
      path, query: m[2] ?? null, fragment: m[3] ?? null,
    };
  }
  return null;
}

// Returns the URL record, or null on failure. With `url` and `override`, updates url in place.
function basicParse(input, base, url, override) {
  if (!url) {
    const fast = fastParse(input, base);
    if (fast) return fast;
    url = newRecord();
    if (input.charCodeAt(0) <= 0x20 || input.charCodeAt(input.length - 1) <= 0x20) {
      input = input.replace(/^[\x00-\x20]+|[\x00-\x20]+$/g, '');
    }
  }
  if (input.indexOf('\t') >= 0 || input.indexOf('\n') >= 0 || input.indexOf('\r') >= 0) {
    input = input.replace(/[\t\n\r]/g, '');
  }
  const len = input.length;
  let state = override || S_SCHEME_START;
  let special = url.scheme in SPECIAL;
  let buffer = '';
  for (let p = 0; ; p++) {
    const c = p < len ? input.charCodeAt(p) : -1;
    switch (state) {
      case S_SCHEME_START: {
        // The scheme state, run over the whole scheme at once: it ends at the first ':'.
        const colon = input.indexOf(':');
        if (!isAlpha(c) || colon < 0 || !SCHEME.test(input.slice(0, colon))) {
          if (override) return null;
          state = S_NO_SCHEME;
          p--;
          break;
        }
        buffer = input.slice(0, colon).toLowerCase();
        p = colon;
        if (override) {
          if (special !== (buffer in SPECIAL)) return url;
          if ((url.username !== '' || url.password !== '' || url.port !== null) && buffer === 'file') return url;
          if (url.scheme === 'file' && url.host === '') return url;
          url.scheme = buffer;
          if (url.port === SPECIAL[buffer]) url.port = null;
          return url;
        }
        url.scheme = buffer;
        special = buffer in SPECIAL;
        buffer = '';
        if (url.scheme === 'file') state = S_FILE;
        else if (special) {
          state = base && base.scheme === url.scheme ? S_SPECIAL_RELATIVE_OR_AUTHORITY : S_SPECIAL_AUTHORITY_SLASHES;
        } else if (input.charCodeAt(p + 1) === 0x2f) { state = S_PATH_OR_AUTHORITY; p++; }
        else { url.path = ''; state = S_OPAQUE_PATH; }
        break;
      }

      case S_NO_SCHEME:
        if (!base || (typeof base.path === 'string' && c !== 0x23)) return null;
        url.scheme = base.scheme;
        special = url.scheme in SPECIAL;
        if (typeof base.path === 'string') {
          url.path = base.path; url.query = base.query; url.fragment = '';
          state = S_FRAGMENT;
        } else {
          state = base.scheme === 'file' ? S_FILE : S_RELATIVE;
          p--;
        }
        break;

      case S_SPECIAL_RELATIVE_OR_AUTHORITY:
        if (c === 0x2f && input.charCodeAt(p + 1) === 0x2f) { state = S_SPECIAL_AUTHORITY_IGNORE_SLASHES; p++; }
        else { state = S_RELATIVE; p--; }
        break;

      case S_PATH_OR_AUTHORITY:
        if (c === 0x2f) state = S_AUTHORITY;
        else { state = S_PATH; p--; }
        break;

      case S_RELATIVE:
        if (c === 0x2f || (c === 0x5c && special)) state = S_RELATIVE_SLASH;
        else {
          copyAuthority(url, base);
          url.path = base.path.slice();
          url.query = base.query;
          if (c === 0x3f) { url.query = ''; state = S_QUERY; }
          else if (c === 0x23) { url.fragment = ''; state = S_FRAGMENT; }
          else if (c !== -1) { url.query = null; shortenPath(url); state = S_PATH; p--; }
        }
        break;

      case S_RELATIVE_SLASH:
        if (special && (c === 0x2f || c === 0x5c)) state = S_SPECIAL_AUTHORITY_IGNORE_SLASHES;
        else if (c === 0x2f) state = S_AUTHORITY;
        else { copyAuthority(url, base); state = S_PATH; p--; }
        break;

      case S_SPECIAL_AUTHORITY_SLASHES:
        state = S_SPECIAL_AUTHORITY_IGNORE_SLASHES;
        if (c === 0x2f && input.charCodeAt(p + 1) === 0x2f) p++;
        else p--;
        break;

      case S_SPECIAL_AUTHORITY_IGNORE_SLASHES:
        if (c !== 0x2f && c !== 0x5c) { state = S_AUTHORITY; p--; }
        break;

      case S_AUTHORITY: {
        // The authority runs to the first / ? # (or \ when special); userinfo ends at its last @.
        const j = authorityEnd(input, p, special);
        const at = input.lastIndexOf('@', j - 1);
        if (at >= p) {
          if (at === j - 1) return null;
          const userinfo = input.slice(p, at);
          const colon = userinfo.indexOf(':');
          if (colon < 0) url.username += encode(userinfo, USERINFO_SET);
          else {
            url.username += encode(userinfo.slice(0, colon), USERINFO_SET);
            url.password += encode(userinfo.slice(colon + 1), USERINFO_SET);
          }
          p = at;
        } else p--;
        state = S_HOST;
        break;
      }

      case S_HOST:
      case S_HOSTNAME: {
        if (override && url.scheme === 'file') { p--; state = S_FILE_HOST; break; }
        // The host runs to the authority's end or to the first ':' outside brackets.
        let j = authorityEnd(input, p, special);
        const bracket = input.indexOf('[', p);
        if (bracket < 0 || bracket >= j) {
          const colon = input.indexOf(':', p);
          if (colon >= 0 && colon < j) j = colon;
        } else {
          for (let k = p, inside = false; k < j; k++) {
            const d = input.charCodeAt(k);
            if (d === 0x5b) inside = true;
            else if (d === 0x5d) inside = false;
            else if (d === 0x3a && !inside) { j = k; break; }
          }
        }
        buffer = input.slice(p, j);
        p = j;
        if (input.charCodeAt(p) === 0x3a) {
          if (buffer === '' || override === S_HOSTNAME) return null;
          const host = parseHost(buffer, !special);
          if (host === null) return null;
          url.host = host;
          buffer = '';
          state = S_PORT;
        } else {
          p--;
          if (special && buffer === '') return null;
          if (override && buffer === '' && (url.username !== '' || url.password !== '' || url.port !== null)) return null;
          const host = parseHost(buffer, !special);
          if (host === null) return null;
          url.host = host;
          buffer = '';
          state = S_PATH_START;
          if (override) return url;
        }
        break;
      }

      case S_PORT: {
        let j = p;
        while (j < len && input.charCodeAt(j) >= 0x30 && input.charCodeAt(j) <= 0x39) j++;
        const d = j < len ? input.charCodeAt(j) : -1;
        if (d === -1 || d === 0x2f || d === 0x3f || d === 0x23 || (d === 0x5c && special) || override) {
          if (j > p) {
            const port = parseInt(input.slice(p, j), 10);
            if (port > 65535) return null;
            url.port = port === SPECIAL[url.scheme] ? null : port;
          }
          if (override) return url;
          state = S_PATH_START;
          p = j - 1;
        } else return null;
        break;
      }

      case S_FILE:
        url.scheme = 'file';
        special = true;
        url.host = '';
        if (c === 0x2f || c === 0x5c) state = S_FILE_SLASH;
        else if (base && base.scheme === 'file') {
          url.host = base.host;
          url.path = base.path.slice();
          url.query = base.query;
          if (c === 0x3f) { url.query = ''; state = S_QUERY; }
          else if (c === 0x23) { url.fragment = ''; state = S_FRAGMENT; }
          else if (c !== -1) {
            url.query = null;
            if (!startsWithWinDrive(input, p)) shortenPath(url);
            else url.path = [];
            state = S_PATH; p--;
          }
        } else { state = S_PATH; p--; }
        break;

      case S_FILE_SLASH:
        if (c === 0x2f || c === 0x5c) state = S_FILE_HOST;
        else {
          if (base && base.scheme === 'file') {
            url.host = base.host;
            if (!startsWithWinDrive(input, p) && isNormWinDrive(base.path[0])) url.path.push(base.path[0]);
          }
          state = S_PATH; p--;
        }
        break;

      case S_FILE_HOST: {
        const j = authorityEnd(input, p, true);
        buffer = input.slice(p, j);
        p = j - 1;
        if (!override && isWinDrive(buffer)) state = S_PATH; // the drive letter stays in buffer
        else if (buffer === '') {
          url.host = '';
          if (override) return url;
          state = S_PATH_START;
        } else {
          let host = parseHost(buffer, false);
          if (host === null) return null;
          if (host === 'localhost') host = '';
          url.host = host;
          if (override) return url;
          buffer = '';
          state = S_PATH_START;
        }
        break;
      }

      case S_PATH_START:
        if (special) {
          state = S_PATH;
          if (c !== 0x2f && c !== 0x5c) p--;
        } else if (!override && c === 0x3f) { url.query = ''; state = S_QUERY; }
        else if (!override && c === 0x23) { url.fragment = ''; state = S_FRAGMENT; }
        else if (c !== -1) {
          state = S_PATH;
          if (c !== 0x2f) p--;
        } else if (override && url.host === null) url.path.push('');
        break;

      case S_PATH: {
        // The path state, run over the whole path at once: segments end at '/' (and '\' when
        // special); the path ends at '?' or '#' (unless overridden) or at the end.
        let j = len, k;
        if (!override) {
          if ((k = input.indexOf('?', p)) >= 0) j = k;
          if ((k = input.indexOf('#', p)) >= 0 && k < j) j = k;
        }
        const region = input.slice(p, j);
        const segments = special && region.indexOf('\\') >= 0 ? region.split(/[/\\]/) : region.split('/');
        segments[0] = buffer + segments[0];
        buffer = '';
        const encodeAll = PATH_SET.test.test(region);
        const path = url.path;
        for (let i = 0, last = segments.length - 1; i <= last; i++) {
          let seg = segments[i];
          const dots = dotSegment(seg);
          if (dots === 2) {
            shortenPath(url);
            if (i === last) path.push('');
          } else if (dots === 1) {
            if (i === last) path.push('');
          } else {
            if (path.length === 0 && url.scheme === 'file' && isWinDrive(seg)) seg = seg[0] + ':';
            path.push(encodeAll ? encode(seg, PATH_SET) : seg);
          }
        }
        p = j;
        if (p < len) {
          if (input.charCodeAt(p) === 0x3f) { url.query = ''; state = S_QUERY; }
          else { url.fragment = ''; state = S_FRAGMENT; }
        }
        break;
      }

      case S_OPAQUE_PATH: {
        let j = len, k;
        if ((k = input.indexOf('?', p)) >= 0) j = k;
        if ((k = input.indexOf('#', p)) >= 0 && k < j) j = k;
        url.path += encode(input.slice(p, j), C0_SET);
        p = j;
        if (p < len) {
          if (input.charCodeAt(p) === 0x3f) { url.query = ''; state = S_QUERY; }
          else { url.fragment = ''; state = S_FRAGMENT; }
        }
        break;
      }

      case S_QUERY: {
        let j = override ? -1 : input.indexOf('#', p);
        if (j < 0) j = len;
        url.query += encode(input.slice(p, j), special ? SPECIAL_QUERY_SET : QUERY_SET);
        p = j;
        if (p < len) { url.fragment = ''; state = S_FRAGMENT; }
        break;
      }

      case S_FRAGMENT:
        url.fragment += encode(input.slice(p), FRAGMENT_SET);
        p = len;
        break;
    }
    if (p >= len) break;
  }
  return url;
}

const pathString = (r) => (typeof r.path === 'string' ? r.path : r.path.length ? '/' + r.path.join('/') : '');

function serialize(r) {
  let out = r.scheme + ':';
  if (r.host !== null) {
    out += '//';
    if (r.username !== '' || r.password !== '') {
      out += r.username;
      if (r.password !== '') out += ':' + r.password;
      out += '@';
    }
    out += r.host;
    if (r.port !== null) out += ':' + r.port;
  } else if (typeof r.path !== 'string' && r.path.length > 1 && r.path[0] === '') out += '/.';
  out += pathString(r);
  if (r.query !== null) out += '?' + r.query;
  if (r.fragment !== null) out += '#' + r.fragment;
  return out;
}

function origin(r) {
  switch (r.scheme) {
    case 'blob': {
      const inner = typeof r.path === 'string' || r.path.length ? basicParse(pathString(r), null) : null;
      return inner && (inner.scheme === 'http' || inner.scheme === 'https') ? origin(inner) : 'null';
    }
    case 'ftp': case 'http': case 'https': case 'ws': case 'wss':
      return r.scheme + '://' + r.host + (r.port !== null ? ':' + r.port : '');
    default:
      return 'null';
  }
}

function stripTrailingSpaces(r) {
  if (typeof r.path === 'string' && r.fragment === null && r.query === null) r.path = r.path.replace(/ +$/, '');
}

const cannotHaveCredentials = (r) => r.host === null || r.host === '' || r.scheme === 'file';

function parseOrNull(url, base) {
  let b = null;
  if (base !== undefined) {
    b = basicParse(toUSV(base), null);
    if (!b) return null;
  }
  return basicParse(toUSV(url), b);
}

function needArgs(n, have, what) {
  if (have < n) throw new TypeError(`${what}: ${n} argument${n > 1 ? 's' : ''} required, but only ${have} present.`);
}

// Bridges between the two classes' private state, set in their static blocks.
let paramsCreate, paramsReset, urlSetQuery;

class URL {
  #r;
  #params = null;

  constructor(url, base = undefined) {
    needArgs(1, arguments.length, "Failed to construct 'URL'");
    const r = parseOrNull(url, base);
    if (!r) throw new TypeError('Invalid URL');
    this.#r = r;
  }

  static parse(url, base = undefined) {
    needArgs(1, arguments.length, "Failed to execute 'parse' on 'URL'");
    const r = parseOrNull(url, base);
    return r && new URL(serialize(r));
  }

  static canParse(url, base = undefined) {
    needArgs(1, arguments.length, "Failed to execute 'canParse' on 'URL'");
    return parseOrNull(url, base) !== null;
  }

  static {
    urlSetQuery = (u, q) => {
      u.#r.query = q;
      if (q === null) stripTrailingSpaces(u.#r);
    };
  }

  toString() { return serialize(this.#r); }

  get href() { return serialize(this.#r); }
  set href(v) {
    const r = basicParse(toUSV(v), null);
    if (!r) throw new TypeError('Invalid URL');
    this.#r = r;
    if (this.#params) paramsReset(this.#params, r.query);
  }

  get origin() { return origin(this.#r); }

  get protocol() { return this.#r.scheme + ':'; }
  set protocol(v) { basicParse(toUSV(v) + ':', null, this.#r, S_SCHEME_START); }

  get username() { return this.#r.username; }
  set username(v) {
    v = toUSV(v);
    if (!cannotHaveCredentials(this.#r)) this.#r.username = encode(v, USERINFO_SET);
  }

  get password() { return this.#r.password; }
  set password(v) {
    v = toUSV(v);
    if (!cannotHaveCredentials(this.#r)) this.#r.password = encode(v, USERINFO_SET);
  }

  get host() {
    const r = this.#r;
    if (r.host === null) return '';
    return r.port === null ? r.host : r.host + ':' + r.port;
  }
  set host(v) {
    v = toUSV(v);
    if (typeof this.#r.path !== 'string') basicParse(v, null, this.#r, S_HOST);
  }

  get hostname() { return this.#r.host === null ? '' : this.#r.host; }
  set hostname(v) {
    v = toUSV(v);
    if (typeof this.#r.path !== 'string') basicParse(v, null, this.#r, S_HOSTNAME);
  }

  get port() { return this.#r.port === null ? '' : String(this.#r.port); }
  set port(v) {
    v = toUSV(v);
    const r = this.#r;
    if (cannotHaveCredentials(r)) return;
    if (v === '') r.port = null;
    else basicParse(v, null, r, S_PORT);
  }

  get pathname() { return pathString(this.#r); }
  set pathname(v) {
    v = toUSV(v);
    const r = this.#r;
    if (typeof r.path === 'string') return;
    r.path = [];
    basicParse(v, null, r, S_PATH_START);
  }

  get search() {
    const q = this.#r.query;
    return q === null || q === '' ? '' : '?' + q;
  }
  set search(v) {
    v = toUSV(v);
    const r = this.#r;
    if (v === '') {
      r.query = null;
      stripTrailingSpaces(r);
      if (this.#params) paramsReset(this.#params, null);
      return;
    }
    if (v[0] === '?') v = v.slice(1);
    r.query = '';
    basicParse(v, null, r, S_QUERY);
    if (this.#params) paramsReset(this.#params, v);
  }

  get searchParams() {
    return this.#params || (this.#params = paramsCreate(this, this.#r.query));
  }

  get hash() {
    const f = this.#r.fragment;
    return f === null || f === '' ? '' : '#' + f;
  }
  set hash(v) {
    v = toUSV(v);
    const r = this.#r;
    if (v === '') {
      r.fragment = null;
      stripTrailingSpaces(r);
      return;
    }
    if (v[0] === '#') v = v.slice(1);
    r.fragment = '';
    basicParse(v, null, r, S_FRAGMENT);
  }

  toJSON() { return serialize(this.#r); }
}

let paramsList;

class URLSearchParams {
  #list = [];
  #url = null;

  constructor(init = undefined) {
    if (init === undefined || init === null) return; // null as Node does (Web IDL would stringify it)
    if (typeof init === 'object' || typeof init === 'function') {
      const method = init[Symbol.iterator];
      if (method !== undefined && method !== null) {
        if (typeof method !== 'function') throw new TypeError('Query pairs must be iterable');
        for (const pair of { [Symbol.iterator]: () => method.call(init) }) {
          if (pair === null || (typeof pair !== 'object' && typeof pair !== 'function')) {
            throw new TypeError('Each query pair must be an iterable [name, value] tuple');
          }
          const kv = [...pair];
          if (kv.length !== 2) throw new TypeError('Each query pair must be an iterable [name, value] tuple');
          this.#list.push([toUSV(kv[0]), toUSV(kv[1])]);
        }
      } else {
        for (const key of Reflect.ownKeys(init)) {
          const d = Reflect.getOwnPropertyDescriptor(init, key);
          if (d === undefined || !d.enumerable) continue;
          const name = toUSV(key), value = toUSV(init[key]);
          const existing = this.#list.find((e) => e[0] === name);
          if (existing) existing[1] = value;
          else this.#list.push([name, value]);
        }
      }
    } else {
      init = toUSV(init);
      this.#list = urlencodedParse(init[0] === '?' ? init.slice(1) : init);
    }
  }

  static {
    paramsCreate = (url, query) => {
      const p = new URLSearchParams();
      p.#url = url;
      if (query) p.#list = urlencodedParse(query);
      return p;
    };
    paramsReset = (p, query) => { p.#list = query ? urlencodedParse(query) : []; };
    paramsList = (p) => p.#list;
  }

  #update() {
    if (this.#url) {
      const s = urlencodedSerialize(this.#list);
      urlSetQuery(this.#url, s === '' ? null : s);
    }
  }

  get size() { return this.#list.length; }

  append(name, value) {
    needArgs(2, arguments.length, "Failed to execute 'append' on 'URLSearchParams'");
    this.#list.push([toUSV(name), toUSV(value)]);
    this.#update();
  }

  delete(name, value = undefined) {
    needArgs(1, arguments.length, "Failed to execute 'delete' on 'URLSearchParams'");
    name = toUSV(name);
    if (value === undefined) this.#list = this.#list.filter((e) => e[0] !== name);
    else {
      value = toUSV(value);
      this.#list = this.#list.filter((e) => e[0] !== name || e[1] !== value);
    }
    this.#update();
  }

  get(name) {
    needArgs(1, arguments.length, "Failed to execute 'get' on 'URLSearchParams'");
    name = toUSV(name);
    const list = this.#list;
    for (let i = 0; i < list.length; i++) if (list[i][0] === name) return list[i][1];
    return null;
  }

  getAll(name) {
    needArgs(1, arguments.length, "Failed to execute 'getAll' on 'URLSearchParams'");
    name = toUSV(name);
    return this.#list.filter((e) => e[0] === name).map((e) => e[1]);
  }

  has(name, value = undefined) {
    needArgs(1, arguments.length, "Failed to execute 'has' on 'URLSearchParams'");
    name = toUSV(name);
    if (value === undefined) return this.#list.some((e) => e[0] === name);
    value = toUSV(value);
    return this.#list.some((e) => e[0] === name && e[1] === value);
  }

  set(name, value) {
    needArgs(2, arguments.length, "Failed to execute 'set' on 'URLSearchParams'");
    name = toUSV(name);
    value = toUSV(value);
    const list = this.#list;
    const i = list.findIndex((e) => e[0] === name);
    if (i < 0) list.push([name, value]);
    else {
      list[i][1] = value;
      this.#list = list.filter((e, j) => j <= i || e[0] !== name);
    }
    this.#update();
  }

  sort() {
    this.#list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    this.#update();
  }

  entries() { return new ParamsIterator(this, 2); }

  forEach(callback, thisArg = undefined) {
    if (typeof callback !== 'function') throw new TypeError('The "callback" argument must be of type function');
    for (let i = 0; i < this.#list.length; i++) {
      const e = this.#list[i];
      callback.call(thisArg, e[1], e[0], this);
    }
  }

  keys() { return new ParamsIterator(this, 0); }

  values() { return new ParamsIterator(this, 1); }

  toString() { return urlencodedSerialize(this.#list); }
}

// Web IDL pair iterator: live over the current list; kind 0 keys, 1 values, 2 entries.
class ParamsIterator {
  #params; #kind; #i = 0;
  constructor(params, kind) { this.#params = params; this.#kind = kind; }
  next() {
    const list = paramsList(this.#params);
    if (this.#i >= list.length) return { value: undefined, done: true };
    const e = list[this.#i++];
    return { value: this.#kind === 2 ? [e[0], e[1]] : e[this.#kind], done: false };
  }
}
Object.setPrototypeOf(ParamsIterator.prototype, Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())));
delete ParamsIterator.prototype.constructor;
__kw.webidlClass(ParamsIterator, 'URLSearchParams Iterator');

__kw.webidlClass(URL);
__kw.webidlClass(URLSearchParams);
Object.defineProperty(URLSearchParams.prototype, Symbol.iterator, {
  value: URLSearchParams.prototype.entries, writable: true, enumerable: false, configurable: true,
});
__kw.defineGlobal('URL', URL);
__kw.defineGlobal('URLSearchParams', URLSearchParams);
