// console (WHATWG Console Standard), writing through the host log, with Node-style formatting:
// %s %d %i %f %j %o %O %c %% substitutions and values shown the way Node's util.inspect shows
// them (single-line when short, nested objects to depth 2, [Circular *n], Map(n) {...}, ...).
//
// Defines on __kw:
//   __kw.format(...args) -> string: the text console.log(...args) writes (Node's util.format).
//   __kw.inspect(value, {depth}) -> string: one value shown as console.log shows it nested.

const IDENT = /^[a-zA-Z_][a-zA-Z_0-9]*$/;
const BREAK_LENGTH = 80; // line width before an object is split over lines
const MAX_ITEMS = 100; // array, set and map entries shown
const MAX_STRING = 10000; // characters of a string shown
// Constructors whose toString is the built-in one (for %s).
const BUILTIN_TO_STRING = new Set(['Object', 'Function', 'Array', 'Number', 'Boolean', 'String', 'Symbol',
  'BigInt', 'Date', 'RegExp', 'Error']);

function escapeString(str) {
  let quote = "'";
  if (str.includes("'")) {
    if (!str.includes('"')) quote = '"';
    else if (!str.includes('`') && !str.includes('${')) quote = '`';
  }
  const escaped = str.replace(/[\x00-\x1f\x7f\\'"`]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (c) => {
    if (c.length === 1 && (c === '"' || c === '`' || c === "'") && c !== quote) return c;
    switch (c) {
      case '\\': return '\\\\';
      case '\b': return '\\b';
      case '\t': return '\\t';
      case '\n': return '\\n';
      case '\f': return '\\f';
      case '\r': return '\\r';
      case quote: return '\\' + quote;
    }
    const code = c.charCodeAt(0);
    return code < 0x100 ? '\\x' + code.toString(16).toUpperCase().padStart(2, '0') : '\\u' + code.toString(16);
  });
  return quote + escaped + quote;
}

function formatNumber(n) { return Object.is(n, -0) ? '-0' : `${n}`; }

function formatPrimitive(ctx, v) {
  switch (typeof v) {
    case 'string': {
      let extra = '';
      if (v.length > MAX_STRING) {
        extra = `... ${v.length - MAX_STRING} more character${v.length - MAX_STRING > 1 ? 's' : ''}`;
        v = v.slice(0, MAX_STRING);
      }
      // Long strings nested in objects are split after their line breaks.
      if (ctx.indentationLvl && v.length > 16 && v.length > BREAK_LENGTH - ctx.indentationLvl - 4) {
        return v.split(/(?<=\n)/).map(escapeString).join(` +\n${' '.repeat(ctx.indentationLvl + 2)}`) + extra;
      }
      return escapeString(v) + extra;
    }
    case 'number': return formatNumber(v);
    case 'bigint': return `${v}n`;
    case 'symbol': return v.toString();
    default: return `${v}`;
  }
}

// The name of the nearest constructor on the prototype chain, or null for a null prototype.
function constructorName(obj) {
  for (let o = obj; o !== null; o = Object.getPrototypeOf(o)) {
    const d = Object.getOwnPropertyDescriptor(o, 'constructor');
    if (d && typeof d.value === 'function' && d.value.name !== '') return d.value.name;
  }
  return null;
}

function prefix(ctor, tag, fallback, size = '') {
  if (ctor === null) {
    return tag !== '' && fallback !== tag ? `[${fallback}${size}: null prototype] [${tag}] ` : `[${fallback}${size}: null prototype] `;
  }
  return tag !== '' && ctor !== tag ? `${ctor}${size} [${tag}] ` : `${ctor}${size} `;
}

function isIndex(key) { return /^(0|[1-9][0-9]*)$/.test(key) && Number(key) < 4294967295; }

function ownKeys(v, skipIndices) {
  const keys = Object.keys(v);
  const out = skipIndices ? keys.filter((k) => !isIndex(k)) : keys;
  for (const s of Object.getOwnPropertySymbols(v)) {
    if (Object.prototype.propertyIsEnumerable.call(v, s)) out.push(s);
  }
  return out;
}

