package wasmhost

import (
	"strings"
	"testing"
)

// TestTZDataZonesGeographic: a zone whose ICU offsets are another zone's ("Name@Data" in
// tzTable) must name a geographic zone. "CET", "EET", "MET", "WET" and the like became links
// in tz 2024b (CET to Europe/Brussels), but a system zoneinfo built from an older release
// (Debian's 2025b package still is) keeps their own rules, so Europe/Amsterdam@CET gave
// Amsterdam +01:00 from 1900 to 1946 on such hosts, where Node 22 gives +00:00.
func TestTZDataZonesGeographic(t *testing.T) {
	for _, f := range strings.Fields(tzTable) {
		name, data, ok := strings.Cut(f, "@")
		if ok && !strings.Contains(data, "/") {
			t.Errorf("tzTable: %s takes its offsets from %q, which is not the same zone in every tz release; name the geographic zone it links to", name, data)
		}
	}
	for _, zone := range []string{"Europe/Amsterdam", "Europe/Luxembourg"} {
		got := tzAt(t, zone, "en", "1900-01-15T12:00:00Z", "1938-01-15T12:00:00Z", "1947-01-15T12:00:00Z")
		for i, want := range []float64{0, 0, 3600} {
			if len(got) != 3 || got[i][0] != want {
				t.Errorf("%s: offsets %v, want %v at instant %d (Node 22's, from Europe/Brussels)", zone, got, want, i)
			}
		}
	}
}
