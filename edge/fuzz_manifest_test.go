package edge

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// FuzzManifest feeds arbitrary bytes to ReadManifest as a build's manifest.json. Properties:
// no panic; it accepts exactly the JSON that encoding/json decodes into a Manifest of version
// 1, with the same content; and an accepted manifest round-trips: written back with
// encoding/json and read again, it is the same.
func FuzzManifest(f *testing.F) {
	f.Add([]byte(`{"version":1,"engine":"e","worker":"worker.js","bytecode":"worker.qjsc","base":"","appPath":"_app",` +
		`"files":{"/robots.txt":{"file":"client/robots.txt","size":10,"etag":"r","type":"text/plain"},` +
		`"/_app/immutable/a.js":{"file":"client/_app/immutable/a.js","size":3,"etag":"a","cacheControl":"public,max-age=31536000,immutable","gz":2,"br":1}},` +
		`"redirects":{"/about/":"../about"},"serverAssets":"server","routes":[{"id":"/","pattern":"^/$","prerender":true,` +
		`"config":{"runtime":"kitwasm","n":1.5,"x":[null,{}]},"methods":["GET"],"read":false}],"readRoutes":["/"]}`))
	f.Add([]byte(`{"version":1}`))
	f.Add([]byte(`{"version":2,"worker":"w.js"}`))
	f.Add([]byte(`{"version":1,"files":{"/a":null},"routes":[{"prerender":"auto"}]}`))
	f.Add([]byte(`{"version":1,"base":"\xff\xfe","files":{"\u00e9":{"file":"x","size":-1}}}`))
	f.Add([]byte(`{"version":1.0,"version":1}`))
	f.Add([]byte(`[1]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		read := func(b []byte) (*Manifest, error) {
			if err := os.WriteFile(filepath.Join(dir, ManifestFile), b, 0o644); err != nil {
				t.Fatal(err)
			}
			return ReadManifest(dir)
		}
		m, err := read(data)
		var ref Manifest
		refErr := json.Unmarshal(data, &ref)
		refOK := refErr == nil && ref.Version == 1
		if (err == nil) != refOK {
			t.Fatalf("ReadManifest: %v; encoding/json: %v, version %d", err, refErr, ref.Version)
		}
		if err != nil {
			return
		}
		if !reflect.DeepEqual(*m, ref) {
			t.Fatalf("ReadManifest read\n%#v\nencoding/json\n%#v", *m, ref)
		}
		out, err := json.Marshal(m)
		if err != nil {
			t.Fatalf("an accepted manifest does not marshal: %v", err)
		}
		m2, err := read(out)
		if err != nil {
			t.Fatalf("a marshalled manifest is refused: %v\n%s", err, out)
		}
		if !reflect.DeepEqual(m, m2) {
			t.Fatalf("round trip changed the manifest:\n%#v\n%#v", m, m2)
		}
	})
}
