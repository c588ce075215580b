// Intl: NumberFormat, DateTimeFormat, Collator, PluralRules, RelativeTimeFormat, ListFormat, Locale
// and the locale-sensitive built-in methods, for the supported locales only.
import { check } from './harness.mjs';

const LOCALES = ['en-US', 'en-GB', 'en-IN', 'de', 'fr', 'es', 'it', 'nl', 'pt-BR', 'ja', 'zh-CN'];
const NUMBERS = [0, -0, 1, -1, 0.5, 1.5, 2.5, -2.5, 1.005, 0.1 + 0.2, 12, 123.456, 999.9995, 1234, 12345, 123456.789, -1234567.891,
  1e21, 1.5e-7, 0.000123, 987654321, 2 ** 53, NaN, Infinity, -Infinity];
const BIGINTS = [0n, -12n, 1234567890123456789012n];
const fmt = (loc, opts, values = NUMBERS) => {
  const nf = new Intl.NumberFormat(loc, opts);
  return values.map((v) => nf.format(v));
};
const parts = (p) => p.map((x) => x.type + ':' + x.value + (x.unit ? ':' + x.unit : '') + (x.source ? ':' + x.source : ''));

for (const loc of LOCALES) {
  check(`intl/nf/decimal ${loc}`, () => [fmt(loc), fmt(loc, {}, BIGINTS)]);
  check(`intl/nf/percent ${loc}`, () => fmt(loc, { style: 'percent' }, [0, 0.256, -0.5, 1, 12.345, 0.0001]).concat(fmt(loc, { style: 'percent', maximumFractionDigits: 2 }, [0.12345])));
  check(`intl/nf/currency ${loc}`, () => {
    const out = {};
    for (const c of ['USD', 'EUR', 'GBP', 'JPY', 'CHF', 'CNY', 'INR', 'BRL', 'CAD', 'AUD', 'XYZ']) {
      out[c] = ['symbol', 'narrowSymbol', 'code', 'name'].map((cd) => fmt(loc, { style: 'currency', currency: c, currencyDisplay: cd }, [1, -1234.5, 0, 1e6]));
      out[c + ' accounting'] = fmt(loc, { style: 'currency', currency: c, currencySign: 'accounting' }, [-5, 5]);
    }
    return out;
  });
  check(`intl/nf/compact ${loc}`, () => ['short', 'long'].map((cd) => fmt(loc, { notation: 'compact', compactDisplay: cd },
    [0, 1, 999, 1000, 1234, 1500, 9999, 12345, 99999, 123456, 999999, 1234567, -1234567, 12345678, 1e9, 1.5e10, 1e12, 1e14, 1e15, 1e18, 0.5])));
  check(`intl/nf/scientific ${loc}`, () => [fmt(loc, { notation: 'scientific' }, [0, 1, -1234567, 0.000123, 9.9999, 1e21]),
    fmt(loc, { notation: 'engineering' }, [0, 1, 12345, -1234567, 0.000123, 999999])]);
  check(`intl/nf/unit ${loc}`, () => {
    const out = {};
    for (const unit of ['kilometer-per-hour', 'megabyte', 'second', 'day', 'kilogram', 'celsius', 'percent', 'liter', 'mile', 'hour'])
      out[unit] = ['short', 'long', 'narrow'].map((ud) => fmt(loc, { style: 'unit', unit, unitDisplay: ud }, [1, 2, -1.5, 1000]));
    return out;
  });
  check(`intl/nf/parts ${loc}`, () => [
    parts(new Intl.NumberFormat(loc).formatToParts(-1234567.891)),
    parts(new Intl.NumberFormat(loc, { style: 'currency', currency: 'EUR' }).formatToParts(-1234.5)),
    parts(new Intl.NumberFormat(loc, { style: 'percent', signDisplay: 'always' }).formatToParts(0.5)),
    parts(new Intl.NumberFormat(loc, { notation: 'compact', compactDisplay: 'long' }).formatToParts(1234567)),
    parts(new Intl.NumberFormat(loc, { style: 'unit', unit: 'kilometer-per-hour', unitDisplay: 'long' }).formatToParts(-5)),
    parts(new Intl.NumberFormat(loc, { notation: 'scientific' }).formatToParts(-0.00012)),
  ]);
  check(`intl/nf/resolved ${loc}`, () => [new Intl.NumberFormat(loc).resolvedOptions(),
    new Intl.NumberFormat(loc, { style: 'currency', currency: 'jpy' }).resolvedOptions()]);
}