function tryBrand(fn, v) { try { fn.call(v); return true; } catch { return false; } }
let brandOf;
function brands() {
  const get = (C, k) => Object.getOwnPropertyDescriptor(C.prototype, k).get;
  brandOf = {
    Map: get(Map, 'size'), Set: get(Set, 'size'), Date: Date.prototype.getTime, RegExp: get(RegExp, 'source'),
    ArrayBuffer: get(ArrayBuffer, 'byteLength'), Number: Number.prototype.valueOf, String: String.prototype.valueOf,
    Boolean: Boolean.prototype.valueOf, BigInt: BigInt.prototype.valueOf, Symbol: Symbol.prototype.valueOf,
    TypedArray: Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag).get,
  };
  return brandOf;
}

function formatValue(ctx, v, level) {
  if ((typeof v !== 'object' && typeof v !== 'function') || v === null) return formatPrimitive(ctx, v);
  if (ctx.seen.includes(v)) {
    let index = ctx.circular.get(v);
    if (index === undefined) { index = ctx.circular.size + 1; ctx.circular.set(v, index); }
    return `[Circular *${index}]`;
  }
  return formatObject(ctx, v, level);
}

function functionBase(fn, ctor, tag) {
  const src = Function.prototype.toString.call(fn);
  if (src.startsWith('class') && src.endsWith('}')) {
    let base = `[class ${fn.name || '(anonymous)'}`;
    const sup = Object.getPrototypeOf(fn);
    if (sup !== Function.prototype && sup !== null && sup.name) base += ` extends ${sup.name}`;
    return base + ']';
  }
  const type = ctor === 'AsyncFunction' || ctor === 'GeneratorFunction' || ctor === 'AsyncGeneratorFunction' ? ctor : 'Function';
  let base = `[${type}${ctor === null ? ' (null prototype)' : ''}${fn.name ? `: ${fn.name}` : ' (anonymous)'}]`;
  if (ctor !== type && ctor !== null) base += ` ${ctor}`;
  if (tag !== '' && ctor !== tag) base += ` [${tag}]`;
  return base;
}

function errorBase(ctx, err) {
  let stack = typeof err.stack === 'string' && err.stack ? err.stack : Error.prototype.toString.call(err);
  // Engines without V8's stack format start the stack at the first frame.
  if (/^\s+at /.test(stack)) stack = `${Error.prototype.toString.call(err)}\n${stack}`;
  stack = stack.replace(/\n+$/, '');
  if (!/\n\s+at /.test(stack)) stack = `[${stack}]`;
  if (ctx.indentationLvl) stack = stack.replace(/\n/g, `\n${' '.repeat(ctx.indentationLvl)}`);
  return stack;
}

