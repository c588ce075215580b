// Intl (ECMA-402) for QuickJS, which has none: NumberFormat, DateTimeFormat, Collator, PluralRules,
// RelativeTimeFormat, ListFormat, Locale, getCanonicalLocales, and the locale-sensitive methods of
// Number, BigInt, Date, String and Array. Only the locales in LOCALE_DATA are supported (other
// tags fall back by dropping subtags, then to en-US); the Gregorian calendar, latn digits, and
// time zones: UTC, fixed offsets and Etc/GMT±N here, IANA zones through the host's `tz` service
// (wasmhost/svc_tz.go: Go's tz database). What is missing is listed in jsengine/LEDGER.md.
// LOCALE_DATA holds one JSON string per locale (CLDR 48 as shipped in ICU 78), parsed on first
// use, so loading the layer costs only the lexing of the strings.
// Defines no __kw properties.

// Available tags and the LOCALE_DATA entry each uses.
const AVAILABLE = {
  en: 'en', 'en-US': 'en', 'en-GB': 'en-GB', 'en-IN': 'en-IN', de: 'de', 'de-DE': 'de', fr: 'fr', 'fr-FR': 'fr',
  es: 'es', 'es-ES': 'es', it: 'it', 'it-IT': 'it', nl: 'nl', 'nl-NL': 'nl', pt: 'pt', 'pt-BR': 'pt',
  ja: 'ja', 'ja-JP': 'ja', zh: 'zh', 'zh-CN': 'zh', 'zh-Hans': 'zh', 'zh-Hans-CN': 'zh',
};
const DEFAULT_LOCALE = 'en-US';
const parsedData = Object.create(null);
function localeData(key) {
  let d = parsedData[key];
  if (d) return d;
  d = JSON.parse(LOCALE_DATA[key]);
  if (key.startsWith('en-')) {
    const base = localeData('en');
    const merged = { ...base };
    for (const k in d) merged[k] = d[k] && d[k].$merge ? { ...base[k], ...d[k] } : d[k];
    d = merged;
  }
  return (parsedData[key] = d);
}

// ---- Options and locales (ECMA-402 abstract operations) ----
function toObjectOptions(o) {
  if (o === undefined) return Object.create(null);
  if (o === null) throw new TypeError('Cannot convert undefined or null to object');
  return Object(o);
}
function getOption(o, name, values, fallback, type = 'string') {
  let v = o[name];
  if (v === undefined) return fallback;
  if (type === 'boolean') return Boolean(v);
  v = String(v);
  if (values && !values.includes(v)) throw new RangeError(`Value ${v} out of range for Intl options property ${name}`);
  return v;
}
function getNumberOption(o, name, min, max, fallback) {
  let v = o[name];
  if (v === undefined) return fallback;
  v = Number(v);
  if (Number.isNaN(v) || v < min || v > max) throw new RangeError(`${name} value is out of range.`);
  return Math.floor(v);
}

const TAG_RE = /^[a-z]{2,3}(?:-[a-z]{4})?(?:-(?:[a-z]{2}|\d{3}))?(?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*(?:-[\da-wy-z](?:-[a-z\d]{2,8})+)*(?:-x(?:-[a-z\d]{1,8})+)?$/i;
function canonicalizeTag(tag) {
  if (typeof tag !== 'string' && (typeof tag !== 'object' || tag === null)) throw new TypeError('Language ID should be string or object.');
  tag = tag instanceof Locale ? tag.toString() : String(tag);
  if (!TAG_RE.test(tag)) throw new RangeError(`Incorrect locale information provided`);
  const parts = tag.toLowerCase().split('-');
  let ext = false;
  for (let i = 1; i < parts.length; i++) {
    const p = parts[i];
    if (p.length === 1) ext = true;
    else if (!ext && p.length === 4 && /^[a-z]/.test(p)) parts[i] = p[0].toUpperCase() + p.slice(1);
    else if (!ext && p.length === 2) parts[i] = p.toUpperCase();
  }
  return parts.join('-');
}
function canonicalLocaleList(locales) {
  if (locales === undefined) return [];
  const list = typeof locales === 'string' || locales instanceof Locale ? [locales] : Object(locales);
  const out = [];
  const len = list.length >>> 0;
  for (let i = 0; i < len; i++) {
    if (!(i in list)) continue;
    const t = canonicalizeTag(list[i]);
    if (!out.includes(t)) out.push(t);
  }
  return out;
}
function bestAvailable(tag) {
  let t = tag.replace(/-u(-[a-z\d]{2,8})+/, '');
  for (;;) {
    if (AVAILABLE[t]) return t;
    const i = t.lastIndexOf('-');
    if (i < 0) return undefined;
    t = t.slice(0, i);
  }
}
// Resolves the locale and the Unicode extension keywords `keys` (e.g. ['nu']); `checks` maps a
// key to a validator of its value. Returns { locale, data, ext: { key: value } }.
// `report` maps the matched tag to the one resolvedOptions shows (ICU keeps fewer tags for
// collation and plural rules).
function resolveLocale(locales, keys = [], checks = {}, report = (t) => t) {
  let found, tag;
  for (const t of canonicalLocaleList(locales)) { found = bestAvailable(t); if (found) { tag = t; break; } }
  const ext = {};
  let locale = report(found || DEFAULT_LOCALE);
  if (found) {
    const m = /-u((?:-[a-z\d]{2,8})+)/.exec(tag);
    if (m) {
      const sub = m[1].slice(1).split('-');
      const kept = [];
      for (let i = 0; i < sub.length; i++) {
        if (sub[i].length !== 2) continue;
        const key = sub[i];
        let v = '';
        while (i + 1 < sub.length && sub[i + 1].length > 2) v += (v ? '-' : '') + sub[++i];
        if (!keys.includes(key) || key in ext) continue;
        if (v === '' || v === 'true') v = key === 'kn' ? 'true' : v;
        if (checks[key] && !checks[key](v)) continue;
        ext[key] = v;
        kept.push(key + (v && v !== 'true' ? '-' + v : ''));
      }
      if (kept.length) locale += '-u-' + kept.sort().join('-');
    }
  }
  const key = AVAILABLE[found || DEFAULT_LOCALE];
  return { locale, data: localeData(key), ext, lang: (found || 'en').split('-')[0], key };
}
function removeExt(locale, key) {
  return locale.replace(new RegExp(`-${key}(-[a-z\\d]{3,8})*(?=-|$)`), '').replace(/-u$/, '');
}
function supportedLocalesOf(locales, options) {
  const o = toObjectOptions(options);
  getOption(o, 'localeMatcher', ['lookup', 'best fit'], 'best fit');
  return canonicalLocaleList(locales).filter((t) => bestAvailable(t));
}

// ---- Plural rules (CLDR 48) ----
// Operands of a formatted decimal string s (no sign, '.' as separator).
function pluralCategory(lang, s, ordinal) {
  const [int, frac = ''] = s.split('.');
  const n = Number(s), i = Number(int), v = frac.length;
  const many = i !== 0 && i % 1000000 === 0 && v === 0;
  if (ordinal) {
    if (lang === 'en') {
      const a = i % 10, b = i % 100;
      return v ? 'other' : a === 1 && b !== 11 ? 'one' : a === 2 && b !== 12 ? 'two' : a === 3 && b !== 13 ? 'few' : 'other';
    }
    if (lang === 'fr') return n === 1 ? 'one' : 'other';
    if (lang === 'it') return n === 11 || n === 8 || n === 80 || n === 800 ? 'many' : 'other';
    return 'other';
  }
  switch (lang) {
    case 'en': case 'de': case 'nl': return i === 1 && v === 0 ? 'one' : 'other';
    case 'it': return i === 1 && v === 0 ? 'one' : many ? 'many' : 'other';
    case 'es': return n === 1 ? 'one' : many ? 'many' : 'other';
    case 'fr': case 'pt': return i === 0 || i === 1 ? 'one' : many ? 'many' : 'other';
    default: return 'other';
  }
}
const PLURAL_CATEGORIES = {
  en: [['one', 'other'], ['few', 'one', 'two', 'other']], de: [['one', 'other'], ['other']], nl: [['one', 'other'], ['other']],
  it: [['many', 'one', 'other'], ['many', 'other']], es: [['many', 'one', 'other'], ['other']],
  fr: [['many', 'one', 'other'], ['one', 'other']], pt: [['many', 'one', 'other'], ['other']], ja: [['other'], ['other']], zh: [['other'], ['other']],
};

// ---- Decimal arithmetic on digit strings ----
// A decimal is { neg, s, e }: the value is 0.s × 10^e, s has no leading or trailing zeros ('' is 0).
function toDecimal(x) {
  if (typeof x === 'bigint') {
    const neg = x < 0n;
    const digits = String(neg ? -x : x);
    return norm({ neg, s: digits, e: digits.length });
  }
  const neg = x < 0 || Object.is(x, -0);
  const [m, ex] = Math.abs(x).toExponential().split('e');
  return norm({ neg, s: m.replace('.', ''), e: Number(ex) + 1 });
}
function norm(d) {
  let s = d.s.replace(/0+$/, ''), e = d.e;
  const lead = s.length - s.replace(/^0+/, '').length;
  s = s.slice(lead); e -= lead;
  return { neg: d.neg, s, e: s ? e : 0 };
}
// Parses a numeric string (ECMA-402 allows exact decimal strings).
function stringToDecimal(str) {
  const t = str.trim();
  if (t === '') return toDecimal(0);
  const m = /^([+-]?)(?:(\d+)\.?(\d*)|\.(\d+))(?:e([+-]?\d+))?$/i.exec(t);
  if (!m) {
    const n = Number(t);
    return Number.isNaN(n) || !Number.isFinite(n) ? n : toDecimal(n);
  }
  const int = m[2] || '', frac = m[3] || m[4] || '';
  return norm({ neg: m[1] === '-', s: int + frac, e: int.length + Number(m[5] || 0) });
}
// Rounds d to keep n leading digits of s (the unit is 10^(e-n)).
function roundDigits(d, n, mode) {
  if (n >= d.s.length) return d;
  const kept = n > 0 ? d.s.slice(0, n) : '';
  const rest = n >= 0 ? d.s.slice(n) : '0'.repeat(-n) + d.s;
  const first = Number(rest[0]);
  const more = /[1-9]/.test(rest.slice(1));
  const half = first > 5 || (first === 5 && more) ? 1 : first === 5 ? 0 : -1;
  const odd = kept ? Number(kept[kept.length - 1]) % 2 === 1 : false;
  const neg = d.neg;
  const up = {
    ceil: !neg, floor: neg, expand: true, trunc: false,
    halfCeil: half > 0 || (half === 0 && !neg), halfFloor: half > 0 || (half === 0 && neg),
    halfExpand: half >= 0, halfTrunc: half > 0, halfEven: half > 0 || (half === 0 && odd),
  }[mode];
  const unitExp = d.e - n;
  if (!up) return norm({ neg, s: kept, e: d.e });
  if (!kept) return { neg, s: '1', e: unitExp + 1 };
  const digits = kept.split('').map(Number);
  let i = digits.length - 1;
  while (i >= 0 && digits[i] === 9) digits[i--] = 0;
  if (i < 0) return { neg, s: '1', e: d.e + 1 };
  digits[i]++;
  return norm({ neg, s: digits.join(''), e: d.e });
}
// Integer and fraction digit strings of d, the fraction padded to at least minFrac digits.
function decimalStrings(d, minFrac) {
  let int, frac;
  if (d.e <= 0) { int = '0'; frac = '0'.repeat(-d.e) + d.s; } else { int = d.s.slice(0, d.e).padEnd(d.e, '0'); frac = d.s.slice(d.e); }
  return [int, frac.padEnd(minFrac, '0')];
}

// ---- NumberFormat ----
const CURRENCY_DIGITS = { JPY: 0, KRW: 0, VND: 0, CLP: 0, ISK: 0, UGX: 0, PYG: 0, XAF: 0, XOF: 0, BHD: 3, KWD: 3, OMR: 3, JOD: 3, TND: 3, IQD: 0, LYD: 3 };
const UNIT_LIST = 'acre bit byte celsius centimeter day degree fahrenheit fluid-ounce foot gallon gigabit gigabyte gram hectare hour inch kilobit kilobyte kilogram kilometer liter megabit megabyte meter microsecond mile mile-scandinavian milliliter millimeter millisecond minute month nanosecond ounce percent petabyte pound second stone terabit terabyte week yard year'.split(' ');
const DATA_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte', 'millisecond', 'second', 'minute', 'hour', 'day', 'week', 'month', 'year', 'meter', 'centimeter', 'kilometer', 'mile', 'kilogram', 'gram', 'liter', 'celsius', 'fahrenheit', 'percent', 'kilometer-per-hour'];
const ROUNDING_MODES = ['ceil', 'floor', 'expand', 'trunc', 'halfCeil', 'halfFloor', 'halfExpand', 'halfTrunc', 'halfEven'];
const INCREMENTS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000];
const nfSlots = new WeakMap();

function isWellFormedUnit(u) {
  if (UNIT_LIST.includes(u)) return true;
  const i = u.indexOf('-per-');
  return i > 0 && UNIT_LIST.includes(u.slice(0, i)) && UNIT_LIST.includes(u.slice(i + 5));
}

// SetNumberFormatDigitOptions.
function digitOptions(r, o, mnfdDefault, mxfdDefault, notation) {
  const mnid = getNumberOption(o, 'minimumIntegerDigits', 1, 21, 1);
  let mnfd = o.minimumFractionDigits, mxfd = o.maximumFractionDigits, mnsd = o.minimumSignificantDigits, mxsd = o.maximumSignificantDigits;
  r.minimumIntegerDigits = mnid;
  const inc = getNumberOption(o, 'roundingIncrement', 1, 5000, 1);
  if (!INCREMENTS.includes(inc)) throw new RangeError('roundingIncrement value is out of range.');
  const mode = getOption(o, 'roundingMode', ROUNDING_MODES, 'halfExpand');
  const priority = getOption(o, 'roundingPriority', ['auto', 'morePrecision', 'lessPrecision'], 'auto');
  const tzd = getOption(o, 'trailingZeroDisplay', ['auto', 'stripIfInteger'], 'auto');
  if (inc !== 1) mxfdDefault = mnfdDefault;
  const hasSd = mnsd !== undefined || mxsd !== undefined, hasFd = mnfd !== undefined || mxfd !== undefined;
  let needSd = true, needFd = true;
  if (priority === 'auto') { needSd = hasSd; if (needSd || (!hasFd && notation === 'compact')) needFd = false; }
  if (needSd) {
    if (hasSd) {
      mnsd = mnsd === undefined ? 1 : mnsd; if (Number.isNaN(+mnsd) || mnsd < 1 || mnsd > 21) throw new RangeError('minimumSignificantDigits value is out of range.'); mnsd = Math.floor(mnsd);
      mxsd = mxsd === undefined ? 21 : mxsd; if (Number.isNaN(+mxsd) || mxsd < mnsd || mxsd > 21) throw new RangeError('maximumSignificantDigits value is out of range.'); mxsd = Math.floor(mxsd);
    } else { mnsd = 1; mxsd = 21; }
    r.minimumSignificantDigits = mnsd; r.maximumSignificantDigits = mxsd;
  }
  if (needFd) {
    if (hasFd) {
      if (mnfd !== undefined) { mnfd = Number(mnfd); if (Number.isNaN(mnfd) || mnfd < 0 || mnfd > 100) throw new RangeError('minimumFractionDigits value is out of range.'); mnfd = Math.floor(mnfd); }
      if (mxfd !== undefined) { mxfd = Number(mxfd); if (Number.isNaN(mxfd) || mxfd < 0 || mxfd > 100) throw new RangeError('maximumFractionDigits value is out of range.'); mxfd = Math.floor(mxfd); }
      if (mnfd === undefined) mnfd = Math.min(mnfdDefault, mxfd);
      else if (mxfd === undefined) mxfd = Math.max(mxfdDefault, mnfd);
      else if (mnfd > mxfd) throw new RangeError('maximumFractionDigits value is out of range.');
    } else { mnfd = mnfdDefault; mxfd = mxfdDefault; }
    r.minimumFractionDigits = mnfd; r.maximumFractionDigits = mxfd;
  }
  if (!needSd && !needFd) {
    r.minimumFractionDigits = 0; r.maximumFractionDigits = 0; r.minimumSignificantDigits = 1; r.maximumSignificantDigits = 2;
    r.roundingType = 'morePrecision';
  } else r.roundingType = priority === 'auto' ? (hasSd ? 'significantDigits' : 'fractionDigits') : priority;
  if (inc !== 1) {
    if (r.roundingType !== 'fractionDigits') throw new TypeError('roundingIncrement requires fraction digits rounding');
    if (r.maximumFractionDigits !== r.minimumFractionDigits) throw new RangeError('maximumFractionDigits and minimumFractionDigits must be equal with roundingIncrement');
  }
  r.roundingIncrement = inc; r.roundingMode = mode; r.roundingPriority = priority; r.trailingZeroDisplay = tzd;
}

// Rounds d per the digit options; returns [decimal, minimum fraction digits to show].
function roundNumber(r, d) {
  const frac = () => [r.roundingIncrement === 1 ? roundDigits(d, d.e + r.maximumFractionDigits, r.roundingMode)
    : divideByIncrement(d, r.roundingIncrement, r.maximumFractionDigits, r.roundingMode), r.minimumFractionDigits];
  const sig = () => [roundDigits(d, r.maximumSignificantDigits, r.roundingMode), 0, r.minimumSignificantDigits];
  switch (r.roundingType) {
    case 'fractionDigits': return frac();
    case 'significantDigits': return sigMin(sig());
    default: {
      const f = frac(), s = sig();
      const sMag = d.s ? d.e - r.maximumSignificantDigits : -Infinity, fMag = -r.maximumFractionDigits;
      const pickS = r.roundingType === 'morePrecision' ? sMag <= fMag : sMag > fMag;
      return pickS ? sigMin(s) : f;
    }
  }
}
// The minimum fraction digits that show at least mnsd significant digits.
function sigMin([x, , mnsd]) {
  if (!x.s) return [x, Math.max(0, mnsd - 1)];
  return [x, Math.max(0, mnsd - x.e)];
}
function divideByIncrement(d, inc, scale, mode) {
  // value × 10^scale / inc, rounded to an integer, then × inc / 10^scale.
  const shifted = { ...d, e: d.e + scale };
  const [int, frac] = decimalStrings(shifted, 0);
  const big = BigInt(int), num = big * 10n ** BigInt(frac.length) + BigInt(frac || '0');
  const den = BigInt(inc) * 10n ** BigInt(frac.length);
  let q = num / den; const rem = num - q * den;
  if (rem) {
    const twice = rem * 2n, half = twice > den ? 1 : twice === den ? 0 : -1;
    const neg = d.neg, odd = q % 2n === 1n;
    const up = { ceil: !neg, floor: neg, expand: true, trunc: false, halfCeil: half > 0 || (half === 0 && !neg), halfFloor: half > 0 || (half === 0 && neg), halfExpand: half >= 0, halfTrunc: half > 0, halfEven: half > 0 || (half === 0 && odd) }[mode];
    if (up) q++;
  }
  const v = String(q * BigInt(inc));
  return norm({ neg: d.neg, s: v, e: v.length - scale });
}

function groupInt(int, sym, minGroup, indian) {
  if (int.length < 4 || int.length - 3 < minGroup) return [int];
  const out = [int.slice(-3)];
  let rest = int.slice(0, -3);
  const size = indian ? 2 : 3;
  while (rest.length > size) { out.unshift(rest.slice(-size)); rest = rest.slice(0, -size); }
  out.unshift(rest);
  return out;
}

class NumberFormat {
  constructor(locales, options) {
    const { locale, data, ext, lang } = resolveLocale(locales, ['nu'], { nu: (v) => v === 'latn' });
    const o = toObjectOptions(options);
    const r = { locale, numberingSystem: 'latn' };
    getOption(o, 'localeMatcher', ['lookup', 'best fit'], 'best fit');
    const nu = getOption(o, 'numberingSystem', undefined, undefined);
    if (nu !== undefined && !/^[a-z\d]{3,8}(-[a-z\d]{3,8})*$/i.test(nu)) throw new RangeError(`Invalid numberingSystem : ${nu}`);
    void ext;
    const style = getOption(o, 'style', ['decimal', 'percent', 'currency', 'unit'], 'decimal');
    r.style = style;
    let currency = getOption(o, 'currency');
    if (currency !== undefined && !/^[a-z]{3}$/i.test(currency)) throw new RangeError(`Invalid currency code : ${currency}`);
    const currencyDisplay = getOption(o, 'currencyDisplay', ['code', 'symbol', 'narrowSymbol', 'name'], 'symbol');
    const currencySign = getOption(o, 'currencySign', ['standard', 'accounting'], 'standard');
    const unit = getOption(o, 'unit');
    if (unit !== undefined && !isWellFormedUnit(unit)) throw new RangeError(`Invalid unit argument for Intl.NumberFormat() '${unit}'`);
    const unitDisplay = getOption(o, 'unitDisplay', ['short', 'narrow', 'long'], 'short');
    if (style === 'currency') {
      if (currency === undefined) throw new TypeError('Currency code is required with currency style.');
      currency = currency.toUpperCase();
      Object.assign(r, { currency, currencyDisplay, currencySign });
    }
    if (style === 'unit') {
      if (unit === undefined) throw new TypeError('Unit is required with unit style.');
      Object.assign(r, { unit, unitDisplay });
    }
    const notation = getOption(o, 'notation', ['standard', 'scientific', 'engineering', 'compact'], 'standard');
    const cd = style === 'currency' && notation === 'standard' ? (CURRENCY_DIGITS[currency] ?? 2) : 0;
    const mx = style === 'currency' && notation === 'standard' ? cd : style === 'percent' ? 0 : 3;
    const digits = {};
    digitOptions(digits, o, cd, mx, notation);
    const compactDisplay = getOption(o, 'compactDisplay', ['short', 'long'], 'short');
    const defGroup = notation === 'compact' ? 'min2' : 'auto';
    let useGrouping = o.useGrouping;
    if (useGrouping === undefined) useGrouping = defGroup;
    else if (useGrouping === true) useGrouping = 'always';
    else if (useGrouping === false || useGrouping === null || useGrouping === '' || useGrouping === 0) useGrouping = false;
    else {
      useGrouping = String(useGrouping);
      if (useGrouping === 'true' || useGrouping === 'false') useGrouping = defGroup;
      else if (!['min2', 'auto', 'always'].includes(useGrouping)) throw new RangeError(`Value ${useGrouping} out of range for Intl.NumberFormat options property useGrouping`);
    }
    const signDisplay = getOption(o, 'signDisplay', ['auto', 'never', 'always', 'exceptZero', 'negative'], 'auto');
    r.minimumIntegerDigits = digits.minimumIntegerDigits;
    for (const k of ['minimumFractionDigits', 'maximumFractionDigits', 'minimumSignificantDigits', 'maximumSignificantDigits']) if (k in digits) r[k] = digits[k];
    r.useGrouping = useGrouping; r.notation = notation;
    if (notation === 'compact') r.compactDisplay = compactDisplay;
    r.signDisplay = signDisplay;
    r.roundingIncrement = digits.roundingIncrement; r.roundingMode = digits.roundingMode;
    r.roundingPriority = digits.roundingPriority; r.trailingZeroDisplay = digits.trailingZeroDisplay;
    nfSlots.set(this, { r, data, lang, digits, boundFormat: undefined });
  }
  get format() {
    const slot = nfGet(this, 'format');
    return slot.boundFormat || (slot.boundFormat = (x) => partsToString(formatNumberParts(slot, toIntlMathematicalValue(x))));
  }
  formatToParts(x) { return formatNumberParts(nfGet(this, 'formatToParts'), toIntlMathematicalValue(x)).map(([type, value]) => ({ type, value })); }
  formatRange(a, b) { return partsToString(formatRangeParts(nfGet(this, 'formatRange'), a, b)); }
  formatRangeToParts(a, b) { return formatRangeParts(nfGet(this, 'formatRangeToParts'), a, b).map(([type, value, source]) => ({ type, value, source })); }
  resolvedOptions() { return { ...nfGet(this, 'resolvedOptions').r }; }
  static supportedLocalesOf(locales, options) { return supportedLocalesOf(locales, options); }
}
function nfGet(self, method) {
  const s = nfSlots.get(self);
  if (!s) throw new TypeError(`Method Intl.NumberFormat.prototype.${method} called on incompatible receiver ${String(self)}`);
  return s;
}
function toIntlMathematicalValue(x) {
  if (typeof x === 'bigint') return toDecimal(x);
  if (typeof x === 'string') return stringToDecimal(x);
  if (typeof x === 'symbol') throw new TypeError('Cannot convert a Symbol value to a number');
  const p = typeof x === 'object' && x !== null ? (typeof x.valueOf === 'function' ? x.valueOf() : x) : x;
  if (typeof p === 'bigint') return toDecimal(p);
  const n = typeof p === 'string' ? stringToDecimal(p) : Number(p);
  if (typeof n === 'object') return n;
  return Number.isFinite(n) ? toDecimal(n) : n;
}
function partsToString(parts) { let s = ''; for (const p of parts) s += p[1]; return s; }