check('intl/nf/digits', () => {
  const opts = [{ minimumIntegerDigits: 3 }, { minimumFractionDigits: 2 }, { maximumFractionDigits: 0 }, { minimumFractionDigits: 1, maximumFractionDigits: 4 },
    { maximumSignificantDigits: 2 }, { minimumSignificantDigits: 4 }, { minimumSignificantDigits: 2, maximumSignificantDigits: 3 },
    { maximumFractionDigits: 1, maximumSignificantDigits: 2, roundingPriority: 'morePrecision' },
    { maximumFractionDigits: 1, maximumSignificantDigits: 2, roundingPriority: 'lessPrecision' },
    { minimumFractionDigits: 2, trailingZeroDisplay: 'stripIfInteger' }, { maximumFractionDigits: 2, roundingIncrement: 5, minimumFractionDigits: 2 },
    { maximumFractionDigits: 0, roundingIncrement: 25 }, { useGrouping: false }, { useGrouping: 'min2' }, { useGrouping: 'always' }];
  return opts.map((o) => ['en', 'de', 'es'].map((l) => fmt(l, o, [0, 1234, 1234.5678, -0.0051, 98765.4321, 0.5, 1.25])));
});
check('intl/nf/rounding modes', () => ['ceil', 'floor', 'expand', 'trunc', 'halfCeil', 'halfFloor', 'halfExpand', 'halfTrunc', 'halfEven'].map((m) =>
  fmt('en', { maximumFractionDigits: 1, roundingMode: m }, [1.25, -1.25, 1.35, -1.35, 1.21, -1.29, 0.05, -0.05, 2.5, 9.96])));
check('intl/nf/sign display', () => ['auto', 'always', 'exceptZero', 'negative', 'never'].map((s) =>
  [fmt('en', { signDisplay: s }, [0, -0, 1, -1, NaN, -0.0001, Infinity]), fmt('de', { style: 'currency', currency: 'EUR', signDisplay: s }, [0, -1, 1]),
    fmt('en', { style: 'currency', currency: 'USD', currencySign: 'accounting', signDisplay: s }, [0, -1, 1])]));
check('intl/nf/strings', () => fmt('en', { maximumFractionDigits: 20 }, ['1.23456789012345678901', ' 42 ', '-0', '1e3', '', 'abc', '0x10', '12345678901234567890']));
check('intl/nf/errors', () => [
  () => new Intl.NumberFormat('en', { style: 'currency' }), () => new Intl.NumberFormat('en', { style: 'unit' }),
  () => new Intl.NumberFormat('en', { style: 'bogus' }), () => new Intl.NumberFormat('en', { maximumFractionDigits: 101 }),
  () => new Intl.NumberFormat('en', { currency: 'US' }), () => new Intl.NumberFormat('en', { style: 'unit', unit: 'parsec' }),
  () => new Intl.NumberFormat('en', { minimumFractionDigits: 3, maximumFractionDigits: 1 }), () => new Intl.NumberFormat('en-'),
  () => new Intl.NumberFormat('en', { roundingIncrement: 3 }), () => Intl.NumberFormat.prototype.format.call({}),
].map((f) => { try { f(); return 'ok'; } catch (e) { return e.name; } }));
check('intl/nf/misc', () => [
  new Intl.NumberFormat('en', { notation: 'compact', maximumSignificantDigits: 3 }).resolvedOptions(),
  new Intl.NumberFormat('de', { style: 'unit', unit: 'liter', minimumFractionDigits: 1 }).resolvedOptions(),
  new Intl.NumberFormat('en').formatRange(1, 5), new Intl.NumberFormat('en').formatRange(3, 3),
  Intl.NumberFormat.supportedLocalesOf(['de-DE', 'fr', 'en-GB']), Object.prototype.toString.call(new Intl.NumberFormat()),
  typeof Intl.NumberFormat.prototype.format, new Intl.NumberFormat('en-u-nu-latn').resolvedOptions().locale,
]);
check('intl/toLocaleString number', () => [(1234.5).toLocaleString(), (1234.5).toLocaleString('de-DE'), (0.256).toLocaleString('en', { style: 'percent' }),
  (12345678901234567890n).toLocaleString(), (12345678901234567890n).toLocaleString('fr'), (-5).toLocaleString('ja', { style: 'currency', currency: 'JPY' }),
  [1234.5, new Date(Date.UTC(2020, 0, 2)), 'x', null, 7n].toLocaleString('de', { timeZone: 'UTC' }), NaN.toLocaleString('fr')]);