function formatObject(ctx, v, level) {
  const b = brandOf || brands();
  const ctor = constructorName(v);
  let tag = v[Symbol.toStringTag];
  if (typeof tag !== 'string' || tag === ctor || (tag !== '' && Object.prototype.propertyIsEnumerable.call(v, Symbol.toStringTag))) tag = '';
  let base = '';
  let braces;
  let isArrayLike = false;
  let entries; // (ctx, level) -> array of strings for the contents before the keys
  let keys;
  const typedTag = ArrayBuffer.isView(v) ? b.TypedArray.call(v) : undefined;
  if (Array.isArray(v)) {
    keys = ownKeys(v, true);
    const p = ctor !== 'Array' || tag !== '' ? prefix(ctor, tag, 'Array', `(${v.length})`) : '';
    braces = [`${p}[`, ']'];
    if (v.length === 0 && keys.length === 0) return `${braces[0]}]`;
    isArrayLike = true;
    entries = () => formatArray(ctx, v, level);
  } else if (typedTag) {
    keys = ownKeys(v, true);
    braces = [`${prefix(ctor, tag, typedTag, `(${v.length})`)}[`, ']'];
    if (v.length === 0 && keys.length === 0) return `${braces[0]}]`;
    isArrayLike = true;
    entries = () => {
      const out = [];
      const n = Math.min(v.length, MAX_ITEMS);
      for (let i = 0; i < n; i++) out.push(typeof v[i] === 'bigint' ? `${v[i]}n` : formatNumber(v[i]));
      if (v.length > n) out.push(more(v.length - n));
      return out;
    };
  } else if (tryBrand(b.Set, v)) {
    keys = ownKeys(v);
    const size = b.Set.call(v);
    const p = prefix(ctor, tag, 'Set', `(${size})`);
    if (size === 0 && keys.length === 0) return `${p}{}`;
    braces = [`${p}{`, '}'];
    entries = () => collection(ctx, Set.prototype.values.call(v), size, (x) => formatValue(ctx, x, level));
  } else if (tryBrand(b.Map, v)) {
    keys = ownKeys(v);
    const size = b.Map.call(v);
    const p = prefix(ctor, tag, 'Map', `(${size})`);
    if (size === 0 && keys.length === 0) return `${p}{}`;
    braces = [`${p}{`, '}'];
    entries = () => collection(ctx, Map.prototype.entries.call(v), size,
      ([k, x]) => `${formatValue(ctx, k, level)} => ${formatValue(ctx, x, level)}`);
  } else {
    keys = ownKeys(v);
    braces = ['{', '}'];
    if (typeof v === 'function') {
      base = functionBase(v, ctor, tag);
      if (keys.length === 0) return base;
    } else if (tryBrand(b.RegExp, v) && !(v === RegExp.prototype)) {
      base = RegExp.prototype.toString.call(v);
      const p = prefix(ctor, tag, 'RegExp');
      if (p !== 'RegExp ') base = p + base;
      if (keys.length === 0) return base;
    } else if (tryBrand(b.Date, v)) {
      const t = b.Date.call(v);
      base = Number.isNaN(t) ? 'Invalid Date' : Date.prototype.toISOString.call(v);
      const p = prefix(ctor, tag, 'Date');
      if (p !== 'Date ') base = p + base;
      if (keys.length === 0) return base;
    } else if (v instanceof Error || Object.prototype.toString.call(v) === '[object Error]') {
      base = errorBase(ctx, v);
      for (const k of ['cause', 'errors']) {
        if (Object.prototype.hasOwnProperty.call(v, k) && !keys.includes(k)) keys.push({ hidden: k });
      }
      if (keys.length === 0) return base;
    } else if (tryBrand(b.ArrayBuffer, v)) {
      const bytes = new Uint8Array(v, 0, Math.min(v.byteLength, 50));
      let hex = Array.from(bytes, (x) => x.toString(16).padStart(2, '0')).join(' ');
      if (v.byteLength > 50) hex += ` ... ${v.byteLength - 50} more byte${v.byteLength - 50 > 1 ? 's' : ''}`;
      braces[0] = `${prefix(ctor, tag, 'ArrayBuffer')}{`;
      entries = () => [`[Uint8Contents]: <${hex}>`, `[byteLength]: ${v.byteLength}`];
    } else if (['Number', 'String', 'Boolean', 'BigInt', 'Symbol'].some((k) => tryBrand(b[k], v) && (base = k))) {
      const prim = b[base].call(v);
      if (base === 'String') keys = keys.filter((k) => typeof k !== 'string' || !isIndex(k));
      base = `[${base}${ctor !== base ? ` (${ctor})` : ''}: ${formatPrimitive({ indentationLvl: 0 }, prim)}]`;
      if (tag !== '' && tag !== ctor) base += ` [${tag}]`;
      if (keys.length === 0) return base;
    } else if (v instanceof WeakMap || v instanceof WeakSet) {
      return `${prefix(ctor, tag, 'Object')}{ <items unknown> }`;
    } else {
      if (ctor !== 'Object' || tag !== '') braces[0] = `${prefix(ctor, tag, 'Object')}{`;
      if (keys.length === 0) return `${braces[0]}}`;
    }
  }
  if (level > ctx.depth) {
    const name = prefix(ctor, tag, 'Object').slice(0, -1);
    return ctor === null ? name : `[${name}]`;
  }
  level++;
  ctx.seen.push(v);
  ctx.currentDepth = level;
  const output = entries ? entries() : [];
  for (const key of keys) output.push(formatProperty(ctx, v, level, key, isArrayLike));
  ctx.seen.pop();
  const ref = ctx.circular.get(v);
  if (ref !== undefined) base = base === '' ? `<ref *${ref}>` : `<ref *${ref}> ${base}`;
  return reduce(ctx, output, base, braces, isArrayLike, level, v);
}