// Formats the decimal d (or NaN/±Infinity as a number) to [type, value] parts.
function formatNumberParts(slot, d) {
  const { r, data, lang, digits: dg } = slot;
  const [dec, grp, locMinGroup, indian] = data.s;
  let neg, numParts, pluralStr = 'other', unitPattern, compactPattern, isZero = false;
  if (typeof d === 'number') {
    neg = d < 0;
    numParts = [[Number.isNaN(d) ? 'nan' : 'infinity', Number.isNaN(d) ? 'NaN' : '∞']];
    if (Number.isNaN(d)) neg = false;
  } else {
    neg = d.neg;
    if (r.style === 'percent') d = { ...d, e: d.s ? d.e + 2 : 0 };
    let exponent = 0;
    if (r.notation === 'scientific' || r.notation === 'engineering') {
      exponent = d.s ? d.e - 1 : 0;
      if (r.notation === 'engineering') exponent = Math.floor(exponent / 3) * 3;
      let [x, mf] = roundNumber(dg, { ...d, e: d.e - exponent });
      if (x.s && x.e - 1 >= (r.notation === 'engineering' ? 3 : 1)) {
        exponent += r.notation === 'engineering' ? 3 : 1;
        [x, mf] = roundNumber(dg, { ...d, e: d.e - exponent });
      }
      d = x; numParts = digitParts(dg, d, mf, dec, grp, 0, 0);
      numParts.push(['exponentSeparator', 'E']);
      if (exponent < 0) numParts.push(['exponentMinusSign', '-']);
      numParts.push(['exponentInteger', String(Math.abs(exponent))]);
    } else {
      let x, mf;
      if (r.notation === 'compact') {
        const table = data.k[r.compactDisplay];
        const top = table.length + 2;
        const pick = (mag) => { const p = mag >= 3 ? table[Math.min(mag, top) - 3] : ''; const o = Array.isArray(p) ? p[0] : p; return /[^\d.,\s\u00a0\u202f]/.test(o) ? p : ''; };
        const div = (p, mag) => { const o = Array.isArray(p) ? p[0] : p; return p ? Math.min(mag, top) - (o.replace(/[^0]/g, '').length - 1) : 0; };
        let mag = d.s ? d.e - 1 : 0;
        let p = pick(mag), shift = div(p, mag);
        [x, mf] = roundNumber(dg, { ...d, e: d.e - shift });
        if (x.s && x.e + shift - 1 > mag) {
          mag = x.e + shift - 1; p = pick(mag);
          const shift2 = div(p, mag);
          if (shift2 !== shift) { shift = shift2; [x, mf] = roundNumber(dg, { ...d, e: d.e - shift }); }
        }
        compactPattern = p;
      } else [x, mf] = roundNumber(dg, d);
      d = x;
      const minGroup = r.useGrouping === false ? Infinity : r.useGrouping === 'min2' ? 2 : r.useGrouping === 'always' ? 1 : locMinGroup;
      numParts = digitParts(dg, d, mf, dec, grp, minGroup, indian);
    }
    isZero = !d.s;
    pluralStr = numParts.filter(([t]) => t === 'integer' || t === 'fraction' || t === 'decimal').map(([t, v]) => (t === 'decimal' ? '.' : v)).join('');
    if (compactPattern) {
      const cat = pluralCategory(lang, pluralStr, false);
      const pat = Array.isArray(compactPattern) ? (pluralStr === '1' && compactPattern[2]) || compactPattern[cat === 'one' ? 1 : 0] : compactPattern;
      numParts = wrapNumber(pat, /0+(?:[.,\u00a0\u202f]0+)*/, numParts, 'compact');
    }
  }
  // Sign.
  const sd = r.signDisplay;
  let sign = '';
  if (sd === 'always') sign = neg ? '-' : '+';
  else if (sd === 'auto') sign = neg ? '-' : '';
  else if (sd === 'exceptZero') sign = isZero ? '' : neg ? '-' : '+';
  else if (sd === 'negative') sign = neg && !isZero ? '-' : '';
  if (typeof d === 'number' && Number.isNaN(d) && sd !== 'always') sign = '';
  const cat = () => pluralCategory(lang, pluralStr, false);
  if (r.style === 'currency') {
    const c = r.currency, info = data.cu[c];
    if (r.currencyDisplay === 'name') {
      const name = info ? (cat() === 'one' ? info[2] : info[3]) : c;
      return applyPattern(data.n, sign, numParts, name, false);
    }
    const sym = r.currencyDisplay === 'code' || !info ? c : r.currencyDisplay === 'narrowSymbol' ? info[1] : info[0];
    const pat = r.currencySign === 'accounting' && sign === '-' ? data.a : data.c;
    return applyPattern(pat, sign, numParts, sym);
  }
  if (r.style === 'percent') return applyPattern(data.p, sign, numParts);
  if (sign) numParts.unshift([sign === '-' ? 'minusSign' : 'plusSign', sign]);
  if (r.style === 'unit') {
    unitPattern = unitPatternFor(data, r.unit, r.unitDisplay, cat());
    return wrapNumber(unitPattern, /#/, numParts, 'unit');
  }
  return numParts;
}
function unitPatternFor(data, unit, display, category) {
  const w = ['short', 'long', 'narrow'].indexOf(display);
  const row = data.u[unit];
  if (row) { const p = row[w]; return Array.isArray(p) ? (category === 'one' ? p[1] : p[0]) : p; }
  const i = unit.indexOf('-per-');
  if (i > 0) {
    const a = unitPatternFor(data, unit.slice(0, i), display, category), b = data.u[unit.slice(i + 5)];
    if (b) return a + '/' + (Array.isArray(b[w]) ? b[w][1] : b[w]).replace(/\s*#\s*/, '');
  }
  return '# ' + unit;
}
// The parts of a rounded decimal: integer groups, decimal, fraction.
function digitParts(r, d, minFrac, dec, grp, minGroup, indian) {
  let [int, frac] = decimalStrings(d, minFrac);
  if (r.trailingZeroDisplay === 'stripIfInteger' && /^0*$/.test(frac)) frac = '';
  int = int.padStart(r.minimumIntegerDigits, '0');
  const out = [];
  const groups = minGroup ? groupInt(int, grp, minGroup, indian) : [int];
  groups.forEach((g, i) => { if (i) out.push(['group', grp]); out.push(['integer', g]); });
  if (frac) out.push(['decimal', dec], ['fraction', frac]);
  return out;
}
// Replaces the match of re in pattern by the number parts; other text becomes `type` parts,
// whitespace literal parts.
function wrapNumber(pattern, re, numParts, type) {
  const m = re.exec(pattern);
  const out = [];
  const text = (t, re2) => { const w = re2.exec(t); for (const [k, v] of w ? [[type, t.slice(0, w.index)], ['literal', w[0]], [type, t.slice(w.index + w[0].length)]] : [[type, t]]) if (v) out.push([k, v]); };
  if (!m) { text(pattern, /$^/); return out; }
  text(pattern.slice(0, m.index), /[\s\u00a0\u202f]+$/);
  out.push(...numParts);
  text(pattern.slice(m.index + m[0].length), /^[\s\u00a0\u202f]+/);
  return out;
}
// Applies a sign/currency/percent pattern ('-' sign, '#' number, '¤' currency, '%' percent).
function applyPattern(pattern, sign, numParts, currency, spacing = true) {
  const out = [];
  let lit = '';
  const flush = () => { if (lit) { out.push(['literal', lit]); lit = ''; } };
  if (pattern.startsWith('(') && sign !== '-') pattern = pattern.slice(1, -1);
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '-') { if (sign && !pattern.startsWith('(')) { flush(); out.push([sign === '-' ? 'minusSign' : 'plusSign', sign]); } }
    else if (ch === '#') {
      // CLDR currency spacing: a letter-like currency next to the digits gets a no-break space.
      if (spacing && currency !== undefined && pattern[i - 1] === '¤' && !/[\p{S}\p{Z}]$/u.test(currency)) lit += '\u00a0';
      flush(); out.push(...numParts);
      if (spacing && currency !== undefined && pattern[i + 1] === '¤' && !/^[\p{S}\p{Z}]/u.test(currency)) lit += '\u00a0';
    } else if (ch === '¤') { flush(); out.push(['currency', currency]); }
    else if (ch === '%') { flush(); out.push(['percentSign', '%']); }
    else lit += ch;
  }
  flush();
  return out;
}
function formatRangeParts(slot, a, b) {
  if (a === undefined || b === undefined) throw new TypeError('start and end are required');
  const x = toIntlMathematicalValue(a), y = toIntlMathematicalValue(b);
  if ((typeof x === 'number' && Number.isNaN(x)) || (typeof y === 'number' && Number.isNaN(y))) throw new RangeError('Invalid number range');
  const px = formatNumberParts(slot, x), py = formatNumberParts(slot, y);
  if (partsToString(px) === partsToString(py)) return [['approximatelySign', '~'], ...px].map((p) => [...p, 'shared']);
  return [...px.map((p) => [...p, 'startRange']), ['literal', '–', 'shared'], ...py.map((p) => [...p, 'endRange'])];
}

// ---- DateTimeFormat ----
const dtfSlots = new WeakMap();
const UTC_ALIASES = ['utc', 'etc/utc', 'gmt', 'etc/gmt', 'uct', 'etc/uct', 'zulu', 'etc/zulu', 'universal', 'etc/universal', 'greenwich', 'etc/greenwich', 'etc/gmt0', 'etc/gmt+0', 'etc/gmt-0', 'gmt0', 'gmt+0', 'gmt-0'];
// Returns [canonical name, offset in minutes], or [canonical name, null] for an IANA zone whose
// offsets the host's tz service answers per instant; throws RangeError for an unknown zone.
function resolveTimeZone(tz) {
  const low = tz.toLowerCase();
  if (UTC_ALIASES.includes(low)) return ['UTC', 0];
  let m = /^etc\/gmt([+-])(\d{1,2})$/.exec(low);
  if (m && +m[2] <= (m[1] === '+' ? 12 : 14)) return [`Etc/GMT${m[1]}${+m[2]}`, (m[1] === '+' ? -60 : 60) * m[2]];
  m = /^([+-])(\d{2})(?::?(\d{2}))?$/.exec(tz);
  if (m && +m[2] <= 23 && +(m[3] || 0) <= 59) {
    const off = (m[1] === '-' ? -1 : 1) * (m[2] * 60 + +(m[3] || 0));
    return [`${off < 0 ? '-' : '+'}${m[2]}:${m[3] || '00'}`, off];
  }
  if (/^[A-Za-z][\w/+-]*$/.test(tz)) {
    const canonical = __kw.hostService('tz', { z: tz });
    if (canonical) return [canonical, null];
  }
  throw new RangeError(`Invalid time zone specified: ${tz}`);
}
const DATE_FIELDS = [['weekday', ['narrow', 'short', 'long']], ['era', ['narrow', 'short', 'long']], ['year', ['2-digit', 'numeric']],
  ['month', ['2-digit', 'numeric', 'narrow', 'short', 'long']], ['day', ['2-digit', 'numeric']], ['dayPeriod', ['narrow', 'short', 'long']],
  ['hour', ['2-digit', 'numeric']], ['minute', ['2-digit', 'numeric']], ['second', ['2-digit', 'numeric']], ['fractionalSecondDigits'],
  ['timeZoneName', ['short', 'long', 'shortOffset', 'longOffset', 'shortGeneric', 'longGeneric']]];
const STYLES = ['full', 'long', 'medium', 'short'];