// ---- Dates ----
const DATES = [Date.UTC(2024, 2, 5, 21, 7, 8, 123), Date.UTC(1970, 0, 1), Date.UTC(2000, 11, 31, 23, 59, 59, 999), Date.UTC(1999, 6, 4, 0, 30),
  Date.UTC(2024, 1, 29, 12, 0, 5), Date.UTC(-44, 2, 15, 9, 5), Date.UTC(2038, 0, 19, 3, 14, 7), Date.UTC(10000, 9, 10, 11, 11)];
const dfmt = (loc, opts) => { const f = new Intl.DateTimeFormat(loc, { timeZone: 'UTC', ...opts }); return DATES.map((d) => f.format(d)); };
const COMPONENT_SETS = [{}, { year: 'numeric' }, { month: 'long' }, { month: 'short', day: 'numeric' }, { year: 'numeric', month: 'long' },
  { year: 'numeric', month: 'short', day: 'numeric' }, { year: 'numeric', month: 'long', day: 'numeric' }, { year: '2-digit', month: '2-digit', day: '2-digit' },
  { weekday: 'long' }, { weekday: 'short', day: 'numeric' }, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' },
  { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' }, { month: 'numeric', day: 'numeric' }, { year: 'numeric', month: 'numeric' },
  { month: 'narrow' }, { weekday: 'narrow' }, { era: 'short', year: 'numeric' }, { era: 'long', year: 'numeric', month: 'long', day: 'numeric' },
  { hour: 'numeric' }, { hour: 'numeric', minute: '2-digit' }, { hour: '2-digit', minute: '2-digit', second: '2-digit' },
  { hour: 'numeric', minute: 'numeric', hour12: false }, { hour: 'numeric', minute: 'numeric', hour12: true },
  { hour: 'numeric', hourCycle: 'h23' }, { hour: 'numeric', minute: 'numeric', hourCycle: 'h11' }, { minute: 'numeric', second: 'numeric' },
  { hour: 'numeric', minute: 'numeric', timeZoneName: 'short' }, { timeZoneName: 'short' }, { timeZoneName: 'long' },
  { hour: 'numeric', minute: 'numeric', second: 'numeric', fractionalSecondDigits: 3 },
  { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: 'numeric' },
  { year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: 'numeric' },
  { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: 'numeric' },
  { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' },
  { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }];

for (const loc of LOCALES) {
  check(`intl/dtf/styles ${loc}`, () => {
    const out = {};
    for (const ds of [undefined, 'full', 'long', 'medium', 'short'])
      for (const ts of [undefined, 'full', 'long', 'medium', 'short']) if (ds || ts) out[`${ds}/${ts}`] = dfmt(loc, { dateStyle: ds, timeStyle: ts });
    return out;
  });
  check(`intl/dtf/components ${loc}`, () => COMPONENT_SETS.map((o) => dfmt(loc, o)));
  check(`intl/dtf/resolved ${loc}`, () => COMPONENT_SETS.slice(0, 24).map((o) => new Intl.DateTimeFormat(loc, o).resolvedOptions()));
  check(`intl/dtf/parts ${loc}`, () => [parts(new Intl.DateTimeFormat(loc, { timeZone: 'UTC', dateStyle: 'full', timeStyle: 'long' }).formatToParts(DATES[0])),
    parts(new Intl.DateTimeFormat(loc, { timeZone: 'UTC', year: 'numeric', month: 'short', day: '2-digit', hour: 'numeric' }).formatToParts(DATES[3]))]);
  check(`intl/dtf/hour12 styles ${loc}`, () => [dfmt(loc, { timeStyle: 'short', hour12: true }), dfmt(loc, { timeStyle: 'medium', hour12: false }),
    dfmt(loc, { dateStyle: 'short', timeStyle: 'short', hourCycle: 'h23' })]);
  check(`intl/dtf/offset zones ${loc}`, () => ['+05:30', '-08:00', 'Etc/GMT+5', 'Etc/GMT-14', 'utc', 'Etc/UTC', '+0000'].map((tz) => [
    new Intl.DateTimeFormat(loc, { timeZone: tz, dateStyle: 'medium', timeStyle: 'short' }).format(DATES[0]),
    new Intl.DateTimeFormat(loc, { timeZone: tz, hour: 'numeric', timeZoneName: 'short' }).format(DATES[0]),
    new Intl.DateTimeFormat(loc, { timeZone: tz, timeZoneName: 'long' }).format(DATES[0]),
    new Intl.DateTimeFormat(loc, { timeZone: tz }).resolvedOptions().timeZone]));
  check(`intl/toLocaleString date ${loc}`, () => DATES.slice(0, 4).map((t) => {
    const d = new Date(t);
    return [d.toLocaleString(loc, { timeZone: 'UTC' }), d.toLocaleDateString(loc, { timeZone: 'UTC' }), d.toLocaleTimeString(loc, { timeZone: 'UTC' }),
      d.toLocaleDateString(loc, { timeZone: 'UTC', month: 'long' }), d.toLocaleTimeString(loc, { timeZone: 'UTC', hour: '2-digit' })];
  }));
}
check('intl/dtf/defaults', () => [new Date(DATES[0]).toLocaleString(), new Date(DATES[0]).toLocaleDateString(), new Date(DATES[0]).toLocaleTimeString(),
  new Date(NaN).toLocaleString(), new Intl.DateTimeFormat().resolvedOptions().timeZone, new Intl.DateTimeFormat('de').resolvedOptions(),
  new Intl.DateTimeFormat('en', { timeStyle: 'short' }).resolvedOptions(), new Intl.DateTimeFormat('en-US-u-hc-h23', { hour: 'numeric' }).resolvedOptions()]);
check('intl/dtf/errors', () => [
  () => new Intl.DateTimeFormat('en', { dateStyle: 'short', year: 'numeric' }), () => new Intl.DateTimeFormat('en', { timeZone: 'Mars/Base' }),
  () => new Intl.DateTimeFormat('en', { month: 'full' }), () => new Intl.DateTimeFormat('en').format(NaN), () => new Intl.DateTimeFormat('en', { fractionalSecondDigits: 4 }),
  () => new Date(0).toLocaleDateString('en', { timeStyle: 'short' }), () => new Date(0).toLocaleTimeString('en', { dateStyle: 'short' }),
  () => Intl.DateTimeFormat.prototype.formatToParts.call({}, 0),
].map((f) => { try { f(); return 'ok'; } catch (e) { return e.name; } }));
check('intl/dtf/range', () => {
  const f = new Intl.DateTimeFormat('en', { timeZone: 'UTC', dateStyle: 'medium', timeStyle: 'short' });
  return [f.formatRange(DATES[0], DATES[0]), parts(f.formatRangeToParts(DATES[1], DATES[1]))];
});

// ---- Plural rules ----
for (const loc of ['en', 'de', 'fr', 'es', 'it', 'nl', 'pt', 'ja', 'zh']) {
  check(`intl/plural/cardinal ${loc}`, () => {
    const pr = new Intl.PluralRules(loc);
    return [Array.from({ length: 201 }, (_, i) => pr.select(i)).join(','), [0.5, 1.5, 1.0, 2.25, -1, 1e6, 2e6, 1e7, 1234567, 0.1].map((n) => pr.select(n)),
      new Intl.PluralRules(loc, { minimumFractionDigits: 1 }).select(1), pr.resolvedOptions()];
  });
  check(`intl/plural/ordinal ${loc}`, () => {
    const pr = new Intl.PluralRules(loc, { type: 'ordinal' });
    return [Array.from({ length: 201 }, (_, i) => pr.select(i)).join(','), pr.resolvedOptions().pluralCategories];
  });
}

// ---- Relative time ----
const RT_UNITS = ['year', 'quarter', 'month', 'week', 'day', 'hour', 'minute', 'second'];
for (const loc of ['en', 'en-GB', 'de', 'fr', 'es', 'it', 'nl', 'pt-BR', 'ja', 'zh']) {
  check(`intl/rtf ${loc}`, () => {
    const out = {};
    for (const style of ['long', 'short', 'narrow']) for (const numeric of ['always', 'auto']) {
      const f = new Intl.RelativeTimeFormat(loc, { style, numeric });
      out[style + numeric] = RT_UNITS.map((u) => [-2, -1, -0, 0, 1, 2, 1.5, -1234.5].map((v) => f.format(v, u)));
    }
    return out;
  });
  check(`intl/rtf parts ${loc}`, () => [parts(new Intl.RelativeTimeFormat(loc).formatToParts(-1234.5, 'days')),
    parts(new Intl.RelativeTimeFormat(loc, { numeric: 'auto' }).formatToParts(1, 'day')), new Intl.RelativeTimeFormat(loc).resolvedOptions()]);
  check(`intl/list ${loc}`, () => {
    const out = {};
    for (const type of ['conjunction', 'disjunction', 'unit']) for (const style of ['long', 'short', 'narrow']) {
      const f = new Intl.ListFormat(loc, { type, style });
      out[type + style] = [[], ['a'], ['a', 'b'], ['a', 'b', 'c'], ['a', 'b', 'c', 'd', 'e']].map((l) => f.format(l));
    }
    out.parts = parts(new Intl.ListFormat(loc).formatToParts(['x', 'y', 'z']));
    return out;
  });
}
check('intl/rtf/errors', () => [() => new Intl.RelativeTimeFormat('en').format(1, 'decade'), () => new Intl.RelativeTimeFormat('en').format(Infinity, 'day'),
  () => new Intl.RelativeTimeFormat('en', { style: 'tiny' }), () => new Intl.ListFormat('en').format(['a', 1])].map((f) => { try { f(); return 'ok'; } catch (e) { return e.name; } }));
check('intl/list/es conjunctions', () => [new Intl.ListFormat('es').format(['agua', 'hielo']), new Intl.ListFormat('es').format(['a', 'b', 'hijo']),
  new Intl.ListFormat('es', { type: 'disjunction' }).format(['siete', 'ocho']), new Intl.ListFormat('es', { type: 'disjunction' }).format(['uno', 'hotel'])]);

// ---- Collation ----
const WORDS = ['résumé', 'resume', 'Resume', 'rèsume', 'apple', 'Apple', 'APPLE', 'äpfel', 'Äpfel', 'zebra', 'Zürich', 'zoo', 'café', 'cafe', 'Cafe', 'cafés',
  'co-op', 'coop', 'Co-op', 'a b', 'ab', 'a-b', 'a_b', 'item10', 'item2', 'item1', 'Item3', 'x1', 'x01', '10', '9', '1', '100', 'straße', 'strasse', 'Strasse',
  'naïve', 'naive', 'élan', 'elan', 'Ørsted', 'orsted', 'Œuvre', 'oeuvre', 'hello world', 'hello.world', 'hello!', 'façade', 'facade', 'niño', 'nino', 'ñu', 'nu', 'oz',
  'été', 'ete', 'etè', 'Ete', 'über', 'uber', 'Uber', '', ' ', 'z', 'A', 'a', 'á', 'Á', 'b', 'æ', 'ae', '$5', '€5', '#tag', '@me', '(x)'];
for (const loc of ['en', 'de', 'fr', 'es', 'it', 'nl', 'pt']) {
  for (const sensitivity of ['base', 'accent', 'case', 'variant']) {
    check(`intl/collator/${sensitivity} ${loc}`, () => {
      const c = new Intl.Collator(loc, { sensitivity });
      // Sort, then group the ties, so the order within equal elements does not matter.
      const sorted = [...WORDS].sort((a, b) => c.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0));
      return sorted.join('|');
    });
  }
}
check('intl/collator/options', () => {
  const sortWith = (o, l = 'en') => { const c = new Intl.Collator(l, o); return [...WORDS].sort((a, b) => c.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0)).join('|'); };
  return [sortWith({ numeric: true }), sortWith({ caseFirst: 'upper' }), sortWith({ caseFirst: 'lower' }), sortWith({ ignorePunctuation: true }),
    sortWith({}, 'en-u-kn'), sortWith({ usage: 'search', sensitivity: 'base' }),
    new Intl.Collator('de', { numeric: true, caseFirst: 'upper' }).resolvedOptions(), new Intl.Collator('en-u-kn-true-kf-upper').resolvedOptions(),
    new Intl.Collator().compare('a', 'b'), ['b', 'a', 'C', 'ä'].sort(new Intl.Collator('de').compare)];
});
check('intl/localeCompare', () => [['a', 'b'], ['b', 'a'], ['a', 'a'], ['a', 'A'], ['a', 'á'], ['résumé', 'resume'], ['item10', 'item9'], ['', 'a'], ['ß', 'ss']].map(([x, y]) =>
  [x.localeCompare(y), x.localeCompare(y, 'de'), x.localeCompare(y, 'en', { sensitivity: 'base' }), x.localeCompare(y, undefined, { numeric: true })]));

