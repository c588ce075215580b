package wasmhost

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"
)

func tzCanonical(t *testing.T, name string) string {
	t.Helper()
	v, err := tzService(fmt.Sprintf(`{"z":%q}`, name), nil)
	if err != nil {
		t.Fatal(err)
	}
	return v.(string)
}

// tzAt answers [offset seconds, short name] of zone at the RFC 3339 instants in locale key loc.
func tzAt(t *testing.T, zone, loc string, instants ...string) [][2]any {
	t.Helper()
	ms := make([]int64, len(instants))
	for i, s := range instants {
		tm, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		ms[i] = tm.UnixMilli()
	}
	args, _ := json.Marshal(map[string]any{"z": zone, "t": ms, "l": loc})
	v, err := tzService(string(args), nil)
	if err != nil {
		t.Fatal(err)
	}
	var out [][2]any
	if v == "" {
		return nil // an unknown zone
	}
	if err := json.Unmarshal([]byte(v.(string)), &out); err != nil {
		t.Fatalf("%s: %v", v, err)
	}
	return out
}

func TestTZCanonicalNames(t *testing.T) {
	for in, want := range map[string]string{
		"America/New_York": "America/New_York", "america/NEW_york": "America/New_York", "US/Eastern": "America/New_York",
		"Asia/Kolkata": "Asia/Calcutta", "Asia/Kathmandu": "Asia/Katmandu", "Europe/Kyiv": "Europe/Kiev", "EST": "America/Panama",
		"PST": "America/Los_Angeles", "Etc/GMT+5": "Etc/GMT+5", "EST5EDT": "EST5EDT", "Pacific/Apia": "Pacific/Apia",
		"Mars/Base": "", "Factory": "", "": "", "America/New York": "", "../etc/passwd": "",
	} {
		if got := tzCanonical(t, in); got != want {
			t.Errorf("%q: got %q, want %q", in, got, want)
		}
	}
	if _, err := tzService(`not json`, nil); err == nil {
		t.Error("bad arguments: no error")
	}
}

func TestTZOffsets(t *testing.T) {
	cases := []struct {
		zone, loc, at string
		off           float64
		name          string
	}{
		{"America/New_York", "en", "2024-03-10T06:59:59Z", -5 * 3600, "EST"},
		{"America/New_York", "en", "2024-03-10T07:00:00Z", -4 * 3600, "EDT"},
		{"America/New_York", "en-GB", "2024-07-01T00:00:00Z", -4 * 3600, ""},
		{"America/New_York", "en", "1800-01-01T00:00:00Z", -(4*3600 + 56*60 + 2), ""}, // local mean time
		{"Europe/London", "en-GB", "2024-07-01T00:00:00Z", 3600, "BST"},
		{"Europe/London", "en-GB", "1970-07-01T00:00:00Z", 3600, ""}, // British Standard Time
		{"Europe/London", "de", "2024-01-01T00:00:00Z", 0, "GMT"},
		{"Europe/Berlin", "de", "2024-01-01T00:00:00Z", 3600, "MEZ"},
		{"Europe/Berlin", "de", "2024-07-01T00:00:00Z", 7200, "MESZ"},
		{"Europe/Berlin", "en", "2024-07-01T00:00:00Z", 7200, ""},
		{"Europe/Moscow", "en", "2012-06-01T00:00:00Z", 4 * 3600, ""},
		{"Europe/Moscow", "en", "2015-06-01T00:00:00Z", 3 * 3600, ""},
		{"Australia/Lord_Howe", "en", "2024-04-06T14:59:59Z", 11 * 3600, ""},
		{"Australia/Lord_Howe", "en", "2024-04-06T15:00:00Z", 10*3600 + 1800, ""},
		{"Asia/Katmandu", "en", "2024-01-01T00:00:00Z", 5*3600 + 45*60, ""},
		{"Asia/Calcutta", "en-IN", "2024-01-01T00:00:00Z", 5*3600 + 1800, "IST"},
		{"Pacific/Apia", "en", "2011-12-30T09:59:59Z", -10 * 3600, ""},
		{"Pacific/Apia", "en", "2011-12-30T10:00:00Z", 14 * 3600, ""},
		{"Pacific/Honolulu", "en", "2024-01-01T00:00:00Z", -10 * 3600, "HST"},
		{"Pacific/Honolulu", "nl", "2024-01-01T00:00:00Z", -10 * 3600, "HAST"},
		{"Asia/Shanghai", "en", "2024-01-01T00:00:00Z", 8 * 3600, ""}, // "CST" in the tz database
		{"America/Havana", "en", "2024-01-01T00:00:00Z", -5 * 3600, ""},
		{"Asia/Tokyo", "ja", "2024-01-01T00:00:00Z", 9 * 3600, "JST"},
		{"Africa/Casablanca", "en-GB", "2016-04-15T00:00:00Z", 3600, "WEST"},
		{"Africa/Casablanca", "en-GB", "2024-07-01T00:00:00Z", 3600, ""},
		{"Africa/Accra", "en", "1900-01-01T00:00:00Z", -968, ""}, // ICU's data for Accra is Abidjan's
	}
	for _, c := range cases {
		got := tzAt(t, c.zone, c.loc, c.at)
		if len(got) != 1 || got[0][0] != c.off || got[0][1] != c.name {
			t.Errorf("%s %s at %s: got %v, want [%v %q]", c.zone, c.loc, c.at, got, c.off, c.name)
		}
	}
	if got := tzAt(t, "Mars/Base", "en", "2024-01-01T00:00:00Z"); got != nil {
		t.Errorf("unknown zone: got %v", got)
	}
}
