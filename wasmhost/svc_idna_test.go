package wasmhost

import (
	"encoding/json"
	"testing"
)

// Cases written from the URL Standard's "domain to ASCII" and UTS #46 (nontransitional,
// CheckHyphens, UseSTD3ASCIIRules and VerifyDnsLength false, CheckJoiners and CheckBidi true).
// want "" means failure.
func TestIDNADomainToASCII(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"münchen.de", "xn--mnchen-3ya.de"},
		{"MÜNCHEN.DE", "xn--mnchen-3ya.de"},
		{"xn--mnchen-3ya.de", "xn--mnchen-3ya.de"},
		{"XN--MNCHEN-3YA.de", "xn--mnchen-3ya.de"},
		{"faß.de", "xn--fa-hia.de"},                                           // nontransitional: ß kept
		{"βόλος", "xn--nxasmm1c"},                                             // final sigma kept
		{"ΒΌΛΟΣ", "xn--nxasmq6b"},                                             // capital sigma maps to σ
		{"\u0dc1\u0dca\u200d\u0dbb\u0dd3", "xn--10cl1a0b660p"},                // ZWJ after a virama
		{"\u0646\u0627\u0645\u0647\u200c\u0627\u06cc", "xn--mgba3gch31f060k"}, // ZWNJ between joining letters
		{"a\u200db", ""},                                                      // ZWJ without a virama
		{"a\u200cb", ""},                                                      // ZWNJ outside a joining context
		{"xn--1ug.example", ""},                                               // the same ZWJ as an A-label
		{"\u064a", "xn--mhb"},                                                 // an RTL label
		{"1.\u064a", "1.xn--mhb"},                                             // an LTR label next to it is not held to the Bidi Rule
		{"\u064aa", ""},                                                       // RTL label with an L code point
		{"a\u064a", ""},                                                       // LTR-first label with an AL code point
		{"\u0661", ""},                                                        // AN cannot start a label
		{"xn--a-yoc", ""},                                                     // "aي" as an A-label
		{"aa--", "aa--"},                                                      // CheckHyphens false
		{"-x.ß", "-x.xn--zca"},                                                //
		{"x..ß", "x..xn--zca"},                                                // empty labels pass (VerifyDnsLength false)
		{"a\u00adb", "ab"},                                                    // ignored
		{"a\uff0eb\u3002c\uff61d", "a.b.c.d"},                                 // label separators
		{"ＡＢＣ.com", "abc.com"},                                                // fullwidth
		{"≠", "xn--1ch"},                                                      // UseSTD3ASCIIRules false
		{"a_b.ß", "a_b.xn--zca"},                                              // ASCII outside LDH is kept
		{"\ufffd.com", ""},                                                    // disallowed
		{"xn--zn7c.com", ""},                                                  // U+FFFD as an A-label
		{"xn--a", ""},                                                         // invalid Punycode
		{"xn--tešla", ""},                                                     // non-ASCII in an A-label
		{"xn--", ""},                                                          // empty Punycode
		{"a.XN--.b", ""},                                                      //
		{"ｘｎ－－.com", ""},                                                      // maps to "xn--"
		{"xn--abc-", ""},                                                      // decodes to ASCII only
		{"xn--zca.ß", "xn--zca.xn--zca"},                                      //
		{"\U0001f600.com", "xn--e28h.com"},                                    // emoji
		{"a\u2488com", ""},                                                    // disallowed (was mapped to "1." before Unicode 15.1)
		{"\u05f3\u0628\u200c\u05d0", ""},                                      // ZWNJ before a non-joining letter (x/net/idna accepts it)
		{"\u0628\u200c\u0621", ""},                                            // hamza is Joining_Type U
		{"\u0628\u200c\u064b\u0627", "xn--mgbb9hn06i"},                        // D ZWNJ T R
		{"\u0628\u200c\u07ca", "xn--ngb05fj00c"},                              // N'Ko letters join (D)
		{"xn--a\u2260xn--", ""},                                               // non-ASCII in an A-label after mapping (x/net/idna accepts it)
		{"\uff58\uff4e--\u00e9", ""},                                          // the same, fullwidth
		{"x\u034fN\u200b-\u00ad-\u180cB\ufe00s\u2064s\U000e01efffl", "xn--bssffl"},                                           // ignored code points around an A-label (WPT IdnaTestV2)
		{"\u02e3\u034f\u2115\u200b\ufe63\u00ad\uff0d\u180c\u212c\ufe00\u017f\u2064\U0001d530\U000e01ef\ufb04", "xn--bssffl"}, // the same through compatibility mappings
		{"a\x00\u00e9", ""}, // a NUL cannot cross back as a C string
	} {
		got, ok := domainToASCII(c.in)
		if !ok {
			got = ""
		}
		if got != c.want {
			t.Errorf("domainToASCII(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestIDNAService(t *testing.T) {
	servicesMu.RLock()
	fn := services["idna"]
	servicesMu.RUnlock()
	if fn == nil {
		t.Fatal("service idna is not registered")
	}
	args, _ := json.Marshal("Bücher.example")
	if v, err := fn(string(args), nil); err != nil || v != "xn--bcher-kva.example" {
		t.Errorf("idna(Bücher.example) = %v, %v", v, err)
	}
	args, _ = json.Marshal("xn--a")
	if v, err := fn(string(args), nil); err != nil || v != nil {
		t.Errorf("idna(xn--a) = %v, %v; want undefined", v, err)
	}
	if _, err := fn(`{"x":1}`, nil); err == nil {
		t.Error("idna with an object argument did not fail")
	}
}