// ---- Locale and canonicalization ----
check('intl/locale', () => ['en', 'en-us', 'EN-latn-US', 'zh-Hans-CN', 'de-DE-u-co-phonebk', 'fr-CA-u-ca-gregory-hc-h23', 'ja-JP-u-nu-latn', 'es-419'].map((t) => {
  const l = new Intl.Locale(t);
  return [l.toString(), l.language, l.script, l.region, l.baseName, l.calendar, l.hourCycle, l.numberingSystem, l.collation, l.numeric, l.caseFirst,
    l.maximize().toString(), l.minimize().toString()];
}));
check('intl/locale/options', () => [new Intl.Locale('en', { region: 'GB', hourCycle: 'h12', numeric: true }).toString(),
  new Intl.Locale('en-US', { language: 'fr', script: 'Latn' }).toString(), String(new Intl.Locale('de', { calendar: 'gregory', caseFirst: 'upper' })),
  (() => { try { return new Intl.Locale('x'); } catch (e) { return e.name; } })(), (() => { try { return new Intl.Locale(); } catch (e) { return e.name; } })(),
  Object.prototype.toString.call(new Intl.Locale('en'))]);
check('intl/getCanonicalLocales', () => [Intl.getCanonicalLocales('EN-us'), Intl.getCanonicalLocales(['en-US', 'en-us', 'de', 'zh-hans-cn']), Intl.getCanonicalLocales(),
  Intl.getCanonicalLocales(new Intl.Locale('FR-ca')), ...['', 'en_US', '123', 'en--US', 'toolonglanguage'].map((t) => { try { return Intl.getCanonicalLocales(t); } catch (e) { return e.name; } })]);