function more(n) { return `... ${n} more item${n > 1 ? 's' : ''}`; }

function collection(ctx, iterator, size, show) {
  ctx.indentationLvl += 2;
  const out = [];
  for (const item of iterator) {
    if (out.length === MAX_ITEMS) break;
    out.push(show(item));
  }
  if (size > MAX_ITEMS) out.push(more(size - MAX_ITEMS));
  ctx.indentationLvl -= 2;
  return out;
}

function formatArray(ctx, v, level) {
  const out = [];
  const len = v.length;
  let i = 0;
  for (; i < len && out.length < MAX_ITEMS; i++) {
    if (!Object.prototype.hasOwnProperty.call(v, i)) {
      let j = i;
      while (j < len && !Object.prototype.hasOwnProperty.call(v, j)) j++;
      out.push(`<${j - i} empty item${j - i > 1 ? 's' : ''}>`);
      i = j - 1;
      continue;
    }
    out.push(formatProperty(ctx, v, level, String(i), true, true));
  }
  if (i < len) out.push(more(len - i));
  return out;
}

function formatProperty(ctx, v, level, key, inArray, isElement = false) {
  let name;
  if (typeof key === 'object') { name = `[${key.hidden}]`; key = key.hidden; }
  const d = Object.getOwnPropertyDescriptor(v, key) || { value: v[key] };
  let str;
  if (d.value !== undefined) {
    ctx.indentationLvl += 2;
    str = formatValue(ctx, d.value, level);
    ctx.indentationLvl -= 2;
  } else if (d.get) str = d.set ? '[Getter/Setter]' : '[Getter]';
  else str = d.set ? '[Setter]' : 'undefined';
  if (isElement) return str;
  if (name === undefined) {
    if (typeof key === 'symbol') name = `[${key.toString()}]`;
    else name = IDENT.test(key) ? key : escapeString(key);
  }
  return `${name}: ${str}`;
}

// Joins the entries on one line when they are few, shallow and short; otherwise one per line
// (arrays with more than six entries are first laid out in aligned columns).
function reduce(ctx, output, base, braces, isArrayLike, level, value) {
  const count = output.length;
  if (isArrayLike && count > 6) output = columns(ctx, output, value);
  if (ctx.currentDepth - level < 3 && count === output.length) {
    const start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
    let total = output.length + start;
    let fits = total + output.length <= BREAK_LENGTH;
    for (let i = 0; fits && i < output.length; i++) {
      total += output[i].length;
      if (total > BREAK_LENGTH) fits = false;
    }
    if (fits && !base.includes('\n')) {
      const joined = output.join(', ');
      if (!joined.includes('\n')) return `${base ? `${base} ` : ''}${braces[0]} ${joined} ${braces[1]}`;
    }
  }
  const indent = `\n${' '.repeat(ctx.indentationLvl)}`;
  return `${base ? `${base} ` : ''}${braces[0]}${indent}  ${output.join(`,${indent}  `)}${indent}${braces[1]}`;
}

// Lays out many short array entries in rows of aligned columns, about as wide as high.
function columns(ctx, output, value) {
  let n = output.length;
  if (/^\.\.\. \d+ more item/.test(output[n - 1])) n--;
  let total = 0, longest = 0;
  for (let i = 0; i < n; i++) {
    total += output[i].length + 2;
    longest = Math.max(longest, output[i].length);
  }
  const width = longest + 2;
  if (width * 3 + ctx.indentationLvl >= BREAK_LENGTH || (total / width <= 5 && longest > 6)) return output;
  const bias = Math.sqrt(width - total / output.length);
  const biased = Math.max(width - 3 - bias, 1);
  const cols = Math.min(Math.round(Math.sqrt(2.5 * biased * n) / biased),
    Math.floor((BREAK_LENGTH - ctx.indentationLvl) / width), 12);
  if (cols <= 1) return output;
  const colWidth = [];
  for (let c = 0; c < cols; c++) {
    let w = 0;
    for (let j = c; j < n; j += cols) w = Math.max(w, output[j].length);
    colWidth.push(w + 2);
  }
  let numeric = true;
  for (let i = 0; i < output.length; i++) {
    if (typeof value[i] !== 'number' && typeof value[i] !== 'bigint') { numeric = false; break; }
  }
  const rows = [];
  for (let i = 0; i < n; i += cols) {
    const last = Math.min(i + cols, n) - 1;
    let row = '';
    for (let j = i; j < last; j++) {
      row += numeric ? `${output[j]}, `.padStart(colWidth[j - i]) : `${output[j]}, `.padEnd(colWidth[j - i]);
    }
    row += numeric ? output[last].padStart(colWidth[last - i] - 2) : output[last];
    rows.push(row);
  }
  if (n < output.length) rows.push(output[n]);
  return rows;
}

