package wasmhost

import (
	"encoding/json"
	"strings"
	"unicode"

	"golang.org/x/net/idna"
	"golang.org/x/text/secure/bidirule"
	"golang.org/x/text/unicode/bidi"
	"golang.org/x/text/unicode/norm"
)

// The idna service is the URL Standard's "domain to ASCII" for hosts that are not plain ASCII
// (jsengine/web/30_url.js keeps ASCII hosts without "xn--" labels on its own fast path): UTS
// #46 ToASCII with CheckHyphens=false, CheckBidi=true, CheckJoiners=true,
// UseSTD3ASCIIRules=false, Transitional_Processing=false and VerifyDnsLength=false (beStrict
// is false). golang.org/x/net/idna holds the exact UTS #46 mapping table (and its Unicode
// version's IdnaTestV2 passes), so the isolate keeps no table of its own.
//
// CheckBidi is applied as Node 22 (ada 2.9) and the WPT ToASCII cases have it: each label
// with a right-to-left code point (Bidi_Class R, AL or AN) must satisfy the Bidi Rule of RFC
// 5893; the other labels of such a domain are not held to it (x/net/idna's BidiRule option
// would reject "1.\u064A", which WPT's toascii.json accepts), so the option is not used.
//
// Arguments: the domain, already percent-decoded and UTF-8 decoded, as a JSON string. Answer:
// the ASCII domain, or undefined where domain to ASCII fails. The forbidden domain code
// point check that follows it in the host parser stays in JavaScript.
var urlIDNA = idna.New(
	idna.MapForLookup(),
	idna.Transitional(false),
	idna.CheckHyphens(false),
	idna.CheckJoiners(true),
	idna.StrictDomainName(false),
	idna.VerifyDNSLength(false),
)

func init() {
	RegisterService("idna", func(args string, _ []byte) (any, error) {
		var domain string
		if err := json.Unmarshal([]byte(args), &domain); err != nil {
			return nil, &ServiceError{Name: "TypeError", Message: "idna: the argument is not a string"}
		}
		if out, ok := domainToASCII(domain); ok {
			return out, nil
		}
		return nil, nil
	})
}

// domainToASCII is UTS #46 ToASCII with the URL Standard's options; ok is false on failure
// (any error UTS #46 records, or an empty result).
func domainToASCII(domain string) (string, bool) {
	out, err := urlIDNA.ToASCII(domain)
	// An answer crosses to JavaScript as a C string: a NUL (a forbidden domain code point,
	// which fails the host anyway) fails here.
	if err != nil || out == "" || strings.IndexByte(out, 0) >= 0 {
		return "", false
	}
	labels := strings.Split(out, ".")
	for i, label := range labels {
		if label == "" && idnaEmptyACELabel(domain, i, len(labels)) {
			return "", false
		}
		if !strings.HasPrefix(label, "xn--") {
			continue // ASCII: no right-to-left code point, no joiner
		}
		u, err := idna.Punycode.ToUnicode(label)
		if err != nil {
			return "", false
		}
		if bidirule.DirectionString(u) == bidi.RightToLeft && !bidirule.ValidString(u) {
			return "", false
		}
		if strings.ContainsRune(u, '\u200C') && !idnaZWNJFollowed(u) {
			return "", false
		}
	}
	// x/net/idna decodes an "xn--" label that has non-ASCII code points after mapping, which
	// UTS #46 (processing step 4.1) makes an error. A label that maps to ASCII only is an
	// A-label like any other, even if it was written with non-ASCII code points (ignored ones
	// such as U+200B, or compatibility forms such as U+FE63 for "-").
	if !idnaASCII(domain) {
		for raw := range strings.SplitSeq(idnaLabelSeparators.Replace(domain), ".") {
			if idnaASCII(raw) {
				continue
			}
			if m := idnaMapLabel(raw); strings.HasPrefix(m, "xn--") && !idnaASCII(m) {
				return "", false
			}
		}
	}
	return out, true
}

func idnaASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// mapLabel is UTS #46 mapping and normalization of one label: the "a" in front keeps an
// "xn--" label from being decoded.
func idnaMapLabel(raw string) string {
	mapped, _ := urlIDNA.ToUnicode("a" + raw)
	return mapped[1:]
}

// idnaJoiningScripts are the scripts whose letters join (Joining_Type R, D or L).
var idnaJoiningScripts = []*unicode.RangeTable{
	unicode.Arabic, unicode.Syriac, unicode.Nko, unicode.Mongolian, unicode.Mandaic, unicode.Manichaean,
	unicode.Psalter_Pahlavi, unicode.Phags_Pa, unicode.Adlam, unicode.Hanifi_Rohingya, unicode.Sogdian,
	unicode.Old_Uyghur, unicode.Chorasmian,
}

// zwnjFollowed completes x/net/idna's CheckJoiners rule for U+200C (RFC 5892 appendix A.1):
// after the ZWNJ and any transparent code points must come a code point of Joining_Type R or
// D, where x/net/idna also accepts a non-joining one (its state machine treats Joining_Type U
// like R there). x/net/idna has already failed Joining_Type L and a missing follower, so what
// is left to tell apart is R from U: R is taken to be a letter of a joining script other than
// the hamzas (Joining_Type data is not in Go's tables).
func idnaZWNJFollowed(label string) bool {
	rs := []rune(label)
	for i, r := range rs {
		if r != '\u200C' || i > 0 && norm.NFC.PropertiesString(string(rs[i-1])).CCC() == 9 {
			continue // not a ZWNJ, or one after a virama
		}
		j := i + 1
		for j < len(rs) && unicode.In(rs[j], unicode.Mn, unicode.Me, unicode.Cf) && rs[j] != '\u200C' && rs[j] != '\u200D' {
			j++
		}
		if j == len(rs) {
			return false
		}
		c := rs[j]
		if c == '\u0621' || c == '\u0674' || !unicode.IsLetter(c) || !unicode.In(c, idnaJoiningScripts...) {
			return false // the hamzas are the letters of Joining_Type U here
		}
	}
	return true
}

// idnaLabelSeparators are the code points UTS #46 maps to U+002E FULL STOP.
var idnaLabelSeparators = strings.NewReplacer("\uFF0E", ".", "\u3002", ".", "\uFF61", ".")

// emptyACELabel reports whether label i (of n) of domain maps to "xn--": UTS #46 (revision
// 31 on) records an error for an "xn--" label whose Punycode part is empty, where x/net/idna
// gives an empty label. Only called for an empty label of the answer, which is rare.
func idnaEmptyACELabel(domain string, i, n int) bool {
	raw := strings.Split(idnaLabelSeparators.Replace(domain), ".")
	if len(raw) != n || raw[i] == "" {
		return false // a mapping made the dots, or the label was empty to begin with
	}
	return idnaMapLabel(raw[i]) == "xn--"
}