check('intl/fallback locale', () => [new Intl.NumberFormat('xx').resolvedOptions().locale, new Intl.NumberFormat(['xx', 'de']).resolvedOptions().locale,
  new Intl.DateTimeFormat('en-US').resolvedOptions().locale, new Intl.NumberFormat('de-DE').resolvedOptions().locale, new Intl.Collator('fr-FR').resolvedOptions().locale,
  new Intl.PluralRules('pt-BR').resolvedOptions().locale, new Intl.NumberFormat().resolvedOptions().locale, Object.prototype.toString.call(Intl),
  Object.keys(Intl), typeof Intl.DateTimeFormat.supportedLocalesOf]);

check('intl/legacy constructors without new', () => {
  class MyFormat extends Intl.NumberFormat {}
  const mine = new MyFormat('en-US');
  return [
    Intl.NumberFormat('de-DE').format(1234567.891),
    Intl.DateTimeFormat('en-US', { timeZone: 'UTC' }).format(new Date(0)),
    ['b', 'a', 'C'].sort(Intl.Collator('en').compare),
    Intl.NumberFormat() instanceof Intl.NumberFormat,
    Intl.NumberFormat.name, Intl.NumberFormat.length, typeof Intl.NumberFormat.supportedLocalesOf,
    Object.getPrototypeOf(Intl.NumberFormat('en')) === Intl.NumberFormat.prototype,
    Intl.NumberFormat.prototype.constructor === Intl.NumberFormat,
    mine instanceof MyFormat, mine instanceof Intl.NumberFormat, mine.format(5),
    (() => { try { Intl.PluralRules('en'); return 'no error'; } catch (e) { return e.name; } })(),
  ];
});

