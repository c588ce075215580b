package wasmhost

import (
	"encoding/json"
	"strings"

	"golang.org/x/net/idna"
	"golang.org/x/text/secure/bidirule"
	"golang.org/x/text/unicode/bidi"
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
		if label == "" && emptyACELabel(domain, i, len(labels)) {
			return "", false
		}
		if !strings.HasPrefix(label, "xn--") {
			continue // ASCII: no right-to-left code point
		}
		u, err := idna.Punycode.ToUnicode(label)
		if err != nil {
			return "", false
		}
		if bidirule.DirectionString(u) == bidi.RightToLeft && !bidirule.ValidString(u) {
			return "", false
		}
	}
	return out, true
}

// labelSeparators are the code points UTS #46 maps to U+002E FULL STOP.
var labelSeparators = strings.NewReplacer("\uFF0E", ".", "\u3002", ".", "\uFF61", ".")

// emptyACELabel reports whether label i (of n) of domain maps to "xn--": UTS #46 (revision
// 31 on) records an error for an "xn--" label whose Punycode part is empty, where x/net/idna
// gives an empty label. Only called for an empty label of the answer, which is rare.
func emptyACELabel(domain string, i, n int) bool {
	raw := strings.Split(labelSeparators.Replace(domain), ".")
	if len(raw) != n || raw[i] == "" {
		return false // a mapping made the dots, or the label was empty to begin with
	}
	// "a" keeps the label from being read as an A-label: this is the mapping alone.
	mapped, _ := urlIDNA.ToUnicode("a" + raw[i])
	return mapped == "axn--"
}