class DateTimeFormat {
  constructor(locales, options) { createDateTimeFormat(this, locales, options, 'any', 'date'); }
  get format() {
    const slot = dtfGet(this, 'format');
    return slot.boundFormat || (slot.boundFormat = (date) => formatDate(slot, toDateValue(date)));
  }
  formatToParts(date) { return formatDateParts(dtfGet(this, 'formatToParts'), toDateValue(date)).map(([type, value]) => ({ type, value })); }
  formatRange(a, b) {
    const parts = dateRangeParts(dtfGet(this, 'formatRange'), a, b), s = partsToString(parts);
    return parts[0][2] === 'shared' ? s.replace(/\u202f/g, ' ') : s;
  }
  formatRangeToParts(a, b) { return dateRangeParts(dtfGet(this, 'formatRangeToParts'), a, b).map(([type, value, source]) => ({ type, value, source })); }
  resolvedOptions() {
    const s = dtfGet(this, 'resolvedOptions');
    const out = { locale: s.locale, calendar: 'gregory', numberingSystem: 'latn', timeZone: s.timeZone };
    if (s.hc) { out.hourCycle = s.hc; out.hour12 = s.hc === 'h11' || s.hc === 'h12'; }
    if (s.dateStyle || s.timeStyle) {
      if (s.dateStyle) out.dateStyle = s.dateStyle;
      if (s.timeStyle) out.timeStyle = s.timeStyle;
      return out;
    }
    const seen = {};
    for (const t of s.pattern.match(/\{[A-Za-z]+\}/g) || []) {
      const f = t.slice(1, -1), c = f[0], n = f.length;
      const put = (k, v) => { if (!(k in seen)) seen[k] = v; };
      if (c === 'E') put('weekday', n === 4 ? 'long' : n === 5 ? 'narrow' : 'short');
      else if (c === 'G') put('era', n === 4 ? 'long' : n === 5 ? 'narrow' : 'short');
      else if (c === 'y') put('year', n === 2 ? '2-digit' : 'numeric');
      else if (c === 'M') put('month', ['numeric', '2-digit', 'short', 'long', 'narrow'][n - 1]);
      else if (c === 'd') put('day', n === 2 ? '2-digit' : 'numeric');
      else if ('hHkK'.includes(c)) put('hour', n === 2 ? '2-digit' : 'numeric');
      else if (c === 'm') put('minute', n === 2 ? '2-digit' : 'numeric');
      else if (c === 's') put('second', n === 2 ? '2-digit' : 'numeric');
    }
    for (const [k] of DATE_FIELDS) {
      if (k === 'fractionalSecondDigits' || k === 'timeZoneName' || k === 'dayPeriod') { if (s.opts[k] !== undefined) out[k] = s.opts[k]; } else if (k in seen) out[k] = seen[k];
    }
    return out;
  }
  static supportedLocalesOf(locales, options) { return supportedLocalesOf(locales, options); }
}
function dtfGet(self, method) {
  const s = dtfSlots.get(self);
  if (!s) throw new TypeError(`Method Intl.DateTimeFormat.prototype.${method} called on incompatible receiver ${String(self)}`);
  return s;
}
function toDateValue(date) {
  const t = date === undefined ? Date.now() : Number(date);
  if (!Number.isFinite(t) || Math.abs(t) > 8.64e15) throw new RangeError('Invalid time value');
  return Math.trunc(t) + 0;
}
// CreateDateTimeFormat; `required` is 'date', 'time' or 'any', `defaults` 'date', 'time' or 'all'.
function createDateTimeFormat(self, locales, options, required, defaults) {
  const hcOk = (v) => ['h11', 'h12', 'h23', 'h24'].includes(v);
  const { locale: loc0, data, ext, key } = resolveLocale(locales, ['ca', 'hc', 'nu'], { ca: (v) => v === 'gregory', nu: (v) => v === 'latn', hc: hcOk });
  const o = toObjectOptions(options);
  let locale = loc0;
  getOption(o, 'localeMatcher', ['lookup', 'best fit'], 'best fit');
  const ca = getOption(o, 'calendar');
  if (ca !== undefined && !/^[a-z\d]{3,8}(-[a-z\d]{3,8})*$/i.test(ca)) throw new RangeError(`Invalid calendar : ${ca}`);
  const nu = getOption(o, 'numberingSystem');
  if (nu !== undefined && !/^[a-z\d]{3,8}(-[a-z\d]{3,8})*$/i.test(nu)) throw new RangeError(`Invalid numberingSystem : ${nu}`);
  const hour12 = o.hour12 === undefined ? undefined : Boolean(o.hour12);
  let hourCycle = getOption(o, 'hourCycle', ['h11', 'h12', 'h23', 'h24']);
  if (hour12 !== undefined) hourCycle = null;
  const tzIn = o.timeZone;
  const [timeZone, offset] = tzIn === undefined ? ['UTC', 0] : resolveTimeZone(String(tzIn));
  const opts = {};
  let hasExplicit = false;
  for (const [k, values] of DATE_FIELDS) {
    opts[k] = k === 'fractionalSecondDigits' ? getNumberOption(o, k, 1, 3, undefined) : getOption(o, k, values);
    if (opts[k] !== undefined) hasExplicit = true;
  }
  getOption(o, 'formatMatcher', ['basic', 'best fit'], 'best fit');
  const dateStyle = getOption(o, 'dateStyle', STYLES), timeStyle = getOption(o, 'timeStyle', STYLES);
  if ((dateStyle || timeStyle) && hasExplicit) throw new TypeError("Can't set option " + Object.keys(opts).find((k) => opts[k] !== undefined) + ' when ' + (dateStyle ? 'dateStyle' : 'timeStyle') + ' is used');
  if (required === 'date' && timeStyle && !dateStyle) throw new TypeError('Invalid option : timeStyle');
  if (required === 'time' && dateStyle && !timeStyle) throw new TypeError('Invalid option : dateStyle');
  if (!dateStyle && !timeStyle) {
    const hasDate = ['weekday', 'year', 'month', 'day'].some((k) => opts[k] !== undefined);
    const hasTime = ['dayPeriod', 'hour', 'minute', 'second', 'fractionalSecondDigits'].some((k) => opts[k] !== undefined);
    let need = true;
    if ((required === 'date' || required === 'any') && hasDate) need = false;
    if ((required === 'time' || required === 'any') && hasTime) need = false;
    if (required === 'date' && hasTime) need = false;
    if (need && (defaults === 'date' || defaults === 'all')) opts.year = opts.month = opts.day = 'numeric';
    if (need && (defaults === 'time' || defaults === 'all')) opts.hour = opts.minute = opts.second = 'numeric';
  }
  // Hour cycle.
  const locDefault = /\{h/.test(data.ts[3]) ? 'h12' : 'h23';
  let hc;
  if (opts.hour !== undefined || timeStyle) {
    if (hourCycle === undefined && ext.hc) hourCycle = ext.hc;
    if (hour12 === true) hc = 'h12';
    else if (hour12 === false) hc = 'h23';
    else hc = hourCycle || locDefault;
    if (ext.hc && ext.hc !== hc) locale = removeExt(locale, 'hc');
  } else if (ext.hc) locale = removeExt(locale, 'hc');
  const twelve = hc === 'h11' || hc === 'h12';
  let pattern;
  if (dateStyle || timeStyle) {
    let tp;
    if (timeStyle) {
      const i = STYLES.indexOf(timeStyle);
      tp = data.ts[i];
      if (/\{h/.test(tp) !== twelve) tp = data.tsx[i];
    }
    const dp = dateStyle && data.ds[STYLES.indexOf(dateStyle)];
    pattern = dp && tp ? data.dts[STYLES.indexOf(dateStyle)].replace('{1}', dp).replace('{0}', tp) : dp || tp;
    opts.timeZoneName = timeStyle === 'full' ? 'long' : timeStyle === 'long' ? 'short' : undefined;
  } else {
    const o2 = opts;
    const dk = (o2.weekday ? 'E' : '') + (o2.era ? 'G' : '') + (o2.year ? 'y' : '') + (o2.month ? (/^(numeric|2-digit)$/.test(o2.month) ? 'M' : 'L') : '') + (o2.day ? 'd' : '');
    const tk = (o2.hour ? (twelve ? 'h' : 'H') : '') + (o2.minute ? 'm' : '') + (o2.second || o2.fractionalSecondDigits ? 's' : '') + (o2.timeZoneName ? 'z' : '');
    let dp = dk && (o2.month === 'long' && data.sk[dk + '4'] || o2.weekday === 'long' && data.sk[dk + 'W'] || data.sk[dk]);
    const wide = (o2.hour === '2-digit' ? 'h' : '') + (o2.minute === '2-digit' ? 'm' : '') + (o2.second === '2-digit' ? 's' : '');
    let tp = tk && (data.sk[tk + '/' + wide] || data.sk[tk]);
    if (dp) {
      dp = dp.replace(/\{E+\}/g, `{${{ long: 'EEEE', short: 'EEE', narrow: 'EEEEE' }[o2.weekday]}}`)
        .replace(/\{G+\}/g, `{${{ long: 'GGGG', short: 'G', narrow: 'GGGGG' }[o2.era]}}`)
        .replace(/\{M{3,5}\}/g, `{${{ long: 'MMMM', short: 'MMM', narrow: 'MMMMM' }[o2.month]}}`);
      if (o2.month === '2-digit') dp = dp.replace('{M}', '{MM}');
      if (o2.day === '2-digit') dp = dp.replace('{d}', '{dd}');
      dp = dp.replace(/\{y+\}/, o2.year === '2-digit' ? '{yy}' : '{y}');
    }
    if (tp) {
      if (o2.hour === '2-digit') tp = tp.replace(/\{([hH])\}/, '{$1$1}');
      if (o2.minute === '2-digit') tp = tp.replace('{m}', '{mm}');
      if (o2.second === '2-digit') tp = tp.replace('{s}', '{ss}');
      if (o2.fractionalSecondDigits) tp = o2.second ? tp.replace(/(\{ss?\})/, '$1' + data.s[0] + '{S}') : tp.replace(/\{ss?\}/, '{S}');
    }
    if (dp && tp) {
      const idx = o2.month === 'long' ? (o2.weekday === 'long' ? 0 : 1) : o2.month === 'short' ? 2 : 3;
      pattern = (data.gl[dk] || data.dts[idx]).replace('{1}', dp).replace('{0}', tp);
    } else pattern = dp || tp;
  }
  if (hc === 'h11') pattern = pattern.replace(/\{h(h?)\}/, '{K$1}');
  if (hc === 'h24') pattern = pattern.replace(/\{H(H?)\}/, '{k$1}');
  dtfSlots.set(self, { locale, data, key, timeZone, offset, hc, dateStyle, timeStyle, opts, pattern, boundFormat: undefined });
}
// Like V8, format() and toLocaleString() write U+202F NARROW NO-BREAK SPACE as a plain space
// (formatToParts and formatRange keep it).
function formatDate(slot, t) { return partsToString(formatDateParts(slot, t)).replace(/\u202f/g, ' '); }
function pad2(n) { return String(n).padStart(2, '0'); }
// [offset in seconds east of UTC, the locale's short zone name or ''] of instant t in s's zone.
function zoneAt(s, t) {
  if (s.offset !== null) return [s.offset * 60, s.offset === 0 ? 'GMT' : ''];
  return JSON.parse(__kw.hostService('tz', { z: s.timeZone, t: [t], l: s.key }))[0];
}
function formatDateParts(s, t) {
  const { data, opts, pattern } = s;
  const zone = zoneAt(s, t);
  const d = new Date(t + zone[0] * 1000);
  const year = d.getUTCFullYear(), month = d.getUTCMonth(), day = d.getUTCDate(), hour = d.getUTCHours();
  const standalone = !/\{d/.test(pattern);
  const out = [];
  const re = /\{([A-Za-z]+)\}/g;
  let last = 0, m;
  while ((m = re.exec(pattern))) {
    if (m.index > last) out.push(['literal', pattern.slice(last, m.index)]);
    last = re.lastIndex;
    const f = m[1], c = f[0], n = f.length;
    let type, v;
    switch (c) {
      case 'G': type = 'era'; v = data.er[n === 4 ? 1 : n === 5 ? 2 : 0][year > 0 ? 1 : 0]; break;
      case 'y': { type = 'year'; const y = year > 0 ? year : 1 - year; v = n === 2 ? pad2(y % 100) : String(y); break; }
      case 'M': type = 'month'; v = n <= 2 ? (n === 2 ? pad2(month + 1) : String(month + 1)) : ((standalone && data.ms) || data.mo)[n === 4 ? 0 : n === 3 ? 1 : 2][month]; break;
      case 'd': type = 'day'; v = n === 2 ? pad2(day) : String(day); break;
      case 'E': type = 'weekday'; v = ((standalone && /^[^{]*\{E+\}[^{]*$/.test(pattern) && data.ws) || data.wd)[n === 4 ? 0 : n === 3 ? 1 : 2][d.getUTCDay()]; break;
      case 'a': type = 'dayPeriod'; v = data.dp[hour < 12 ? 0 : 1]; break;
      case 'h': case 'H': case 'K': case 'k': {
        type = 'hour';
        const h = c === 'h' ? hour % 12 || 12 : c === 'K' ? hour % 12 : c === 'k' ? hour || 24 : hour;
        v = n === 2 ? pad2(h) : String(h); break;
      }
      case 'm': type = 'minute'; v = n === 2 ? pad2(d.getUTCMinutes()) : String(d.getUTCMinutes()); break;
      case 's': type = 'second'; v = n === 2 ? pad2(d.getUTCSeconds()) : String(d.getUTCSeconds()); break;
      case 'S': type = 'fractionalSecond'; v = String(d.getUTCMilliseconds()).padStart(3, '0').slice(0, opts.fractionalSecondDigits); break;
      case 'z': type = 'timeZoneName'; v = zoneName(data, zone, s.timeZone, opts.timeZoneName); break;
    }
    out.push([type, v]);
  }
  if (last < pattern.length) out.push(['literal', pattern.slice(last)]);
  return out;
}
// Zone names: data.tz is [UTC short, UTC long, offset format, zero offset short, long offset
// format, zero offset long, minus sign] (the "zero offset" names are Greenwich Mean Time's).
// `zone` is zoneAt's answer: an IANA zone gets the locale's short name where the host knows one
// (EST, CET, ...; 'GMT' for zones on Greenwich time); long and generic names of IANA zones fall
// back to the offset formats (see jsengine/LEDGER.md).
function zoneName(data, zone, tz, style) {
  const [utcShort, utcLong, gmt, zeroShort, gmtLong, zeroLong, minus] = data.tz;
  const [off, name] = zone;
  const long = style.startsWith('long');
  if (!style.endsWith('Offset')) {
    if (tz === 'UTC') return long ? utcLong : utcShort;
    if (name === 'GMT') return long ? zeroLong : zeroShort;
    if (name && style === 'short') return name;
  }
  const a = Math.abs(off), sign = off < 0 ? minus : '+', h = Math.floor(a / 3600), mi = Math.floor(a / 60) % 60, se = a % 60;
  if (long) return gmtLong.replace('{0}', `${sign}${pad2(h)}:${pad2(mi)}${se ? ':' + pad2(se) : ''}`);
  return gmt.replace('{0}', `${sign}${h}${mi || se ? ':' + pad2(mi) : ''}${se ? ':' + pad2(se) : ''}`);
}
function dateRangeParts(s, a, b) {
  if (a === undefined || b === undefined) throw new TypeError('startDate and endDate are required');
  const x = formatDateParts(s, toDateValue(a)), y = formatDateParts(s, toDateValue(b));
  if (partsToString(x) === partsToString(y)) return x.map((p) => [...p, 'shared']);
  return [...x.map((p) => [...p, 'startRange']), ['literal', '\u2009–\u2009', 'shared'], ...y.map((p) => [...p, 'endRange'])];
}

// ---- PluralRules ----
const prSlots = new WeakMap();
class PluralRules {
  constructor(locales, options) {
    if (!new.target) throw new TypeError("Constructor Intl.PluralRules requires 'new'");
    const { locale, data, lang } = resolveLocale(locales, [], {}, (t) => t.split('-')[0]);
    const o = toObjectOptions(options);
    getOption(o, 'localeMatcher', ['lookup', 'best fit'], 'best fit');
    const type = getOption(o, 'type', ['cardinal', 'ordinal'], 'cardinal');
    const digits = {};
    digitOptions(digits, o, 0, 3, 'standard');
    prSlots.set(this, { locale, type, lang, digits, nf: { r: { style: 'decimal', notation: 'standard', signDisplay: 'auto', useGrouping: false }, digits, data, lang } });
  }
  select(n) {
    const s = prGet(this, 'select');
    return selectPlural(s, Number(n));
  }
  selectRange(a, b) {
    const s = prGet(this, 'selectRange');
    if (a === undefined || b === undefined) throw new TypeError('start and end are required');
    const x = Number(a), y = Number(b);
    if (Number.isNaN(x) || Number.isNaN(y)) throw new RangeError('Invalid number range');
    return selectPlural(s, y);
  }
  resolvedOptions() {
    const s = prGet(this, 'resolvedOptions'), d = s.digits;
    const out = { locale: s.locale, type: s.type, minimumIntegerDigits: d.minimumIntegerDigits };
    for (const k of ['minimumFractionDigits', 'maximumFractionDigits', 'minimumSignificantDigits', 'maximumSignificantDigits']) if (k in d) out[k] = d[k];
    out.pluralCategories = [...(PLURAL_CATEGORIES[s.lang] || PLURAL_CATEGORIES.en)[s.type === 'ordinal' ? 1 : 0]];
    Object.assign(out, { roundingIncrement: d.roundingIncrement, roundingMode: d.roundingMode, roundingPriority: d.roundingPriority, trailingZeroDisplay: d.trailingZeroDisplay });
    return out;
  }
  static supportedLocalesOf(locales, options) { return supportedLocalesOf(locales, options); }
}
function prGet(self, method) {
  const s = prSlots.get(self);
  if (!s) throw new TypeError(`Method Intl.PluralRules.prototype.${method} called on incompatible receiver ${String(self)}`);
  return s;
}
function selectPlural(s, n) {
  if (!Number.isFinite(n)) return 'other';
  const str = formatNumberParts(s.nf, toDecimal(Math.abs(n))).map(([t, v]) => (t === 'decimal' ? '.' : t === 'integer' || t === 'fraction' ? v : '')).join('');
  return pluralCategory(s.lang, str, s.type === 'ordinal');
}

// ---- RelativeTimeFormat ----
const rtfSlots = new WeakMap();
const RT_UNITS = ['year', 'quarter', 'month', 'week', 'day', 'hour', 'minute', 'second'];
class RelativeTimeFormat {
  constructor(locales, options) {
    if (!new.target) throw new TypeError("Constructor Intl.RelativeTimeFormat requires 'new'");
    const { locale, data, lang } = resolveLocale(locales, ['nu'], { nu: (v) => v === 'latn' });
    const o = toObjectOptions(options);
    getOption(o, 'localeMatcher', ['lookup', 'best fit'], 'best fit');
    const nu = getOption(o, 'numberingSystem');
    if (nu !== undefined && !/^[a-z\d]{3,8}(-[a-z\d]{3,8})*$/i.test(nu)) throw new RangeError(`Invalid numberingSystem : ${nu}`);
    const style = getOption(o, 'style', ['long', 'short', 'narrow'], 'long');
    const numeric = getOption(o, 'numeric', ['always', 'auto'], 'always');
    rtfSlots.set(this, { locale, style, numeric, data, lang, nf: new NumberFormat(locale) });
  }
  format(value, unit) { return partsToString(relativeParts(rtfGet(this, 'format'), value, unit)); }
  formatToParts(value, unit) {
    return relativeParts(rtfGet(this, 'formatToParts'), value, unit).map(([type, v, u]) => (u ? { type, value: v, unit: u } : { type, value: v }));
  }
  resolvedOptions() { const s = rtfGet(this, 'resolvedOptions'); return { locale: s.locale, style: s.style, numeric: s.numeric, numberingSystem: 'latn' }; }
  static supportedLocalesOf(locales, options) { return supportedLocalesOf(locales, options); }
}
function rtfGet(self, method) {
  const s = rtfSlots.get(self);
  if (!s) throw new TypeError(`Method Intl.RelativeTimeFormat.prototype.${method} called on incompatible receiver ${String(self)}`);
  return s;
}
function relativeParts(s, value, unit) {
  let v = Number(value);
  unit = String(unit);
  const u = unit.endsWith('s') && RT_UNITS.includes(unit.slice(0, -1)) ? unit.slice(0, -1) : unit;
  if (!RT_UNITS.includes(u)) throw new RangeError(`Invalid unit argument for format() '${unit}'`);
  if (!Number.isFinite(v)) throw new RangeError('Invalid number value');
  const [pats, auto] = (s.data.rt[s.style] || s.data.rt.short)[u];
  if (s.numeric === 'auto') {
    const key = Object.is(v, -0) ? '0' : String(v);
    if (key in auto) return [['literal', auto[key]]];
  }
  const past = v < 0 || Object.is(v, -0);
  const num = formatNumberParts(nfSlots.get(s.nf), toDecimal(Math.abs(v)));
  const str = num.map(([t, x]) => (t === 'decimal' ? '.' : t === 'integer' || t === 'fraction' ? x : '')).join('');
  const one = pluralCategory(s.lang, str, false) === 'one';
  const pat = pats[(past ? 2 : 0) + (one ? 1 : 0)];
  const i = pat.indexOf('{0}');
  const out = [];
  if (i > 0) out.push(['literal', pat.slice(0, i)]);
  for (const [t, x] of num) out.push([t, x, u]);
  if (i + 3 < pat.length) out.push(['literal', pat.slice(i + 3)]);
  return out;
}

// ---- ListFormat ----
const lfSlots = new WeakMap();
class ListFormat {
  constructor(locales, options) {
    if (!new.target) throw new TypeError("Constructor Intl.ListFormat requires 'new'");
    const { locale, data, lang } = resolveLocale(locales);
    const o = toObjectOptions(options);
    getOption(o, 'localeMatcher', ['lookup', 'best fit'], 'best fit');
    const type = getOption(o, 'type', ['conjunction', 'disjunction', 'unit'], 'conjunction');
    const style = getOption(o, 'style', ['long', 'short', 'narrow'], 'long');
    lfSlots.set(this, { locale, type, style, lang, pats: data.lf[type[0] + style[0]] });
  }
  format(list) { return partsToString(listParts(lfGet(this, 'format'), list)); }
  formatToParts(list) { return listParts(lfGet(this, 'formatToParts'), list).map(([type, value]) => ({ type, value })); }
  resolvedOptions() { const s = lfGet(this, 'resolvedOptions'); return { locale: s.locale, type: s.type, style: s.style }; }
  static supportedLocalesOf(locales, options) { return supportedLocalesOf(locales, options); }
}
function lfGet(self, method) {
  const s = lfSlots.get(self);
  if (!s) throw new TypeError(`Method Intl.ListFormat.prototype.${method} called on incompatible receiver ${String(self)}`);
  return s;
}
function listParts(s, list) {
  const items = [];
  if (list !== undefined) {
    for (const x of list) {
      if (typeof x !== 'string') throw new TypeError(`Iterable yielded ${typeof x === 'symbol' ? 'Symbol()' : String(x)} which is not a string`);
      items.push(x);
    }
  }
  const n = items.length;
  if (n === 0) return [];
  if (n === 1) return [['element', items[0]]];
  const [two, start, middle, end] = s.pats;
  // Spanish writes "e" for "y" before an /i/ sound and "u" for "o" before an /o/ sound.
  const fix = (pat, next) => {
    if (s.lang !== 'es') return pat;
    if (/ y /.test(pat) && /^(?:i|hi)(?![aeiouáéíóú])/i.test(next)) return pat.replace(' y ', ' e ');
    if (/ o /.test(pat) && /^(?:o|ho|8|11(?!\d))/i.test(next)) return pat.replace(' o ', ' u ');
    return pat;
  };
  const apply = (pat, a, b) => {
    const i = pat.indexOf('{0}'), j = pat.indexOf('{1}');
    const out = [];
    if (i > 0) out.push(['literal', pat.slice(0, i)]);
    out.push(...a);
    if (j > i + 3) out.push(['literal', pat.slice(i + 3, j)]);
    out.push(...b);
    if (j + 3 < pat.length) out.push(['literal', pat.slice(j + 3)]);
    return out;
  };
  const el = (x) => [['element', x]];
  if (n === 2) return apply(fix(two, items[1]), el(items[0]), el(items[1]));
  let acc = apply(fix(end, items[n - 1]), el(items[n - 2]), el(items[n - 1]));
  for (let i = n - 3; i >= 1; i--) acc = apply(middle, el(items[i]), acc);
  return apply(start, el(items[0]), acc);
}

// ---- Collator: an approximation of the CLDR root collation for Latin-script text ----
// Each character becomes collation elements [primary, secondary, tertiary]: primaries order
// whitespace and punctuation (in CLDR order), then digits, then letters, then other scripts by
// code point; secondaries are accents (in DUCET order), tertiaries case.
const PUNCT = '\t\n \u00a0_-–—,;:!¡?¿.…·\'‘’"“”«»()[]{}§¶@*/\\&#%•`´^¯¨¸°©®+±÷×<=>¬|¦~¤¢$£¥€';
const MARKS = '\u0301\u0300\u0306\u0302\u030c\u030a\u0308\u030b\u0303\u0307\u0338\u0327\u0328\u0304\u0335\u0309\u030f\u0311\u031b\u0323\u0326\u0331';
const EXPANSIONS = { 'ß': 'ss', 'æ': 'ae', 'œ': 'oe', 'ĳ': 'ij', 'ø': 'o\u0338', 'đ': 'd\u0335', 'ł': 'l\u0338', 'ħ': 'h\u0335' };
const DIGIT_BASE = 1000, LETTER_BASE = 20000, OTHER_BASE = 100000;
const collatorSlots = new WeakMap();
function collationElements(str, s) {
  const out = [];
  const chars = Array.from(str.normalize('NFD'));
  for (let i = 0; i < chars.length; i++) {
    let ch = chars[i];
    const lower = ch.toLowerCase();
    let ter = lower !== ch ? 2 : 1;
    if (/\p{M}/u.test(ch)) { const w = MARKS.indexOf(ch); out.push([0, w < 0 ? 40 + ch.codePointAt(0) : 2 + w, 0]); continue; }
    let p = PUNCT.indexOf(ch);
    if (p >= 0 || /[\p{P}\p{S}\p{Z}\p{Cc}]/u.test(ch)) {
      if (!s.ignorePunctuation || !/[\p{P}\p{Z}\s]/u.test(ch)) out.push([p >= 0 ? p + 1 : 500 + (ch.codePointAt(0) % 400), 1, 1]);
      continue;
    }
    let base = EXPANSIONS[lower];
    if (base === undefined) {
      const k = lower.normalize('NFKD');
      if (k !== lower && /^[\da-z]+$/.test(k)) { base = k; ter = 3; }
    } else if (base.length === 2 && !/\p{M}/u.test(base[1])) ter = ter === 2 ? 2 : 3;
    if (base !== undefined) {
      for (const b of base) {
        if (/\p{M}/u.test(b)) out.push([0, 2 + MARKS.indexOf(b), 0]);
        else out.push([LETTER_BASE + (b.charCodeAt(0) - 97) * 10, 1, ter]);
      }
      // Ligatures and ß differ from their expansion at the secondary level.
      if (!/\p{M}/u.test(base[1] || '')) out.push([0, 2 + MARKS.length, 0]);
      continue;
    }
    if (ch >= '0' && ch <= '9') {
      if (s.numeric) {
        let j = i;
        while (j < chars.length && chars[j] >= '0' && chars[j] <= '9') j++;
        const run = chars.slice(i, j).join('').replace(/^0+(?=\d)/, '');
        out.push([DIGIT_BASE, 1, 1], [DIGIT_BASE + 10 + run.length, 1, 1]);
        for (const dgt of run) out.push([DIGIT_BASE + Number(dgt), 1, 1]);
        i = j - 1;
      } else out.push([DIGIT_BASE + Number(ch), 1, 1]);
      continue;
    }
    if (lower >= 'a' && lower <= 'z') {
      out.push([LETTER_BASE + (lower.charCodeAt(0) - 97) * 10, 1, ter]);
      // Spanish sorts ñ as a letter after n.
      if (s.lang === 'es' && lower === 'n' && chars[i + 1] === '\u0303') { out[out.length - 1][0] += 5; i++; }
      continue;
    }
    if (lower === 'þ') { out.push([LETTER_BASE + 26 * 10, 1, ter]); continue; }
    out.push([OTHER_BASE + lower.codePointAt(0), 1, ter]);
  }
  return out;
}
function compareLevel(a, b, level, upperFirst) {
  let i = 0, j = 0;
  for (;;) {
    while (i < a.length && !a[i][level]) i++;
    while (j < b.length && !b[j][level]) j++;
    if (i >= a.length || j >= b.length) return (i < a.length) - (j < b.length);
    let x = a[i][level], y = b[j][level];
    if (level === 2 && upperFirst) { x = x === 2 ? 0.5 : x; y = y === 2 ? 0.5 : y; }
    if (x !== y) return x < y ? -1 : 1;
    i++; j++;
  }
}
function collate(s, x, y) {
  x = String(x); y = String(y);
  if (x === y) return 0;
  const a = collationElements(x, s), b = collationElements(y, s);
  let r = compareLevel(a, b, 0);
  if (r) return r;
  if (s.sensitivity === 'accent' || s.sensitivity === 'variant') { r = compareLevel(a, b, 1); if (r) return r; }
  if (s.sensitivity === 'case' || s.sensitivity === 'variant') {
    const tA = a.filter((e) => e[0]), tB = b.filter((e) => e[0]);
    r = compareLevel(tA, tB, 2, s.caseFirst === 'upper');
    if (r) return r;
  }
  return 0;
}
class Collator {
  constructor(locales, options) {
    const o0 = toObjectOptions(options);
    const usage = getOption(o0, 'usage', ['sort', 'search'], 'sort');
    getOption(o0, 'localeMatcher', ['lookup', 'best fit'], 'best fit');
    const co = getOption(o0, 'collation');
    if (co !== undefined && !/^[a-z\d]{3,8}(-[a-z\d]{3,8})*$/i.test(co)) throw new RangeError(`Invalid collation : ${co}`);
    let numeric = o0.numeric === undefined ? undefined : Boolean(o0.numeric);
    let caseFirst = getOption(o0, 'caseFirst', ['upper', 'lower', 'false']);
    const { locale: loc0, lang, ext } = resolveLocale(locales, ['kf', 'kn'], { kf: (v) => ['upper', 'lower', 'false'].includes(v), kn: (v) => v === 'true' || v === 'false' },
      (t) => (['en-US', 'zh-CN', 'zh-Hans-CN'].includes(t) ? t : t.split('-')[0]));
    let locale = loc0;
    if (numeric === undefined) numeric = ext.kn === 'true'; else if (ext.kn !== undefined && String(numeric) !== ext.kn) locale = removeExt(locale, 'kn');
    if (caseFirst === undefined) caseFirst = ext.kf || 'false'; else if (ext.kf !== undefined && caseFirst !== ext.kf) locale = removeExt(locale, 'kf');
    const sensitivity = getOption(o0, 'sensitivity', ['base', 'accent', 'case', 'variant'], 'variant');
    const ignorePunctuation = getOption(o0, 'ignorePunctuation', undefined, false, 'boolean');
    collatorSlots.set(this, { locale, lang, usage, sensitivity, ignorePunctuation, numeric, caseFirst, boundCompare: undefined });
  }
  get compare() {
    const s = collatorGet(this, 'compare');
    return s.boundCompare || (s.boundCompare = (x, y) => collate(s, x, y));
  }
  resolvedOptions() {
    const s = collatorGet(this, 'resolvedOptions');
    return { locale: s.locale, usage: s.usage, sensitivity: s.sensitivity, ignorePunctuation: s.ignorePunctuation, collation: 'default', numeric: s.numeric, caseFirst: s.caseFirst };
  }
  static supportedLocalesOf(locales, options) { return supportedLocalesOf(locales, options); }
}
function collatorGet(self, method) {
  const s = collatorSlots.get(self);
  if (!s) throw new TypeError(`Method Intl.Collator.prototype.${method} called on incompatible receiver ${String(self)}`);
  return s;
}

// ---- Locale ----
const localeSlots = new WeakMap();
const LIKELY = { en: 'Latn-US', de: 'Latn-DE', fr: 'Latn-FR', es: 'Latn-ES', it: 'Latn-IT', nl: 'Latn-NL', pt: 'Latn-BR', ja: 'Jpan-JP', zh: 'Hans-CN', ru: 'Cyrl-RU', ko: 'Kore-KR', ar: 'Arab-EG', hi: 'Deva-IN', und: 'Latn-US' };
const LOCALE_KEYS = [['calendar', 'ca'], ['caseFirst', 'kf'], ['collation', 'co'], ['hourCycle', 'hc'], ['numeric', 'kn'], ['numberingSystem', 'nu']];
class Locale {
  constructor(tag, options) {
    if (!new.target) throw new TypeError("Constructor Intl.Locale requires 'new'");
    if (typeof tag !== 'string' && (typeof tag !== 'object' || tag === null)) throw new TypeError('First argument to Intl.Locale constructor can\'t be empty or missing');
    let t = canonicalizeTag(tag);
    const o = toObjectOptions(options);
    const m = /^([a-z]{2,3})(?:-([A-Z][a-z]{3}))?(?:-([A-Z]{2}|\d{3}))?((?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*)(.*)$/.exec(t);
    let [, language, script, region, variants, rest] = m;
    const lang = getOption(o, 'language');
    if (lang !== undefined) { if (!/^[a-z]{2,3}$|^[a-z]{5,8}$/i.test(lang)) throw new RangeError('Incorrect locale information provided'); language = lang.toLowerCase(); }
    const sc = getOption(o, 'script');
    if (sc !== undefined) { if (!/^[a-z]{4}$/i.test(sc)) throw new RangeError('Incorrect locale information provided'); script = sc[0].toUpperCase() + sc.slice(1).toLowerCase(); }
    const rg = getOption(o, 'region');
    if (rg !== undefined) { if (!/^([a-z]{2}|\d{3})$/i.test(rg)) throw new RangeError('Incorrect locale information provided'); region = rg.toUpperCase(); }
    const kw = {};
    const um = /-u((?:-[a-z\d]{2,8})+)/.exec(rest);
    if (um) {
      const sub = um[1].slice(1).split('-');
      for (let i = 0; i < sub.length; i++) {
        if (sub[i].length !== 2) continue;
        const key = sub[i]; let v = '';
        while (i + 1 < sub.length && sub[i + 1].length > 2) v += (v ? '-' : '') + sub[++i];
        if (!(key in kw)) kw[key] = v;
      }
    }
    for (const [name, key] of LOCALE_KEYS) {
      let v = name === 'numeric' ? (o.numeric === undefined ? undefined : String(Boolean(o.numeric))) : getOption(o, name, name === 'caseFirst' ? ['upper', 'lower', 'false'] : name === 'hourCycle' ? ['h11', 'h12', 'h23', 'h24'] : undefined);
      if (v !== undefined && !/^[a-z\d]{3,8}(-[a-z\d]{3,8})*$/i.test(v)) throw new RangeError('Incorrect locale information provided');
      if (v !== undefined) kw[key] = v.toLowerCase();
    }
    const others = rest.replace(/-u(-[a-z\d]{2,8})+/, '');
    const keys = Object.keys(kw).sort();
    const uext = keys.length ? '-u' + keys.map((k) => '-' + k + (kw[k] && kw[k] !== 'true' ? '-' + kw[k] : '')).join('') : '';
    const baseName = language + (script ? '-' + script : '') + (region ? '-' + region : '') + variants;
    // Extensions stay in singleton order: the -u- part goes before later singletons.
    const xi = others.search(/-[v-z]-/);
    const str = baseName + (xi < 0 ? others + uext : others.slice(0, xi) + uext + others.slice(xi));
    localeSlots.set(this, { language, script, region, baseName, kw, str });
    void t;
  }
  toString() { return localeGet(this).str; }
  toJSON() { return localeGet(this).str; }
  maximize() {
    const s = localeGet(this);
    const likely = (LIKELY[s.language] || 'Latn-US').split('-');
    return new Locale(s.str, { script: s.script || likely[0], region: s.region || likely[1] });
  }
  minimize() {
    const s = localeGet(this);
    const likely = (LIKELY[s.language] || '').split('-');
    let tag = s.language;
    if (s.script && s.script !== likely[0]) tag += '-' + s.script;
    if (s.region && s.region !== likely[1]) tag += '-' + s.region;
    return new Locale(s.str.replace(/^[^-]+(-[A-Z][a-z]{3})?(-([A-Z]{2}|\d{3}))?/, tag));
  }
  get language() { return localeGet(this).language; }
  get script() { return localeGet(this).script; }
  get region() { return localeGet(this).region; }
  get baseName() { return localeGet(this).baseName; }
  get calendar() { return localeGet(this).kw.ca; }
  get caseFirst() { return localeGet(this).kw.kf; }
  get collation() { return localeGet(this).kw.co; }
  get hourCycle() { return localeGet(this).kw.hc; }
  get numeric() { const v = localeGet(this).kw.kn; return v === '' || v === 'true'; }
  get numberingSystem() { return localeGet(this).kw.nu; }
}
function localeGet(self) {
  const s = localeSlots.get(self);
  if (!s) throw new TypeError('Method Intl.Locale.prototype called on incompatible receiver ' + String(self));
  return s;
}

// ---- Installation ----
const Intl = {};
const hidden = (obj, name, value) => Object.defineProperty(obj, name, { value, writable: true, configurable: true, enumerable: false });

// ECMA-402 lets the three legacy constructors be called without `new` (libraries do:
// `Intl.NumberFormat('de').format(n)`); classes cannot be, so they get a function in front
// that constructs, sharing the prototype, statics and subclassing of the class.
function callableWithoutNew(cls, name) {
  const f = { [name]: function (...args) { return Reflect.construct(cls, args, new.target || f); } }[name];
  for (const key of Reflect.ownKeys(cls)) {
    if (key !== 'prototype' && key !== 'name') Object.defineProperty(f, key, Object.getOwnPropertyDescriptor(cls, key));
  }
  Object.defineProperty(f, 'length', { value: 0, configurable: true }); // optional arguments, as ECMA-402 says
  Object.defineProperty(f, 'prototype', { value: cls.prototype, writable: false, enumerable: false, configurable: false });
  Object.defineProperty(cls.prototype, 'constructor', { value: f, writable: true, enumerable: false, configurable: true });
  return f;
}
const legacy = new Set(['DateTimeFormat', 'NumberFormat', 'Collator']);
for (const [name, cls] of [['DateTimeFormat', DateTimeFormat], ['NumberFormat', NumberFormat], ['Collator', Collator], ['PluralRules', PluralRules],
  ['RelativeTimeFormat', RelativeTimeFormat], ['ListFormat', ListFormat], ['Locale', Locale]]) {
  Object.defineProperty(cls.prototype, Symbol.toStringTag, { value: 'Intl.' + name, configurable: true });
  hidden(Intl, name, legacy.has(name) ? callableWithoutNew(cls, name) : cls);
}
hidden(Intl, 'getCanonicalLocales', function getCanonicalLocales(locales) { return canonicalLocaleList(locales); });
Object.defineProperty(Intl, Symbol.toStringTag, { value: 'Intl', configurable: true });
__kw.defineGlobal('Intl', Intl);

// Locale-sensitive methods of the built-ins. The default formatters are cached.
let defaultNF, defaultCollator;
const defaultDTF = Object.create(null);
const thisNumber = (v, what) => {
  if (typeof v === 'number' || typeof v === 'bigint') return v;
  if (v instanceof Number || v instanceof BigInt) return v.valueOf();
  throw new TypeError(`${what}.prototype.toLocaleString requires that 'this' be a ${what}`);
};
function numberToLocaleString(locales, options) {
  const x = thisNumber(this, typeof this === 'bigint' || this instanceof BigInt ? 'BigInt' : 'Number');
  const nf = locales === undefined && options === undefined ? (defaultNF ||= new NumberFormat()) : new NumberFormat(locales, options);
  return nf.format(x);
}
hidden(Number.prototype, 'toLocaleString', { toLocaleString: numberToLocaleString }.toLocaleString);
hidden(BigInt.prototype, 'toLocaleString', { toLocaleString(l, o) { return numberToLocaleString.call(this, l, o); } }.toLocaleString);
for (const [name, required, defaults] of [['toLocaleString', 'any', 'all'], ['toLocaleDateString', 'date', 'date'], ['toLocaleTimeString', 'time', 'time']]) {
  hidden(Date.prototype, name, { [name](locales, options) {
    if (!(this instanceof Date)) throw new TypeError('this is not a Date object.');
    const t = this.getTime();
    if (Number.isNaN(t)) return 'Invalid Date';
    let f;
    if (locales === undefined && options === undefined) f = defaultDTF[name];
    if (!f) {
      f = Object.create(DateTimeFormat.prototype);
      createDateTimeFormat(f, locales, options, required, defaults);
      if (locales === undefined && options === undefined) defaultDTF[name] = f;
    }
    return formatDate(dtfSlots.get(f), t);
  } }[name]);
}
hidden(String.prototype, 'localeCompare', { localeCompare(that, locales, options) {
  if (this === undefined || this === null) throw new TypeError('String.prototype.localeCompare called on null or undefined');
  const c = locales === undefined && options === undefined ? (defaultCollator ||= new Collator()) : new Collator(locales, options);
  return collate(collatorSlots.get(c), String(this), String(that));
} }.localeCompare);
hidden(Array.prototype, 'toLocaleString', { toLocaleString(locales, options) {
  const a = Object(this), len = a.length >>> 0;
  let s = '';
  for (let i = 0; i < len; i++) {
    if (i) s += ',';
    const e = a[i];
    if (e !== undefined && e !== null) s += String(e.toLocaleString(locales, options));
  }
  return s;
} }.toLocaleString);

// ---- Locale data (generated from Node 22 / ICU 78 / CLDR 48) ----
// Keys: s number symbols [decimal, group, minimum grouping digits, Indian grouping]; p, c, a, n
// percent, currency, accounting and currency-name patterns; cu currencies [symbol, narrow, name one,
// name other]; k compact patterns for 10^3..10^14; u units [short, long, narrow]; mo/wd (ms/ws
// stand-alone) month and weekday names [wide, abbreviated, narrow]; dp day periods; er eras;
// ds/ts/dts date, time and date-time style patterns; sk skeleton patterns; gl date-time glue
// exceptions; tz zone names; rt relative-time patterns; lf list patterns.
const LOCALE_DATA = {
  "en": '{"s":[".",",",1,0],"p":"-#%","c":"-¤#","a":"(¤#)","n":"-# ¤","cu":{"USD":["$","$","US dollars","US dollars"],"EUR":["€","€","euros","euros"],"GBP":["£","£","British pounds","British pounds"],"JPY":["¥","¥","Japanese yen","Japanese yen"],"CHF":["CHF","CHF","Swiss francs","Swiss francs"],"CNY":["CN¥","¥","Chinese yuan","Chinese yuan"],"INR":["₹","₹","Indian rupees","Indian rupees"],"BRL":["R$","R$","Brazilian reals","Brazilian reals"],"CAD":["CA$","$","Canadian dollars","Canadian dollars"],"AUD":["A$","$","Australian dollars","Australian dollars"]},"k":{"short":["0K","00K","000K","0M","00M","000M","0B","00B","000B","0T"],"long":["0 thousand","00 thousand","000 thousand","0 million","00 million","000 million","0 billion","00 billion","000 billion","0 trillion"]},"u":{"byte":["# byte",["# bytes","# byte"],"#B"],"kilobyte":["# kB",["# kilobytes","# kilobyte"],"#kB"],"megabyte":["# MB",["# megabytes","# megabyte"],"#MB"],"gigabyte":["# GB",["# gigabytes","# gigabyte"],"#GB"],"terabyte":["# TB",["# terabytes","# terabyte"],"#TB"],"millisecond":["# ms",["# milliseconds","# millisecond"],"#ms"],"second":["# sec",["# seconds","# second"],"#s"],"minute":["# min",["# minutes","# minute"],"#m"],"hour":["# hr",["# hours","# hour"],"#h"],"day":[["# days","# day"],["# days","# day"],"#d"],"week":[["# wks","# wk"],["# weeks","# week"],"#w"],"month":[["# mths","# mth"],["# months","# month"],"#m"],"year":[["# yrs","# yr"],["# years","# year"],"#y"],"meter":["# m",["# meters","# meter"],"#m"],"centimeter":["# cm",["# centimeters","# centimeter"],"#cm"],"kilometer":["# km",["# kilometers","# kilometer"],"#km"],"mile":["# mi",["# miles","# mile"],"#mi"],"kilogram":["# kg",["# kilograms","# kilogram"],"#kg"],"gram":["# g",["# grams","# gram"],"#g"],"liter":["# L",["# liters","# liter"],"#L"],"celsius":["#°C",["# degrees Celsius","# degree Celsius"],"#°C"],"fahrenheit":["#°F",["# degrees Fahrenheit","# degree Fahrenheit"],"#°"],"percent":["#%","# percent","#%"],"kilometer-per-hour":["# km/h",["# kilometers per hour","# kilometer per hour"],"#km/h"]},"mo":[["January","February","March","April","May","June","July","August","September","October","November","December"],["Jan","Feb","Mar","Apr","May","Jun","Jul","Aug","Sep","Oct","Nov","Dec"],["J","F","M","A","M","J","J","A","S","O","N","D"]],"wd":[["Sunday","Monday","Tuesday","Wednesday","Thursday","Friday","Saturday"],["Sun","Mon","Tue","Wed","Thu","Fri","Sat"],["S","M","T","W","T","F","S"]],"dp":["AM","PM"],"er":[["BC","AD"],["Before Christ","Anno Domini"],["B","A"]],"ds":["{EEEE}, {MMMM} {d}, {y}","{MMMM} {d}, {y}","{MMM} {d}, {y}","{M}/{d}/{yy}"],"ts":["{h}:{mm}:{ss} {a} {z}","{h}:{mm}:{ss} {a} {z}","{h}:{mm}:{ss} {a}","{h}:{mm} {a}"],"tsx":["{HH}:{mm}:{ss} {z}","{HH}:{mm}:{ss} {z}","{HH}:{mm}:{ss}","{HH}:{mm}"],"dts":["{1} at {0}","{1} at {0}","{1}, {0}","{1}, {0}"],"sk":{"E":"{EEE}","G":"{M}/{d}/{y} {G}","EG":"{G} {EEE}","y":"{y}","Ey":"{y} {EEE}","Gy":"{y} {G}","EGy":"{y} {G} {EEE}","M":"{M}","EM":"{M} {EEE}","GM":"{G} (month: {M})","EGM":"{G} (month: {M})","yM":"{M}/{y}","EyM":"{M}/{y} {EEE}","GyM":"{M}/{y} {G}","EGyM":"{M}/{y} {G} {EEE}","L":"{MMM}","EL":"{MMM} {EEE}","EL4":"{EEE} (month: {MMMM})","GL":"{G} (month: {MMM})","EGL":"{G} (month: {MMM})","EGL4":"{G} {EEE}","yL":"{MMM} {y}","EyL":"{MMM} {y} {EEE}","GyL":"{MMM} {y} {G}","EGyL":"{MMM} {y} {G} {EEE}","d":"{d}","Ed":"{d} {EEE}","Gd":"{G} (day: {d})","EGd":"{d} {EEE} {G}","yd":"{y} (day: {d})","Eyd":"{d} {EEE} {y}","Gyd":"{y} {G} (day: {d})","EGyd":"{y} {G} (day: {d} {EEE})","Md":"{M}/{d}","EMd":"{EEE}, {M}/{d}","GMd":"{M}/{d} {G}","EGMd":"{EEE}, {M}/{d} {G}","yMd":"{M}/{d}/{y}","EyMd":"{EEE}, {M}/{d}/{y}","GyMd":"{M}/{d}/{y} {G}","EGyMd":"{EEE}, {M}/{d}/{y} {G}","Ld":"{MMM} {d}","ELd":"{EEE}, {MMM} {d}","GLd":"{MMM} {d} {G}","EGLd":"{EEE}, {MMM} {d} {G}","yLd":"{MMM} {d}, {y}","EyLd":"{EEE}, {MMM} {d}, {y}","GyLd":"{MMM} {d}, {y} {G}","EGyLd":"{EEE}, {MMM} {d}, {y} {G}","h":"{h} {a}","H":"{HH}","m":"{m}","m/m":"{m}","hm":"{h}:{mm} {a}","Hm":"{HH}:{mm}","s":"{s}","s/s":"{s}","hs":"{h} {a} (second: {s})","hs/s":"{h} {a} (second: {s})","hs/hs":"{hh} {a} (second: {s})","Hs":"{HH} (second: {s})","Hs/h":"{s} (hour: {HH})","Hs/s":"{HH} (second: {s})","Hs/hs":"{HH} (second: {s})","ms":"{mm}:{ss}","hms":"{h}:{mm}:{ss} {a}","Hms":"{HH}:{mm}:{ss}","z":"{z}","hz":"{h} {a} {z}","Hz":"{HH} {z}","mz":"{m} {z}","mz/m":"{m} {z}","hmz":"{h}:{mm} {a} {z}","Hmz":"{HH}:{mm} {z}","sz":"{s} {z}","sz/s":"{s} {z}","hsz":"{h} {a} {z} (second: {s})","hsz/s":"{h} {a} {z} (second: {s})","hsz/hs":"{hh} {a} {z} (second: {s})","Hsz":"{HH} {z} (second: {s})","Hsz/s":"{HH} {z} (second: {s})","Hsz/hs":"{HH} {z} (second: {s})","msz":"{mm}:{ss} {z}","hmsz":"{h}:{mm}:{ss} {a} {z}","Hmsz":"{HH}:{mm}:{ss} {z}"},"gl":{"E":"{1} {0}","G":"{G}, {0}"},"tz":["UTC","Coordinated Universal Time","GMT{0}","GMT","GMT{0}","Greenwich Mean Time","-"],"rt":{"long":{"year":[["in {0} years","in {0} year","{0} years ago","{0} year ago"],{"0":"this year","1":"next year","-1":"last year"}],"quarter":[["in {0} quarters","in {0} quarter","{0} quarters ago","{0} quarter ago"],{"0":"this quarter","1":"next quarter","-1":"last quarter"}],"month":[["in {0} months","in {0} month","{0} months ago","{0} month ago"],{"0":"this month","1":"next month","-1":"last month"}],"week":[["in {0} weeks","in {0} week","{0} weeks ago","{0} week ago"],{"0":"this week","1":"next week","-1":"last week"}],"day":[["in {0} days","in {0} day","{0} days ago","{0} day ago"],{"0":"today","1":"tomorrow","-1":"yesterday"}],"hour":[["in {0} hours","in {0} hour","{0} hours ago","{0} hour ago"],{"0":"this hour"}],"minute":[["in {0} minutes","in {0} minute","{0} minutes ago","{0} minute ago"],{"0":"this minute"}],"second":[["in {0} seconds","in {0} second","{0} seconds ago","{0} second ago"],{"0":"now"}]},"short":{"year":[["in {0} yr.","in {0} yr.","{0} yr. ago","{0} yr. ago"],{"0":"this yr.","1":"next yr.","-1":"last yr."}],"quarter":[["in {0} qtrs.","in {0} qtr.","{0} qtrs. ago","{0} qtr. ago"],{"0":"this qtr.","1":"next qtr.","-1":"last qtr."}],"month":[["in {0} mo.","in {0} mo.","{0} mo. ago","{0} mo. ago"],{"0":"this mo.","1":"next mo.","-1":"last mo."}],"week":[["in {0} wk.","in {0} wk.","{0} wk. ago","{0} wk. ago"],{"0":"this wk.","1":"next wk.","-1":"last wk."}],"day":[["in {0} days","in {0} day","{0} days ago","{0} day ago"],{"0":"today","1":"tomorrow","-1":"yesterday"}],"hour":[["in {0} hr.","in {0} hr.","{0} hr. ago","{0} hr. ago"],{"0":"this hour"}],"minute":[["in {0} min.","in {0} min.","{0} min. ago","{0} min. ago"],{"0":"this minute"}],"second":[["in {0} sec.","in {0} sec.","{0} sec. ago","{0} sec. ago"],{"0":"now"}]},"narrow":{"year":[["in {0}y","in {0}y","{0}y ago","{0}y ago"],{"0":"this yr.","1":"next yr.","-1":"last yr."}],"quarter":[["in {0}q","in {0}q","{0}q ago","{0}q ago"],{"0":"this qtr.","1":"next qtr.","-1":"last qtr."}],"month":[["in {0}mo","in {0}mo","{0}mo ago","{0}mo ago"],{"0":"this mo.","1":"next mo.","-1":"last mo."}],"week":[["in {0}w","in {0}w","{0}w ago","{0}w ago"],{"0":"this wk.","1":"next wk.","-1":"last wk."}],"day":[["in {0}d","in {0}d","{0}d ago","{0}d ago"],{"0":"today","1":"tomorrow","-1":"yesterday"}],"hour":[["in {0}h","in {0}h","{0}h ago","{0}h ago"],{"0":"this hour"}],"minute":[["in {0}m","in {0}m","{0}m ago","{0}m ago"],{"0":"this minute"}],"second":[["in {0}s","in {0}s","{0}s ago","{0}s ago"],{"0":"now"}]}},"lf":{"cl":["{0} and {1}","{0}, {1}","{0}, {1}","{0}, and {1}"],"cs":["{0} & {1}","{0}, {1}","{0}, {1}","{0}, & {1}"],"cn":["{0}, {1}","{0}, {1}","{0}, {1}","{0}, {1}"],"dl":["{0} or {1}","{0}, {1}","{0}, {1}","{0}, or {1}"],"ds":["{0} or {1}","{0}, {1}","{0}, {1}","{0}, or {1}"],"dn":["{0} or {1}","{0}, {1}","{0}, {1}","{0}, or {1}"],"ul":["{0}, {1}","{0}, {1}","{0}, {1}","{0}, {1}"],"us":["{0}, {1}","{0}, {1}","{0}, {1}","{0}, {1}"],"un":["{0} {1}","{0} {1}","{0} {1}","{0} {1}"]}}',
  "en-GB": '{"cu":{"$merge":1,"USD":["US$","$","US dollars","US dollars"],"JPY":["JP¥","¥","Japanese yen","Japanese yen"]},"k":{"$merge":1,"short":["0k","00k","000k","0m","00m","000m","0bn","00bn","000bn","0tn"]},"u":{"$merge":1,"second":[["# secs","# sec"],["# seconds","# second"],"#s"],"minute":[["# mins","# min"],["# minutes","# minute"],"#m"],"hour":[["# hrs","# hr"],["# hours","# hour"],"#h"],"meter":["# m",["# metres","# metre"],"#m"],"centimeter":["# cm",["# centimetres","# centimetre"],"#cm"],"kilometer":["# km",["# kilometres","# kilometre"],"#km"],"liter":["# l",["# litres","# litre"],"#l"],"fahrenheit":["#°F",["# degrees Fahrenheit","# degree Fahrenheit"],"#°F"],"percent":["#%","# per cent","#%"],"kilometer-per-hour":["# km/h",["# kilometres per hour","# kilometre per hour"],"#km/h"]},"mo":[["January","February","March","April","May","June","July","August","September","October","November","December"],["Jan","Feb","Mar","Apr","May","Jun","Jul","Aug","Sept","Oct","Nov","Dec"],["J","F","M","A","M","J","J","A","S","O","N","D"]],"dp":["am","pm"],"ds":["{EEEE}, {d} {MMMM} {y}","{d} {MMMM} {y}","{d} {MMM} {y}","{dd}/{MM}/{y}"],"ts":["{HH}:{mm}:{ss} {z}","{HH}:{mm}:{ss} {z}","{HH}:{mm}:{ss}","{HH}:{mm}"],"tsx":["{hh}:{mm}:{ss} {a} {z}","{hh}:{mm}:{ss} {a} {z}","{hh}:{mm}:{ss} {a}","{hh}:{mm} {a}"],"sk":{"$merge":1,"G":"{dd}/{MM}/{y} {G}","yM":"{MM}/{y}","EyM":"{MM}/{y} {EEE}","Ed":"{EEE} {d}","EGd":"{EEE} {d} {G}","Eyd":"{EEE} {d} {y}","EGyd":"{y} {G} (day: {EEE} {d})","Md":"{dd}/{MM}","EMd":"{EEE} {dd}/{MM}","GMd":"{dd}/{MM} {G}","EGMd":"{EEE} {dd}/{MM} {G}","yMd":"{dd}/{MM}/{y}","EyMd":"{EEE}, {dd}/{MM}/{y}","GyMd":"{dd}/{MM}/{y} {G}","EGyMd":"{EEE}, {d}/{M}/{y} {G}","Ld":"{d} {MMM}","ELd":"{EEE} {d} {MMM}","GLd":"{d} {MMM} {G}","EGLd":"{EEE} {d} {MMM} {G}","yLd":"{d} {MMM} {y}","EyLd":"{EEE}, {d} {MMM} {y}","GyLd":"{d} {MMM} {y} {G}","EGyLd":"{EEE}, {d} {MMM} {y} {G}","Hm/m":"{H}:{mm}","Hms/ms":"{H}:{mm}:{ss}","Hmsz":"{H}:{mm}:{ss} {z}"},"rt":{"$merge":1,"short":{"year":[["in {0} yr","in {0} yr","{0} yr ago","{0} yr ago"],{"0":"this yr","1":"next yr","-1":"last yr"}],"quarter":[["in {0} qtr","in {0} qtr","{0} qtr ago","{0} qtr ago"],{"0":"this qtr.","1":"next qtr.","-1":"last qtr."}],"month":[["in {0} mo","in {0} mo","{0} mo ago","{0} mo ago"],{"0":"this mo","1":"next mo","-1":"last mo"}],"week":[["in {0} wk","in {0} wk","{0} wk ago","{0} wk ago"],{"0":"this wk","1":"next wk","-1":"last wk"}],"day":[["in {0} days","in {0} day","{0} days ago","{0} day ago"],{"0":"today","1":"tomorrow","-1":"yesterday"}],"hour":[["in {0} hr","in {0} hr","{0} hr ago","{0} hr ago"],{"0":"this hour"}],"minute":[["in {0} min","in {0} min","{0} min ago","{0} min ago"],{"0":"this minute"}],"second":[["in {0} sec","in {0} sec","{0} sec ago","{0} sec ago"],{"0":"now"}]},"narrow":0},"lf":{"$merge":1,"cl":["{0} and {1}","{0}, {1}","{0}, {1}","{0} and {1}"],"cs":["{0} and {1}","{0}, {1}","{0}, {1}","{0} and {1}"],"dl":["{0} or {1}","{0}, {1}","{0}, {1}","{0} or {1}"],"ds":["{0} or {1}","{0}, {1}","{0}, {1}","{0} or {1}"],"dn":["{0} or {1}","{0}, {1}","{0}, {1}","{0} or {1}"]}}',
  "en-IN": '{"s":[".",",",1,1],"cu":{"$merge":1,"JPY":["JP¥","¥","Japanese yen","Japanese yen"]},"k":{"$merge":1,"short":["0K","00K","0L","00L","0Cr","00Cr","000Cr","0KCr","00KCr","0LCr"],"long":["0 thousand","00 thousand","0 lakh","00 lakh","0 crore","00 crore","000 crore","0000 crore","00,000 crore","0 lakh crore"]},"u":{"$merge":1,"second":[["# secs","# sec"],["# seconds","# second"],"#s"],"minute":[["# mins","# min"],["# minutes","# minute"],"#m"],"hour":[["# hrs","# hr"],["# hours","# hour"],"#h"],"meter":["# m",["# metres","# metre"],"#m"],"centimeter":["# cm",["# centimetres","# centimetre"],"#cm"],"kilometer":["# km",["# kilometres","# kilometre"],"#km"],"liter":["# l",["# litres","# litre"],"#l"],"fahrenheit":["#°F",["# degrees Fahrenheit","# degree Fahrenheit"],"#°F"],"percent":["#%","# per cent","#%"],"kilometer-per-hour":["# kph",["# kilometres per hour","# kilometre per hour"],"#kph"]},"mo":[["January","February","March","April","May","June","July","August","September","October","November","December"],["Jan","Feb","Mar","Apr","May","Jun","Jul","Aug","Sept","Oct","Nov","Dec"],["J","F","M","A","M","J","J","A","S","O","N","D"]],"dp":["am","pm"],"ds":["{EEEE}, {d} {MMMM} {y}","{d} {MMMM} {y}","{d} {MMM} {y}","{dd}/{MM}/{yy}"],"sk":{"$merge":1,"G":"{dd}/{MM}/{y} {G}","yM":"{MM}/{y}","EyM":"{MM}/{y} {EEE}","Ed":"{EEE} {d}","EGd":"{EEE} {d} {G}","Eyd":"{EEE} {d} {y}","EGyd":"{y} {G} (day: {EEE} {d})","Md":"{dd}/{MM}","EMd":"{EEE}, {dd}/{MM}","GMd":"{dd}/{MM} {G}","EGMd":"{EEE}, {dd}/{MM} {G}","yMd":"{d}/{M}/{y}","EyMd":"{EEE}, {d}/{M}/{y}","GyMd":"{dd}/{MM}/{y} {G}","EGyMd":"{EEE}, {dd}/{MM}/{y} {G}","Ld":"{d} {MMM}","ELd":"{EEE}, {d} {MMM}","GLd":"{d} {MMM} {G}","EGLd":"{EEE}, {d} {MMM} {G}","yLd":"{d} {MMM} {y}","EyLd":"{EEE}, {d} {MMM}, {y}","EyLd4":"{EEE}, {d} {MMMM} {y}","EyLdW":"{EEEE}, {d} {MMM} {y}","GyLd":"{d} {MMM} {y} {G}","EGyLd":"{EEE}, {d} {MMM} {y} {G}"},"gl":{"$merge":1},"rt":{"$merge":1,"short":{"year":[["in {0} yr","in {0} yr","{0} yr ago","{0} yr ago"],{"0":"this yr","1":"next yr","-1":"last yr"}],"quarter":[["in {0} qtr","in {0} qtr","{0} qtr ago","{0} qtr ago"],{"0":"this qtr.","1":"next qtr.","-1":"last qtr."}],"month":[["in {0} mo","in {0} mo","{0} mo ago","{0} mo ago"],{"0":"this mo","1":"next mo","-1":"last mo"}],"week":[["in {0} wk","in {0} wk","{0} wk ago","{0} wk ago"],{"0":"this wk","1":"next wk","-1":"last wk"}],"day":[["in {0} days","in {0} day","{0} days ago","{0} day ago"],{"0":"today","1":"tomorrow","-1":"yesterday"}],"hour":[["in {0} hr","in {0} hr","{0} hr ago","{0} hr ago"],{"0":"this hour"}],"minute":[["in {0} min","in {0} min","{0} min ago","{0} min ago"],{"0":"this minute"}],"second":[["in {0} sec","in {0} sec","{0} sec ago","{0} sec ago"],{"0":"now"}]},"narrow":0},"lf":{"$merge":1,"cl":["{0} and {1}","{0}, {1}","{0}, {1}","{0} and {1}"],"cs":["{0} and {1}","{0}, {1}","{0}, {1}","{0} and {1}"],"cn":["{0}, {1}","{0}, {1}","{0}, {1}","{0}, and {1}"],"dl":["{0} or {1}","{0}, {1}","{0}, {1}","{0} or {1}"],"ds":["{0} or {1}","{0}, {1}","{0}, {1}","{0} or {1}"],"dn":["{0} or {1}","{0}, {1}","{0}, {1}","{0} or {1}"]}}',
  "de": '{"s":[",",".",1,0],"p":"-# %","c":"-# ¤","a":"-# ¤","n":"-# ¤","cu":{"USD":["$","$","US-Dollar","US-Dollar"],"EUR":["€","€","Euro","Euro"],"GBP":["£","£","Britische Pfund","Britische Pfund"],"JPY":["¥","¥","Japanischer Yen","Japanische Yen"],"CHF":["CHF","CHF","Schweizer Franken","Schweizer Franken"],"CNY":["CN¥","¥","Renminbi Yuan","Renminbi Yuan"],"INR":["₹","₹","Indische Rupien","Indische Rupien"],"BRL":["R$","R$","Brasilianische Real","Brasilianische Real"],"CAD":["CA$","$","Kanadische Dollar","Kanadische Dollar"],"AUD":["AU$","$","Australische Dollar","Australische Dollar"]},"k":{"short":["0000","00.000","000.000","0 Mio.","00 Mio.","000 Mio.","0 Mrd.","00 Mrd.","000 Mrd.","0 Bio."],"long":["0 Tausend","00 Tausend","000 Tausend",["0 Millionen","0 Million"],"00 Millionen","000 Millionen",["0 Milliarden","0 Milliarde"],"00 Milliarden","000 Milliarden",["0 Billionen","0 Billion"],"00 Billionen"]},"u":{"byte":[["# Byte","# Byte"],["# Byte","# Byte"],"# B"],"kilobyte":["# kB",["# Kilobyte","# Kilobyte"],"# kB"],"megabyte":["# MB",["# Megabyte","# Megabyte"],"# MB"],"gigabyte":["# GB",["# Gigabyte","# Gigabyte"],"# GB"],"terabyte":["# TB",["# Terabyte","# Terabyte"],"# TB"],"millisecond":["# ms",["# Millisekunden","# Millisekunde"],["# ms","#ms"]],"second":["# Sek.",["# Sekunden","# Sekunde"],"# Sek."],"minute":["# Min.",["# Minuten","# Minute"],"# Min."],"hour":["# Std.",["# Stunden","# Stunde"],"#h"],"day":["# Tg.",["# Tage","# Tag"],"# T"],"week":["# Wo.",["# Wochen","# Woche"],"# W"],"month":["# Mon.",["# Monate","# Monat"],"# M"],"year":["# J",["# Jahre","# Jahr"],"# J"],"meter":["# m","# Meter","# m"],"centimeter":["# cm","# Zentimeter","# cm"],"kilometer":["# km","# Kilometer","# km"],"mile":["# mi",["# Meilen","# Meile"],"# mi"],"kilogram":["# kg","# Kilogramm","# kg"],"gram":["# g","# Gramm","# g"],"liter":["# l","# Liter","# l"],"celsius":["# °C","# Grad Celsius","# °C"],"fahrenheit":["# °F","# Grad Fahrenheit","#°F"],"percent":["# %","# Prozent","# %"],"kilometer-per-hour":["# km/h","# Kilometer pro Stunde","# km/h"]},"mo":[["Januar","Februar","März","April","Mai","Juni","Juli","August","September","Oktober","November","Dezember"],["Jan.","Feb.","März","Apr.","Mai","Juni","Juli","Aug.","Sept.","Okt.","Nov.","Dez."],["J","F","M","A","M","J","J","A","S","O","N","D"]],"wd":[["Sonntag","Montag","Dienstag","Mittwoch","Donnerstag","Freitag","Samstag"],["So.","Mo.","Di.","Mi.","Do.","Fr.","Sa."],["S","M","D","M","D","F","S"]],"ms":[["Januar","Februar","März","April","Mai","Juni","Juli","August","September","Oktober","November","Dezember"],["Jan","Feb","Mär","Apr","Mai","Jun","Jul","Aug","Sep","Okt","Nov","Dez"],["J","F","M","A","M","J","J","A","S","O","N","D"]],"ws":[["Sonntag","Montag","Dienstag","Mittwoch","Donnerstag","Freitag","Samstag"],["So","Mo","Di","Mi","Do","Fr","Sa"],["S","M","D","M","D","F","S"]],"dp":["AM","PM"],"er":[["v. Chr.","n. Chr."],["v. Chr.","n. Chr."],["v. Chr.","n. Chr."]],"ds":["{EEEE}, {d}. {MMMM} {y}","{d}. {MMMM} {y}","{dd}.{MM}.{y}","{dd}.{MM}.{yy}"],"ts":["{HH}:{mm}:{ss} {z}","{HH}:{mm}:{ss} {z}","{HH}:{mm}:{ss}","{HH}:{mm}"],"tsx":["{hh}:{mm}:{ss} {a} {z}","{hh}:{mm}:{ss} {a} {z}","{hh}:{mm}:{ss} {a}","{hh}:{mm} {a}"],"dts":["{1} um {0}","{1} um {0}","{1}, {0}","{1}, {0}"],"sk":{"E":"{EEE}","G":"{dd}.{MM}.{y} {G}","EG":"{G} {EEE}","y":"{y}","Ey":"{y} {EEE}","Gy":"{y} {G}","EGy":"{y} {G} {EEE}","M":"{M}","EM":"{M} {EEE}","GM":"{G} (Monat: {M})","EGM":"{G} (Monat: {M})","yM":"{M}/{y}","EyM":"{M}/{y} {EEE}","GyM":"{MM}/{y} {G}","EGyM":"{MM}/{y} {G} {EEE}","L":"{MMM}","EL":"{MMM} {EEE}","EL4":"{EEE} (Monat: {MMMM})","GL":"{G} (Monat: {MMM})","EGL":"{G} (Monat: {MMM})","EGL4":"{G} {EEE}","yL":"{MMM} {y}","EyL":"{MMM} {y} {EEE}","GyL":"{MMM} {y} {G}","EGyL":"{MMM} {y} {G} {EEE}","d":"{d}","Ed":"{EEE}, {d}.","Gd":"{G} (Tag: {d})","EGd":"{G} {EEE}, {d}.","yd":"{y} (Tag: {d})","Eyd":"{y} {EEE}, {d}.","Gyd":"{y} {G} (Tag: {d})","EGyd":"{y} {G} (Tag: {EEE}, {d}.)","Md":"{d}.{M}.","EMd":"{EEE}, {d}.{M}.","GMd":"{G} {d}.{M}.","EGMd":"{G} {EEE}, {d}.{M}.","yMd":"{d}.{M}.{y}","EyMd":"{EEE}, {d}.{M}.{y}","GyMd":"{dd}.{MM}.{y} {G}","EGyMd":"{EEE}, {dd}.{MM}.{y} {G}","Ld":"{d}. {MMM}","ELd":"{EEE}, {d}. {MMM}","GLd":"{G} {d}. {MMM}","EGLd":"{G} {EEE}, {d}. {MMM}","yLd":"{d}. {MMM} {y}","EyLd":"{EEE}, {d}. {MMM} {y}","GyLd":"{d}. {MMM} {y} {G}","EGyLd":"{EEE}, {d}. {MMM} {y} {G}","h":"{h} {a}","H":"{HH} Uhr","m":"{m}","m/m":"{m}","hm":"{h}:{mm} {a}","Hm":"{HH}:{mm}","Hm/m":"{H}:{mm}","s":"{s}","s/s":"{s}","hs":"{h} {a} (Sekunde: {s})","hs/s":"{h} {a} (Sekunde: {s})","hs/hs":"{hh} {a} (Sekunde: {s})","Hs":"{HH} Uhr (Sekunde: {s})","Hs/h":"{s} (Stunde: {HH} Uhr)","Hs/s":"{HH} Uhr (Sekunde: {s})","Hs/hs":"{HH} Uhr (Sekunde: {s})","ms":"{mm}:{ss}","hms":"{h}:{mm}:{ss} {a}","Hms":"{HH}:{mm}:{ss}","Hms/ms":"{H}:{mm}:{ss}","z":"{z}","hz":"{h} {a} {z}","Hz":"{HH} Uhr {z}","mz":"{m} {z}","mz/m":"{m} {z}","hmz":"{h}:{mm} {a} {z}","Hmz":"{HH}:{mm} {z}","sz":"{s} {z}","sz/s":"{s} {z}","hsz":"{h} {a} {z} (Sekunde: {s})","hsz/s":"{h} {a} {z} (Sekunde: {s})","hsz/hs":"{hh} {a} {z} (Sekunde: {s})","Hsz":"{HH} Uhr {z} (Sekunde: {s})","Hsz/s":"{HH} Uhr {z} (Sekunde: {s})","Hsz/hs":"{HH} Uhr {z} (Sekunde: {s})","msz":"{mm}:{ss} {z}","hmsz":"{h}:{mm}:{ss} {a} {z}","Hmsz":"{H}:{mm}:{ss} {z}"},"gl":{"E":"{1} {0}","G":"{G}, {0}"},"tz":["UTC","Koordinierte Weltzeit","GMT{0}","GMT+0","GMT{0}","Mittlere Greenwich-Zeit","-"],"rt":{"long":{"year":[["in {0} Jahren","in {0} Jahr","vor {0} Jahren","vor {0} Jahr"],{"0":"dieses Jahr","1":"nächstes Jahr","-1":"letztes Jahr"}],"quarter":[["in {0} Quartalen","in {0} Quartal","vor {0} Quartalen","vor {0} Quartal"],{"0":"dieses Quartal","1":"nächstes Quartal","-1":"letztes Quartal"}],"month":[["in {0} Monaten","in {0} Monat","vor {0} Monaten","vor {0} Monat"],{"0":"diesen Monat","1":"nächsten Monat","-1":"letzten Monat"}],"week":[["in {0} Wochen","in {0} Woche","vor {0} Wochen","vor {0} Woche"],{"0":"diese Woche","1":"nächste Woche","-1":"letzte Woche"}],"day":[["in {0} Tagen","in {0} Tag","vor {0} Tagen","vor {0} Tag"],{"0":"heute","1":"morgen","2":"übermorgen","-2":"vorgestern","-1":"gestern"}],"hour":[["in {0} Stunden","in {0} Stunde","vor {0} Stunden","vor {0} Stunde"],{"0":"in dieser Stunde"}],"minute":[["in {0} Minuten","in {0} Minute","vor {0} Minuten","vor {0} Minute"],{"0":"in dieser Minute"}],"second":[["in {0} Sekunden","in {0} Sekunde","vor {0} Sekunden","vor {0} Sekunde"],{"0":"jetzt"}]},"short":{"year":[["in {0} Jahren","in {0} Jahr","vor {0} Jahren","vor {0} Jahr"],{"0":"dieses Jahr","1":"nächstes Jahr","-1":"letztes Jahr"}],"quarter":[["in {0} Quart.","in {0} Quart.","vor {0} Quart.","vor {0} Quart."],{"0":"dieses Quartal","1":"nächstes Quartal","-1":"letztes Quartal"}],"month":[["in {0} Monaten","in {0} Monat","vor {0} Monaten","vor {0} Monat"],{"0":"diesen Monat","1":"nächsten Monat","-1":"letzten Monat"}],"week":[["in {0} Wochen","in {0} Woche","vor {0} Wochen","vor {0} Woche"],{"0":"diese Woche","1":"nächste Woche","-1":"letzte Woche"}],"day":[["in {0} Tagen","in {0} Tag","vor {0} Tagen","vor {0} Tag"],{"0":"heute","1":"morgen","2":"übermorgen","-2":"vorgestern","-1":"gestern"}],"hour":[["in {0} Std.","in {0} Std.","vor {0} Std.","vor {0} Std."],{"0":"in dieser Stunde"}],"minute":[["in {0} Min.","in {0} Min.","vor {0} Min.","vor {0} Min."],{"0":"in dieser Minute"}],"second":[["in {0} Sek.","in {0} Sek.","vor {0} Sek.","vor {0} Sek."],{"0":"jetzt"}]},"narrow":{"year":[["in {0} Jahren","in {0} Jahr","vor {0} Jahren","vor {0} Jahr"],{"0":"dieses Jahr","1":"nächstes Jahr","-1":"letztes Jahr"}],"quarter":[["in {0} Q","in {0} Q","vor {0} Q","vor {0} Q"],{"0":"dieses Quartal","1":"nächstes Quartal","-1":"letztes Quartal"}],"month":[["in {0} Monaten","in {0} Monat","vor {0} Monaten","vor {0} Monat"],{"0":"diesen Monat","1":"nächsten Monat","-1":"letzten Monat"}],"week":[["in {0} Wo.","in {0} Wo.","vor {0} Wo.","vor {0} Wo."],{"0":"diese Woche","1":"nächste Woche","-1":"letzte Woche"}],"day":[["in {0} Tagen","in {0} Tag","vor {0} Tagen","vor {0} Tag"],{"0":"heute","1":"morgen","2":"übermorgen","-2":"vorgestern","-1":"gestern"}],"hour":[["in {0} Std.","in {0} Std.","vor {0} Std.","vor {0} Std."],{"0":"in dieser Stunde"}],"minute":[["in {0} m","in {0} m","vor {0} m","vor {0} m"],{"0":"in dieser Minute"}],"second":[["in {0} s","in {0} s","vor {0} s","vor {0} s"],{"0":"jetzt"}]}},"lf":{"cl":["{0} und {1}","{0}, {1}","{0}, {1}","{0} und {1}"],"cs":["{0} und {1}","{0}, {1}","{0}, {1}","{0} und {1}"],"cn":["{0} und {1}","{0}, {1}","{0}, {1}","{0} und {1}"],"dl":["{0} oder {1}","{0}, {1}","{0}, {1}","{0} oder {1}"],"ds":["{0} oder {1}","{0}, {1}","{0}, {1}","{0} oder {1}"],"dn":["{0} oder {1}","{0}, {1}","{0}, {1}","{0} oder {1}"],"ul":["{0}, {1}","{0}, {1}","{0}, {1}","{0} und {1}"],"us":["{0}, {1}","{0}, {1}","{0}, {1}","{0} und {1}"],"un":["{0}, {1}","{0}, {1}","{0}, {1}","{0} und {1}"]}}',
  "fr": '{"s":[","," ",1,0],"p":"-# %","c":"-# ¤","a":"(# ¤)","n":"-# ¤","cu":{"USD":["$US","$","dollar des États-Unis","dollars des États-Unis"],"EUR":["€","€","euro","euros"],"GBP":["£GB","£","livre sterling","livres sterling"],"JPY":["JPY","¥","yen japonais","yens japonais"],"CHF":["CHF","CHF","franc suisse","francs suisses"],"CNY":["CNY","¥","yuan renminbi chinois","yuans renminbi chinois"],"INR":["₹","₹","roupie indienne","roupies indiennes"],"BRL":["R$","R$","réal brésilien","réals brésiliens"],"CAD":["$CA","$","dollar canadien","dollars canadiens"],"AUD":["$AU","$","dollar australien","dollars australiens"]},"k":{"short":["0 k","00 k","000 k","0 M","00 M","000 M","0 Md","00 Md","000 Md","0 Bn"],"long":[["0 mille","0 millier","mille"],"00 mille","000 mille",["0 millions","0 million"],"00 millions","000 millions",["0 milliards","0 milliard"],"00 milliards","000 milliards",["0 billions","0 billion"],"00 billions"]},"u":{"byte":["# o",["# octets","# octet"],"#o"],"kilobyte":["# ko",["# kilooctets","# kilooctet"],"#ko"],"megabyte":["# Mo",["# mégaoctets","# mégaoctet"],"#Mo"],"gigabyte":["# Go",["# gigaoctets","# gigaoctet"],"#Go"],"terabyte":["# To",["# téraoctets","# téraoctet"],"#To"],"millisecond":["# ms",["# millisecondes","# milliseconde"],"#ms"],"second":["# s",["# secondes","# seconde"],"#s"],"minute":["# min",["# minutes","# minute"],"#min"],"hour":["# h",["# heures","# heure"],"#h"],"day":["# j",["# jours","# jour"],"#j"],"week":["# sem.",["# semaines","# semaine"],"#sem."],"month":["# m.","# mois","#m."],"year":[["# ans","# an"],["# ans","# an"],"#a"],"meter":["# m",["# mètres","# mètre"],"#m"],"centimeter":["# cm",["# centimètres","# centimètre"],"#cm"],"kilometer":["# km",["# kilomètres","# kilomètre"],"#km"],"mile":["# mi",["# miles","# mile"],"#mi"],"kilogram":["# kg",["# kilogrammes","# kilogramme"],"#kg"],"gram":["# g",["# grammes","# gramme"],"#g"],"liter":["# l",["# litres","# litre"],"#l"],"celsius":["# °C",["# degrés Celsius","# degré Celsius"],"#°C"],"fahrenheit":["# °F",["# degrés Fahrenheit","# degré Fahrenheit"],"#°F"],"percent":["# %","# pour cent","# %"],"kilometer-per-hour":["# km/h",["# kilomètres par heure","# kilomètre par heure"],"#km/h"]},"mo":[["janvier","février","mars","avril","mai","juin","juillet","août","septembre","octobre","novembre","décembre"],["janv.","févr.","mars","avr.","mai","juin","juil.","août","sept.","oct.","nov.","déc."],["J","F","M","A","M","J","J","A","S","O","N","D"]],"wd":[["dimanche","lundi","mardi","mercredi","jeudi","vendredi","samedi"],["dim.","lun.","mar.","mer.","jeu.","ven.","sam."],["D","L","M","M","J","V","S"]],"dp":["AM","PM"],"er":[["av. J.-C.","ap. J.-C."],["avant Jésus-Christ","après Jésus-Christ"],["av. J.-C.","ap. J.-C."]],"ds":["{EEEE} {d} {MMMM} {y}","{d} {MMMM} {y}","{d} {MMM} {y}","{dd}/{MM}/{y}"],"ts":["{HH}:{mm}:{ss} {z}","{HH}:{mm}:{ss} {z}","{HH}:{mm}:{ss}","{HH}:{mm}"],"tsx":["{hh}:{mm}:{ss} {a} {z}","{hh}:{mm}:{ss} {a} {z}","{hh}:{mm}:{ss} {a}","{hh}:{mm} {a}"],"dts":["{1} à {0}","{1} à {0}","{1}, {0}","{1} {0}"],"sk":{"E":"{EEE}","G":"{dd}/{MM}/{y} {G}","EG":"{G} {EEE}","y":"{y}","Ey":"{y} {EEE}","Gy":"{y} {G}","EGy":"{y} {G} {EEE}","M":"{M}","EM":"{M} {EEE}","GM":"{G} (mois: {M})","EGM":"{G} (mois: {M})","yM":"{MM}/{y}","EyM":"{MM}/{y} {EEE}","GyM":"{MM}/{y} {G}","EGyM":"{MM}/{y} {G} {EEE}","L":"{MMM}","EL":"{MMM} {EEE}","EL4":"{EEE} (mois: {MMMM})","GL":"{G} (mois: {MMM})","EGL":"{G} (mois: {MMM})","EGL4":"{G} {EEE}","yL":"{MMM} {y}","EyL":"{MMM} {y} {EEE}","GyL":"{MMM} {y} {G}","EGyL":"{MMM} {y} {G} {EEE}","d":"{d}","Ed":"{EEE} {d}","Gd":"{G} (jour: {d})","EGd":"{G} {EEE} {d}","yd":"{y} (jour: {d})","Eyd":"{y} {EEE} {d}","Gyd":"{y} {G} (jour: {d})","EGyd":"{y} {G} (jour: {EEE} {d})","Md":"{dd}/{MM}","EMd":"{EEE} {dd}/{MM}","GMd":"{G} {dd}/{MM}","EGMd":"{G} {EEE} {dd}/{MM}","yMd":"{dd}/{MM}/{y}","EyMd":"{EEE} {dd}/{MM}/{y}","GyMd":"{dd}/{MM}/{y} {G}","EGyMd":"{EEE} {dd}/{MM}/{y} {G}","Ld":"{d} {MMM}","ELd":"{EEE} {d} {MMM}","GLd":"{G} {d} {MMM}","EGLd":"{G} {EEE} {d} {MMM}","yLd":"{d} {MMM} {y}","EyLd":"{EEE} {d} {MMM} {y}","GyLd":"{d} {MMM} {y} {G}","EGyLd":"{EEE} {d} {MMM} {y} {G}","h":"{h} {a}","H":"{HH} h","m":"{m}","m/m":"{m}","hm":"{h}:{mm} {a}","Hm":"{HH}:{mm}","Hm/m":"{H}:{mm}","s":"{s}","s/s":"{s}","hs":"{h} {a} (seconde: {s})","hs/s":"{h} {a} (seconde: {s})","hs/hs":"{hh} {a} (seconde: {s})","Hs":"{HH} h (seconde: {s})","Hs/h":"{s} (heure: {HH} h)","Hs/s":"{HH} h (seconde: {s})","Hs/hs":"{HH} h (seconde: {s})","ms":"{mm}:{ss}","hms":"{h}:{mm}:{ss} {a}","Hms":"{HH}:{mm}:{ss}","Hms/ms":"{H}:{mm}:{ss}","z":"{z}","hz":"{h} {a} {z}","Hz":"{HH} h {z}","mz":"{m} {z}","mz/m":"{m} {z}","hmz":"{h}:{mm} {a} {z}","Hmz":"{HH}:{mm} {z}","sz":"{s} {z}","sz/s":"{s} {z}","hsz":"{h} {a} {z} (seconde: {s})","hsz/s":"{h} {a} {z} (seconde: {s})","hsz/hs":"{hh} {a} {z} (seconde: {s})","Hsz":"{HH} h {z} (seconde: {s})","Hsz/s":"{HH} h {z} (seconde: {s})","Hsz/hs":"{HH} h {z} (seconde: {s})","msz":"{mm}:{ss} {z}","hmsz":"{h}:{mm}:{ss} {a} {z}","Hmsz":"{H}:{mm}:{ss} {z}"},"gl":{"G":"{G} {0}"},"tz":["UTC","temps universel coordonné","UTC{0}","UTC+0","UTC{0}","heure moyenne de Greenwich","−"],"rt":{"long":{"year":[["dans {0} ans","dans {0} an","il y a {0} ans","il y a {0} an"],{"0":"cette année","1":"l’année prochaine","-1":"l’année dernière"}],"quarter":[["dans {0} trimestres","dans {0} trimestre","il y a {0} trimestres","il y a {0} trimestre"],{"0":"ce trimestre","1":"le trimestre prochain","-1":"le trimestre dernier"}],"month":[["dans {0} mois","dans {0} mois","il y a {0} mois","il y a {0} mois"],{"0":"ce mois-ci","1":"le mois prochain","-1":"le mois dernier"}],"week":[["dans {0} semaines","dans {0} semaine","il y a {0} semaines","il y a {0} semaine"],{"0":"cette semaine","1":"la semaine prochaine","-1":"la semaine dernière"}],"day":[["dans {0} jours","dans {0} jour","il y a {0} jours","il y a {0} jour"],{"0":"aujourd’hui","1":"demain","2":"après-demain","-2":"avant-hier","-1":"hier"}],"hour":[["dans {0} heures","dans {0} heure","il y a {0} heures","il y a {0} heure"],{"0":"cette heure-ci"}],"minute":[["dans {0} minutes","dans {0} minute","il y a {0} minutes","il y a {0} minute"],{"0":"cette minute-ci"}],"second":[["dans {0} secondes","dans {0} seconde","il y a {0} secondes","il y a {0} seconde"],{"0":"maintenant"}]},"short":{"year":[["dans {0} a","dans {0} a","il y a {0} a","il y a {0} a"],{"0":"cette année","1":"l’an prochain","-1":"l’an dernier"}],"quarter":[["dans {0} trim.","dans {0} trim.","il y a {0} trim.","il y a {0} trim."],{"0":"ce trimestre","1":"le trimestre prochain","-1":"le trimestre dernier"}],"month":[["dans {0} m.","dans {0} m.","il y a {0} m.","il y a {0} m."],{"0":"ce mois-ci","1":"le mois prochain","-1":"le mois dernier"}],"week":[["dans {0} sem.","dans {0} sem.","il y a {0} sem.","il y a {0} sem."],{"0":"cette semaine","1":"la semaine prochaine","-1":"la semaine dernière"}],"day":[["dans {0} j","dans {0} j","il y a {0} j","il y a {0} j"],{"0":"aujourd’hui","1":"demain","2":"après-demain","-2":"avant-hier","-1":"hier"}],"hour":[["dans {0} h","dans {0} h","il y a {0} h","il y a {0} h"],{"0":"cette heure-ci"}],"minute":[["dans {0} min","dans {0} min","il y a {0} min","il y a {0} min"],{"0":"cette minute-ci"}],"second":[["dans {0} s","dans {0} s","il y a {0} s","il y a {0} s"],{"0":"maintenant"}]},"narrow":{"year":[["+{0} a","+{0} a","-{0} a","-{0} a"],{"0":"cette année","1":"l’an prochain","-1":"l’an dernier"}],"quarter":[["+{0} trim.","+{0} trim.","-{0} trim.","-{0} trim."],{"0":"ce trimestre","1":"le trimestre prochain","-1":"le trimestre dernier"}],"month":[["+{0} m.","+{0} m.","-{0} m.","-{0} m."],{"0":"ce mois-ci","1":"le mois prochain","-1":"le mois dernier"}],"week":[["+{0} sem.","+{0} sem.","-{0} sem.","-{0} sem."],{"0":"cette semaine","1":"la semaine prochaine","-1":"la semaine dernière"}],"day":[["+{0} j","+{0} j","-{0} j","-{0} j"],{"0":"aujourd’hui","1":"demain","2":"après-demain","-2":"avant-hier","-1":"hier"}],"hour":[["+{0} h","+{0} h","-{0} h","-{0} h"],{"0":"cette heure-ci"}],"minute":[["+{0} min","+{0} min","-{0} min","-{0} min"],{"0":"cette minute-ci"}],"second":[["+{0} s","+{0} s","-{0} s","-{0} s"],{"0":"maintenant"}]}},"lf":{"cl":["{0} et {1}","{0}, {1}","{0}, {1}","{0} et {1}"],"cs":["{0} et {1}","{0}, {1}","{0}, {1}","{0} et {1}"],"cn":["{0}, {1}","{0}, {1}","{0}, {1}","{0}, {1}"],"dl":["{0} ou {1}","{0}, {1}","{0}, {1}","{0} ou {1}"],"ds":["{0} ou {1}","{0}, {1}","{0}, {1}","{0} ou {1}"],"dn":["{0} ou {1}","{0}, {1}","{0}, {1}","{0} ou {1}"],"ul":["{0} et {1}","{0}, {1}","{0}, {1}","{0} et {1}"],"us":["{0} et {1}","{0}, {1}","{0}, {1}","{0} et {1}"],"un":["{0} {1}","{0} {1}","{0} {1}","{0} {1}"]}}',
  "es": '{"s":[",",".",2,0],"p":"-# %","c":"-# ¤","a":"-# ¤","n":"-# ¤","cu":{"USD":["US$","$","dólar estadounidense","dólares estadounidenses"],"EUR":["€","€","euro","euros"],"GBP":["GBP","£","libra esterlina","libras esterlinas"],"JPY":["JPY","¥","yen japonés","yenes japoneses"],"CHF":["CHF","CHF","franco suizo","francos suizos"],"CNY":["CNY","¥","yuan renminbi","yuanes renminbi"],"INR":["INR","₹","rupia india","rupias indias"],"BRL":["BRL","R$","real brasileño","reales brasileños"],"CAD":["CAD","$","dólar canadiense","dólares canadienses"],"AUD":["AUD","$","dólar australiano","dólares australianos"]},"k":{"short":["0 mil","00 mil","000 mil","0 M","00 M","000 M","0000 M","00 mil M","000 mil M","0 B"],"long":["0 mil","00 mil","000 mil",["0 millones","0 millón"],"00 millones","000 millones","0 mil millones","00 mil millones","000 mil millones",["0 billones","0 billón"],"00 billones"]},"u":{"byte":["# B",["# bytes","# byte"],"#B"],"kilobyte":["# kB",["# kilobytes","# kilobyte"],"#kB"],"megabyte":["# MB",["# megabytes","# megabyte"],"#MB"],"gigabyte":["# GB",["# gigabytes","# gigabyte"],"#GB"],"terabyte":["# TB",["# terabytes","# terabyte"],"#TB"],"millisecond":["# ms",["# milisegundos","# milisegundo"],"#ms"],"second":["# s",["# segundos","# segundo"],"#s"],"minute":["# min",["# minutos","# minuto"],"#min"],"hour":["# h",["# horas","# hora"],"#h"],"day":["# d",["# días","# día"],"#d"],"week":["# sem.",["# semanas","# semana"],"#sem"],"month":["# m.",["# meses","# mes"],"#m"],"year":["# a",["# años","# año"],"#a"],"meter":["# m",["# metros","# metro"],"#m"],"centimeter":["# cm",["# centímetros","# centímetro"],"#cm"],"kilometer":["# km",["# kilómetros","# kilómetro"],"#km"],"mile":["# mi",["# millas","# milla"],"#mi"],"kilogram":["# kg",["# kilogramos","# kilogramo"],"#kg"],"gram":["# g",["# gramos","# gramo"],"#g"],"liter":["# l",["# litros","# litro"],"#l"],"celsius":["# °C",["# grados Celsius","# grado Celsius"],"#°C"],"fahrenheit":["# °F",["# grados Fahrenheit","# grado Fahrenheit"],"#°F"],"percent":["# %","# por ciento","# %"],"kilometer-per-hour":["# km/h",["# kilómetros por hora","# kilómetro por hora"],"#km/h"]},"mo":[["enero","febrero","marzo","abril","mayo","junio","julio","agosto","septiembre","octubre","noviembre","diciembre"],["ene","feb","mar","abr","may","jun","jul","ago","sept","oct","nov","dic"],["E","F","M","A","M","J","J","A","S","O","N","D"]],"wd":[["domingo","lunes","martes","miércoles","jueves","viernes","sábado"],["dom","lun","mar","mié","jue","vie","sáb"],["D","L","M","X","J","V","S"]],"dp":["a. m.","p. m."],"er":[["a. C.","d. C."],["antes de Cristo","después de Cristo"],["a. C.","d. C."]],"ds":["{EEEE}, {d} de {MMMM} de {y}","{d} de {MMMM} de {y}","{d} {MMM} {y}","{d}/{M}/{yy}"],"ts":["{H}:{mm}:{ss} ({z})","{H}:{mm}:{ss} {z}","{H}:{mm}:{ss}","{H}:{mm}"],"tsx":["{h}:{mm}:{ss} {a} {z}","{h}:{mm}:{ss} {a} {z}","{h}:{mm}:{ss} {a}","{h}:{mm} {a}"],"dts":["{1}, {0}","{1} a las {0}","{1}, {0}","{1}, {0}"],"sk":{"E":"{EEE}","G":"{d}/{M}/{y} {G}","EG":"{G} {EEE}","y":"{y}","Ey":"{y} {EEE}","Gy":"{y} {G}","EGy":"{y} {G} {EEE}","M":"{M}","EM":"{M} {EEE}","GM":"{G} (mes: {M})","EGM":"{G} (mes: {M})","yM":"{M}/{y}","EyM":"{M}/{y} {EEE}","GyM":"{M}/{y} {G}","EGyM":"{M}/{y} {G} {EEE}","L":"{MMM}","EL":"{MMM} {EEE}","EL4":"{EEE} (mes: {MMMM})","GL":"{G} (mes: {MMM})","EGL":"{G} (mes: {MMM})","EGL4":"{G} {EEE}","yL":"{MMM} {y}","yL4":"{MMMM} de {y}","EyL":"{MMM} {y} {EEE}","EyL4":"{MMMM} de {y} {EEE}","GyL":"{MMM} {y} {G}","GyL4":"{MMMM} de {y} {G}","EGyL":"{MMM} {y} {G} {EEE}","EGyL4":"{MMMM} de {y} {G} {EEE}","d":"{d}","Ed":"{EEE} {d}","Gd":"{G} (día: {d})","EGd":"{G} {EEE} {d}","yd":"{y} (día: {d})","Eyd":"{y} {EEE} {d}","Gyd":"{y} {G} (día: {d})","EGyd":"{y} {G} (día: {EEE} {d})","Md":"{d}/{M}","EMd":"{EEE}, {d}/{M}","GMd":"{G} {d}/{M}","EGMd":"{G} {EEE}, {d}/{M}","yMd":"{d}/{M}/{y}","EyMd":"{EEE}, {d}/{M}/{y}","GyMd":"{d}/{M}/{y} {G}","EGyMd":"{EEE}, {d}/{M}/{y} {G}","Ld":"{d} {MMM}","Ld4":"{d} de {MMMM}","ELd":"{EEE}, {d} {MMM}","ELd4":"{EEE}, {d} de {MMMM}","GLd":"{G} {d} {MMM}","GLd4":"{G} {d} de {MMMM}","EGLd":"{G} {EEE}, {d} {MMM}","EGLd4":"{G} {EEE}, {d} de {MMMM}","yLd":"{d} {MMM} {y}","yLd4":"{d} de {MMMM} de {y}","EyLd":"{EEE}, {d} {MMM} {y}","EyLd4":"{EEE}, {d} de {MMMM} de {y}","EyLdW":"{EEEE}, {d} de {MMM} de {y}","GyLd":"{d} {MMM} {y} {G}","GyLd4":"{d} de {MMMM} de {y} {G}","EGyLd":"{EEE}, {d} {MMM} {y} {G}","EGyLd4":"{EEE}, {d} de {MMMM} de {y} {G}","h":"{h} {a}","H":"{H}","m":"{m}","m/m":"{m}","hm":"{h}:{mm} {a}","Hm":"{H}:{mm}","s":"{s}","s/s":"{s}","hs":"{h} {a} (segundo: {s})","hs/s":"{h} {a} (segundo: {s})","hs/hs":"{hh} {a} (segundo: {s})","Hs":"{H} (segundo: {s})","Hs/h":"{s} (hora: {HH})","Hs/s":"{H} (segundo: {s})","Hs/hs":"{HH} (segundo: {s})","ms":"{mm}:{ss}","hms":"{h}:{mm}:{ss} {a}","Hms":"{H}:{mm}:{ss}","z":"{z}","hz":"{h} {a} {z}","Hz":"{H} {z}","mz":"{m} {z}","mz/m":"{m} {z}","hmz":"{h}:{mm} {a} {z}","Hmz":"{H}:{mm} {z}","sz":"{s} {z}","sz/s":"{s} {z}","hsz":"{h} {a} {z} (segundo: {s})","hsz/s":"{h} {a} {z} (segundo: {s})","hsz/hs":"{hh} {a} {z} (segundo: {s})","Hsz":"{H} {z} (segundo: {s})","Hsz/s":"{H} {z} (segundo: {s})","Hsz/hs":"{HH} {z} (segundo: {s})","msz":"{mm}:{ss} {z}","hmsz":"{h}:{mm}:{ss} {a} {z}","Hmsz":"{H}:{mm}:{ss} {z}"},"gl":{"G":"{G}, {0}"},"tz":["UTC","tiempo universal coordinado","GMT{0}","GMT","GMT{0}","hora del meridiano de Greenwich","-"],"rt":{"long":{"year":[["dentro de {0} años","dentro de {0} año","hace {0} años","hace {0} año"],{"0":"este año","1":"el próximo año","-1":"el año pasado"}],"quarter":[["dentro de {0} trimestres","dentro de {0} trimestre","hace {0} trimestres","hace {0} trimestre"],{"0":"este trimestre","1":"el próximo trimestre","-1":"el trimestre pasado"}],"month":[["dentro de {0} meses","dentro de {0} mes","hace {0} meses","hace {0} mes"],{"0":"este mes","1":"el próximo mes","-1":"el mes pasado"}],"week":[["dentro de {0} semanas","dentro de {0} semana","hace {0} semanas","hace {0} semana"],{"0":"esta semana","1":"la próxima semana","-1":"la semana pasada"}],"day":[["dentro de {0} días","dentro de {0} día","hace {0} días","hace {0} día"],{"0":"hoy","1":"mañana","2":"pasado mañana","-2":"anteayer","-1":"ayer"}],"hour":[["dentro de {0} horas","dentro de {0} hora","hace {0} horas","hace {0} hora"],{"0":"esta hora"}],"minute":[["dentro de {0} minutos","dentro de {0} minuto","hace {0} minutos","hace {0} minuto"],{"0":"este minuto"}],"second":[["dentro de {0} segundos","dentro de {0} segundo","hace {0} segundos","hace {0} segundo"],{"0":"ahora"}]},"short":{"year":[["dentro de {0} a","dentro de {0} a","hace {0} a","hace {0} a"],{"0":"este año","1":"el próximo año","-1":"el año pasado"}],"quarter":[["dentro de {0} trim.","dentro de {0} trim.","hace {0} trim.","hace {0} trim."],{"0":"este trimestre","1":"el próximo trimestre","-1":"el trimestre pasado"}],"month":[["dentro de {0} m","dentro de {0} m","hace {0} m","hace {0} m"],{"0":"este mes","1":"el próximo mes","-1":"el mes pasado"}],"week":[["dentro de {0} sem.","dentro de {0} sem.","hace {0} sem.","hace {0} sem."],{"0":"esta sem.","1":"próx. sem.","-1":"sem. ant."}],"day":[["dentro de {0} d","dentro de {0} d","hace {0} d","hace {0} d"],{"0":"hoy","1":"mañana","2":"pasado mañana","-2":"anteayer","-1":"ayer"}],"hour":[["dentro de {0} h","dentro de {0} h","hace {0} h","hace {0} h"],{"0":"esta hora"}],"minute":[["dentro de {0} min","dentro de {0} min","hace {0} min","hace {0} min"],{"0":"este minuto"}],"second":[["dentro de {0} s","dentro de {0} s","hace {0} s","hace {0} s"],{"0":"ahora"}]},"narrow":0},"lf":{"cl":["{0} y {1}","{0}, {1}","{0}, {1}","{0} y {1}"],"cs":["{0} y {1}","{0}, {1}","{0}, {1}","{0} y {1}"],"cn":["{0} y {1}","{0}, {1}","{0}, {1}","{0} y {1}"],"dl":["{0} o {1}","{0}, {1}","{0}, {1}","{0} o {1}"],"ds":["{0} o {1}","{0}, {1}","{0}, {1}","{0} o {1}"],"dn":["{0} o {1}","{0}, {1}","{0}, {1}","{0} o {1}"],"ul":["{0} y {1}","{0}, {1}","{0}, {1}","{0} y {1}"],"us":["{0} y {1}","{0}, {1}","{0}, {1}","{0}, {1}"],"un":["{0} {1}","{0} {1}","{0} {1}","{0} {1}"]}}',
  "it": '{"s":[",",".",2,0],"p":"-#%","c":"-# ¤","a":"-# ¤","n":"-# ¤","cu":{"USD":["USD","$","dollari statunitensi","dollari statunitensi"],"EUR":["€","€","euro","euro"],"GBP":["£","£","sterline britanniche","sterline britanniche"],"JPY":["JPY","¥","yen giapponese","yen giapponesi"],"CHF":["CHF","CHF","franchi svizzeri","franchi svizzeri"],"CNY":["CN¥","¥","yuan cinesi","yuan cinesi"],"INR":["INR","₹","rupie indiane","rupie indiane"],"BRL":["BRL","R$","real brasiliani","real brasiliani"],"CAD":["CA$","$","dollari canadesi","dollari canadesi"],"AUD":["A$","$","dollari australiani","dollari australiani"]},"k":{"short":["0K","00K","000K","0 Mln","00 Mln","000 Mln","0 Mld","00 Mld","000 Mld","0 Bln"],"long":[["0 mila","mille"],"00 mila","000 mila",["0 milioni","0 milione"],"00 milioni","000 milioni",["0 miliardi","0 miliardo"],"00 miliardi","000 miliardi",["0 mila miliardi","0 mille miliardi"],"00 mila miliardi"]},"u":{"byte":["# byte","# byte","#B"],"kilobyte":["# kB","# kilobyte","#kB"],"megabyte":["# MB","# megabyte","#MB"],"gigabyte":["# GB","# gigabyte","#GB"],"terabyte":["# TB","# terabyte","#TB"],"millisecond":["# ms",["# millisecondi","# millisecondo"],"#ms"],"second":["# s",["# secondi","# secondo"],"#s"],"minute":["# min",["# minuti","# minuto"],"#min"],"hour":["# h",["# ore","# ora"],"#h"],"day":[["# giorni","# giorno"],["# giorni","# giorno"],["#gg","#g"]],"week":["# sett.",["# settimane","# settimana"],"#sett."],"month":[["# mesi","# mese"],["# mesi","# mese"],["# mesi","# mese"]],"year":[["# anni","# anno"],["# anni","# anno"],["#anni","#anno"]],"meter":["# m",["# metri","# metro"],"#m"],"centimeter":["# cm",["# centimetri","# centimetro"],"#cm"],"kilometer":["# km",["# chilometri","# chilometro"],"#km"],"mile":["# mi",["# miglia","# miglio"],"#mi"],"kilogram":["# kg",["# chilogrammi","# chilogrammo"],"#kg"],"gram":["# g",["# grammi","# grammo"],"#g"],"liter":["# l",["# litri","# litro"],"#l"],"celsius":["# °C",["# gradi Celsius","# grado Celsius"],"#°C"],"fahrenheit":["# °F",["# gradi Fahrenheit","# grado Fahrenheit"],"#°F"],"percent":["#%","# percento","#%"],"kilometer-per-hour":["# km/h",["# chilometri orari","# chilometro orario"],"#km/h"]},"mo":[["gennaio","febbraio","marzo","aprile","maggio","giugno","luglio","agosto","settembre","ottobre","novembre","dicembre"],["gen","feb","mar","apr","mag","giu","lug","ago","set","ott","nov","dic"],["G","F","M","A","M","G","L","A","S","O","N","D"]],"wd":[["domenica","lunedì","martedì","mercoledì","giovedì","venerdì","sabato"],["dom","lun","mar","mer","gio","ven","sab"],["D","L","M","M","G","V","S"]],"dp":["AM","PM"],"er":[["a.C.","d.C."],["avanti Cristo","dopo Cristo"],["aC","dC"]],"ds":["{EEEE} {d} {MMMM} {y}","{d} {MMMM} {y}","{d} {MMM} {y}","{dd}/{MM}/{yy}"],"ts":["{HH}:{mm}:{ss} {z}","{HH}:{mm}:{ss} {z}","{HH}:{mm}:{ss}","{HH}:{mm}"],"tsx":["{hh}:{mm}:{ss} {a} {z}","{hh}:{mm}:{ss} {a} {z}","{hh}:{mm}:{ss} {a}","{hh}:{mm} {a}"],"dts":["{1} alle ore {0}","{1} alle ore {0}","{1}, {0}","{1}, {0}"],"sk":{"E":"{EEE}","G":"{dd}/{MM}/{y} {G}","EG":"{G} {EEE}","y":"{y}","Ey":"{y} {EEE}","Gy":"{y} {G}","EGy":"{y} {G} {EEE}","M":"{M}","EM":"{M} {EEE}","GM":"{G} (mese: {M})","EGM":"{G} (mese: {M})","yM":"{MM}/{y}","EyM":"{MM}/{y} {EEE}","GyM":"{M}/{y} {G}","EGyM":"{M}/{y} {G} {EEE}","L":"{MMM}","EL":"{MMM} {EEE}","EL4":"{EEE} (mese: {MMMM})","GL":"{G} (mese: {MMM})","EGL":"{G} (mese: {MMM})","EGL4":"{G} {EEE}","yL":"{MMM} {y}","EyL":"{MMM} {y} {EEE}","GyL":"{MMM} {y} {G}","EGyL":"{MMM} {y} {G} {EEE}","d":"{d}","Ed":"{EEE} {d}","Gd":"{G} (giorno: {d})","EGd":"{G} {EEE} {d}","yd":"{y} (giorno: {d})","Eyd":"{y} {EEE} {d}","Gyd":"{y} {G} (giorno: {d})","EGyd":"{y} {G} (giorno: {EEE} {d})","Md":"{dd}/{MM}","EMd":"{EEE} {dd}/{MM}","GMd":"{G} {dd}/{MM}","EGMd":"{G} {EEE} {dd}/{MM}","yMd":"{dd}/{MM}/{y}","EyMd":"{EEE} {dd}/{MM}/{y}","GyMd":"{dd}/{MM}/{y} {G}","EGyMd":"{EEE} {dd}/{MM}/{y} {G}","Ld":"{d} {MMM}","ELd":"{EEE} {d} {MMM}","GLd":"{G} {d} {MMM}","EGLd":"{G} {EEE} {d} {MMM}","yLd":"{d} {MMM} {y}","EyLd":"{EEE} {d} {MMM} {y}","GyLd":"{d} {MMM} {y} {G}","EGyLd":"{EEE} {d} {MMM} {y} {G}","h":"{h} {a}","H":"{H}","m":"{m}","m/m":"{m}","hm":"{h}:{mm} {a}","Hm":"{HH}:{mm}","Hm/m":"{H}:{mm}","s":"{s}","s/s":"{s}","hs":"{h} {a} (secondo: {s})","hs/s":"{h} {a} (secondo: {s})","hs/hs":"{hh} {a} (secondo: {s})","Hs":"{H} (secondo: {s})","Hs/h":"{s} (ora: {HH})","Hs/s":"{H} (secondo: {s})","Hs/hs":"{HH} (secondo: {s})","ms":"{mm}:{ss}","hms":"{h}:{mm}:{ss} {a}","Hms":"{HH}:{mm}:{ss}","Hms/ms":"{H}:{mm}:{ss}","z":"{z}","hz":"{h} {a} {z}","Hz":"{HH} {z}","mz":"{m} {z}","mz/m":"{m} {z}","hmz":"{h}:{mm} {a} {z}","Hmz":"{HH}:{mm} {z}","sz":"{s} {z}","sz/s":"{s} {z}","hsz":"{h} {a} {z} (secondo: {s})","hsz/s":"{h} {a} {z} (secondo: {s})","hsz/hs":"{hh} {a} {z} (secondo: {s})","Hsz":"{HH} {z} (secondo: {s})","Hsz/s":"{HH} {z} (secondo: {s})","Hsz/hs":"{HH} {z} (secondo: {s})","msz":"{mm}:{ss} {z}","hmsz":"{h}:{mm}:{ss} {a} {z}","Hmsz":"{H}:{mm}:{ss} {z}"},"gl":{"E":"{1} {0}","G":"{G}, {0}"},"tz":["UTC","Tempo coordinato universale","GMT{0}","GMT+0","GMT{0}","Ora del meridiano di Greenwich","-"],"rt":{"long":{"year":[["tra {0} anni","tra {0} anno","{0} anni fa","{0} anno fa"],{"0":"quest’anno","1":"anno prossimo","-1":"anno scorso"}],"quarter":[["tra {0} trimestri","tra {0} trimestre","{0} trimestri fa","{0} trimestre fa"],{"0":"questo trimestre","1":"trimestre prossimo","-1":"trimestre scorso"}],"month":[["tra {0} mesi","tra {0} mese","{0} mesi fa","{0} mese fa"],{"0":"questo mese","1":"mese prossimo","-1":"mese scorso"}],"week":[["tra {0} settimane","tra {0} settimana","{0} settimane fa","{0} settimana fa"],{"0":"questa settimana","1":"settimana prossima","-1":"settimana scorsa"}],"day":[["tra {0} giorni","tra {0} giorno","{0} giorni fa","{0} giorno fa"],{"0":"oggi","1":"domani","2":"dopodomani","-2":"l’altro ieri","-1":"ieri"}],"hour":[["tra {0} ore","tra {0} ora","{0} ore fa","{0} ora fa"],{"0":"quest’ora"}],"minute":[["tra {0} minuti","tra {0} minuto","{0} minuti fa","{0} minuto fa"],{"0":"questo minuto"}],"second":[["tra {0} secondi","tra {0} secondo","{0} secondi fa","{0} secondo fa"],{"0":"ora"}]},"short":{"year":[["tra {0} anni","tra {0} anno","{0} anni fa","{0} anno fa"],{"0":"quest’anno","1":"anno prossimo","-1":"anno scorso"}],"quarter":[["tra {0} trim.","tra {0} trim.","{0} trim. fa","{0} trim. fa"],{"0":"questo trim.","1":"trim. prossimo","-1":"trim. scorso"}],"month":[["tra {0} mesi","tra {0} mese","{0} mesi fa","{0} mese fa"],{"0":"questo mese","1":"mese prossimo","-1":"mese scorso"}],"week":[["tra {0} sett.","tra {0} sett.","{0} sett. fa","{0} sett. fa"],{"0":"questa sett.","1":"sett. prossima","-1":"sett. scorsa"}],"day":[["tra {0} gg","tra {0} g","{0} gg fa","{0} g fa"],{"0":"oggi","1":"domani","2":"dopodomani","-2":"l’altro ieri","-1":"ieri"}],"hour":[["tra {0} h","tra {0} h","{0} h fa","{0} h fa"],{"0":"quest’ora"}],"minute":[["tra {0} min","tra {0} min","{0} min fa","{0} min fa"],{"0":"questo minuto"}],"second":[["tra {0} sec.","tra {0} sec.","{0} sec. fa","{0} sec. fa"],{"0":"ora"}]},"narrow":{"year":[["tra {0} anni","tra {0} anno","{0} anni fa","{0} anno fa"],{"0":"quest’anno","1":"anno prossimo","-1":"anno scorso"}],"quarter":[["tra {0} trim.","tra {0} trim.","{0} trim. fa","{0} trim. fa"],{"0":"questo trim.","1":"trim. prossimo","-1":"trim. scorso"}],"month":[["tra {0} mesi","tra {0} mese","{0} mesi fa","{0} mese fa"],{"0":"questo mese","1":"mese prossimo","-1":"mese scorso"}],"week":[["tra {0} sett.","tra {0} sett.","{0} sett. fa","{0} sett. fa"],{"0":"questa sett.","1":"sett. prossima","-1":"sett. scorsa"}],"day":[["tra {0} gg","tra {0} g","{0} gg fa","{0} g fa"],{"0":"oggi","1":"domani","2":"dopodomani","-2":"l’altro ieri","-1":"ieri"}],"hour":[["tra {0} h","tra {0} h","{0} h fa","{0} h fa"],{"0":"quest’ora"}],"minute":[["tra {0} min","tra {0} min","{0} min fa","{0} min fa"],{"0":"questo minuto"}],"second":[["tra {0} s","tra {0} s","{0} s fa","{0} s fa"],{"0":"ora"}]}},"lf":{"cl":["{0} e {1}","{0}, {1}","{0}, {1}","{0} e {1}"],"cs":["{0} e {1}","{0}, {1}","{0}, {1}","{0} e {1}"],"cn":["{0} e {1}","{0}, {1}","{0}, {1}","{0} e {1}"],"dl":["{0} o {1}","{0}, {1}","{0}, {1}","{0} o {1}"],"ds":["{0} o {1}","{0}, {1}","{0}, {1}","{0} o {1}"],"dn":["{0} o {1}","{0}, {1}","{0}, {1}","{0} o {1}"],"ul":["{0} e {1}","{0}, {1}","{0}, {1}","{0} e {1}"],"us":["{0} e {1}","{0}, {1}","{0}, {1}","{0} e {1}"],"un":["{0} {1}","{0} {1}","{0} {1}","{0} {1}"]}}',
  "nl": '{"s":[",",".",1,0],"p":"-#%","c":"¤ -#","a":"(¤ #)","n":"-# ¤","cu":{"USD":["US$","$","Amerikaanse dollar","Amerikaanse dollar"],"EUR":["€","€","euro","euro"],"GBP":["£","£","Britse pond","Britse pond"],"JPY":["JP¥","¥","Japanse yen","Japanse yen"],"CHF":["CHF","CHF","Zwitserse frank","Zwitserse frank"],"CNY":["CN¥","¥","Chinese yuan","Chinese yuan"],"INR":["₹","₹","Indiase roepie","Indiase roepie"],"BRL":["R$","R$","Braziliaanse real","Braziliaanse real"],"CAD":["C$","$","Canadese dollar","Canadese dollar"],"AUD":["AU$","$","Australische dollar","Australische dollar"]},"k":{"short":["0K","00K","000K","0 mln.","00 mln.","000 mln.","0 mld.","00 mld.","000 mld.","0 bln."],"long":["0 duizend","00 duizend","000 duizend","0 miljoen","00 miljoen","000 miljoen","0 miljard","00 miljard","000 miljard","0 biljoen"]},"u":{"byte":["# byte","# byte","# byte"],"kilobyte":["# kB","# kilobyte","# kB"],"megabyte":["# MB","# megabyte","# MB"],"gigabyte":["# GB","# gigabyte","# GB"],"terabyte":["# TB","# terabyte","# TB"],"millisecond":["# ms",["# milliseconden","# milliseconde"],"# ms"],"second":["# sec",["# seconden","# seconde"],"# s"],"minute":["# min",["# minuten","# minuut"],"# m"],"hour":["# uur","# uur","# u"],"day":[["# dagen","# dag"],["# dagen","# dag"],"# d"],"week":[["# wkn","# wk"],["# weken","# week"],"# w"],"month":["# mnd",["# maanden","# maand"],"# m"],"year":["# jr","# jaar","# jr"],"meter":["# m","# meter","# m"],"centimeter":["# cm","# centimeter","# cm"],"kilometer":["# km","# kilometer","# km"],"mile":["# mi","# mijl","# mi"],"kilogram":["# kg","# kilogram","# kg"],"gram":["# g","# gram","# g"],"liter":["# l","# liter","# l"],"celsius":["#°C",["# graden Celsius","# graad Celsius"],"#°"],"fahrenheit":["#°F",["# graden Fahrenheit","# graad Fahrenheit"],"#°F"],"percent":["#%","# procent","#%"],"kilometer-per-hour":["# km/u","# kilometer per uur","# km/u"]},"mo":[["januari","februari","maart","april","mei","juni","juli","augustus","september","oktober","november","december"],["jan","feb","mrt","apr","mei","jun","jul","aug","sep","okt","nov","dec"],["J","F","M","A","M","J","J","A","S","O","N","D"]],"wd":[["zondag","maandag","dinsdag","woensdag","donderdag","vrijdag","zaterdag"],["zo","ma","di","wo","do","vr","za"],["Z","M","D","W","D","V","Z"]],"dp":["a.m.","p.m."],"er":[["v.Chr.","n.Chr."],["voor Christus","na Christus"],["v.C.","n.C."]],"ds":["{EEEE} {d} {MMMM} {y}","{d} {MMMM} {y}","{d} {MMM} {y}","{dd}-{MM}-{y}"],"ts":["{HH}:{mm}:{ss} {z}","{HH}:{mm}:{ss} {z}","{HH}:{mm}:{ss}","{HH}:{mm}"],"tsx":["{hh}:{mm}:{ss} {a} {z}","{hh}:{mm}:{ss} {a} {z}","{hh}:{mm}:{ss} {a}","{hh}:{mm} {a}"],"dts":["{1} om {0}","{1} om {0}","{1}, {0}","{1}, {0}"],"sk":{"E":"{EEE}","G":"{d}/{M}/{y} {G}","EG":"{G} {EEE}","y":"{y}","Ey":"{y} {EEE}","Gy":"{y} {G}","EGy":"{y} {G} {EEE}","M":"{M}","EM":"{M} {EEE}","GM":"{G} (maand: {M})","EGM":"{G} (maand: {M})","yM":"{M}-{y}","EyM":"{M}-{y} {EEE}","GyM":"{M}/{y} {G}","EGyM":"{M}/{y} {G} {EEE}","L":"{MMM}","EL":"{MMM} {EEE}","EL4":"{EEE} (maand: {MMMM})","GL":"{G} (maand: {MMM})","EGL":"{G} (maand: {MMM})","EGL4":"{G} {EEE}","yL":"{MMM} {y}","EyL":"{MMM} {y} {EEE}","GyL":"{MMM} {y} {G}","EGyL":"{MMM} {y} {G} {EEE}","d":"{d}","Ed":"{EEE} {d}","Gd":"{G} (dag: {d})","EGd":"{G} {EEE} {d}","yd":"{y} (dag: {d})","Eyd":"{y} {EEE} {d}","Gyd":"{y} {G} (dag: {d})","EGyd":"{y} {G} (dag: {EEE} {d})","Md":"{d}-{M}","EMd":"{EEE} {d}-{M}","GMd":"{G} {d}-{M}","EGMd":"{G} {EEE} {d}-{M}","yMd":"{d}-{M}-{y}","EyMd":"{EEE} {d}-{M}-{y}","GyMd":"{d}/{M}/{y} {G}","EGyMd":"{EEE} {d}/{M}/{y} {G}","Ld":"{d} {MMM}","ELd":"{EEE} {d} {MMM}","GLd":"{G} {d} {MMM}","EGLd":"{G} {EEE} {d} {MMM}","yLd":"{d} {MMM} {y}","EyLd":"{EEE} {d} {MMM} {y}","GyLd":"{d} {MMM} {y} {G}","EGyLd":"{EEE} {d} {MMM} {y} {G}","h":"{h} {a}","H":"{HH}","m":"{m}","m/m":"{m}","hm":"{h}:{mm} {a}","Hm":"{HH}:{mm}","Hm/m":"{H}:{mm}","s":"{s}","s/s":"{s}","hs":"{h} {a} (seconde: {s})","hs/s":"{h} {a} (seconde: {s})","hs/hs":"{hh} {a} (seconde: {s})","Hs":"{HH} (seconde: {s})","Hs/h":"{s} (uur: {HH})","Hs/s":"{HH} (seconde: {s})","Hs/hs":"{HH} (seconde: {s})","ms":"{mm}:{ss}","hms":"{h}:{mm}:{ss} {a}","Hms":"{HH}:{mm}:{ss}","Hms/ms":"{H}:{mm}:{ss}","z":"{z}","hz":"{h} {a} {z}","Hz":"{HH} {z}","mz":"{m} {z}","mz/m":"{m} {z}","hmz":"{h}:{mm} {a} {z}","Hmz":"{HH}:{mm} {z}","sz":"{s} {z}","sz/s":"{s} {z}","hsz":"{h} {a} {z} (seconde: {s})","hsz/s":"{h} {a} {z} (seconde: {s})","hsz/hs":"{hh} {a} {z} (seconde: {s})","Hsz":"{HH} {z} (seconde: {s})","Hsz/s":"{HH} {z} (seconde: {s})","Hsz/hs":"{HH} {z} (seconde: {s})","msz":"{mm}:{ss} {z}","hmsz":"{h}:{mm}:{ss} {a} {z}","Hmsz":"{H}:{mm}:{ss} {z}"},"gl":{"E":"{1} {0}","G":"{G}, {0}"},"tz":["UTC","gecoördineerde wereldtijd","GMT{0}","GMT","GMT{0}","Greenwich Mean Time","-"],"rt":{"long":{"year":[["over {0} jaar","over {0} jaar","{0} jaar geleden","{0} jaar geleden"],{"0":"dit jaar","1":"volgend jaar","-1":"vorig jaar"}],"quarter":[["over {0} kwartalen","over {0} kwartaal","{0} kwartalen geleden","{0} kwartaal geleden"],{"0":"dit kwartaal","1":"volgend kwartaal","-1":"vorig kwartaal"}],"month":[["over {0} maanden","over {0} maand","{0} maanden geleden","{0} maand geleden"],{"0":"deze maand","1":"volgende maand","-1":"vorige maand"}],"week":[["over {0} weken","over {0} week","{0} weken geleden","{0} week geleden"],{"0":"deze week","1":"volgende week","-1":"vorige week"}],"day":[["over {0} dagen","over {0} dag","{0} dagen geleden","{0} dag geleden"],{"0":"vandaag","1":"morgen","2":"overmorgen","-2":"eergisteren","-1":"gisteren"}],"hour":[["over {0} uur","over {0} uur","{0} uur geleden","{0} uur geleden"],{"0":"binnen een uur"}],"minute":[["over {0} minuten","over {0} minuut","{0} minuten geleden","{0} minuut geleden"],{"0":"binnen een minuut"}],"second":[["over {0} seconden","over {0} seconde","{0} seconden geleden","{0} seconde geleden"],{"0":"nu"}]},"short":{"year":[["over {0} jaar","over {0} jaar","{0} jaar geleden","{0} jaar geleden"],{"0":"dit jaar","1":"volgend jaar","-1":"vorig jaar"}],"quarter":[["over {0} kwart.","over {0} kwart.","{0} kwart. geleden","{0} kwart. geleden"],{"0":"dit kwartaal","1":"volgend kwartaal","-1":"vorig kwartaal"}],"month":[["over {0} maanden","over {0} maand","{0} maanden geleden","{0} maand geleden"],{"0":"deze maand","1":"volgende maand","-1":"vorige maand"}],"week":[["over {0} weken","over {0} week","{0} weken geleden","{0} week geleden"],{"0":"deze week","1":"volgende week","-1":"vorige week"}],"day":[["over {0} dgn","over {0} dag","{0} dgn geleden","{0} dag geleden"],{"0":"vandaag","1":"morgen","2":"overmorgen","-2":"eergisteren","-1":"gisteren"}],"hour":[["over {0} uur","over {0} uur","{0} uur geleden","{0} uur geleden"],{"0":"binnen een uur"}],"minute":[["over {0} min.","over {0} min.","{0} min. geleden","{0} min. geleden"],{"0":"binnen een minuut"}],"second":[["over {0} sec.","over {0} sec.","{0} sec. geleden","{0} sec. geleden"],{"0":"nu"}]},"narrow":{"year":[["over {0} jaar","over {0} jaar","{0} jaar geleden","{0} jaar geleden"],{"0":"dit jaar","1":"volgend jaar","-1":"vorig jaar"}],"quarter":[["over {0} kw.","over {0} kw.","{0} kw. geleden","{0} kw. geleden"],{"0":"dit kwartaal","1":"volgend kwartaal","-1":"vorig kwartaal"}],"month":[["over {0} maanden","over {0} maand","{0} maanden geleden","{0} maand geleden"],{"0":"deze maand","1":"volgende maand","-1":"vorige maand"}],"week":[["over {0} weken","over {0} week","{0} weken geleden","{0} week geleden"],{"0":"deze week","1":"volgende week","-1":"vorige week"}],"day":[["over {0} dgn","over {0} dag","{0} dgn geleden","{0} dag geleden"],{"0":"vandaag","1":"morgen","2":"overmorgen","-2":"eergisteren","-1":"gisteren"}],"hour":[["over {0} uur","over {0} uur","{0} uur geleden","{0} uur geleden"],{"0":"binnen een uur"}],"minute":[["over {0} min.","over {0} min.","{0} min. geleden","{0} min. geleden"],{"0":"binnen een minuut"}],"second":[["over {0} sec.","over {0} sec.","{0} sec. geleden","{0} sec. geleden"],{"0":"nu"}]}},"lf":{"cl":["{0} en {1}","{0}, {1}","{0}, {1}","{0} en {1}"],"cs":["{0} & {1}","{0}, {1}","{0}, {1}","{0} & {1}"],"cn":["{0}, {1}","{0}, {1}","{0}, {1}","{0}, {1}"],"dl":["{0} of {1}","{0}, {1}","{0}, {1}","{0} of {1}"],"ds":["{0} of {1}","{0}, {1}","{0}, {1}","{0} of {1}"],"dn":["{0} of {1}","{0}, {1}","{0}, {1}","{0} of {1}"],"ul":["{0} en {1}","{0}, {1}","{0}, {1}","{0} en {1}"],"us":["{0}, {1}","{0}, {1}","{0}, {1}","{0}, {1}"],"un":["{0}, {1}","{0}, {1}","{0}, {1}","{0}, {1}"]}}',
  "pt": '{"s":[",",".",1,0],"p":"-#%","c":"-¤ #","a":"-¤ #","n":"-# ¤","cu":{"USD":["US$","$","Dólar americano","Dólares americanos"],"EUR":["€","€","Euro","Euros"],"GBP":["£","£","Libra esterlina","Libras esterlinas"],"JPY":["JP¥","¥","Iene japonês","Ienes japoneses"],"CHF":["CHF","CHF","Franco suíço","Francos suíços"],"CNY":["CN¥","¥","Yuan chinês","Yuans chineses"],"INR":["₹","₹","Rupia indiana","Rupias indianas"],"BRL":["R$","R$","Real brasileiro","Reais brasileiros"],"CAD":["CA$","$","Dólar canadense","Dólares canadenses"],"AUD":["AU$","$","Dólar australiano","Dólares australianos"]},"k":{"short":["0 mil","00 mil","000 mil","0 mi","00 mi","000 mi","0 bi","00 bi","000 bi","0 tri"],"long":["0 mil","00 mil","000 mil",["0 milhões","0 milhão"],"00 milhões","000 milhões",["0 bilhões","0 bilhão"],"00 bilhões","000 bilhões",["0 trilhões","0 trilhão"],"00 trilhões"]},"u":{"byte":["# bytes",["# bytes","# byte"],"# B"],"kilobyte":["# kB",["# kilobytes","# kilobyte"],"# kB"],"megabyte":["# MB",["# megabytes","# megabyte"],"# MB"],"gigabyte":["# GB",["# gigabytes","# gigabyte"],"# GB"],"terabyte":["# TB",["# terabytes","# terabyte"],"# TB"],"millisecond":["# ms",["# milissegundos","# milissegundo"],"# ms"],"second":["# s",["# segundos","# segundo"],"# s"],"minute":["# min",["# minutos","# minuto"],"# min"],"hour":["# h",["# horas","# hora"],"# h"],"day":[["# dias","# dia"],["# dias","# dia"],["# dias","# dia"]],"week":["# sem.",["# semanas","# semana"],"# sem."],"month":[["# meses","# mês"],["# meses","# mês"],["# meses","# mês"]],"year":[["# anos","# ano"],["# anos","# ano"],["# anos","# ano"]],"meter":["# m",["# metros","# metro"],"# m"],"centimeter":["# cm",["# centímetros","# centímetro"],"# cm"],"kilometer":["# km",["# quilômetros","# quilômetro"],"# km"],"mile":["# mi",["# milhas","# milha"],"# mi"],"kilogram":["# kg",["# quilogramas","# quilograma"],"#kg"],"gram":["# g",["# gramas","# grama"],"#g"],"liter":["# l",["# litros","# litro"],"#l"],"celsius":["# °C",["# graus Celsius","# grau Celsius"],"# °C"],"fahrenheit":["# °F",["# graus Fahrenheit","# grau Fahrenheit"],"# °F"],"percent":["#%","# por cento","#%"],"kilometer-per-hour":["# km/h",["# quilômetros por hora","# quilômetro por hora"],"#km/h"]},"mo":[["janeiro","fevereiro","março","abril","maio","junho","julho","agosto","setembro","outubro","novembro","dezembro"],["jan.","fev.","mar.","abr.","mai.","jun.","jul.","ago.","set.","out.","nov.","dez."],["J","F","M","A","M","J","J","A","S","O","N","D"]],"wd":[["domingo","segunda-feira","terça-feira","quarta-feira","quinta-feira","sexta-feira","sábado"],["dom.","seg.","ter.","qua.","qui.","sex.","sáb."],["D","S","T","Q","Q","S","S"]],"dp":["AM","PM"],"er":[["a.C.","d.C."],["antes de Cristo","depois de Cristo"],["a.C.","d.C."]],"ds":["{EEEE}, {d} de {MMMM} de {y}","{d} de {MMMM} de {y}","{d} de {MMM} de {y}","{dd}/{MM}/{y}"],"ts":["{HH}:{mm}:{ss} {z}","{HH}:{mm}:{ss} {z}","{HH}:{mm}:{ss}","{HH}:{mm}"],"tsx":["{hh}:{mm}:{ss} {a} {z}","{hh}:{mm}:{ss} {a} {z}","{hh}:{mm}:{ss} {a}","{hh}:{mm} {a}"],"dts":["{1} às {0}","{1} às {0}","{1}, {0}","{1}, {0}"],"sk":{"E":"{EEE}","G":"{dd}/{MM}/{y} {G}","EG":"{G} {EEE}","y":"{y}","Ey":"{y} {EEE}","Gy":"{y} {G}","EGy":"{y} {G} {EEE}","M":"{M}","EM":"{M} {EEE}","GM":"{G} (mês: {M})","EGM":"{G} (mês: {M})","yM":"{MM}/{y}","EyM":"{MM}/{y} {EEE}","GyM":"{MM}/{y} {G}","EGyM":"{MM}/{y} {G} {EEE}","L":"{MMM}","EL":"{MMM} {EEE}","EL4":"{EEE} (mês: {MMMM})","GL":"{G} (mês: {MMM})","EGL":"{G} (mês: {MMM})","EGL4":"{G} {EEE}","yL":"{MMM} de {y}","EyL":"{MMM} de {y} {EEE}","GyL":"{MMM} de {y} {G}","EGyL":"{MMM} de {y} {G} {EEE}","d":"{d}","Ed":"{EEE}, {d}","Gd":"{G} (dia: {d})","EGd":"{G} {EEE}, {d}","yd":"{y} (dia: {d})","Eyd":"{y} {EEE}, {d}","Gyd":"{y} {G} (dia: {d})","EGyd":"{y} {G} (dia: {EEE}, {d})","Md":"{dd}/{MM}","EMd":"{EEE}, {dd}/{MM}","GMd":"{G} {dd}/{MM}","EGMd":"{G} {EEE}, {dd}/{MM}","yMd":"{dd}/{MM}/{y}","EyMd":"{EEE}, {dd}/{MM}/{y}","GyMd":"{dd}/{MM}/{y} {G}","EGyMd":"{EEE}, {MM}/{dd}/{y} {G}","Ld":"{d} de {MMM}","ELd":"{EEE}, {d} de {MMM}","GLd":"{G} {d} de {MMM}","EGLd":"{G} {EEE}, {d} de {MMM}","yLd":"{d} de {MMM} de {y}","EyLd":"{EEE}, {d} de {MMM} de {y}","GyLd":"{d} de {MMM} de {y} {G}","EGyLd":"{EEE}, {d} de {MMM} de {y} {G}","h":"{h} {a}","H":"{HH}","m":"{m}","m/m":"{m}","hm":"{h}:{mm} {a}","Hm":"{HH}:{mm}","Hm/m":"{H}:{mm}","s":"{s}","s/s":"{s}","hs":"{h} {a} (segundo: {s})","hs/s":"{h} {a} (segundo: {s})","hs/hs":"{hh} {a} (segundo: {s})","Hs":"{HH} (segundo: {s})","Hs/h":"{s} (hora: {HH})","Hs/s":"{HH} (segundo: {s})","Hs/hs":"{HH} (segundo: {s})","ms":"{mm}:{ss}","hms":"{h}:{mm}:{ss} {a}","Hms":"{HH}:{mm}:{ss}","Hms/ms":"{H}:{mm}:{ss}","z":"{z}","hz":"{h} {a}, {z}","Hz":"{HH} {z}","mz":"{m} {z}","mz/m":"{m} {z}","hmz":"{h}:{mm} {a} {z}","Hmz":"{HH}:{mm} {z}","sz":"{s} {z}","sz/s":"{s} {z}","hsz":"{h} {a}, {z} (segundo: {s})","hsz/s":"{h} {a}, {z} (segundo: {s})","hsz/hs":"{hh} {a}, {z} (segundo: {s})","Hsz":"{HH} {z} (segundo: {s})","Hsz/s":"{HH} {z} (segundo: {s})","Hsz/hs":"{HH} {z} (segundo: {s})","msz":"{mm}:{ss} {z}","hmsz":"{h}:{mm}:{ss} {a} {z}","Hmsz":"{H}:{mm}:{ss} {z}"},"gl":{"G":"{G}, {0}"},"tz":["UTC","Horário Universal Coordenado","GMT{0}","GMT+0","GMT{0}","Horário do Meridiano de Greenwich","-"],"rt":{"long":{"year":[["em {0} anos","em {0} ano","há {0} anos","há {0} ano"],{"0":"este ano","1":"próximo ano","-1":"ano passado"}],"quarter":[["em {0} trimestres","em {0} trimestre","há {0} trimestres","há {0} trimestre"],{"0":"este trimestre","1":"próximo trimestre","-1":"último trimestre"}],"month":[["em {0} meses","em {0} mês","há {0} meses","há {0} mês"],{"0":"este mês","1":"próximo mês","-1":"mês passado"}],"week":[["em {0} semanas","em {0} semana","há {0} semanas","há {0} semana"],{"0":"esta semana","1":"próxima semana","-1":"semana passada"}],"day":[["em {0} dias","em {0} dia","há {0} dias","há {0} dia"],{"0":"hoje","1":"amanhã","2":"depois de amanhã","-2":"anteontem","-1":"ontem"}],"hour":[["em {0} horas","em {0} hora","há {0} horas","há {0} hora"],{"0":"esta hora"}],"minute":[["em {0} minutos","em {0} minuto","há {0} minutos","há {0} minuto"],{"0":"este minuto"}],"second":[["em {0} segundos","em {0} segundo","há {0} segundos","há {0} segundo"],{"0":"agora"}]},"short":{"year":[["em {0} anos","em {0} ano","há {0} anos","há {0} ano"],{"0":"este ano","1":"próximo ano","-1":"ano passado"}],"quarter":[["em {0} trim.","em {0} trim.","há {0} trim.","há {0} trim."],{"0":"este trimestre","1":"próximo trimestre","-1":"último trimestre"}],"month":[["em {0} meses","em {0} mês","há {0} meses","há {0} mês"],{"0":"este mês","1":"próximo mês","-1":"mês passado"}],"week":[["em {0} sem.","em {0} sem.","há {0} sem.","há {0} sem."],{"0":"esta semana","1":"próxima semana","-1":"semana passada"}],"day":[["em {0} dias","em {0} dia","há {0} dias","há {0} dia"],{"0":"hoje","1":"amanhã","2":"depois de amanhã","-2":"anteontem","-1":"ontem"}],"hour":[["em {0} h","em {0} h","há {0} h","há {0} h"],{"0":"esta hora"}],"minute":[["em {0} min.","em {0} min.","há {0} min.","há {0} min."],{"0":"este minuto"}],"second":[["em {0} seg.","em {0} seg.","há {0} seg.","há {0} seg."],{"0":"agora"}]},"narrow":0},"lf":{"cl":["{0} e {1}","{0}, {1}","{0}, {1}","{0} e {1}"],"cs":["{0} e {1}","{0}, {1}","{0}, {1}","{0} e {1}"],"cn":["{0}, {1}","{0}, {1}","{0}, {1}","{0}, {1}"],"dl":["{0} ou {1}","{0}, {1}","{0}, {1}","{0} ou {1}"],"ds":["{0} ou {1}","{0}, {1}","{0}, {1}","{0} ou {1}"],"dn":["{0} ou {1}","{0}, {1}","{0}, {1}","{0} ou {1}"],"ul":["{0} e {1}","{0}, {1}","{0}, {1}","{0} e {1}"],"us":["{0} e {1}","{0}, {1}","{0}, {1}","{0} e {1}"],"un":["{0} {1}","{0} {1}","{0} {1}","{0} {1}"]}}',
  "ja": '{"s":[".",",",1,0],"p":"-#%","c":"-¤#","a":"(¤#)","n":"-#¤","cu":{"USD":["$","$","米ドル","米ドル"],"EUR":["€","€","ユーロ","ユーロ"],"GBP":["£","£","英国ポンド","英国ポンド"],"JPY":["￥","￥","円","円"],"CHF":["CHF","CHF","スイス フラン","スイス フラン"],"CNY":["元","￥","中国人民元","中国人民元"],"INR":["₹","₹","インド ルピー","インド ルピー"],"BRL":["R$","R$","ブラジル レアル","ブラジル レアル"],"CAD":["CA$","$","カナダ ドル","カナダ ドル"],"AUD":["A$","$","オーストラリア ドル","オーストラリア ドル"]},"k":{"short":["0000","0万","00万","000万","0000万","0億","00億","000億","0000億","0兆","00兆","000兆","0000兆","0京"],"long":["0000","0万","00万","000万","0000万","0億","00億","000億","0000億","0兆","00兆","000兆","0000兆","0京"]},"u":{"byte":["# byte","# バイト","#B"],"kilobyte":["# KB","# キロバイト","#KB"],"megabyte":["# MB","# メガバイト","#MB"],"gigabyte":["# GB","# ギガバイト","#GB"],"terabyte":["# TB","# テラバイト","#TB"],"millisecond":["# ms","# ミリ秒","#ms"],"second":["# 秒","# 秒","#s"],"minute":["# 分","# 分","#m"],"hour":["# 時間","# 時間","#h"],"day":["# 日","# 日","#d"],"week":["# 週間","# 週間","#w"],"month":["# か月","# か月","#m"],"year":["# 年","# 年","#y"],"meter":["# m","# メートル","#m"],"centimeter":["# cm","# センチメートル","#cm"],"kilometer":["# km","# キロメートル","#km"],"mile":["# mi","# マイル","#mi"],"kilogram":["# kg","# キログラム","#kg"],"gram":["# g","# グラム","#g"],"liter":["# L","# リットル","#L"],"celsius":["#°C","摂氏 # 度","#°C"],"fahrenheit":["#°F","華氏 # 度","#°F"],"percent":["#%","# パーセント","#%"],"kilometer-per-hour":["# km/h","時速 # キロメートル","#km/h"]},"mo":[["1","2","3","4","5","6","7","8","9","10","11","12"],["1","2","3","4","5","6","7","8","9","10","11","12"],["1","2","3","4","5","6","7","8","9","10","11","12"]],"wd":[["日曜日","月曜日","火曜日","水曜日","木曜日","金曜日","土曜日"],["日","月","火","水","木","金","土"],["日","月","火","水","木","金","土"]],"dp":["午前","午後"],"er":[["紀元前","西暦"],["紀元前","西暦"],["BC","AD"]],"ds":["{y}年{M}月{d}日{EEEE}","{y}年{M}月{d}日","{y}/{MM}/{dd}","{y}/{MM}/{dd}"],"ts":["{H}時{mm}分{ss}秒 {z}","{H}:{mm}:{ss} {z}","{H}:{mm}:{ss}","{H}:{mm}"],"tsx":["{a}{h}:{mm}:{ss} {z}","{a}{h}:{mm}:{ss} {z}","{a}{h}:{mm}:{ss}","{a}{h}:{mm}"],"dts":["{1} {0}","{1} {0}","{1} {0}","{1} {0}"],"sk":{"E":"{EEE}","G":"{G}{y}/{M}/{d}","EG":"{G} {EEE}","y":"{y}年","Ey":"{y}年 {EEE}","Gy":"{G}{y}年","EGy":"{G}{y}年 {EEE}","M":"{M}月","EM":"{M}月 {EEE}","GM":"{G} (月: {M}月)","EGM":"{G} (月: {M}月)","yM":"{y}/{M}","EyM":"{y}/{M} {EEE}","GyM":"{G}{y}/{M}","EGyM":"{G}{y}/{M} {EEE}","L":"{M}月","EL":"{M}月 {EEE}","EL4":"{EEE} (月: {M}月)","GL":"{G} (月: {M}月)","EGL":"{G} (月: {M}月)","EGL4":"{G} {EEE}","yL":"{y}年{M}月","EyL":"{y}年{M}月 {EEE}","GyL":"{G}{y}年{M}月","EGyL":"{G}{y}年{M}月 {EEE}","d":"{d}日","Ed":"{d}日({EEE})","EdW":"{d}日{EEEE}","Gd":"{G} (日: {d}日)","EGd":"{G} {d}日({EEE})","EGdW":"{G} {d}日{EEEE}","yd":"{y}年 (日: {d}日)","Eyd":"{y}年 {d}日({EEE})","EydW":"{y}年 {d}日{EEEE}","Gyd":"{G}{y}年 (日: {d}日)","EGyd":"{G}{y}年 (日: {d}日({EEE}))","EGydW":"{G}{y}年 (日: {d}日{EEEE})","Md":"{M}/{d}","EMd":"{M}/{d}({EEE})","EMdW":"{M}/{d}{EEEE}","GMd":"{G} {M}/{d}","EGMd":"{G} {M}/{d}({EEE})","EGMdW":"{G} {M}/{d}{EEEE}","yMd":"{y}/{M}/{d}","EyMd":"{y}/{M}/{d}({EEE})","EyMdW":"{y}/{M}/{d}{EEEE}","GyMd":"{G}{y}/{M}/{d}","EGyMd":"{G}{y}/{M}/{d}({EEE})","Ld":"{M}月{d}日","ELd":"{M}月{d}日({EEE})","ELdW":"{M}月{d}日{EEEE}","GLd":"{G} {M}月{d}日","EGLd":"{G} {M}月{d}日({EEE})","EGLdW":"{G} {M}月{d}日{EEEE}","yLd":"{y}年{M}月{d}日","EyLd":"{y}年{M}月{d}日({EEE})","EyLdW":"{y}年{M}月{d}日{EEEE}","GyLd":"{G}{y}年{M}月{d}日","EGyLd":"{G}{y}年{M}月{d}日({EEE})","EGyLdW":"{G}{y}年{M}月{d}日{EEEE}","h":"{a}{h}時","H":"{H}時","m":"{m}","m/m":"{m}","hm":"{a}{h}:{mm}","Hm":"{H}:{mm}","s":"{s}","s/s":"{s}","hs":"{a}{h}時 (秒: {s})","hs/s":"{a}{h}時 (秒: {s})","hs/hs":"{a}{hh}時 (秒: {s})","Hs":"{H}時 (秒: {s})","Hs/h":"{s} (時: {HH}時)","Hs/s":"{H}時 (秒: {s})","Hs/hs":"{HH}時 (秒: {s})","ms":"{mm}:{ss}","hms":"{a}{h}:{mm}:{ss}","Hms":"{H}:{mm}:{ss}","z":"{z}","hz":"{a}{h}時 {z}","Hz":"{H}時 {z}","mz":"{m} {z}","mz/m":"{m} {z}","hmz":"{a}{h}:{mm} {z}","Hmz":"{H}:{mm} {z}","sz":"{s} {z}","sz/s":"{s} {z}","hsz":"{a}{h}時 {z} (秒: {s})","hsz/s":"{a}{h}時 {z} (秒: {s})","hsz/hs":"{a}{hh}時 {z} (秒: {s})","Hsz":"{H}時 {z} (秒: {s})","Hsz/s":"{H}時 {z} (秒: {s})","Hsz/hs":"{HH}時 {z} (秒: {s})","msz":"{mm}:{ss} {z}","hmsz":"{a}{h}:{mm}:{ss} {z}","Hmsz":"{H}:{mm}:{ss} {z}"},"gl":{"E":"{0} ({1})","G":"{G} {0}"},"tz":["UTC","協定世界時","GMT{0}","GMT+0","GMT{0}","グリニッジ標準時","-"],"rt":{"long":{"year":[["{0} 年後","{0} 年後","{0} 年前","{0} 年前"],{"0":"今年","1":"来年","-1":"昨年"}],"quarter":[["{0} 四半期後","{0} 四半期後","{0} 四半期前","{0} 四半期前"],{"0":"今四半期","1":"翌四半期","-1":"前四半期"}],"month":[["{0} か月後","{0} か月後","{0} か月前","{0} か月前"],{"0":"今月","1":"来月","-1":"先月"}],"week":[["{0} 週間後","{0} 週間後","{0} 週間前","{0} 週間前"],{"0":"今週","1":"来週","-1":"先週"}],"day":[["{0} 日後","{0} 日後","{0} 日前","{0} 日前"],{"0":"今日","1":"明日","2":"明後日","-2":"一昨日","-1":"昨日"}],"hour":[["{0} 時間後","{0} 時間後","{0} 時間前","{0} 時間前"],{"0":"1 時間以内"}],"minute":[["{0} 分後","{0} 分後","{0} 分前","{0} 分前"],{"0":"1 分以内"}],"second":[["{0} 秒後","{0} 秒後","{0} 秒前","{0} 秒前"],{"0":"今"}]},"short":{"year":[["{0} 年後","{0} 年後","{0} 年前","{0} 年前"],{"0":"今年","1":"来年","-1":"昨年"}],"quarter":[["{0} 四半期後","{0} 四半期後","{0} 四半期前","{0} 四半期前"],{"0":"今四半期","1":"翌四半期","-1":"前四半期"}],"month":[["{0} か月後","{0} か月後","{0} か月前","{0} か月前"],{"0":"今月","1":"来月","-1":"先月"}],"week":[["{0} 週間後","{0} 週間後","{0} 週間前","{0} 週間前"],{"0":"今週","1":"来週","-1":"先週"}],"day":[["{0} 日後","{0} 日後","{0} 日前","{0} 日前"],{"0":"今日","1":"明日","2":"明後日","-2":"一昨日","-1":"昨日"}],"hour":[["{0} 時間後","{0} 時間後","{0} 時間前","{0} 時間前"],{"0":"1 時間以内"}],"minute":[["{0} 分後","{0} 分後","{0} 分前","{0} 分前"],{"0":"1 分以内"}],"second":[["{0} 秒後","{0} 秒後","{0} 秒前","{0} 秒前"],{"0":"今"}]},"narrow":{"year":[["{0}年後","{0}年後","{0}年前","{0}年前"],{"0":"今年","1":"来年","-1":"昨年"}],"quarter":[["{0}四半期後","{0}四半期後","{0}四半期前","{0}四半期前"],{"0":"今四半期","1":"翌四半期","-1":"前四半期"}],"month":[["{0}か月後","{0}か月後","{0}か月前","{0}か月前"],{"0":"今月","1":"来月","-1":"先月"}],"week":[["{0}週間後","{0}週間後","{0}週間前","{0}週間前"],{"0":"今週","1":"来週","-1":"先週"}],"day":[["{0}日後","{0}日後","{0}日前","{0}日前"],{"0":"今日","1":"明日","2":"明後日","-2":"一昨日","-1":"昨日"}],"hour":[["{0}時間後","{0}時間後","{0}時間前","{0}時間前"],{"0":"1 時間以内"}],"minute":[["{0}分後","{0}分後","{0}分前","{0}分前"],{"0":"1 分以内"}],"second":[["{0}秒後","{0}秒後","{0}秒前","{0}秒前"],{"0":"今"}]}},"lf":{"cl":["{0}、{1}","{0}、{1}","{0}、{1}","{0}、{1}"],"cs":["{0}、{1}","{0}、{1}","{0}、{1}","{0}、{1}"],"cn":["{0}、{1}","{0}、{1}","{0}、{1}","{0}、{1}"],"dl":["{0}または{1}","{0}、{1}","{0}、{1}","{0}、または{1}"],"ds":["{0}または{1}","{0}、{1}","{0}、{1}","{0}、または{1}"],"dn":["{0}または{1}","{0}、{1}","{0}、{1}","{0}、または{1}"],"ul":["{0} {1}","{0} {1}","{0} {1}","{0} {1}"],"us":["{0} {1}","{0} {1}","{0} {1}","{0} {1}"],"un":["{0}{1}","{0}{1}","{0}{1}","{0}{1}"]}}',
  "zh": '{"s":[".",",",1,0],"p":"-#%","c":"-¤#","a":"(¤#)","n":"-#¤","cu":{"USD":["US$","$","美元","美元"],"EUR":["€","€","欧元","欧元"],"GBP":["£","£","英镑","英镑"],"JPY":["JP¥","¥","日元","日元"],"CHF":["CHF","CHF","瑞士法郎","瑞士法郎"],"CNY":["¥","¥","人民币","人民币"],"INR":["₹","₹","印度卢比","印度卢比"],"BRL":["R$","R$","巴西雷亚尔","巴西雷亚尔"],"CAD":["CA$","$","加拿大元","加拿大元"],"AUD":["AU$","$","澳大利亚元","澳大利亚元"]},"k":{"short":["0000","0万","00万","000万","0000万","0亿","00亿","000亿","0000亿","0万亿"],"long":["0000","0万","00万","000万","0000万","0亿","00亿","000亿","0000亿","0万亿"]},"u":{"byte":["# B","#字节","# B"],"kilobyte":["# kB","#千字节","# kB"],"megabyte":["# MB","#兆字节","# MB"],"gigabyte":["# GB","#吉字节","# GB"],"terabyte":["# TB","#太字节","# TB"],"millisecond":["#毫秒","#毫秒","#ms"],"second":["#秒","#秒钟","#秒"],"minute":["#分钟","#分钟","#分钟"],"hour":["#小时","#小时","#小时"],"day":["#天","#天","#天"],"week":["#周","#周","#周"],"month":["#个月","#个月","#个月"],"year":["#年","#年","#年"],"meter":["#米","#米","#米"],"centimeter":["#厘米","#厘米","#厘米"],"kilometer":["#公里","#公里","#公里"],"mile":["#英里","#英里","#mi"],"kilogram":["# kg","#千克","#kg"],"gram":["# g","#克","#g"],"liter":["#升","#升","#升"],"celsius":["#°C","#摄氏度","#°C"],"fahrenheit":["#°F","#华氏度","#°F"],"percent":["#%","#%","#%"],"kilometer-per-hour":["# km/h","每小时#公里","#km/h"]},"mo":[["1","2","3","4","5","6","7","8","9","10","11","12"],["1","2","3","4","5","6","7","8","9","10","11","12"],["1","2","3","4","5","6","7","8","9","10","11","12"]],"wd":[["星期日","星期一","星期二","星期三","星期四","星期五","星期六"],["周日","周一","周二","周三","周四","周五","周六"],["日","一","二","三","四","五","六"]],"ms":[["一月","二月","三月","四月","五月","六月","七月","八月","九月","十月","十一月","十二月"],["1月","2月","3月","4月","5月","6月","7月","8月","9月","10月","11月","12月"],["1","2","3","4","5","6","7","8","9","10","11","12"]],"dp":["上午","下午"],"er":[["公元前","公元"],["公元前","公元"],["公元前","公元"]],"ds":["{y}年{M}月{d}日{EEEE}","{y}年{M}月{d}日","{y}年{M}月{d}日","{y}/{M}/{d}"],"ts":["{z} {HH}:{mm}:{ss}","{z} {HH}:{mm}:{ss}","{HH}:{mm}:{ss}","{HH}:{mm}"],"tsx":["{z}{a}{hh}:{mm}:{ss}","{z}{a}{hh}:{mm}:{ss}","{a}{hh}:{mm}:{ss}","{a}{hh}:{mm}"],"dts":["{1} {0}","{1} {0}","{1} {0}","{1} {0}"],"sk":{"E":"{EEE}","G":"{G}{y}-{MM}-{dd}","EG":"{G} {EEE}","y":"{y}年","Ey":"{y}年 {EEE}","Gy":"{G}{y}年","EGy":"{G}{y}年 {EEE}","M":"{M}月","EM":"{M}月 {EEE}","GM":"{G} (月: {M}月)","EGM":"{G} (月: {M}月)","yM":"{y}/{M}","EyM":"{y}/{M} {EEE}","GyM":"{G}{y}年{M}月","EGyM":"{G}{y}年{M}月 {EEE}","L":"{MMM}","EL":"{MMM} {EEE}","EL4":"{EEE} (月: {MMMM})","GL":"{G} (月: {MMM})","EGL":"{G} (月: {MMM})","EGL4":"{G} {EEE}","yL":"{y}年{M}月","EyL":"{y}年{M}月 {EEE}","GyL":"{G}{y}年{M}月","EGyL":"{G}{y}年{M}月 {EEE}","d":"{d}日","Ed":"{d}日{EEE}","Gd":"{G} (日: {d}日)","EGd":"{G} {d}日{EEE}","yd":"{y}年 (日: {d}日)","Eyd":"{y}年 {d}日{EEE}","Gyd":"{G}{y}年 (日: {d}日)","EGyd":"{G}{y}年 (日: {d}日{EEE})","Md":"{M}/{d}","EMd":"{M}/{d}{EEE}","GMd":"{G} {M}/{d}","EGMd":"{G} {M}/{d}{EEE}","yMd":"{y}/{M}/{d}","EyMd":"{y}/{M}/{d}{EEE}","EyMdW":"{y}年{M}月{d}日{EEEE}","GyMd":"{G}{y}-{MM}-{dd}","EGyMd":"{G}{y}-{MM}-{dd}{EEE}","Ld":"{M}月{d}日","ELd":"{M}月{d}日{EEE}","GLd":"{G} {M}月{d}日","EGLd":"{G} {M}月{d}日{EEE}","yLd":"{y}年{M}月{d}日","EyLd":"{y}年{M}月{d}日{EEE}","GyLd":"{G}{y}年{M}月{d}日","EGyLd":"{G}{y}年{M}月{d}日{EEE}","h":"{a}{h}时","H":"{H}时","m":"{m}","m/m":"{m}","hm":"{a}{h}:{mm}","Hm":"{HH}:{mm}","Hm/m":"{H}:{mm}","s":"{s}","s/s":"{s}","hs":"{a}{h}时 (秒: {s})","hs/s":"{a}{h}时 (秒: {s})","hs/hs":"{a}{hh}时 (秒: {s})","Hs":"{H}时 (秒: {s})","Hs/h":"{s} (小时: {HH}时)","Hs/s":"{H}时 (秒: {s})","Hs/hs":"{HH}时 (秒: {s})","ms":"{mm}:{ss}","hms":"{a}{h}:{mm}:{ss}","Hms":"{HH}:{mm}:{ss}","Hms/ms":"{H}:{mm}:{ss}","z":"{z}","hz":"{z}{a}{h}时","Hz":"{z}{H}时","mz":"{z}{m}","mz/m":"{z}{m}","hmz":"{z}{a}{h}:{mm}","Hmz":"{z} {HH}:{mm}","sz":"{z}{s}","sz/s":"{z}{s}","hsz":"{z}{a}{h}时 (秒: {s})","hsz/s":"{z}{a}{h}时 (秒: {s})","hsz/hs":"{z}{a}{hh}时 (秒: {s})","Hsz":"{z}{H}时 (秒: {s})","Hsz/s":"{z}{H}时 (秒: {s})","Hsz/hs":"{z}{HH}时 (秒: {s})","msz":"{z}{mm}:{ss}","hmsz":"{z}{a}{h}:{mm}:{ss}","Hmsz":"{z} {H}:{mm}:{ss}"},"gl":{"E":"{1}{0}","G":"{G} {0}"},"tz":["UTC","协调世界时","GMT{0}","GMT+0","GMT{0}","格林尼治标准时间","-"],"rt":{"long":{"year":[["{0}年后","{0}年后","{0}年前","{0}年前"],{"0":"今年","1":"明年","-1":"去年"}],"quarter":[["{0}个季度后","{0}个季度后","{0}个季度前","{0}个季度前"],{"0":"本季度","1":"下季度","-1":"上季度"}],"month":[["{0}个月后","{0}个月后","{0}个月前","{0}个月前"],{"0":"本月","1":"下个月","-1":"上个月"}],"week":[["{0}周后","{0}周后","{0}周前","{0}周前"],{"0":"本周","1":"下周","-1":"上周"}],"day":[["{0}天后","{0}天后","{0}天前","{0}天前"],{"0":"今天","1":"明天","2":"后天","-2":"前天","-1":"昨天"}],"hour":[["{0}小时后","{0}小时后","{0}小时前","{0}小时前"],{"0":"这一时间 / 此时"}],"minute":[["{0}分钟后","{0}分钟后","{0}分钟前","{0}分钟前"],{"0":"此刻"}],"second":[["{0}秒钟后","{0}秒钟后","{0}秒钟前","{0}秒钟前"],{"0":"现在"}]},"short":{"year":[["{0}年后","{0}年后","{0}年前","{0}年前"],{"0":"今年","1":"明年","-1":"去年"}],"quarter":[["{0}个季度后","{0}个季度后","{0}个季度前","{0}个季度前"],{"0":"本季度","1":"下季度","-1":"上季度"}],"month":[["{0}个月后","{0}个月后","{0}个月前","{0}个月前"],{"0":"本月","1":"下个月","-1":"上个月"}],"week":[["{0}周后","{0}周后","{0}周前","{0}周前"],{"0":"本周","1":"下周","-1":"上周"}],"day":[["{0}天后","{0}天后","{0}天前","{0}天前"],{"0":"今天","1":"明天","2":"后天","-2":"前天","-1":"昨天"}],"hour":[["{0}小时后","{0}小时后","{0}小时前","{0}小时前"],{"0":"这一时间 / 此时"}],"minute":[["{0}分钟后","{0}分钟后","{0}分钟前","{0}分钟前"],{"0":"此刻"}],"second":[["{0}秒后","{0}秒后","{0}秒前","{0}秒前"],{"0":"现在"}]},"narrow":0},"lf":{"cl":["{0}和{1}","{0}、{1}","{0}、{1}","{0}和{1}"],"cs":["{0}和{1}","{0}、{1}","{0}、{1}","{0}和{1}"],"cn":["{0}、{1}","{0}、{1}","{0}、{1}","{0}、{1}"],"dl":["{0}或{1}","{0}、{1}","{0}、{1}","{0}或{1}"],"ds":["{0}或{1}","{0}、{1}","{0}、{1}","{0}或{1}"],"dn":["{0}或{1}","{0}、{1}","{0}、{1}","{0}或{1}"],"ul":["{0}{1}","{0}{1}","{0}{1}","{0}{1}"],"us":["{0}{1}","{0}{1}","{0}{1}","{0}{1}"],"un":["{0}{1}","{0}{1}","{0}{1}","{0}{1}"]}}',
};