// ---- IANA time zones (offsets from the host's tz database) ----
const ZONES = ['America/New_York', 'Europe/London', 'Europe/Berlin', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Asia/Kathmandu', 'Pacific/Chatham',
  'America/Sao_Paulo', 'Africa/Casablanca', 'Pacific/Apia', 'Europe/Moscow', 'America/St_Johns', 'America/Los_Angeles', 'Pacific/Honolulu'];
// Around DST changes and historical offset changes (a second before and at each transition).
const INSTANTS = ['1970-01-01T00:00:00Z', '1983-07-01T12:00:00Z', '1995-06-15T12:00:00Z', '1995-12-15T12:00:00Z',
  '2011-03-26T22:59:59Z', '2011-03-26T23:00:00Z', '2011-12-30T09:59:59Z', '2011-12-30T10:00:00Z', '2012-06-01T00:00:00Z',
  '2014-10-25T21:59:59Z', '2014-10-25T22:00:00Z', '2018-11-04T02:59:59Z', '2018-11-04T03:00:00Z', '2019-02-17T01:59:59Z', '2019-02-17T02:00:00Z',
  '2019-11-15T12:00:00Z', '2024-03-10T05:29:59Z', '2024-03-10T05:30:00Z', '2024-03-10T06:59:59.999Z', '2024-03-10T07:00:00Z',
  '2024-03-20T12:00:00Z', '2024-03-31T00:59:59Z', '2024-03-31T01:00:00Z', '2024-04-06T13:59:59Z', '2024-04-06T14:00:00Z',
  '2024-04-06T14:45:00Z', '2024-04-07T14:59:59Z', '2024-04-07T15:00:00Z', '2024-09-28T14:00:00Z', '2024-10-05T15:30:00Z',
  '2024-10-27T00:59:59Z', '2024-10-27T01:00:00Z', '2024-11-03T04:30:00Z', '2024-11-03T05:59:59Z', '2024-11-03T06:00:00Z',
  '2024-11-03T09:00:00Z', '2037-07-01T12:00:00Z'].map((s) => Date.parse(s));