function inspect(value, opts = {}) {
  const ctx = {
    depth: opts.depth === undefined ? 2 : opts.depth === null ? Infinity : opts.depth,
    seen: [], circular: new Map(), indentationLvl: 0, currentDepth: 0,
  };
  return formatValue(ctx, value, 0);
}

function hasBuiltinToString(v) {
  if (typeof v.toString !== 'function') return true;
  if (Object.prototype.hasOwnProperty.call(v, 'toString')) return false;
  let p = v;
  do { p = Object.getPrototypeOf(p); } while (p !== null && !Object.prototype.hasOwnProperty.call(p, 'toString'));
  const d = p && Object.getOwnPropertyDescriptor(p, 'constructor');
  return d !== undefined && d !== null && typeof d.value === 'function' && BUILTIN_TO_STRING.has(d.value.name);
}

function format(...args) {
  const first = args[0];
  let a = 0, str = '', join = '';
  if (typeof first === 'string') {
    if (args.length === 1) return first;
    let last = 0;
    for (let i = 0; i < first.length - 1; i++) {
      if (first.charCodeAt(i) !== 37) continue; // '%'
      const c = first[++i];
      let out;
      if (a + 1 !== args.length) {
        switch (c) {
          case 's': {
            const x = args[++a];
            out = typeof x === 'number' ? formatNumber(x) : typeof x === 'bigint' ? `${x}n`
              : typeof x !== 'object' || x === null || !hasBuiltinToString(x) ? String(x) : inspect(x, { depth: 0 });
            break;
          }
          case 'j':
            try { out = JSON.stringify(args[++a]); } catch (e) {
              if (!(e instanceof TypeError) || !/circular|cyclic/i.test(e.message)) throw e;
              out = '[Circular]';
            }
            break;
          case 'd': {
            const x = args[++a];
            out = typeof x === 'bigint' ? `${x}n` : typeof x === 'symbol' ? 'NaN' : formatNumber(Number(x));
            break;
          }
          case 'i': {
            const x = args[++a];
            out = typeof x === 'bigint' ? `${x}n` : typeof x === 'symbol' ? 'NaN' : formatNumber(parseInt(x));
            break;
          }
          case 'f': {
            const x = args[++a];
            out = typeof x === 'symbol' ? 'NaN' : formatNumber(parseFloat(x));
            break;
          }
          case 'O': out = inspect(args[++a]); break;
          case 'o': out = inspect(args[++a], { depth: 4 }); break;
          case 'c': a++; out = ''; break;
          case '%': str += first.slice(last, i); last = i + 1; continue;
          default: continue;
        }
        if (last !== i - 1) str += first.slice(last, i - 1);
        str += out;
        last = i + 1;
      } else if (c === '%') {
        str += first.slice(last, i);
        last = i + 1;
      }
    }
    if (last !== 0) {
      a++;
      join = ' ';
      if (last < first.length) str += first.slice(last);
    }
  }
  for (; a < args.length; a++) {
    const x = args[a];
    str += join + (typeof x === 'string' ? x : inspect(x));
    join = ' ';
  }
  return str;
}

__kw.format = format;
__kw.inspect = inspect;

