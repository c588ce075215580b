// The Web Platform Tests' URL data files, run as WPT's own url/*.js test files run them, with
// no test harness of their own: the same module runs under Node 22 (wpt-node.mjs) and inside
// the engine (a worker made by jsengine/wpt_test.go), and each returns, for every test, its
// WPT name and "" if it passes or the first failed assertion.
//
// The data files are not in this repository: the test takes them from a Go module that ships
// a copy of them (see wpt_test.go).

class AssertionError extends Error {}

function show(v) {
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

function assertEquals(actual, expected, what) {
  if (!Object.is(actual, expected)) {
    throw new AssertionError(`${what}: got ${show(actual)}, want ${show(expected)}`);
  }
}

function assertThrowsTypeError(f, what) {
  let value;
  try {
    value = f();
  } catch (err) {
    if (err instanceof TypeError) return;
    throw new AssertionError(`${what}: threw ${err && err.name}, want TypeError`);
  }
  throw new AssertionError(`${what}: did not throw (${show(String(value))}), want TypeError`);
}

function run(out, name, f) {
  let result = '';
  try {
    f();
  } catch (err) {
    result = err instanceof AssertionError ? err.message : `unexpected ${err && err.name}: ${err && err.message}`;
  }
  out.push([name, result]);
}

// url/url-constructor.any.js, url/url-origin.any.js, and failure.html's URL API parts (the
// constructor's base argument, the href setter, URL.canParse) over urltestdata.json.
function urltestdata(tests) {
  const out = [];
  const bURL = (input, base) => (base !== null && base !== undefined ? new URL(input, base) : new URL(input));
  for (const t of tests) {
    if (typeof t === 'string') continue;
    const desc = `<${t.input}> against <${t.base}>`;
    run(out, 'Parsing: ' + desc, () => {
      if (t.failure) {
        assertThrowsTypeError(() => bURL(t.input, t.base), 'new URL');
        return;
      }
      const url = bURL(t.input, t.base);
      for (const k of ['href', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search']) {
        assertEquals(url[k], t[k], k);
      }
      if ('searchParams' in t) assertEquals(url.searchParams.toString(), t.searchParams, 'searchParams');
      assertEquals(url.hash, t.hash, 'hash');
    });
    if ('origin' in t) {
      run(out, 'Origin parsing: ' + desc, () => assertEquals(bURL(t.input, t.base).origin, t.origin, 'origin'));
    }
    run(out, 'URL.canParse: ' + desc, () => assertEquals(URL.canParse(t.input, t.base ?? undefined), !t.failure, 'canParse'));
    if (t.failure && (t.base === null || t.base === undefined)) {
      run(out, `URL's constructor's base argument: <${t.input}> should throw`, () => assertThrowsTypeError(() => new URL('about:blank', t.input), 'new URL'));
      run(out, `URL's href: <${t.input}> should throw`, () => {
        const url = new URL('about:blank');
        assertThrowsTypeError(() => { url.href = t.input; }, 'href setter');
        assertEquals(url.href, 'about:blank', 'href after the failed set');
      });
    }
  }
  return out;
}

// url/url-setters.any.js over setters_tests.json.
function setters(all) {
  const out = [];
  for (const attr of Object.keys(all)) {
    if (attr === 'comment') continue;
    for (const t of all[attr]) {
      let name = `Setting <${t.href}>.${attr} = '${t.new_value}'`;
      if ('comment' in t) name += ' ' + t.comment;
      run(out, 'URL: ' + name, () => {
        const url = new URL(t.href);
        url[attr] = t.new_value;
        for (const k of Object.keys(t.expected)) assertEquals(url[k], t.expected[k], k);
      });
    }
  }
  return out;
}

// url/toascii.any.js over toascii.json.
function toascii(tests) {
  const out = [];
  const makeURL = (input) => new URL('https://' + input + '/x');
  for (const t of tests) {
    if (typeof t === 'string') continue;
    run(out, t.input + ' (using URL)', () => {
      if (t.output !== null) {
        const url = makeURL(t.input);
        assertEquals(url.host, t.output, 'host');
        assertEquals(url.hostname, t.output, 'hostname');
        assertEquals(url.pathname, '/x', 'pathname');
        assertEquals(url.href, 'https://' + t.output + '/x', 'href');
      } else {
        assertThrowsTypeError(() => makeURL(t.input), 'new URL');
      }
    });
    for (const attr of ['host', 'hostname']) {
      run(out, `${t.input} (using URL.${attr})`, () => {
        const url = makeURL('x');
        url[attr] = t.input;
        assertEquals(url[attr], t.output !== null ? t.output : 'x', attr);
      });
    }
  }
  return out;
}

// url/IdnaTestV2.window.js over IdnaTestV2.json.
function idnaTestV2(tests) {
  const out = [];
  for (const t of tests) {
    if (typeof t === 'string' || t.input === '') continue;
    run(out, `ToASCII("${t.input}")${t.comment ? ' ' + t.comment : ''}`, () => {
      if (t.output === null) {
        assertThrowsTypeError(() => new URL(`https://${t.input}/x`), 'new URL');
      } else {
        const url = new URL(`https://${t.input}/x`);
        assertEquals(url.host, t.output, 'host');
        assertEquals(url.hostname, t.output, 'hostname');
        assertEquals(url.pathname, '/x', 'pathname');
        assertEquals(url.href, `https://${t.output}/x`, 'href');
      }
    });
  }
  return out;
}

// runAll takes the four parsed data files and returns { file: [[name, result], ...] }.
export function runAll(data) {
  return {
    urltestdata: urltestdata(data.urltestdata),
    setters_tests: setters(data.setters_tests),
    toascii: toascii(data.toascii),
    IdnaTestV2: idnaTestV2(data.IdnaTestV2),
  };
}