for (const tz of ZONES) {
  check(`intl/tz/offsets ${tz}`, () => {
    const a = new Intl.DateTimeFormat('en-US', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
      second: '2-digit', hourCycle: 'h23', timeZoneName: 'shortOffset' });
    const b = new Intl.DateTimeFormat('de', { timeZone: tz, month: 'short', day: 'numeric', hour: 'numeric', minute: 'numeric', timeZoneName: 'longOffset' });
    // Morocco's future DST dates are predictions that change between tz releases (LEDGER.md).
    return INSTANTS.filter((t) => tz !== 'Africa/Casablanca' || t < Date.UTC(2026, 0, 1)).map((t) => a.format(t) + ' | ' + b.format(t));
  });
  check(`intl/tz/styles ${tz}`, () => {
    const out = {};
    for (const loc of ['en-US', 'en-GB', 'en-IN', 'de', 'fr', 'es', 'it', 'nl', 'ja', 'zh-CN']) {
      const f = new Intl.DateTimeFormat(loc, { timeZone: tz, dateStyle: 'medium', timeStyle: 'long' });
      out[loc] = INSTANTS.filter((t, i) => i % 3 === 0 && (tz !== 'Africa/Casablanca' || t < Date.UTC(2026, 0, 1))).map((t) => f.format(t));
    }
    return out;
  });
}
check('intl/tz/toLocaleString', () => INSTANTS.slice(15, 24).map((t) => {
  const d = new Date(t);
  return [d.toLocaleString('en-US', { timeZone: 'America/New_York' }), d.toLocaleDateString('en-GB', { timeZone: 'Pacific/Apia' }),
    d.toLocaleTimeString('de', { timeZone: 'Australia/Lord_Howe' }), d.toLocaleString('ja', { timeZone: 'Asia/Tokyo', timeZoneName: 'short' }),
    d.toLocaleTimeString('en-US', { timeZone: 'Asia/Kathmandu', timeZoneName: 'short' }), d.toLocaleString('en-IN', { timeZone: 'Asia/Calcutta', timeZoneName: 'short' })];
}));
check('intl/tz/parts and range', () => {
  const f = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', dateStyle: 'full', timeStyle: 'short' });
  const g = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: 'numeric', minute: 'numeric', timeZoneName: 'short' });
  return [parts(new Intl.DateTimeFormat('en-US', { timeZone: 'America/Los_Angeles', timeStyle: 'long', dateStyle: 'short' }).formatToParts(INSTANTS[33])),
    f.formatRange(INSTANTS[18], INSTANTS[18]), parts(g.formatToParts(INSTANTS[22])), g.format(INSTANTS[21])];
});
check('intl/tz/historical', () => [['America/New_York', -2208988800000], ['Europe/Moscow', -1688265017000], ['Asia/Kolkata', -2208988800000],
  ['Europe/Berlin', -1000000000000], ['Pacific/Apia', -2208988800000], ['America/St_Johns', -1000000000000]].map(([tz, t]) =>
  [new Date(t).toLocaleString('en-US', { timeZone: tz, timeZoneName: 'shortOffset' }), new Date(t).toLocaleString('de', { timeZone: tz, year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: 'numeric', timeZoneName: 'longOffset' })]));