// The console namespace. Group indentation prefixes every line written.
let indent = '';
const counts = new Map();
const timers = new Map();
const write = (level, text) => {
  __kw.hostLog(level, indent ? indent + text.replace(/\n/g, `\n${indent}`) : text);
};
function elapsed(label) {
  const ms = __kw.hostNow() - timers.get(label);
  if (ms >= 1000) return ms >= 60000 ? `${(ms / 60000).toFixed(3)}min` : `${(ms / 1000).toFixed(3)}s`;
  return `${Number(ms.toFixed(3))}ms`;
}
function table(data) {
  if (data === null || typeof data !== 'object') return format(data);
  const rows = Object.keys(data);
  const cols = [];
  let hasValues = false;
  for (const r of rows) {
    const row = data[r];
    if (row !== null && typeof row === 'object') {
      for (const c of Object.keys(row)) if (!cols.includes(c)) cols.push(c);
    } else hasValues = true;
  }
  const head = ['(index)', ...cols, ...(hasValues ? ['Values'] : [])];
  const cell = (x) => inspect(x, { depth: 1 });
  const body = rows.map((r) => {
    const row = data[r];
    const isObj = row !== null && typeof row === 'object';
    return [r, ...cols.map((c) => (isObj && Object.prototype.hasOwnProperty.call(row, c) ? cell(row[c]) : '')),
      ...(hasValues ? [isObj ? '' : cell(row)] : [])];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)) + 2);
  const line = (l, m, r) => l + widths.map((w) => '─'.repeat(w)).join(m) + r;
  const fmt = (cells) => '│' + cells.map((c, i) => ` ${c.padEnd(widths[i] - 1)}`).join('│') + '│';
  return [line('┌', '┬', '┐'), fmt(head), line('├', '┼', '┤'), ...body.map(fmt), line('└', '┴', '┘')].join('\n');
}

const console = {
  log: (...args) => write(1, format(...args)),
  info: (...args) => write(1, format(...args)),
  debug: (...args) => write(0, format(...args)),
  warn: (...args) => write(2, format(...args)),
  error: (...args) => write(3, format(...args)),
  trace: (...args) => {
    const stack = `${new Error().stack}`.split('\n').filter((l) => /^\s+at /.test(l)).slice(1).join('\n');
    write(3, `Trace${args.length ? ': ' + format(...args) : ''}${stack ? '\n' + stack : ''}`);
  },
  dir: (value, options = undefined) => write(1, inspect(value, options || {})),
  dirxml: (...args) => write(1, format(...args)),
  table: (data, ...rest) => write(1, rest.length ? format(data, ...rest) : table(data)),
  assert: (condition = false, ...args) => {
    if (condition) return;
    if (typeof args[0] === 'string') args[0] = `Assertion failed: ${args[0]}`;
    else args.unshift('Assertion failed');
    write(2, format(...args));
  },
  count: (label = 'default') => {
    label = `${label}`;
    const n = (counts.get(label) || 0) + 1;
    counts.set(label, n);
    write(1, `${label}: ${n}`);
  },
  countReset: (label = 'default') => {
    label = `${label}`;
    if (counts.has(label)) counts.set(label, 0);
    else write(2, `Count for '${label}' does not exist`);
  },
  group: (...label) => { if (label.length) write(1, format(...label)); indent += '  '; },
  groupCollapsed: (...label) => { if (label.length) write(1, format(...label)); indent += '  '; },
  groupEnd: () => { indent = indent.slice(0, -2); },
  time: (label = 'default') => {
    label = `${label}`;
    if (timers.has(label)) write(2, `Label '${label}' already exists for console.time()`);
    else timers.set(label, __kw.hostNow());
  },
  timeLog: (label = 'default', ...data) => {
    label = `${label}`;
    if (!timers.has(label)) write(2, `No such label '${label}' for console.timeLog()`);
    else write(1, `${label}: ${elapsed(label)}${data.length ? ' ' + format(...data) : ''}`);
  },
  timeEnd: (label = 'default') => {
    label = `${label}`;
    if (!timers.has(label)) write(2, `No such label '${label}' for console.timeEnd()`);
    else { write(1, `${label}: ${elapsed(label)}`); timers.delete(label); }
  },
};
for (const [name, fn] of Object.entries(console)) Object.defineProperty(fn, 'name', { value: name });
Object.defineProperty(console, Symbol.toStringTag, { value: 'console', configurable: true });
__kw.defineGlobal('console', console);