check('intl/tz/canonical names', () => ['America/New_York', 'america/new_york', 'AMERICA/NEW_YORK', 'US/Eastern', 'us/pacific', 'Asia/Calcutta', 'Asia/Kolkata',
  'Asia/Kathmandu', 'Asia/Katmandu', 'Europe/Kyiv', 'Europe/Kiev', 'America/Nuuk', 'Asia/Ho_Chi_Minh', 'UTC', 'Etc/UTC', 'GMT', 'Etc/GMT', 'Zulu', 'Etc/GMT+5',
  'etc/gmt-14', '+05:30', '-0800', 'EST', 'MST', 'HST', 'EST5EDT', 'CET', 'Iceland', 'Japan', 'Europe/Belfast', 'America/Montreal', 'Pacific/Kanton',
  'America/Argentina/Buenos_Aires', 'Antarctica/South_Pole', 'PST', 'IST', 'US/Pacific-New', 'Africa/Asmara', 'Europe/Isle_of_Man'].map((tz) => {
  try { return new Intl.DateTimeFormat('en', { timeZone: tz }).resolvedOptions().timeZone; } catch (e) { return e.name + ': ' + e.message; }
}));
check('intl/tz/invalid', () => ['Mars/Base', 'America/New York', 'Etc/Unknown', 'Factory', 'America/', '/UTC', 'Etc/GMT+15', '+25:00', 'Europe/London ', '',
  'New_York', 'America/New_York/Extra', 'localtime', 'posixrules'].map((tz) => {
  try { new Intl.DateTimeFormat('en', { timeZone: tz }); return 'ok'; } catch (e) { return e.name + ': ' + e.message; }
}).concat([(() => { try { return new Date(0).toLocaleString('en', { timeZone: 'Nowhere/City' }); } catch (e) { return e.name + ': ' + e.message; } })()]));
check('intl/tz/default zone stays UTC', () => [new Intl.DateTimeFormat().resolvedOptions().timeZone, new Date(INSTANTS[20]).toLocaleString('en-US'),
  new Date(INSTANTS[20]).getTimezoneOffset()]);
